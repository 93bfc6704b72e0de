"""Every write to minutes: versions of the text, circulation, approval (then read-only),
decisions and action items."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.transitions import Transitions, transition
from core.versions import save_version
from governance import permissions
from governance.models import (
    MEMBER_ROLES,
    ActionItem,
    AgendaItem,
    Attendance,
    Decision,
    Meeting,
    Minutes,
    Notification,
    User,
)
from governance.permissions import Action
from governance.services.meetings import MEETING_TRANSITIONS, UrlBuilder
from governance.services.notifications import notify

MINUTES_TRANSITIONS = Transitions(
    states=Minutes.State,
    moves={
        (Minutes.State.DRAFT, Minutes.State.CIRCULATED): Action.WRITE_MINUTES,
        (Minutes.State.CIRCULATED, Minutes.State.APPROVED): Action.WRITE_MINUTES,
    },
    refusal=_("Minutes that are «%(old)s» cannot become «%(new)s»."),
    code="minutes_transition",
)
ACTION_ITEM_STATUSES = frozenset(ActionItem.Status.values)


class MinutesConflict(ValidationError):
    """A save whose base revision is no longer current: nothing was written."""

    def __init__(self, current: Minutes) -> None:
        super().__init__(
            _(
                "Someone saved these minutes while you were editing them. Your text was not "
                "saved: compare it with the current text, merge them and save again."
            ),
            code="stale_revision",
        )
        self.current = current


def _refuse_if_approved(minutes: Minutes) -> None:
    if minutes.state == Minutes.State.APPROVED:
        raise ValidationError(
            _("These minutes are approved and read-only."), code="minutes_approved"
        )


@transaction.atomic
def minutes_save(
    *, actor: User, meeting: Meeting, body: str, base_revision: int, change_note: str = ""
) -> Minutes:
    """Save a new version of a held meeting's minutes, unless someone saved since."""
    permissions.require(actor, Action.WRITE_MINUTES, meeting)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.state not in {Meeting.State.HELD, Meeting.State.CLOSED}:
        raise ValidationError(
            _("Minutes are written once the meeting has been held."), code="meeting_state"
        )
    minutes = Minutes.objects.select_for_update().filter(meeting=meeting).first()
    if minutes is None:
        if base_revision != 0:
            raise ValidationError(_("These minutes do not exist yet."), code="stale_revision")
        minutes = Minutes(meeting=meeting, body=body, updated_by=actor)
        minutes.full_clean()
        save_version(minutes, actor=actor, note=change_note.strip() or None)
        return minutes
    _refuse_if_approved(minutes)
    if minutes.revision != base_revision:
        raise MinutesConflict(minutes)
    minutes.body = body
    minutes.revision += 1
    minutes.updated_at, minutes.updated_by = timezone.now(), actor
    minutes.full_clean()
    save_version(
        minutes,
        actor=actor,
        note=change_note.strip() or None,
        fields=["body", "revision", "updated_at", "updated_by"],
    )
    return minutes


def _present_or_members(meeting: Meeting) -> list[User]:
    """Those recorded present at the meeting; every active member if nobody was recorded."""
    present = list(
        User.objects.filter(
            attendance__meeting=meeting, attendance__status=Attendance.Status.PRESENT
        ).distinct()
    )
    return present or list(User.objects.active_members())


@transaction.atomic
def minutes_circulate(*, actor: User, minutes: Minutes, url_builder: UrlBuilder = str) -> Minutes:
    """Send the draft minutes round the members for reading."""
    permissions.require(actor, Action.WRITE_MINUTES, minutes.meeting)
    minutes = Minutes.objects.select_for_update().get(pk=minutes.pk)
    transition(
        minutes,
        MINUTES_TRANSITIONS,
        to=Minutes.State.CIRCULATED,
        actor=actor,
        require=permissions.require,
        permission_object=minutes.meeting,
        also={"circulated_at": timezone.now()},
    )
    text = _("Draft minutes circulated: %(title)s") % {"title": minutes.meeting.title}
    link, present = minutes.get_absolute_url(), _present_or_members(minutes.meeting)
    transaction.on_commit(
        lambda: notify(
            recipients=present, kind=Notification.Kind.MINUTES_CIRCULATED, text=text, link=link
        )
    )
    return minutes


@transaction.atomic
def minutes_approve(*, actor: User, minutes: Minutes) -> Minutes:
    """Approve circulated minutes: they become read-only and the meeting is closed."""
    permissions.require(actor, Action.WRITE_MINUTES, minutes.meeting)
    minutes = Minutes.objects.select_for_update().get(pk=minutes.pk)
    meeting = Meeting.objects.select_for_update().get(pk=minutes.meeting_id)
    transition(
        minutes,
        MINUTES_TRANSITIONS,
        to=Minutes.State.APPROVED,
        actor=actor,
        require=permissions.require,
        permission_object=meeting,
        also={"approved_at": timezone.now(), "approved_by": actor},
    )
    transition(
        meeting,
        MEETING_TRANSITIONS,
        to=Meeting.State.CLOSED,
        actor=actor,
        require=permissions.require,
    )
    return minutes


@transaction.atomic
def decision_add(
    *, actor: User, minutes: Minutes, text: str, item: AgendaItem | None = None
) -> Decision:
    permissions.require(actor, Action.WRITE_MINUTES, minutes.meeting)
    minutes = Minutes.objects.select_for_update().get(pk=minutes.pk)
    _refuse_if_approved(minutes)
    if item is not None and item.meeting_id != minutes.meeting_id:
        raise ValidationError(
            {"item": ValidationError(_("Choose an item of this meeting."), code="other_meeting")}
        )
    decision = Decision(minutes=minutes, item=item, text=text.strip())
    decision.full_clean()
    save_version(decision, actor=actor)
    return decision


@transaction.atomic
def action_item_add(
    *, actor: User, minutes: Minutes, description: str, owner: User, due_on: date
) -> ActionItem:
    permissions.require(actor, Action.WRITE_MINUTES, minutes.meeting)
    minutes = Minutes.objects.select_for_update().get(pk=minutes.pk)
    _refuse_if_approved(minutes)
    if not owner.takes_part_as(MEMBER_ROLES):
        raise ValidationError(
            {"owner": ValidationError(_("The owner is a member of the group."), code="owner")}
        )
    action_item = ActionItem(
        minutes=minutes, description=description.strip(), owner=owner, due_on=due_on
    )
    action_item.full_clean()
    save_version(action_item, actor=actor)
    return action_item


@transaction.atomic
def action_item_set_status(*, actor: User, action_item: ActionItem, status: str) -> ActionItem:
    """Mark an action item done, dropped or open again (its owner or the secretariat)."""
    permissions.require(actor, Action.UPDATE_ACTION_ITEM, action_item)
    if status not in ACTION_ITEM_STATUSES:
        raise ValidationError(_("Choose a status."), code="status")
    action_item = ActionItem.objects.select_for_update().get(pk=action_item.pk)
    action_item.status = status
    action_item.full_clean()
    save_version(action_item, actor=actor, fields=["status"])
    return action_item
