from django.http import HttpRequest

from strategy import permissions as strategy_permissions


def navigation(request: HttpRequest) -> dict:
    """Which sections of the main menu the person may open."""
    return {"nav_documents": strategy_permissions.may_see_drafts(request.user)}
