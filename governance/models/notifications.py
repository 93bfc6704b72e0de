"""What the portal tells each person: in-app notifications, their e-mail preferences, and the
record of reminders already sent (so that each goes out once)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class NotificationQuerySet(models.QuerySet):
    def unread(self) -> "NotificationQuerySet":
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """One thing that happened that one person should know about, with where to see it."""

    class Kind(models.TextChoices):
        SECTION_ASSIGNED = "section_assigned", _("A section was assigned to me")
        COMMENT = "comment", _("A comment on a section I edit, or a reply to my comment")
        SECTION_SUBMITTED = (
            "section_submitted",
            _("A section I coordinate awaits review"),
        )
        SECTION_DECIDED = "section_decided", _("A section I edit was approved or reopened")
        AGENDA_SUBMITTED = "agenda_submitted", _("An agenda was submitted for approval")
        MEETING = "meeting", _("A meeting was convened, changed or cancelled")
        SPECIALIST_REQUESTED = "specialist_requested", _("A specialist was requested")
        SPECIALIST_DECIDED = "specialist_decided", _("My request for a specialist was decided")
        MINUTES_CIRCULATED = "minutes_circulated", _("Draft minutes were circulated")
        CONTRIBUTION_SUBMITTED = "contribution_submitted", _("A contribution was submitted")
        REVIEWER_ASSIGNED = "reviewer_assigned", _("A contribution was given to me to review")
        CONTRIBUTION_DECIDED = "contribution_decided", _("A contribution was decided")
        RELEASE = "release", _("A release was published or shared with me")
        REMINDER = "reminder", _("Reminders: meetings, action items, calls and minutes")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=40, choices=Kind)
    text = models.CharField(_("text"), max_length=300)
    link = models.CharField(_("link"), max_length=500, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    created = models.DateTimeField(_("created"), default=timezone.now)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(
                fields=["recipient"], condition=Q(read_at__isnull=True), name="notification_unread"
            ),
            models.Index(fields=["recipient", "-created"], name="notification_recent"),
        ]

    def __str__(self) -> str:
        return self.text


class NotificationPreference(models.Model):
    """Whether a person gets e-mail for one kind of notification (no row: yes)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(_("kind"), max_length=40, choices=Notification.Kind)
    email = models.BooleanField(_("send e-mail"), default=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.kind}"


class SentReminder(models.Model):
    """A reminder already sent, by key (what, about which object, which day): sent once."""

    key = models.CharField(_("key"), max_length=200, unique=True)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("sent reminder")
        verbose_name_plural = _("sent reminders")

    def __str__(self) -> str:
        return self.key
