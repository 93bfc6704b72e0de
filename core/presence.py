"""Presence: who else has an object open for editing, as Wagtail's concurrent-editing notices.

The edit form sends a heartbeat every ``heartbeat_seconds()``; a person not heard from for
``EXPIRES_AFTER`` is gone. Generic over any model (content type + id), so sections, minutes or
anything else edited by several people use the same rows, the same fragment
(``core/_presence.html``, with ``static/js/presence.js``) and the same answers: each app's view
checks access first, describes what is edited in a ``PresenceTarget`` and hands the request to
``presence_answer`` (its edit view renders the fragment with ``presence_context``).

- A GET answers the list and stores nothing (the object's page refreshes it).
- A POST is the edit form's heartbeat, only from someone who may edit: it records them and
  answers the list and, once, the notice that someone saved past the form's base revision.
- Signed out, the fragment says so in place and the polling stops (``presence_signed_out``).

The requests carry ``X-Portal-Background``: they are the page's activity, not the person's, so
they never keep an idle session alive (governance.middleware.IdleSessionMiddleware).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.compiled_reads import compiled_read, instance_from
from core.models import Presence

#: htmx stops polling on this status (and still swaps the answer in).
STOP_POLLING = 286

EXPIRES_AFTER = timedelta(seconds=90)


def heartbeat_seconds() -> int:
    """How often an open edit form says it is still open (``PRESENCE_HEARTBEAT_SECONDS``, 30)."""
    return getattr(settings, "PRESENCE_HEARTBEAT_SECONDS", 30)


def presence_record(*, obj: models.Model, user) -> None:
    """Note that ``user`` has ``obj`` open for editing now, and forget whoever went quiet.

    One upsert (no read-then-write race between two heartbeats of the same person) and one
    delete of the object's stale rows, whatever the number of people.
    """
    content_type = ContentType.objects.get_for_model(obj)
    now = timezone.now()
    Presence.objects.bulk_create(
        [Presence(content_type=content_type, object_id=obj.pk, user=user, seen_at=now)],
        update_conflicts=True,
        unique_fields=["content_type", "object_id", "user"],
        update_fields=["seen_at"],
    )
    Presence.objects.filter(
        content_type=content_type, object_id=obj.pk, seen_at__lt=now - EXPIRES_AFTER
    ).delete()


def presence_leave(*, obj: models.Model, user) -> None:
    """Forget that ``user`` has ``obj`` open (they saved or left)."""
    Presence.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk, user=user
    ).delete()


class PresentPerson(NamedTuple):
    """Someone else heard from on an object: the person, with only their name read."""

    user: Any


@compiled_read(content_type_id=int, object_id=int, since=datetime, user_id=int)
def _present_others(
    *, content_type_id: int, object_id: int, since: datetime, user_id: int
) -> models.QuerySet:
    return (
        Presence.objects.filter(
            content_type_id=content_type_id, object_id=object_id, seen_at__gte=since
        )
        .exclude(user_id=user_id)
        .order_by("user")  # the user model's own ordering (by name here)
        .values("user__id", "user__full_name")  # all the lists show
    )


def present_others(obj: models.Model, user) -> list[PresentPerson]:
    """Give the people other than ``user`` heard from on ``obj`` within the expiry, by name."""
    people = get_user_model()
    rows = _present_others(
        content_type_id=ContentType.objects.get_for_model(obj).pk,
        object_id=obj.pk,
        since=timezone.now() - EXPIRES_AFTER,
        user_id=user.pk,
    )
    return [PresentPerson(instance_from(people, row, prefix="user__")) for row in rows]


# --- The fragment and its answers, shared by every app's presence view --------------------------


@dataclass(frozen=True)
class NewerRevision:
    """A revision someone saved past an edit form's base: its number, who, where to see it."""

    revision: int
    by: Any = None  # the person who saved it, if known
    url: str = ""  # a page that shows what changed, if there is one


@dataclass(frozen=True)
class PresenceTarget:
    """What a presence fragment is about; the app's view builds it once access is checked."""

    obj: models.Model  # whose presence rows: the object the edit form changes
    url: str  # the app's presence view: the list (GET) and the heartbeat (POST)
    revision: int  # the object's current revision; 0 while nothing is saved yet
    nobody_text: str  # what the list says when nobody else is there
    #: Who saved past a base revision (called only with a base lower than ``revision``).
    newer_than: Callable[[int], NewerRevision | None]
    #: The lowest base revision an edit form can hold (0 where it can start before a first save).
    lowest_revision: int = 1


class HeartbeatForm(forms.Form):
    """What the edit form's heartbeat sends: the revision it started from (its base) and the
    newest revision it was already told about, so that the notice comes once."""

    base_revision = forms.IntegerField()
    seen_revision = forms.IntegerField(min_value=0, required=False)

    def __init__(self, *args, revisions: range, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.revisions = revisions

    def clean_base_revision(self) -> int:
        base = self.cleaned_data["base_revision"]
        if base not in self.revisions:
            raise ValidationError(gettext_lazy("This revision does not exist."), "no_revision")
        return base


def presence_context(request: HttpRequest, target: PresenceTarget, *, editing: bool) -> dict:
    """What ``core/_presence.html`` needs; an open edit form also counts as a heartbeat."""
    if editing:
        presence_record(obj=target.obj, user=request.user)
    return {
        "presence": target,
        "present": present_others(target.obj, request.user),
        "presence_editing": editing,
        "heartbeat_seconds": heartbeat_seconds(),
    }


def presence_answer(
    request: HttpRequest, target: PresenceTarget, *, may_edit: Callable[[], bool]
) -> HttpResponse:
    """Answer the presence view: the list on a GET, the heartbeat on a POST.

    A heartbeat from someone who may not edit is refused (403) and one with a base revision the
    object never had is a 400; neither stores anything.
    """
    if request.method == "GET":
        return render(
            request,
            "core/_presence.html#presence-list",
            presence_context(request, target, editing=False),
        )
    if not may_edit():
        raise PermissionDenied
    form = HeartbeatForm(request.POST, revisions=range(target.lowest_revision, target.revision + 1))
    if not form.is_valid():
        return HttpResponse(_("This revision does not exist."), status=400)
    context = presence_context(request, target, editing=True)
    base, seen = form.cleaned_data["base_revision"], form.cleaned_data["seen_revision"] or 0
    newer = target.newer_than(base) if base < target.revision else None
    context["newer"] = newer if newer and newer.revision > seen else None
    return render(request, "core/_presence.html#heartbeat", context)


def presence_signed_out(request: HttpRequest, *, edit_url: str) -> HttpResponse:
    """The session ended while the edit form was open: say so in place (htmx), not a redirect."""
    if not request.htmx:
        return redirect_to_login(edit_url)
    response = render(request, "core/_presence.html#signed-out", {"edit_url": edit_url})
    response.status_code = STOP_POLLING
    response["HX-Retarget"] = "#aviso-revisao"
    response["HX-Reswap"] = "innerHTML"
    return response
