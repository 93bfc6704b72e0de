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


class StashedForm(models.Model):
    """What someone typed into a form and posted after their session had ended.

    Kept under a random token (also in a cookie of the same browser) until they sign in again
    and come back to the form, which then shows the text instead of losing it (core.stashed_forms).
    """

    token = models.CharField(_("token"), max_length=64, unique=True)
    path = models.CharField(_("address"), max_length=500)
    data = models.JSONField(_("posted fields"))
    created_at = models.DateTimeField(_("kept at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("form kept after a session ended")
        verbose_name_plural = _("forms kept after a session ended")

    def __str__(self) -> str:
        return f"{self.path} · {self.created_at:%Y-%m-%d %H:%M}"
