"""The group's meetings (run by the secretariat, n.º 8): agenda approved beforehand, specialists
admitted per agenda item (n.º 5), invited organisations (n.º 6), attendance, minutes, calendars."""

import datetime
import hashlib
import uuid

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from core.models import StoredFile

MINUTES_MAX_LENGTH = 200_000
TEXT_MAX_LENGTH = 5_000
MAX_ITEM_MINUTES = 480


class MeetingQuerySet(models.QuerySet):
    def upcoming(self, now: datetime.datetime | None = None) -> "MeetingQuerySet":
        """Meetings not over yet (at ``now``, the present by default), soonest first."""
        return self.filter(ends_at__gte=now or timezone.now()).order_by("starts_at", "pk")

    def past(self) -> "MeetingQuerySet":
        return self.filter(ends_at__lt=timezone.now()).order_by("-starts_at", "-pk")

    def overlapping(self, starts_at, ends_at) -> "MeetingQuerySet":
        """Meetings not cancelled whose time shares at least a minute with the given span."""
        return self.exclude(state=Meeting.State.CANCELLED).filter(
            starts_at__lt=ends_at, ends_at__gt=starts_at
        )


class Meeting(models.Model):
    """A meeting of the group; every change is a version (django-simple-history)."""

    class State(models.TextChoices):
        PLANNED = "planned", _("Planned")
        CONVENED = "convened", _("Convened")
        HELD = "held", _("Held")
        CLOSED = "closed", _("Closed")
        CANCELLED = "cancelled", _("Cancelled")

    class AgendaState(models.TextChoices):
        # The agenda is feminine in Portuguese («ordem de trabalhos»): its own context.
        DRAFT = "draft", pgettext_lazy("agenda state", "Draft")
        SUBMITTED = "submitted", pgettext_lazy("agenda state", "Submitted")
        APPROVED = "approved", pgettext_lazy("agenda state", "Approved")

    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    video_url = models.URLField(_("video-call link"), blank=True, max_length=500)
    notes = models.TextField(
        _("notes"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)]
    )
    state = models.CharField(_("state"), max_length=20, choices=State, default=State.PLANNED)
    agenda_state = models.CharField(
        _("agenda"), max_length=20, choices=AgendaState, default=AgendaState.DRAFT
    )
    agenda_approved_at = models.DateTimeField(_("agenda approved at"), null=True, blank=True)
    agenda_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("agenda approved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # The iCalendar UID stays the same for the meeting's whole life; SEQUENCE grows with each
    # change that was sent, so calendar programs replace the event rather than add another.
    uid = models.UUIDField(
        _("calendar identifier"), default=uuid.uuid4, unique=True, editable=False
    )
    sequence = models.PositiveIntegerField(_("calendar sequence"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    convened_at = models.DateTimeField(_("convened at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    # The revision an edit form starts from (core.editing): a stale save merges, never reverts.
    revision = models.PositiveIntegerField(_("revision"), default=1)

    objects = MeetingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="meeting_ends_after_it_starts",
                violation_error_message=_("The meeting must end after it starts."),
            ),
            models.CheckConstraint(
                condition=~Q(place="") | ~Q(video_url=""),
                name="meeting_has_a_place_or_a_link",
                violation_error_message=_("Give a place, a video-call link or both."),
            ),
        ]
        indexes = [models.Index(fields=["starts_at", "ends_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:meeting", kwargs={"meeting_id": self.pk})

    @property
    def is_open(self) -> bool:
        """Say whether the meeting can still be changed (not held, closed or cancelled)."""
        return self.state in {self.State.PLANNED, self.State.CONVENED}

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def takes_attendance(self) -> bool:
        """Attendance is recorded once a convened meeting has started, as for «realizada»."""
        return self.state in {self.State.CONVENED, self.State.HELD} and self.has_started

    @property
    def calendar_uid(self) -> str:
        return f"reuniao-{self.uid}@smartcities-portal"


class AgendaItem(models.Model):
    """A point of a meeting's agenda; the sections concerned link to it from the strategy app."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="items"
    )
    position = models.PositiveIntegerField(_("order"), default=1)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(
        _("description"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)]
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("expected duration (minutes)"),
        default=15,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_ITEM_MINUTES)],
    )
    presenter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("presenter"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("proposed at"), default=timezone.now)
    # The revision an edit form starts from (core.editing): a stale save merges, never reverts.
    revision = models.PositiveIntegerField(_("revision"), default=1)

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "position", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=1, duration_minutes__lte=MAX_ITEM_MINUTES),
                name="agenda_item_duration_in_range",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:item", kwargs={"meeting_id": self.meeting_id, "item_id": self.pk})


class AgendaItemUserObjectPermission(UserObjectPermissionBase):
    """Per-item grants (admitted specialists, invited organisations) with a real foreign key."""

    content_object = models.ForeignKey(AgendaItem, on_delete=models.CASCADE)


class AgendaItemGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(AgendaItem, on_delete=models.CASCADE)


class Material(StoredFile):
    """A document attached to an agenda item, stored under a random name, served by a view."""

    item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.CASCADE,
        related_name="materials",
    )

    class Meta:
        ordering = ["item", "uploaded_at", "pk"]
        verbose_name = _("material")
        verbose_name_plural = _("materials")

    def get_absolute_url(self) -> str:
        return reverse(
            "meetings:material",
            kwargs={"meeting_id": self.item.meeting_id, "material_id": self.pk},
        )


class SpecialistRequest(models.Model):
    """A representative's request to bring a specialist of their entity to named items (n.º 5)."""

    class State(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        ADMITTED = "admitted", _("Admitted")
        REFUSED = "refused", _("Refused")

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.PROTECT,
        related_name="specialist_requests",
    )
    specialist = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("specialist"),
        on_delete=models.PROTECT,
        related_name="specialist_requests",
    )
    items = models.ManyToManyField(
        AgendaItem, verbose_name=_("agenda items"), related_name="specialist_requests"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    state = models.CharField(_("state"), max_length=20, choices=State, default=State.REQUESTED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "requested_at", "pk"]
        verbose_name = _("specialist request")
        verbose_name_plural = _("specialist requests")
        permissions = [
            (
                "attend_as_specialist",
                _("Be admitted to named agenda items as a technical specialist"),
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "specialist"],
                condition=~Q(state="refused"),
                name="one_live_request_per_specialist_and_meeting",
                violation_error_message=_(
                    "This specialist has already been requested for this meeting."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.specialist} · {self.meeting}"


class GuestInvitation(models.Model):
    """An organisation's contact invited to named items of a meeting (n.º 6)."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="guests"
    )
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("organisation contact"),
        on_delete=models.PROTECT,
        related_name="meeting_invitations",
    )
    items = models.ManyToManyField(
        AgendaItem, verbose_name=_("agenda items"), related_name="guest_invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    invited_at = models.DateTimeField(_("invited at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "invited_at", "pk"]
        verbose_name = _("invited organisation")
        verbose_name_plural = _("invited organisations")
        permissions = [
            ("attend_as_guest", _("Be invited to named agenda items for an organisation")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "contact"],
                name="one_invitation_per_contact_and_meeting",
                violation_error_message=_("This contact is already invited to this meeting."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contact} · {self.meeting}"


class Attendance(models.Model):
    """Who attended: members present, absent or represented; the rest present or absent.

    Members are the representatives who hold the seats of n.º 4; the secretariat's staff
    support the meeting (n.º 8) and are recorded apart, outside the members' count.
    """

    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        ABSENT = "absent", _("Absent")
        REPRESENTED = "represented", _("Represented")

    class Capacity(models.TextChoices):
        MEMBER = "member", _("Member")
        SECRETARIAT = "secretariat", _("Secretariat")
        SPECIALIST = "specialist", _("Specialist")
        GUEST = "guest", _("Invited organisation")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="attendance"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="attendance",
    )
    capacity = models.CharField(_("capacity"), max_length=20, choices=Capacity)
    status = models.CharField(_("attendance"), max_length=20, choices=Status)
    represented_by = models.CharField(_("represented by"), max_length=150, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "capacity", "person__full_name"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="one_attendance_per_person"),
            models.CheckConstraint(
                condition=Q(status="represented", capacity="member") & ~Q(represented_by="")
                | (~Q(status="represented") & Q(represented_by="")),
                name="only_members_are_represented_and_by_someone",
                violation_error_message=_(
                    "Only a member can be represented, and then say by whom."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.get_status_display()}"


class Minutes(models.Model):
    """The minutes of a meeting; every save is a version; read-only once approved."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        CIRCULATED = "circulated", _("Circulated")
        APPROVED = "approved", _("Approved")

    meeting = models.OneToOneField(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="minutes"
    )
    body = models.TextField(
        _("text"), blank=True, validators=[MaxLengthValidator(MINUTES_MAX_LENGTH)]
    )
    state = models.CharField(_("state"), max_length=20, choices=State, default=State.DRAFT)
    revision = models.PositiveIntegerField(_("revision"), default=1)
    updated_at = models.DateTimeField(_("last change"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last changed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    circulated_at = models.DateTimeField(_("circulated at"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")
        constraints = [
            models.CheckConstraint(condition=Q(revision__gte=1), name="minutes_revision_positive"),
        ]

    def __str__(self) -> str:
        return str(self.meeting)

    def get_absolute_url(self) -> str:
        return reverse("meetings:minutes", kwargs={"meeting_id": self.meeting_id})


class Decision(models.Model):
    """A decision the minutes record, optionally on one agenda item."""

    minutes = models.ForeignKey(
        Minutes, verbose_name=_("minutes"), on_delete=models.CASCADE, related_name="decisions"
    )
    item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
    )
    text = models.TextField(_("decision"), validators=[MaxLengthValidator(TEXT_MAX_LENGTH)])
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["minutes", "recorded_at", "pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return self.text[:60]


class ActionItem(models.Model):
    """Something to do that the minutes give to a person, by a date."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    minutes = models.ForeignKey(
        Minutes, verbose_name=_("minutes"), on_delete=models.CASCADE, related_name="action_items"
    )
    description = models.CharField(_("action"), max_length=500)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="action_items",
    )
    due_on = models.DateField(_("due"))
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.OPEN)
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        indexes = [models.Index(fields=["owner", "status"])]

    def __str__(self) -> str:
        return self.description


class CalendarFeed(models.Model):
    """A person's private calendar subscription; only the token's hash is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="calendar_feeds",
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(revoked_at__isnull=True),
                name="one_live_calendar_feed_per_person",
            ),
        ]

    def __str__(self) -> str:
        return str(self.user)

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()
