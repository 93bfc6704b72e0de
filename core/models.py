"""Models of the shared mechanisms: who has an object open for editing (presence)."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Presence(models.Model):
    """A person has an object open in an edit form; refreshed by a heartbeat, stale after a while.

    Kept in the database, not in a per-process cache, so that every web process sees the same
    list; one row per person and object, overwritten by each heartbeat (core.presence).
    """

    content_type = models.ForeignKey(
        ContentType, verbose_name=_("content type"), on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(_("object id"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    seen_at = models.DateTimeField(_("last seen at"), default=timezone.now)

    class Meta:
        verbose_name = _("presence")
        verbose_name_plural = _("presences")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "user"], name="presence_one_per_person"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id", "seen_at"])]

    def __str__(self) -> str:
        return f"{self.user} · {self.content_type.model} {self.object_id}"
