"""Presence: who else has an object open for editing, as Wagtail's concurrent-editing notices.

The edit form sends a heartbeat every ``heartbeat_seconds()``; a person not heard from for
``EXPIRES_AFTER`` is gone. Generic over any model (content type + id), so sections, minutes or
anything else edited by several people use the same rows; each app adds a thin view that checks
access first and renders its own fragment.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from core.models import Presence

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


def present_others(obj: models.Model, user) -> list[Presence]:
    """Give the people other than ``user`` heard from on ``obj`` within the expiry, by name."""
    return list(
        Presence.objects.filter(
            content_type=ContentType.objects.get_for_model(obj),
            object_id=obj.pk,
            seen_at__gte=timezone.now() - EXPIRES_AFTER,
        )
        .exclude(user=user)
        .select_related("user")
        .only("user__full_name")  # all the lists show
        .order_by("user")  # the user model's own ordering (by name here)
    )
