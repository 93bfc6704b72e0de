"""Who may do what in governance: the one place views and services ask.

Role-wide abilities are Django model permissions carried by the role groups (data migrations
0002, 0004 and 0005), never the role itself. Members (secretariat and representatives) see every
meeting through ``governance.view_meeting``; holders of ``attend_as_specialist`` (n.º 5) or
``attend_as_guest`` (n.º 6) see only the agenda items they hold a django-guardian
``view_agendaitem`` grant on, and the meetings of those items. A refused read is a 404 (the
``*_for_user_or_404`` helpers), a refused action a 403.
"""

from enum import StrEnum

from django.db.models import QuerySet

from core.permissions import Policy, get_visible_or_404, has_perm, is_active
from governance.models import (
    ActionItem,
    AgendaItem,
    AgendaItemUserObjectPermission,
    Material,
    Meeting,
    User,
)

ITEM_GRANT = "view_agendaitem"
#: Who may be given agenda items to see, one grant per item (n.os 5 and 6).
SPECIALIST_PERMISSION = "governance.attend_as_specialist"
GUEST_PERMISSION = "governance.attend_as_guest"


class Action(StrEnum):
    MANAGE_PEOPLE = "manage_people"
    SEE_MEMBER_NAMES = "see_member_names"
    # Meetings (n.os 5–8)
    SEE_MEETINGS = "see_meetings"
    MANAGE_MEETINGS = "manage_meetings"  # create, edit, cancel, convene, mark held
    PROPOSE_ITEM = "propose_item"
    EDIT_ITEM = "edit_item"
    SUBMIT_AGENDA = "submit_agenda"
    APPROVE_AGENDA = "approve_agenda"
    REQUEST_SPECIALIST = "request_specialist"
    REQUEST_ANY_SPECIALIST = "request_any_specialist"  # not only of one's own entity
    DECIDE_SPECIALIST = "decide_specialist"
    INVITE_GUESTS = "invite_guests"
    ADD_MATERIAL = "add_material"
    REMOVE_MATERIAL = "remove_material"
    RECORD_ATTENDANCE = "record_attendance"
    READ_MINUTES = "read_minutes"
    WRITE_MINUTES = "write_minutes"
    UPDATE_ACTION_ITEM = "update_action_item"
    SUBSCRIBE_CALENDAR = "subscribe_calendar"


_MODEL_PERMISSION = {
    Action.MANAGE_PEOPLE: "governance.add_invitation",
    Action.SEE_MEMBER_NAMES: "governance.view_user",
    Action.MANAGE_MEETINGS: "governance.change_meeting",
    Action.PROPOSE_ITEM: "governance.add_agendaitem",
    Action.SUBMIT_AGENDA: "governance.add_agendaitem",
    Action.APPROVE_AGENDA: "governance.change_meeting",
    Action.REQUEST_SPECIALIST: "governance.add_specialistrequest",
    Action.DECIDE_SPECIALIST: "governance.change_specialistrequest",
    # Who decides on specialists may bring one of any entity; a representative their own.
    Action.REQUEST_ANY_SPECIALIST: "governance.change_specialistrequest",
    Action.INVITE_GUESTS: "governance.add_guestinvitation",
    Action.ADD_MATERIAL: "governance.add_material",
    Action.RECORD_ATTENDANCE: "governance.add_attendance",
    Action.READ_MINUTES: "governance.view_minutes",
    Action.WRITE_MINUTES: "governance.change_minutes",
}


def sees_every_meeting(user: User) -> bool:
    return has_perm(user, "governance.view_meeting")


def may_be_given_items(user: User) -> bool:
    """Say whether the person may hold item grants: a specialist or an organisation's contact."""
    return has_perm(user, SPECIALIST_PERMISSION) or has_perm(user, GUEST_PERMISSION)


def may_see_meetings(user: User) -> bool:
    """Say whether the person has a meetings page at all (members, specialists, guests)."""
    return sees_every_meeting(user) or may_be_given_items(user)


def granted_items(user: User) -> QuerySet[AgendaItem]:
    """The agenda items a specialist or an organisation's contact was admitted or invited to."""
    if not may_be_given_items(user):
        return AgendaItem.objects.none()
    return items_granted_to(user.pk)


def items_granted_to(user_id: int) -> QuerySet[AgendaItem]:
    """The agenda items the person of ``user_id`` holds a grant on, whoever they are: only for
    reads that asked ``may_be_given_items`` first (``granted_items`` does), such as a compiled
    read, which takes the person's id as a placeholder."""
    return AgendaItem.objects.filter(
        pk__in=AgendaItemUserObjectPermission.objects.filter(
            user_id=user_id, permission__codename=ITEM_GRANT
        ).values("content_object_id")
    )


def meetings_visible_to(user: User) -> QuerySet[Meeting]:
    if sees_every_meeting(user):
        return Meeting.objects.all()
    return Meeting.objects.filter(pk__in=granted_items(user).values("meeting_id"))


def items_visible_to(user: User, meeting: Meeting | None = None) -> QuerySet[AgendaItem]:
    items = AgendaItem.objects.all() if sees_every_meeting(user) else granted_items(user)
    if meeting is not None:
        items = items.filter(meeting=meeting)
    return items


def _edits_item(user: User, item: AgendaItem) -> bool:
    return has_perm(user, "governance.change_agendaitem") or (
        has_perm(user, "governance.add_agendaitem") and item.proposed_by_id == user.pk
    )


def _removes_material(user: User, material: Material) -> bool:
    return has_perm(user, "governance.change_material") or (
        has_perm(user, "governance.add_material") and material.uploaded_by_id == user.pk
    )


def _updates_action_item(user: User, action_item: ActionItem) -> bool:
    return has_perm(user, "governance.change_actionitem") or action_item.owner_id == user.pk


def _model_permission(perm: str):
    return lambda user, _obj: has_perm(user, perm)


policy = Policy(
    {
        **{action: _model_permission(perm) for action, perm in _MODEL_PERMISSION.items()},
        Action.SEE_MEETINGS: lambda user, _obj: may_see_meetings(user),
        Action.SUBSCRIBE_CALENDAR: lambda user, _obj: may_see_meetings(user),
        Action.EDIT_ITEM: _edits_item,
        Action.REMOVE_MATERIAL: _removes_material,
        Action.UPDATE_ACTION_ITEM: _updates_action_item,
    }
)


def can(user: User, action: Action, obj: object = None) -> bool:
    """Say whether ``user`` may do ``action`` (to ``obj`` where it matters)."""
    return policy.can(user, action, obj)


def require(user: User, action: Action, obj: object = None) -> None:
    """Raise PermissionDenied unless ``user`` may do ``action``."""
    policy.require(user, action, obj)


def meeting_for_user_or_404(user: User, meeting_id: int) -> Meeting:
    """Fetch a meeting the person may see; hidden and missing meetings are both a 404."""
    return get_visible_or_404(
        meetings_visible_to(user).select_related("agenda_approved_by"),
        pk=meeting_id,
    )


def item_for_user_or_404(user: User, meeting_id: int, item_id: int) -> AgendaItem:
    return get_visible_or_404(
        items_visible_to(user).select_related("meeting", "presenter", "proposed_by"),
        meeting_id=meeting_id,
        pk=item_id,
    )


def material_for_user_or_404(user: User, meeting_id: int, material_id: int) -> Material:
    return get_visible_or_404(
        Material.objects.select_related("item__meeting"),
        pk=material_id,
        item__meeting_id=meeting_id,
        item__in=items_visible_to(user),
    )


def action_item_for_user_or_404(user: User, action_item_id: int) -> ActionItem:
    """Fetch an action item of minutes the person reads, or one they own."""
    items = ActionItem.objects.select_related("minutes__meeting", "owner")
    if not can(user, Action.READ_MINUTES):
        items = items.filter(owner_id=user.pk) if is_active(user) else items.none()
    return get_visible_or_404(items, pk=action_item_id)


# --- Sign-in policy (issue 11 points 3 and 8): model permissions carried by the role groups ---


def must_use_second_factor(user: User) -> bool:
    """Say whether the account may only be used once a second factor confirmed the sign-in.

    Only enforced when ``settings.SECOND_FACTOR_REQUIRED`` (debug off); anyone who enrolled is
    asked for their code whatever this says.
    """
    return has_perm(user, "governance.require_second_factor")


def idle_session_limit(user: User) -> int:
    """The seconds of inactivity after which the person's session ends."""
    from django.conf import settings

    if has_perm(user, "governance.expire_idle_session"):
        return settings.SESSION_IDLE_TIMEOUT
    return settings.SESSION_IDLE_TIMEOUT_OTHERS


def may_unlock_sign_in(user: User) -> bool:
    """Say whether the person sees sign-in lockouts and may lift them (django-axes' attempts)."""
    return has_perm(user, "axes.delete_accessattempt")


def may_read_audit_log(user: User) -> bool:
    return has_perm(user, "governance.view_auditevent")
