import functools

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from core import compiled_reads
from governance import selectors


def header(request: HttpRequest) -> dict:
    """The group (its name heads every page) and the person's unread count in the menu: read
    when a page first shows either, both in one round trip."""

    @functools.cache
    def read() -> tuple:
        with compiled_reads.together():
            group, unread = selectors.header_reads(getattr(request, "user", None))
        return group.result(), unread.result()

    return {
        "working_group": SimpleLazyObject(lambda: read()[0]),
        "unread_notifications": SimpleLazyObject(lambda: read()[1]),
    }
