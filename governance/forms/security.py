"""Input of the second-factor pages and the audit log filter."""

from django import forms
from django.utils.translation import gettext_lazy as _

from governance.models import AuditEvent


class SecondFactorCodeForm(forms.Form):
    token = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("The six digits your authenticator app shows, or one of your recovery codes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )


class AuditFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Event"), required=False, choices=[("", _("All")), *AuditEvent.Kind.choices]
    )
    account = forms.CharField(label=_("Account"), required=False, max_length=254)
    address = forms.CharField(label=_("From address"), required=False, max_length=45)
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
