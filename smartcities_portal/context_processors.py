from django.http import HttpRequest

from governance import permissions as governance_permissions
from strategy import permissions as strategy_permissions


def navigation(request: HttpRequest) -> dict:
    """Which sections of the main menu the person may open.

    Error pages can be rendered for requests that never passed the authentication middleware
    (a missing static file, say): they get the anonymous menu.
    """
    user = getattr(request, "user", None)
    if user is None:
        return {"nav_documents": False, "nav_meetings": False}
    return {
        "nav_documents": strategy_permissions.may_see_drafts(user),
        "nav_meetings": governance_permissions.may_see_meetings(user),
    }
