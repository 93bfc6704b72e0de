"""Input validation for the people pages and sign-in; the services do the work."""

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from governance.models import Entity, Invitation, User, check_role_and_entity


class EmailAuthenticationForm(AuthenticationForm):
    """Sign-in with the e-mail address, with a message that does not reveal which part failed."""

    error_messages = {
        "invalid_login": _(
            "The e-mail address or the password is wrong. Check both and try again."
        ),
        "inactive": _("This account is inactive. Contact the secretariat."),
    }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("E-mail address")
        self.fields["username"].widget = forms.EmailInput(
            attrs={"autocomplete": "email", "autofocus": True}
        )


class InvitationForm(forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ["full_name", "email", "role", "entity"]
        help_texts = {
            "entity": _(
                "Required for secretariat staff, representatives and specialists; "
                "leave empty for organisation contacts and members of the Government."
            ),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["entity"].queryset = Entity.objects.order_by("paragraph")
        self.fields["email"].widget.attrs["autocomplete"] = "off"

    def clean(self) -> dict:
        data = super().clean()
        if "role" in data and "entity" in data:
            try:
                check_role_and_entity(role=data["role"], entity=data["entity"])
            except forms.ValidationError as error:
                self.add_error(None, error)
        return data

    def _post_clean(self) -> None:
        """Leave model validation to the service: the form only checks the input."""


class SetPasswordForm(forms.Form):
    """Choose the password of the account an invitation creates."""

    password1 = forms.CharField(
        label=_("New password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Repeat the password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, invitation: Invitation, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.invitation = invitation

    def clean_password1(self) -> str:
        password = self.cleaned_data["password1"]
        # Judge it against the person's own name and address, as Django's validators can.
        person = User(email=self.invitation.email, full_name=self.invitation.full_name)
        password_validation.validate_password(password, person)
        return password

    def clean(self) -> dict:
        data = super().clean()
        if (
            data.get("password1")
            and data.get("password2")
            and data["password1"] != data["password2"]
        ):
            self.add_error(
                "password2",
                forms.ValidationError(_("The two passwords differ."), code="password_mismatch"),
            )
        return data
