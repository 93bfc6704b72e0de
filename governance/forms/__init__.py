"""Input validation for governance pages; the services do the work."""

from governance.forms.people import EmailAuthenticationForm, InvitationForm, SetPasswordForm

__all__ = ["EmailAuthenticationForm", "InvitationForm", "SetPasswordForm"]
