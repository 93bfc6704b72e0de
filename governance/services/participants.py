"""Who takes part in a meeting and what they bring: specialists (n.º 5), invited organisations
(n.º 6), materials, attendance and calendar feeds."""

import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm

from core.permissions import forget_object_grants
from core.transitions import transition
from core.versions import save_version
from governance import meeting_notices, permissions, selectors
from governance.models import (
    AgendaItem,
    Attendance,
    CalendarFeed,
    GuestInvitation,
    Material,
    Meeting,
    Notification,
    Role,
    SpecialistRequest,
    User,
)
from governance.permissions import ITEM_GRANT, Action
from governance.services.meetings import (
    SPECIALIST_TRANSITIONS,
    UrlBuilder,
    _lock,
    _notify,
    _refuse_unless_open,
)
from governance.services.notifications import notify


def _check_items(meeting: Meeting, items: Iterable[AgendaItem]) -> list[AgendaItem]:
    chosen = list(items)
    if not chosen:
        raise ValidationError(
            {"items": ValidationError(_("Choose at least one agenda item."), code="no_items")}
        )
    if any(item.meeting_id != meeting.pk for item in chosen):
        raise ValidationError(
            {"items": ValidationError(_("Choose items of this meeting."), code="other_meeting")}
        )
    return chosen


def _grant_items(person: User, items: Iterable[AgendaItem]) -> None:
    for item in items:
        assign_perm(f"governance.{ITEM_GRANT}", person, item)
    forget_object_grants(person)


@transaction.atomic
def specialist_request_create(
    *, actor: User, meeting: Meeting, specialist: User, items: Iterable[AgendaItem]
) -> SpecialistRequest:
    """Ask for a specialist of the representative's own entity for named items (n.º 5)."""
    permissions.require(actor, Action.REQUEST_SPECIALIST, meeting)
    meeting = _lock(meeting)
    _refuse_unless_open(meeting)
    if meeting.agenda_state != Meeting.AgendaState.APPROVED:
        raise ValidationError(
            _("Specialists are requested for the items of an approved agenda."),
            code="agenda_not_approved",
        )
    if not specialist.takes_part_as({Role.SPECIALIST}):
        raise ValidationError(
            {"specialist": ValidationError(_("Choose a technical specialist."), code="role")}
        )
    if (
        not permissions.can(actor, Action.REQUEST_ANY_SPECIALIST)
        and specialist.entity_id != actor.entity_id
    ):
        raise ValidationError(
            {
                "specialist": ValidationError(
                    _("A representative brings specialists of their own entity only."),
                    code="other_entity",
                )
            }
        )
    chosen = _check_items(meeting, items)
    request = SpecialistRequest(meeting=meeting, specialist=specialist, requested_by=actor)
    request.full_clean()
    save_version(request, actor=actor)
    request.items.set(chosen)
    text = _("Specialist requested for «%(title)s»: %(name)s") % {
        "title": meeting.title,
        "name": specialist.get_full_name(),
    }
    deciders = selectors.people_with_permission("governance.change_specialistrequest")
    transaction.on_commit(
        lambda: notify(
            recipients=deciders,
            kind=Notification.Kind.SPECIALIST_REQUESTED,
            text=text,
            link=meeting.get_absolute_url(),
            exclude=actor,
        )
    )
    return request


@transaction.atomic
def specialist_request_decide(
    *, actor: User, request: SpecialistRequest, admit: bool, url_builder: UrlBuilder = str
) -> SpecialistRequest:
    """Admit (granting the named items) or refuse a specialist; the admitted get the notice."""
    permissions.require(actor, Action.DECIDE_SPECIALIST, request.meeting)
    request = (
        SpecialistRequest.objects.select_for_update().select_related("meeting").get(pk=request.pk)
    )
    _refuse_unless_open(request.meeting)
    target = SpecialistRequest.State.ADMITTED if admit else SpecialistRequest.State.REFUSED
    transition(
        request,
        SPECIALIST_TRANSITIONS,
        to=target,
        actor=actor,
        require=permissions.require,
        permission_object=request.meeting,
        also={"decided_by": actor, "decided_at": timezone.now()},
    )
    text = (
        _("Specialist admitted to «%(title)s»: %(name)s")
        if admit
        else _("Specialist refused for «%(title)s»: %(name)s")
    ) % {"title": request.meeting.title, "name": request.specialist.get_full_name()}
    transaction.on_commit(
        lambda: notify(
            recipients=[request.requested_by],
            kind=Notification.Kind.SPECIALIST_DECIDED,
            text=text,
            link=request.meeting.get_absolute_url(),
            exclude=actor,
        )
    )
    if admit:
        _grant_items(request.specialist, request.items.all())
        if request.meeting.state == Meeting.State.CONVENED:
            _notify(
                request.meeting,
                meeting_notices.NOTICE,
                url_builder,
                only=[request.specialist_id],
            )
    return request


@transaction.atomic
def guest_invite(
    *,
    actor: User,
    meeting: Meeting,
    contact: User,
    items: Iterable[AgendaItem],
    url_builder: UrlBuilder = str,
) -> GuestInvitation:
    """Invite an organisation's contact to named items (n.º 6); inviting again adds items."""
    permissions.require(actor, Action.INVITE_GUESTS, meeting)
    meeting = _lock(meeting)
    _refuse_unless_open(meeting)
    if not contact.takes_part_as({Role.ORGANISATION}):
        raise ValidationError(
            {"contact": ValidationError(_("Choose an organisation's contact."), code="role")}
        )
    chosen = _check_items(meeting, items)
    invitation = GuestInvitation.objects.filter(meeting=meeting, contact=contact).first()
    if invitation is None:
        invitation = GuestInvitation(meeting=meeting, contact=contact, invited_by=actor)
        invitation.full_clean()
        save_version(invitation, actor=actor)
    invitation.items.add(*chosen)
    _grant_items(contact, chosen)
    if meeting.state == Meeting.State.CONVENED:
        _notify(meeting, meeting_notices.NOTICE, url_builder, only=[contact.pk])
    return invitation


@transaction.atomic
def material_add(*, actor: User, item: AgendaItem, upload: UploadedFile) -> Material:
    """Attach a document to an item: recognised by content, stored under a random name."""
    permissions.require(actor, Action.ADD_MATERIAL, item)
    if item.meeting.state == Meeting.State.CANCELLED:
        raise ValidationError(_("This meeting is cancelled."), code="meeting_closed")
    return Material.store(upload, folder="reunioes", uploaded_by=actor, item=item)


@transaction.atomic
def material_remove(*, actor: User, material: Material) -> None:
    permissions.require(actor, Action.REMOVE_MATERIAL, material)
    material.delete_with_file()


@dataclass(frozen=True)
class ExpectedAttendee:
    """A person who may be recorded at a meeting, in which capacity, and for which items."""

    person: User
    capacity: str
    items: tuple[AgendaItem, ...] = ()


def expected_attendees(meeting: Meeting) -> list[ExpectedAttendee]:
    """Who may be recorded: seat holders, secretariat staff, admitted specialists, guests.

    Members are the representatives of n.º 4 (the ones counted for the meeting); EMPD staff
    come as secretariat; specialists and guests come for their agenda items only.
    """
    people: dict[int, ExpectedAttendee] = {}
    everyone = User.objects.select_related("entity").order_by("entity__paragraph", "full_name")
    for member in everyone.seat_holders():
        people[member.pk] = ExpectedAttendee(member, Attendance.Capacity.MEMBER)
    for staff in everyone.secretariat_staff():
        people[staff.pk] = ExpectedAttendee(staff, Attendance.Capacity.SECRETARIAT)
    by_item = Prefetch("items", AgendaItem.objects.order_by("position", "pk"))
    admitted = (
        SpecialistRequest.objects.filter(
            meeting=meeting,
            state=SpecialistRequest.State.ADMITTED,
            specialist__is_active=True,
            specialist__is_superuser=False,
        )
        .select_related("specialist__entity")
        .prefetch_related(by_item)
        .order_by("specialist__full_name")
    )
    for request in admitted:
        people.setdefault(
            request.specialist_id,
            ExpectedAttendee(
                request.specialist, Attendance.Capacity.SPECIALIST, tuple(request.items.all())
            ),
        )
    guests = (
        GuestInvitation.objects.filter(
            meeting=meeting, contact__is_active=True, contact__is_superuser=False
        )
        .select_related("contact")
        .prefetch_related(by_item)
        .order_by("contact__full_name")
    )
    for guest in guests:
        people.setdefault(
            guest.contact_id,
            ExpectedAttendee(guest.contact, Attendance.Capacity.GUEST, tuple(guest.items.all())),
        )
    return list(people.values())


@transaction.atomic
def attendance_record(
    *, actor: User, meeting: Meeting, rows: Iterable[tuple[User, str, str]]
) -> list[Attendance]:
    """Record present/absent/represented for each listed person (members, specialists, guests)."""
    permissions.require(actor, Action.RECORD_ATTENDANCE, meeting)
    meeting = _lock(meeting)
    if not meeting.takes_attendance:
        raise ValidationError(
            _("Attendance is recorded once a convened meeting has started."),
            code="meeting_state",
        )
    capacities = {row.person.pk: row.capacity for row in expected_attendees(meeting)}
    existing = {row.person_id: row for row in meeting.attendance.all()}
    saved = []
    for person, status, represented_by in rows:
        if person.pk not in capacities:
            raise ValidationError(
                _("%(name)s was not expected at this meeting.") % {"name": person},
                code="not_expected",
            )
        record = existing.get(person.pk) or Attendance(
            meeting=meeting, person=person, recorded_by=actor
        )
        record.capacity = capacities[person.pk]
        record.status = status
        record.represented_by = represented_by.strip() if status == "represented" else ""
        record.recorded_by, record.recorded_at = actor, timezone.now()
        try:
            record.full_clean()
        except ValidationError as error:
            raise ValidationError(
                _("%(name)s: %(problem)s") % {"name": person, "problem": " ".join(error.messages)},
                code="attendance_invalid",
            ) from None
        save_version(record, actor=actor)
        saved.append(record)
    return saved


@transaction.atomic
def calendar_feed_create(*, actor: User) -> tuple[CalendarFeed, str]:
    """Give the person a new private feed address; an older one stops working."""
    permissions.require(actor, Action.SUBSCRIBE_CALENDAR)
    CalendarFeed.objects.filter(user=actor, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    token = secrets.token_urlsafe(32)
    feed = CalendarFeed(user=actor, token_hash=CalendarFeed.hash_token(token))
    feed.full_clean()
    feed.save()
    return feed, token


@transaction.atomic
def calendar_feed_revoke(*, actor: User) -> int:
    """Stop the person's feed address from working; return how many were revoked."""
    return CalendarFeed.objects.filter(user=actor, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
