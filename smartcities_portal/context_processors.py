from django.http import HttpRequest

from contributions import permissions as contribution_permissions
from core.fragments import FRAGMENT_SECONDS
from governance import permissions as governance_permissions
from governance.permissions import Action as GovernanceAction
from strategy import permissions as strategy_permissions

MENU = ["nav_documents", "nav_meetings", "nav_contributions", "nav_people"]


def navigation(request: HttpRequest) -> dict:
    """Which sections of the main menu the person may open, and how long the rendered header
    and footer are kept (``base.html`` caches them under every value they show).

    Error pages can be rendered for requests that never passed the authentication middleware
    (a missing static file, say): they get the anonymous menu.
    """
    user = getattr(request, "user", None)
    if user is None:
        return {**dict.fromkeys(MENU, False), "fragment_seconds": FRAGMENT_SECONDS}
    return {
        "nav_documents": strategy_permissions.may_see_drafts(user),
        "nav_meetings": governance_permissions.may_see_meetings(user),
        "nav_contributions": contribution_permissions.may_use_contributions(user),
        "nav_people": governance_permissions.can(user, GovernanceAction.MANAGE_PEOPLE),
        "fragment_seconds": FRAGMENT_SECONDS,
    }
