"""Request-wide safety nets that know no domain model: bad input is never a 500."""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


class BadInputMiddleware:
    """Answer bad input that no view caught with a clear page instead of a server error.

    - A ``ValidationError`` (a service or a model's ``full_clean`` refusing) becomes a 400 page
      listing its messages. Views show refusals on their form (``show_refusal``); this catches
      one that slipped through. The request's transaction, if any, was already rolled back.
    - An ``OverflowError`` is what SQLite raises for an id beyond its 64-bit integers (say
      ``/reunioes/99999999999999999999/``): no such row can exist, so it is a 404, as it already
      is on PostgreSQL.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, ValidationError):
            return render(request, "400.html", {"refusals": exception.messages}, status=400)
        if isinstance(exception, OverflowError):
            return render(request, "404.html", status=404)
        return None


class RequestSizeLimitMiddleware:
    """Refuse a request whose declared body is over the limit before reading any of it.

    Django measures form data (``DATA_UPLOAD_MAX_MEMORY_SIZE``) but streams uploaded files to
    disk whatever their size, and the size of a file is only known once all of it arrived. The
    WSGI server reads no more than Content-Length, so checking that header first (before the
    CSRF check reads the form) is enough: ``MAX_REQUEST_BYTES`` is the largest upload plus the
    form data.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.conf import settings

        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > settings.MAX_REQUEST_BYTES:
            response = render(
                request,
                "413.html",
                {"limit_mb": settings.MAX_REQUEST_BYTES // (1024 * 1024)},
                status=413,
            )
            response["Connection"] = "close"
            return response
        return self.get_response(request)
