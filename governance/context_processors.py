from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from governance import permissions, selectors


def working_group(request: HttpRequest) -> dict:
    """Put the group (its name heads every page) in every template, read once per request,
    and say whether the menu shows the meetings."""
    return {
        "working_group": SimpleLazyObject(selectors.working_group),
        "nav_meetings": SimpleLazyObject(lambda: permissions.may_see_meetings(request.user)),
    }
