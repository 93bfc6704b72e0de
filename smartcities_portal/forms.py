"""Form rendering shared by every form of the portal."""

from django.forms.renderers import TemplatesSetting


class PortalFormRenderer(TemplatesSetting):
    """Render every form with an error summary that links to the fields in error."""

    form_template_name = "forms/portal_form.html"
