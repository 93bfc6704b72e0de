"""Form rendering shared by every form of the portal, and the portal's own forms."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _

from smartcities_portal.search import MAX_QUERY_LENGTH


class PortalFormRenderer(TemplatesSetting):
    """Render every form with an error summary that links to the fields in error."""

    form_template_name = "forms/portal_form.html"


class SearchForm(forms.Form):
    """What a person types in the search box: some letters or digits, at most a line long."""

    q = forms.CharField(label=_("Search for"), max_length=MAX_QUERY_LENGTH, required=False)

    def clean_q(self) -> str:
        text = self.cleaned_data["q"]
        if text and not any(character.isalnum() for character in text):
            raise ValidationError(
                _("Type at least one letter or digit: punctuation alone finds nothing."),
                code="no_word",
            )
        return text
