"""Server time of each request, measured in the handler around the whole middleware stack."""

import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


class ServerTimingMiddleware:
    """Put the request's server time on the response (``Server-Timing`` header and attribute)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        seconds = time.perf_counter() - started
        response.server_seconds = seconds
        response["Server-Timing"] = f"app;dur={seconds * 1000:.2f}"
        return response
