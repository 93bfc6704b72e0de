"""Reads of governance data, shaped for the pages that show them."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Window
from django.utils import timezone

from core.compiled_reads import CompiledRead, Later, compiled_read, instance_from
from core.permissions import is_active
from governance import permissions
from governance.meeting_notices import recipients
from governance.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    CalendarFeed,
    Entity,
    GuestInvitation,
    Invitation,
    Material,
    Meeting,
    Minutes,
    Notification,
    NotificationPreference,
    Role,
    SpecialistRequest,
    User,
    WorkingGroup,
)


@compiled_read()
def _working_group_rows() -> QuerySet[WorkingGroup]:
    columns = [field.attname for field in WorkingGroup._meta.concrete_fields]
    return WorkingGroup.objects.order_by("pk").values(*columns)[:1]


def working_group() -> WorkingGroup | None:
    """Return the group record (n.º 1); None only before the data migrations ran. Every page
    heads with its name: a compiled read."""
    return _group_of(_working_group_rows())


def _group_of(rows: list[dict]) -> WorkingGroup | None:
    return instance_from(WorkingGroup, rows[0]) if rows else None


def header_reads(user: User | None) -> tuple[Later[WorkingGroup | None], Later[int]]:
    """``working_group()`` and ``unread_notification_count(user)``, sent: every page heads with
    both, and in ``compiled_reads.together()`` they share one round trip."""
    return _working_group_rows.later().then(_group_of), _unread_count_sent(user)


def entities_with_seats() -> QuerySet[Entity]:
    """Entities in the order of n.º 4, each with its active representatives prefetched."""
    representatives = User.objects.filter(role=Role.REPRESENTATIVE, is_active=True).order_by(
        "full_name"
    )
    return (
        Entity.objects.with_seat_counts()
        .prefetch_related(Prefetch("members", representatives, to_attr="representatives"))
        .order_by("paragraph")
    )


def people_for_management() -> QuerySet[User]:
    return User.objects.select_related("entity").order_by("-is_active", "role", "full_name")


def invitations_pending() -> QuerySet[Invitation]:
    return Invitation.objects.pending().select_related("entity", "invited_by")


def invitation_by_token(token: str) -> Invitation | None:
    """Find the invitation a link's token belongs to, whatever its state."""
    return (
        Invitation.objects.select_related("entity")
        .filter(token_hash=Invitation.hash_token(token))
        .first()
    )


# Meetings ----------------------------------------------------------------------------------------


def meetings_for_list(user: User) -> tuple[QuerySet[Meeting], QuerySet[Meeting]]:
    """Upcoming and past meetings the person may see, each with its number of visible items."""
    counted = Count("items")
    if not permissions.sees_every_meeting(user):
        counted = Count("items", filter=Q(items__in=permissions.granted_items(user)))
    visible = permissions.meetings_visible_to(user).annotate(item_count=counted)
    return visible.upcoming(), visible.past()


def _items_with_detail(items: QuerySet[AgendaItem]) -> QuerySet[AgendaItem]:
    return (
        items.select_related("presenter", "proposed_by")
        .prefetch_related(
            Prefetch("materials", Material.objects.select_related("uploaded_by")),
            # Declared on the strategy side (Section.agenda_items); read through the reverse
            # relation so that governance imports nothing from the layer above.
            "sections__deliverable",
        )
        .order_by("position", "pk")
    )


@dataclass
class MeetingPage:
    #: The agenda's rows: ``id``, ``meeting_id``, ``position``, ``title``, ``duration_minutes``,
    #: ``presenter__full_name`` (None without a presenter), ``material_count`` and ``sections``
    #: (the titles of the sections that discuss the item).
    items: list[dict]
    specialist_requests: list[SpecialistRequest]
    guests: list[GuestInvitation]
    attendance: list[Attendance]
    minutes: Minutes | None
    total_minutes: int
    seats: int = 0

    def agenda_figures(self) -> tuple:
        """Everything the agenda table shows of the items, as plain data (it is cached by it)."""
        return tuple(
            (
                item["id"],
                item["meeting_id"],
                item["position"],
                item["title"],
                item["duration_minutes"],
                item["presenter__full_name"],
                item["material_count"],
                tuple(item["sections"]),
            )
            for item in self.items
        )

    @property
    def members_in_attendance(self) -> int:
        """Seat holders present or represented; secretariat, specialists and guests not counted."""
        return sum(
            1
            for row in self.attendance
            if row.capacity == Attendance.Capacity.MEMBER
            and row.status in {Attendance.Status.PRESENT, Attendance.Status.REPRESENTED}
        )


# A meeting's agenda is read on every visit to its page: compiled reads (core.compiled_reads),
# one for each way an item may be visible (``permissions.items_visible_to``).


def _agenda_rows(items: QuerySet[AgendaItem]) -> QuerySet[AgendaItem]:
    """Items as the agenda table shows them: the presenter's name and how many materials
    (counted, not fetched; the item's own page lists them)."""
    return items.order_by("position", "pk").values(
        "id",
        "meeting_id",
        "position",
        "title",
        "duration_minutes",
        "presenter__full_name",
        material_count=Count("materials"),
    )


AGENDA_OF_MEETING = CompiledRead(
    lambda *, meeting_id: _agenda_rows(AgendaItem.objects.filter(meeting_id=meeting_id)),
    meeting_id=int,
)
AGENDA_GRANTED_IN_MEETING = CompiledRead(
    lambda *, meeting_id, user_id: _agenda_rows(
        permissions.items_granted_to(user_id).filter(meeting_id=meeting_id)
    ),
    meeting_id=int,
    user_id=int,
)


def _sections_discussing_items_of(*, meeting_id: int) -> QuerySet:
    # Declared on the strategy side (Section.agenda_items): read through the reverse relation's
    # model so that governance imports nothing from the layer above. The sections' own ordering.
    sections = AgendaItem._meta.get_field("sections").related_model.objects
    return sections.filter(agenda_items__meeting_id=meeting_id).values(
        "title", item_id=F("agenda_items")
    )


SECTIONS_OF_MEETING = CompiledRead(_sections_discussing_items_of, meeting_id=int)


def agenda_rows(user: User, meeting: Meeting) -> list[dict]:
    """The meeting's items the person may see, as ``MeetingPage.items`` describes them."""
    if permissions.sees_every_meeting(user):
        items = AGENDA_OF_MEETING(meeting_id=meeting.pk)
    elif permissions.may_be_given_items(user):
        items = AGENDA_GRANTED_IN_MEETING(meeting_id=meeting.pk, user_id=user.pk)
    else:
        items = []
    by_id = {}
    for item in items:
        item["sections"] = []
        by_id[item["id"]] = item
    if by_id:
        # The sections of every item of the meeting; only the visible items' are kept.
        for section in SECTIONS_OF_MEETING(meeting_id=meeting.pk):
            if section["item_id"] in by_id:
                by_id[section["item_id"]]["sections"].append(section["title"])
    return items


def _parts_recorded(*, meeting_id: int) -> QuerySet[Meeting]:
    of_meeting = {"meeting_id": OuterRef("pk")}
    return (
        Meeting.objects.filter(pk=meeting_id)
        .order_by()
        .values(
            has_specialist_requests=Exists(SpecialistRequest.objects.filter(**of_meeting)),
            has_guests=Exists(GuestInvitation.objects.filter(**of_meeting)),
            has_attendance=Exists(Attendance.objects.filter(**of_meeting)),
            has_minutes=Exists(Minutes.objects.filter(**of_meeting)),
        )
    )


#: Which of the parts only members see a meeting has any of: one query, so that a meeting
#: without them (most, before it is held) does not pay a read for each.
PARTS_RECORDED = CompiledRead(_parts_recorded, meeting_id=int)


def meeting_figures(meeting: Meeting) -> tuple:
    """Everything the top of a meeting's page shows of it, as plain data (it is cached by it)."""
    approver = meeting.agenda_approved_by
    return (
        meeting.pk,
        meeting.title,
        meeting.starts_at,
        meeting.ends_at,
        meeting.place,
        meeting.video_url,
        meeting.notes,
        meeting.state,
        meeting.agenda_state,
        approver.full_name if approver else None,
        meeting.agenda_approved_at,
    )


def meeting_page(user: User, meeting: Meeting) -> MeetingPage:
    """What a meeting's page shows the person, in a fixed number of queries."""
    items = agenda_rows(user, meeting)
    requests = guests = attendance = []
    minutes = None
    if permissions.sees_every_meeting(user):
        recorded = PARTS_RECORDED(meeting_id=meeting.pk)[0]
        if recorded["has_specialist_requests"]:
            requests = list(
                meeting.specialist_requests.select_related(
                    "specialist__entity", "requested_by"
                ).prefetch_related(Prefetch("items", AgendaItem.objects.order_by("position")))
            )
        if recorded["has_guests"]:
            guests = list(
                meeting.guests.select_related("contact").prefetch_related(
                    Prefetch("items", AgendaItem.objects.order_by("position"))
                )
            )
        if recorded["has_attendance"]:
            order = Attendance.Capacity.values  # members first, then who supports or joins them
            attendance = sorted(
                meeting.attendance.select_related("person").order_by("person__full_name"),
                key=lambda row: order.index(row.capacity),
            )
        if recorded["has_minutes"]:
            minutes = Minutes.objects.filter(meeting=meeting).only("state", "meeting_id").first()
    return MeetingPage(
        items=items,
        specialist_requests=requests,
        guests=guests,
        attendance=attendance,
        minutes=minutes,
        total_minutes=sum(item["duration_minutes"] for item in items),
        seats=sum(Entity.objects.values_list("seats", flat=True)) if attendance else 0,
    )


def item_detail(item: AgendaItem) -> AgendaItem:
    """The item with its materials and the sections that discuss it."""
    return _items_with_detail(AgendaItem.objects.filter(pk=item.pk)).select_related("meeting").get()


def minutes_detail(meeting: Meeting) -> Minutes | None:
    return (
        Minutes.objects.filter(meeting=meeting)
        .select_related("updated_by", "approved_by")
        .prefetch_related(
            "decisions__item",
            Prefetch("action_items", ActionItem.objects.select_related("owner")),
        )
        .first()
    )


def minutes_revision(meeting: Meeting) -> Minutes | None:
    """The meeting's minutes without their text: enough to know the revision and the state."""
    return Minutes.objects.filter(meeting=meeting).only("meeting_id", "revision", "state").first()


def minutes_current_revision(minutes: Minutes):
    """The version that wrote the minutes' current revision (who and when); circulating or
    approving them, which keeps the revision number, does not count."""
    return (
        minutes.history.filter(revision=minutes.revision)
        .select_related("history_user")
        .order_by("history_id")
        .only("history_id", "history_user", "history_date")
        .first()
    )


def calendar_entries(user: User) -> list[tuple[Meeting, list[AgendaItem]]]:
    """Meetings for a person's feed, each with the agenda items that person may see."""
    items = permissions.items_visible_to(user).order_by("position", "pk")
    meetings = (
        permissions.meetings_visible_to(user)
        .prefetch_related(Prefetch("items", items, to_attr="visible_items"))
        .order_by("starts_at")
    )
    return [(meeting, meeting.visible_items) for meeting in meetings]


def calendar_feed_by_token(token: str) -> CalendarFeed | None:
    """The live feed a token opens, of a person who may still sign in."""
    return (
        CalendarFeed.objects.select_related("user")
        .filter(
            token_hash=CalendarFeed.hash_token(token),
            revoked_at__isnull=True,
            user__is_active=True,
        )
        .first()
    )


def live_calendar_feed(user: User) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).first()


@compiled_read(user_id=int)
def _open_action_items(*, user_id: int) -> QuerySet[ActionItem]:
    return (
        ActionItem.objects.filter(owner_id=user_id, status=ActionItem.Status.OPEN)
        .order_by("due_on", "pk")
        .values("id", "description", "due_on", "minutes__meeting_id", "minutes__meeting__title")
    )


def open_action_items(user: User) -> Later[list[dict]]:
    """The person's open action items, soonest first, for their home page: ``id``,
    ``description``, ``due_on``, ``minutes__meeting_id``, ``minutes__meeting__title``."""
    return _open_action_items.later(user_id=user.pk)


def people_with_permission(permission: str) -> QuerySet[User]:
    """Active people holding a model permission through their groups or directly (who gets
    told about work that needs it, e.g. the secretariat about a submitted agenda)."""
    app_label, codename = permission.split(".")
    held = Q(
        groups__permissions__codename=codename,
        groups__permissions__content_type__app_label=app_label,
    ) | Q(
        user_permissions__codename=codename,
        user_permissions__content_type__app_label=app_label,
    )
    return User.objects.filter(held, is_active=True).distinct()


def notifications_of(user: User) -> QuerySet[Notification]:
    """The person's notifications, newest first."""
    return Notification.objects.filter(recipient=user).order_by("-created", "-pk")


@compiled_read(user_id=int)
def _unread_notification_count(*, user_id: int) -> QuerySet[Notification]:
    # Grouped by the one recipient: one row with the count, or none when there is nothing.
    return (
        Notification.objects.unread()
        .filter(recipient_id=user_id)
        .order_by()
        .values("recipient_id")
        .annotate(count=Count("pk"))
        .values("count")
    )


def unread_notification_count(user: User) -> int:
    """How many of the person's notifications are unread (the header's count, every page)."""
    return _unread_count_sent(user).result()


def _unread_count_sent(user: User | None) -> Later[int]:
    if not is_active(user):
        return Later(int)
    rows = _unread_notification_count.later(user_id=user.pk)
    return rows.then(lambda rows: rows[0]["count"] if rows else 0)


def notification_kinds_without_email(user: User) -> set[str]:
    return set(
        NotificationPreference.objects.filter(user=user, email=False).values_list("kind", flat=True)
    )


# Home pages --------------------------------------------------------------------------------------
# Rows of plain values (``values()``): the home page prints a few columns of each and keeps its
# lists rendered under a digest of exactly these values, so no model instance is built. The
# lists every member's home page reads are compiled reads (core.compiled_reads): the ORM builds
# each once, not on every visit. Each comes back as a ``Later``, sent but not yet read, so that
# the home page sends them all together and waits for one answer.

HOME_LIMIT = 10


def entities_with_seat_counts() -> Later[list[dict]]:
    """Every entity in the order of n.º 4: ``id``, ``name``, ``short_name``, ``seats``,
    ``filled_seats`` (by active representatives)."""
    return _entities_with_seat_counts.later()


@compiled_read()
def _entities_with_seat_counts() -> QuerySet[Entity]:
    return (
        Entity.objects.with_seat_counts()
        .order_by("paragraph")
        .values("id", "name", "short_name", "seats", "filled_seats")
    )


@compiled_read(now=datetime.datetime)
def _pending_invitation_count(*, now: datetime.datetime) -> QuerySet[Invitation]:
    # The count rides on the first row (none: nothing pending).
    return Invitation.objects.pending(now).order_by().values(count=Window(Count("*")))[:1]


def pending_invitation_count() -> Later[int]:
    """How many invitations wait to be accepted (the secretariat's home page)."""
    rows = _pending_invitation_count.later(now=timezone.now())
    return rows.then(lambda rows: rows[0]["count"] if rows else 0)


def agendas_awaiting_approval() -> Later[list[dict]]:
    """Meetings not cancelled whose agenda was submitted: ``id``, ``title``, ``starts_at``."""
    return _agendas_awaiting_approval.later()


@compiled_read()
def _agendas_awaiting_approval() -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(agenda_state=Meeting.AgendaState.SUBMITTED)
        .exclude(state=Meeting.State.CANCELLED)
        .order_by("starts_at", "pk")
        .values("id", "title", "starts_at")[:HOME_LIMIT]
    )


def specialist_requests_pending() -> Later[list[dict]]:
    """Requests awaiting a decision: ``meeting_id``, ``meeting__title``,
    ``specialist__full_name``, ``requested_by__full_name``."""
    return _specialist_requests_pending.later()


@compiled_read()
def _specialist_requests_pending() -> QuerySet[SpecialistRequest]:
    return (
        SpecialistRequest.objects.filter(state=SpecialistRequest.State.REQUESTED)
        .order_by("requested_at", "pk")
        .values("meeting_id", "meeting__title", "specialist__full_name", "requested_by__full_name")[
            :HOME_LIMIT
        ]
    )


def minutes_in_circulation() -> Later[list[dict]]:
    """Circulated minutes awaiting approval: ``meeting_id``, ``meeting__title``,
    ``circulated_at``."""
    return _minutes_in_circulation.later()


@compiled_read()
def _minutes_in_circulation() -> QuerySet[Minutes]:
    return (
        Minutes.objects.filter(state=Minutes.State.CIRCULATED)
        .order_by("circulated_at", "pk")
        .values("meeting_id", "meeting__title", "circulated_at")[:HOME_LIMIT]
    )


@compiled_read(now=datetime.datetime)
def _upcoming_meetings(*, now: datetime.datetime) -> QuerySet[Meeting]:
    return (
        Meeting.objects.upcoming(now)
        .exclude(state=Meeting.State.CANCELLED)
        .values("id", "title", "starts_at", "state")[:5]
    )


def upcoming_meetings() -> Later[list[dict]]:
    """The next five meetings, not cancelled, for those who see every meeting: ``id``,
    ``title``, ``starts_at``, ``state``."""
    return _upcoming_meetings.later(now=timezone.now())


@compiled_read(user_id=int, now=datetime.datetime)
def _items_proposed_by(*, user_id: int, now: datetime.datetime) -> QuerySet[AgendaItem]:
    return (
        AgendaItem.objects.filter(proposed_by_id=user_id, meeting__ends_at__gte=now)
        .exclude(meeting__state=Meeting.State.CANCELLED)
        .order_by("meeting__starts_at", "position")
        .values("id", "meeting_id", "title", "meeting__title", "meeting__agenda_state")[:HOME_LIMIT]
    )


def items_proposed_by(user: User) -> Later[list[dict]]:
    """The person's proposed items of meetings still to come: ``id``, ``meeting_id``,
    ``title``, ``meeting__title``, ``meeting__agenda_state``."""
    return _items_proposed_by.later(user_id=user.pk, now=timezone.now())


def granted_items_with_meetings(user: User, limit: int = HOME_LIMIT) -> list[dict]:
    """The items a specialist was admitted to or a contact invited to, with their meetings,
    the coming ones first: ``id``, ``meeting_id``, ``title``, ``meeting__title``,
    ``meeting__starts_at``."""
    return list(
        permissions.granted_items(user)
        .filter(meeting__ends_at__gte=timezone.now())
        .exclude(meeting__state=Meeting.State.CANCELLED)
        .order_by("meeting__starts_at", "position")
        .values("id", "meeting_id", "title", "meeting__title", "meeting__starts_at")[:limit]
    )


def meeting_invitees_for(user: User, meeting: Meeting) -> list[User]:
    """The invited people a person's calendar file lists: all for members, else themselves."""
    if permissions.sees_every_meeting(user):
        return [person for person, _items in recipients(meeting)]
    return [user]
