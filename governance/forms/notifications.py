"""The e-mail preferences form: one box per kind of notification."""

from django import forms

from governance.models import Notification


class NotificationPreferencesForm(forms.Form):
    """A box per kind, ticked when the person wants that kind by e-mail."""

    def __init__(self, *args, email_off: set[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for kind, label in Notification.Kind.choices:
            self.fields[kind] = forms.BooleanField(
                label=label, required=False, initial=kind not in email_off
            )
