from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from governance import selectors


def working_group(request: HttpRequest) -> dict:
    """Put the group (its name heads every page) in every template, read once per request."""
    return {"working_group": SimpleLazyObject(selectors.working_group)}


def notifications(request: HttpRequest) -> dict:
    """The header's unread count, one query and only when a page shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_notifications": 0}
    count = SimpleLazyObject(lambda: selectors.unread_notification_count(user))
    return {"unread_notifications": count}
