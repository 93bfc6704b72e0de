"""Show a service's refusal to the person who asked: on the form they filled in, or on the page.

Every view that calls a service catches ``ValidationError`` and hands it here, so a refusal
always reads the same way: next to the field it names, at the top of the form, or as an error
message on the page the person is sent back to.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest


def show_refusal(target: forms.BaseForm | HttpRequest, error: ValidationError) -> None:
    """Show ``error`` on the form's fields it names (the rest at its top) or as a page message."""
    if isinstance(target, forms.BaseForm):
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                target.add_error(field if field in target.fields else None, errors)
        else:
            target.add_error(None, error)
        return
    messages.error(target, " ".join(error.messages))
