"""Writes of meetings and their agendas: scheduling, convening, cancelling, items and approval.

Moves follow the transition tables below; a refused move raises a ValidationError with a code.
"""

from collections.abc import Callable, Mapping
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.editing import EditableFields, apply_edit
from core.transitions import Transitions, transition
from core.versions import delete_version, save_version
from governance import meeting_notices, permissions, selectors
from governance.models import (
    MEMBER_ROLES,
    AgendaItem,
    Meeting,
    Notification,
    SpecialistRequest,
    User,
)
from governance.permissions import Action
from governance.services.notifications import notify
from governance.tasks import send_meeting_notice_task

UrlBuilder = Callable[[str], str]
_APPROVER_PERMISSION = "governance.change_meeting"  # who approves agendas (Action.APPROVE_AGENDA)

MEETING_TRANSITIONS = Transitions(
    states=Meeting.State,
    moves={
        (Meeting.State.PLANNED, Meeting.State.CONVENED): Action.MANAGE_MEETINGS,
        (Meeting.State.CONVENED, Meeting.State.HELD): Action.MANAGE_MEETINGS,
        (Meeting.State.HELD, Meeting.State.CLOSED): Action.WRITE_MINUTES,
        (Meeting.State.PLANNED, Meeting.State.CANCELLED): Action.MANAGE_MEETINGS,
        (Meeting.State.CONVENED, Meeting.State.CANCELLED): Action.MANAGE_MEETINGS,
    },
    refusal=_("A meeting that is «%(old)s» cannot become «%(new)s»."),
    code="meeting_transition",
)
AGENDA_TRANSITIONS = Transitions(
    states=Meeting.AgendaState,
    field="agenda_state",
    moves={
        (Meeting.AgendaState.DRAFT, Meeting.AgendaState.SUBMITTED): Action.SUBMIT_AGENDA,
        (Meeting.AgendaState.SUBMITTED, Meeting.AgendaState.APPROVED): Action.APPROVE_AGENDA,
        # Any change to an approved agenda sends it back for approval.
        (Meeting.AgendaState.APPROVED, Meeting.AgendaState.SUBMITTED): Action.PROPOSE_ITEM,
    },
    refusal=_("An agenda that is «%(old)s» cannot become «%(new)s»."),
    code="agenda_transition",
)
SPECIALIST_TRANSITIONS = Transitions(
    states=SpecialistRequest.State,
    moves={
        (
            SpecialistRequest.State.REQUESTED,
            SpecialistRequest.State.ADMITTED,
        ): Action.DECIDE_SPECIALIST,
        (
            SpecialistRequest.State.REQUESTED,
            SpecialistRequest.State.REFUSED,
        ): Action.DECIDE_SPECIALIST,
    },
    refusal=_("This request has already been decided."),
    code="request_transition",
)


#: What the meeting and agenda item forms edit, for the merge and the save alike.
MEETING_FIELDS = EditableFields(
    model=Meeting,
    values=("title", "starts_at", "ends_at", "place", "video_url"),
    text=("notes",),
)
AGENDA_ITEM_FIELDS = EditableFields(
    model=AgendaItem,
    values=("title", "duration_minutes", "presenter"),
    text=("description",),
)


def _lock(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def _refuse_unless_open(meeting: Meeting) -> None:
    if not meeting.is_open:
        raise ValidationError(
            _("This meeting is «%(state)s» and can no longer be changed.")
            % {"state": meeting.get_state_display()},
            code="meeting_closed",
        )


def _check_times(*, starts_at: datetime, ends_at: datetime, new: bool) -> None:
    if ends_at <= starts_at:
        raise ValidationError(
            {
                "ends_at": ValidationError(
                    _("The meeting must end after it starts."), code="ends_before_start"
                )
            }
        )
    if new and starts_at < timezone.now():
        raise ValidationError(
            {
                "starts_at": ValidationError(
                    _("A new meeting cannot start in the past."), code="in_the_past"
                )
            }
        )


def _check_overlap(
    *, starts_at: datetime, ends_at: datetime, exclude: Meeting | None, confirmed: bool
) -> None:
    clashes = Meeting.objects.overlapping(starts_at, ends_at)
    if exclude is not None:
        clashes = clashes.exclude(pk=exclude.pk)
    clash = clashes.order_by("starts_at").first()
    if clash is not None and not confirmed:
        raise ValidationError(
            _(
                "This meeting overlaps «%(title)s» (%(start)s). Tick the confirmation box and "
                "save again to keep both."
            ),
            code="overlap",
            params={
                "title": clash.title,
                "start": date_format(timezone.localtime(clash.starts_at), "DATETIME_FORMAT"),
            },
        )


def _notify(meeting: Meeting, kind: str, url_builder: UrlBuilder, only=None) -> None:
    """After the commit, queue the notice e-mail (with its calendar part) and tell each
    recipient in the portal too."""
    language, meeting_id, base_url = translation.get_language(), meeting.pk, url_builder("/")
    wanted = list(only) if only is not None else None
    transaction.on_commit(
        lambda: send_meeting_notice_task.enqueue(
            meeting_id=meeting_id, kind=kind, base_url=base_url, language=language, only=wanted
        )
    )
    transaction.on_commit(lambda: _notify_in_portal(meeting_id, kind, wanted))


def _notify_in_portal(meeting_id: int, kind: str, only: list[int] | None) -> None:
    meeting = Meeting.objects.get(pk=meeting_id)
    text = {
        meeting_notices.NOTICE: _("Meeting convened: %(title)s"),
        meeting_notices.UPDATE: _("Meeting changed: %(title)s"),
        meeting_notices.CANCELLATION: _("Meeting cancelled: %(title)s"),
    }[kind] % {"title": meeting.title}
    people = [person for person, _items in meeting_notices.recipients(meeting)]
    if only is not None:
        people = [person for person in people if person.pk in only]
    # The notice itself is e-mailed with its calendar part; the portal only lists it.
    notify(
        recipients=people,
        kind=Notification.Kind.MEETING,
        text=text,
        link=meeting.get_absolute_url(),
        email=False,
    )


def _notify_agenda_submitted(meeting: Meeting, actor: User) -> None:
    text = _("Agenda submitted for approval: %(title)s") % {"title": meeting.title}
    link = meeting.get_absolute_url()
    secretariat = selectors.people_with_permission(_APPROVER_PERMISSION)
    transaction.on_commit(
        lambda: notify(
            recipients=secretariat,
            kind=Notification.Kind.AGENDA_SUBMITTED,
            text=text,
            link=link,
            exclude=actor,
        )
    )


@transaction.atomic
def meeting_create(
    *,
    actor: User,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    place: str = "",
    video_url: str = "",
    notes: str = "",
    confirm_overlap: bool = False,
) -> Meeting:
    """Plan a meeting; a clash with another meeting must be confirmed."""
    permissions.require(actor, Action.MANAGE_MEETINGS)
    _check_times(starts_at=starts_at, ends_at=ends_at, new=True)
    _check_overlap(starts_at=starts_at, ends_at=ends_at, exclude=None, confirmed=confirm_overlap)
    meeting = Meeting(
        title=title.strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        place=place.strip(),
        video_url=video_url.strip(),
        notes=notes,
        created_by=actor,
    )
    meeting.full_clean()
    save_version(meeting, actor=actor)
    return meeting


@transaction.atomic
def meeting_update(
    *,
    actor: User,
    meeting: Meeting,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    place: str = "",
    video_url: str = "",
    notes: str = "",
    confirm_overlap: bool = False,
    url_builder: UrlBuilder = str,
    base_revision: int | None = None,
    resolutions: Mapping[int, tuple[str, str]] | None = None,
    seen_conflict: str = "",
) -> Meeting:
    """Change a planned or convened meeting; a convened one sends an update (higher SEQUENCE).

    The edit is merged with what was saved since ``base_revision`` (core.editing); without a
    base (a caller that did not start from a form) it applies to the meeting as it is now.
    """
    permissions.require(actor, Action.MANAGE_MEETINGS, meeting)
    meeting = _lock(meeting)
    _refuse_unless_open(meeting)
    plan = apply_edit(
        meeting,
        MEETING_FIELDS,
        base_revision=base_revision,
        submitted={
            "title": title,
            "starts_at": starts_at,
            "ends_at": ends_at,
            "place": place,
            "video_url": video_url,
            "notes": notes,
        },
        resolutions=resolutions,
        seen_conflict=seen_conflict,
    )
    _check_times(starts_at=meeting.starts_at, ends_at=meeting.ends_at, new=False)
    _check_overlap(
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        exclude=meeting,
        confirmed=confirm_overlap,
    )
    meeting.sequence += 1
    meeting.full_clean()
    save_version(meeting, actor=actor, note=plan.note, fields=[*plan.columns, "sequence"])
    if meeting.state == Meeting.State.CONVENED:
        _notify(meeting, meeting_notices.UPDATE, url_builder)
    return meeting


@transaction.atomic
def meeting_convene(*, actor: User, meeting: Meeting, url_builder: UrlBuilder = str) -> Meeting:
    """Convene a planned meeting whose agenda is approved, and send the notice (n.º 5)."""
    permissions.require(actor, Action.MANAGE_MEETINGS, meeting)
    meeting = _lock(meeting)
    if meeting.agenda_state != Meeting.AgendaState.APPROVED:
        raise ValidationError(
            _("A meeting is convened only once its agenda is approved."),
            code="agenda_not_approved",
        )
    transition(
        meeting,
        MEETING_TRANSITIONS,
        to=Meeting.State.CONVENED,
        actor=actor,
        require=permissions.require,
        also={"convened_at": timezone.now()},
    )
    _notify(meeting, meeting_notices.NOTICE, url_builder)
    return meeting


@transaction.atomic
def meeting_cancel(*, actor: User, meeting: Meeting, url_builder: UrlBuilder = str) -> Meeting:
    """Cancel a planned or convened meeting; the convened send a CANCEL to their calendars."""
    permissions.require(actor, Action.MANAGE_MEETINGS, meeting)
    meeting = _lock(meeting)
    was_convened = meeting.state == Meeting.State.CONVENED
    transition(
        meeting,
        MEETING_TRANSITIONS,
        to=Meeting.State.CANCELLED,
        actor=actor,
        require=permissions.require,
        also={"cancelled_at": timezone.now(), "sequence": meeting.sequence + 1},
    )
    if was_convened:
        _notify(meeting, meeting_notices.CANCELLATION, url_builder)
    return meeting


@transaction.atomic
def meeting_mark_held(*, actor: User, meeting: Meeting) -> Meeting:
    """Record that a convened meeting took place; its minutes can then be written."""
    permissions.require(actor, Action.MANAGE_MEETINGS, meeting)
    meeting = _lock(meeting)
    if meeting.starts_at > timezone.now():
        raise ValidationError(_("This meeting has not started yet."), code="not_started")
    transition(
        meeting,
        MEETING_TRANSITIONS,
        to=Meeting.State.HELD,
        actor=actor,
        require=permissions.require,
    )
    return meeting


def _agenda_changed(meeting: Meeting, actor: User) -> None:
    """Send an approved agenda back for approval after any change to it."""
    if meeting.agenda_state == Meeting.AgendaState.APPROVED:
        transition(
            meeting,
            AGENDA_TRANSITIONS,
            to=Meeting.AgendaState.SUBMITTED,
            actor=actor,
            require=permissions.require,
            also={"agenda_approved_at": None, "agenda_approved_by": None},
        )
        _notify_agenda_submitted(meeting, actor)


def _check_presenter(presenter: User | None) -> None:
    if presenter is not None and not presenter.takes_part_as(MEMBER_ROLES):
        raise ValidationError(
            {
                "presenter": ValidationError(
                    _("The presenter is a member of the group."), code="presenter"
                )
            }
        )


@transaction.atomic
def agenda_item_add(
    *,
    actor: User,
    meeting: Meeting,
    title: str,
    description: str = "",
    duration_minutes: int = 15,
    presenter: User | None = None,
) -> AgendaItem:
    """Propose an item at the end of the agenda; an approved agenda goes back to submitted."""
    permissions.require(actor, Action.PROPOSE_ITEM, meeting)
    meeting = _lock(meeting)
    _refuse_unless_open(meeting)
    _check_presenter(presenter)
    last = meeting.items.aggregate(last=Max("position"))["last"] or 0
    item = AgendaItem(
        meeting=meeting,
        position=last + 1,
        title=title.strip(),
        description=description,
        duration_minutes=duration_minutes,
        presenter=presenter,
        proposed_by=actor,
    )
    item.full_clean()
    save_version(item, actor=actor)
    _agenda_changed(meeting, actor)
    return item


@transaction.atomic
def agenda_item_update(
    *,
    actor: User,
    item: AgendaItem,
    title: str,
    description: str = "",
    duration_minutes: int = 15,
    presenter: User | None = None,
    position: int | None = None,
    base_revision: int | None = None,
    resolutions: Mapping[int, tuple[str, str]] | None = None,
    seen_conflict: str = "",
) -> AgendaItem:
    """Change an item (the secretariat, or whoever proposed it), merged with what was saved
    since ``base_revision`` (core.editing); without a base it applies to the item as it is."""
    permissions.require(actor, Action.EDIT_ITEM, item)
    meeting = _lock(item.meeting)
    _refuse_unless_open(meeting)
    _check_presenter(presenter)
    item = AgendaItem.objects.select_for_update().get(pk=item.pk)
    plan = apply_edit(
        item,
        AGENDA_ITEM_FIELDS,
        base_revision=base_revision,
        submitted={
            "title": title,
            "description": description,
            "duration_minutes": duration_minutes,
            "presenter": presenter,
        },
        resolutions=resolutions,
        seen_conflict=seen_conflict,
    )
    fields = plan.columns
    if position is not None:
        item.position = position
        fields.append("position")
    item.full_clean()
    save_version(item, actor=actor, note=plan.note, fields=fields)
    _agenda_changed(meeting, actor)
    return item


@transaction.atomic
def agenda_item_remove(*, actor: User, item: AgendaItem) -> None:
    """Take an item off the agenda, unless specialists, guests or decisions depend on it."""
    permissions.require(actor, Action.EDIT_ITEM, item)
    meeting = _lock(item.meeting)
    _refuse_unless_open(meeting)
    if (
        item.specialist_requests.exists()
        or item.guest_invitations.exists()
        or item.decisions.exists()
    ):
        raise ValidationError(
            _("Specialists or invited organisations are attached to this item: it stays."),
            code="item_in_use",
        )
    for material in item.materials.all():
        name = material.file.name
        transaction.on_commit(lambda name=name: default_storage.delete(name))
    delete_version(item, actor=actor)
    _agenda_changed(meeting, actor)


@transaction.atomic
def agenda_submit(*, actor: User, meeting: Meeting) -> Meeting:
    """Put a draft agenda forward for the secretariat's approval."""
    permissions.require(actor, Action.SUBMIT_AGENDA, meeting)
    meeting = _lock(meeting)
    _refuse_unless_open(meeting)
    if not meeting.items.exists():
        raise ValidationError(_("Add at least one item to the agenda first."), code="empty_agenda")
    transition(
        meeting,
        AGENDA_TRANSITIONS,
        to=Meeting.AgendaState.SUBMITTED,
        actor=actor,
        require=permissions.require,
    )
    _notify_agenda_submitted(meeting, actor)
    return meeting


@transaction.atomic
def agenda_approve(*, actor: User, meeting: Meeting, url_builder: UrlBuilder = str) -> Meeting:
    """Approve a submitted agenda so the meeting can be convened (n.º 5); a convened meeting's
    changed agenda, once approved again, goes out as an update (higher SEQUENCE)."""
    permissions.require(actor, Action.APPROVE_AGENDA, meeting)
    meeting = _lock(meeting)
    _refuse_unless_open(meeting)
    convened = meeting.state == Meeting.State.CONVENED
    transition(
        meeting,
        AGENDA_TRANSITIONS,
        to=Meeting.AgendaState.APPROVED,
        actor=actor,
        require=permissions.require,
        # A convened meeting's changed agenda goes out again as an update (higher SEQUENCE).
        also={
            "agenda_approved_by": actor,
            "agenda_approved_at": timezone.now(),
            **({"sequence": meeting.sequence + 1} if convened else {}),
        },
    )
    if convened:
        _notify(meeting, meeting_notices.UPDATE, url_builder)
    return meeting
