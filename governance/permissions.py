"""Who may do what in governance: the one place views and services ask.

Role-wide abilities are Django model permissions carried by the role groups (data migration
0002); object grants, where a feature needs them, are django-guardian permissions.
"""

from enum import StrEnum

from django.core.exceptions import PermissionDenied

from governance.models import User


class Action(StrEnum):
    MANAGE_PEOPLE = "manage_people"
    SEE_MEMBER_NAMES = "see_member_names"


_MODEL_PERMISSION = {
    Action.MANAGE_PEOPLE: "governance.add_invitation",
    Action.SEE_MEMBER_NAMES: "governance.view_user",
}


def can(user: User, action: Action, obj: object = None) -> bool:
    """Say whether ``user`` may do ``action`` (to ``obj`` where it matters)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.has_perm(_MODEL_PERMISSION[action])


def require(user: User, action: Action, obj: object = None) -> None:
    """Raise PermissionDenied unless ``user`` may do ``action``."""
    if not can(user, action, obj):
        raise PermissionDenied
