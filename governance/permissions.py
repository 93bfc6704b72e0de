"""Who may do what in governance: the one place views and services ask.

Role-wide abilities are Django model permissions carried by the role groups (data migrations
0002 and 0004). Members (secretariat and representatives) see every meeting through
``governance.view_meeting``; a specialist (n.º 5) or an organisation's contact (n.º 6) sees only
the agenda items they hold a django-guardian ``view_agendaitem`` grant on, and the meetings of
those items. A refused read is a 404 (the ``*_for_user_or_404`` helpers), a refused action a 403.
"""

from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from governance.models import (
    ActionItem,
    AgendaItem,
    AgendaItemUserObjectPermission,
    Material,
    Meeting,
    Role,
    User,
)

#: Roles that may be given agenda items to see, one grant per item.
GUEST_ROLES = frozenset({Role.SPECIALIST, Role.ORGANISATION})
ITEM_GRANT = "view_agendaitem"


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
    Action.INVITE_GUESTS: "governance.add_guestinvitation",
    Action.ADD_MATERIAL: "governance.add_material",
    Action.RECORD_ATTENDANCE: "governance.add_attendance",
    Action.READ_MINUTES: "governance.view_minutes",
    Action.WRITE_MINUTES: "governance.change_minutes",
}


def _active(user: User) -> bool:
    return user.is_authenticated and user.is_active


def sees_every_meeting(user: User) -> bool:
    return _active(user) and user.has_perm("governance.view_meeting")


def may_see_meetings(user: User) -> bool:
    """Say whether the person has a meetings page at all (members, specialists, guests)."""
    return sees_every_meeting(user) or (_active(user) and user.role in GUEST_ROLES)


def granted_items(user: User) -> QuerySet[AgendaItem]:
    """The agenda items a specialist or an organisation's contact was admitted or invited to."""
    if not (_active(user) and user.role in GUEST_ROLES):
        return AgendaItem.objects.none()
    return AgendaItem.objects.filter(
        pk__in=AgendaItemUserObjectPermission.objects.filter(
            user=user, permission__codename=ITEM_GRANT
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


def can(user: User, action: Action, obj: object = None) -> bool:
    """Say whether ``user`` may do ``action`` (to ``obj`` where it matters)."""
    if not _active(user):
        return False
    match action:
        case Action.SEE_MEETINGS:
            return may_see_meetings(user)
        case Action.SUBSCRIBE_CALENDAR:
            return may_see_meetings(user)
        case Action.EDIT_ITEM:
            item: AgendaItem = obj  # type: ignore[assignment]
            return user.has_perm("governance.change_agendaitem") or (
                user.has_perm("governance.add_agendaitem") and item.proposed_by_id == user.pk
            )
        case Action.REMOVE_MATERIAL:
            material: Material = obj  # type: ignore[assignment]
            return user.has_perm("governance.change_material") or (
                user.has_perm("governance.add_material") and material.uploaded_by_id == user.pk
            )
        case Action.UPDATE_ACTION_ITEM:
            action_item: ActionItem = obj  # type: ignore[assignment]
            return user.has_perm("governance.change_actionitem") or action_item.owner_id == user.pk
    return user.has_perm(_MODEL_PERMISSION[action])


def require(user: User, action: Action, obj: object = None) -> None:
    """Raise PermissionDenied unless ``user`` may do ``action``."""
    if not can(user, action, obj):
        raise PermissionDenied


def meeting_for_user_or_404(user: User, meeting_id: int) -> Meeting:
    """Fetch a meeting the person may see; hidden and missing meetings are both a 404."""
    meeting = (
        meetings_visible_to(user)
        .select_related("created_by", "agenda_approved_by")
        .filter(pk=meeting_id)
        .first()
    )
    if meeting is None:
        raise Http404
    return meeting


def item_for_user_or_404(user: User, meeting_id: int, item_id: int) -> AgendaItem:
    item = (
        items_visible_to(user)
        .select_related("meeting", "presenter", "proposed_by")
        .filter(meeting_id=meeting_id, pk=item_id)
        .first()
    )
    if item is None:
        raise Http404
    return item


def material_for_user_or_404(user: User, meeting_id: int, material_id: int) -> Material:
    material = (
        Material.objects.select_related("item__meeting")
        .filter(
            pk=material_id,
            item__meeting_id=meeting_id,
            item__in=items_visible_to(user),
        )
        .first()
    )
    if material is None:
        raise Http404
    return material


def action_item_for_user_or_404(user: User, action_item_id: int) -> ActionItem:
    """Fetch an action item of minutes the person reads, or one they own."""
    items = ActionItem.objects.select_related("minutes__meeting", "owner")
    if not can(user, Action.READ_MINUTES):
        items = items.filter(owner_id=user.pk) if _active(user) else items.none()
    action_item = items.filter(pk=action_item_id).first()
    if action_item is None:
        raise Http404
    return action_item


# --- Sign-in policy (issue 11 points 3 and 8): model permissions carried by the role groups ---


def must_use_second_factor(user: User) -> bool:
    """Say whether the account may only be used once a second factor confirmed the sign-in.

    Only enforced when ``settings.SECOND_FACTOR_REQUIRED`` (debug off); anyone who enrolled is
    asked for their code whatever this says.
    """
    return _active(user) and user.has_perm("governance.require_second_factor")


def idle_session_limit(user: User) -> int:
    """The seconds of inactivity after which the person's session ends."""
    from django.conf import settings

    if _active(user) and user.has_perm("governance.expire_idle_session"):
        return settings.SESSION_IDLE_TIMEOUT
    return settings.SESSION_IDLE_TIMEOUT_OTHERS


def may_unlock_sign_in(user: User) -> bool:
    """Say whether the person sees sign-in lockouts and may lift them (django-axes' attempts)."""
    return _active(user) and user.has_perm("axes.delete_accessattempt")


def may_read_audit_log(user: User) -> bool:
    return _active(user) and user.has_perm("governance.view_auditevent")
