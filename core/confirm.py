"""Confirm, then act: the one shape of every page that asks «are you sure?» before a move.

A GET shows the question with one button; the POST makes the move through the service the view
passes in. Done, the person goes where the view says with a success message; refused, the same
page comes back (400) with the reason at the top, and nothing changed.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render


@dataclass(frozen=True)
class Confirmation:
    """What the confirmation page says: its title, the question, the button and the way back."""

    title: str
    question: str
    button: str
    cancel_url: str
    details: Sequence[str] = ()
    danger: bool = False
    cancel_label: str = ""
    breadcrumbs: str = ""
    context: dict = field(default_factory=dict)


def confirm_then_act(
    request: HttpRequest,
    confirmation: Confirmation,
    *,
    act: Callable[[], object],
    done: str,
    next_url: str,
) -> HttpResponse:
    """Ask on GET; on POST call ``act()``, then say ``done`` and go to ``next_url``."""
    errors: list[str] = []
    if request.method == "POST":
        try:
            act()
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, done)
            return redirect(next_url)
    return render(
        request,
        "core/confirm.html",
        {**confirmation.context, "confirmation": confirmation, "errors": errors},
        status=400 if errors else 200,
    )
