from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from governance import selectors


def working_group(request: HttpRequest) -> dict:
    """Put the group (its name heads every page) in every template, read once per request."""
    return {"working_group": SimpleLazyObject(selectors.working_group)}
