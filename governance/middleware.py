"""Session rules applied to every request: idle sessions end, and accounts that need a second
factor reach nothing until it confirmed the sign-in."""

import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from governance import permissions

LAST_SEEN_KEY = "last_seen"
#: Write the session at most this often: every request would be a database write.
LAST_SEEN_RESOLUTION = 60
#: Requests a page makes by itself (the editor's presence heartbeat) say so in this header: they
#: are the page's activity, not the person's, so they never keep an idle session alive.
BACKGROUND_HEADER = "X-Portal-Background"


class IdleSessionMiddleware:
    """End a session idle longer than the person's limit (``permissions.idle_session_limit``).

    The request goes on as an anonymous one, so a page that needs a sign-in sends the person
    to the sign-in page and back (``?next=``): a form posted after expiry lands there too.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated:
            now = int(time.time())
            limit = permissions.idle_session_limit(user)
            last_seen = request.session.get(LAST_SEEN_KEY)
            if last_seen is not None and now - last_seen > limit:
                logout(request)
                messages.info(
                    request,
                    _(
                        "Your session ended after %(minutes)s minutes without activity. "
                        "Sign in again to continue."
                    )
                    % {"minutes": limit // 60},
                )
            elif not request.headers.get(BACKGROUND_HEADER) and (
                last_seen is None or now - last_seen >= LAST_SEEN_RESOLUTION
            ):
                request.session[LAST_SEEN_KEY] = now
                request.session.set_expiry(limit + LAST_SEEN_RESOLUTION)
        return self.get_response(request)


NO_DEVICE_KEY = "second_factor_none"


def has_second_factor_cached(request: HttpRequest) -> bool:
    """Say whether the person enrolled, remembering a «no» in the session (asked every request).

    Enrolling verifies the session at once, and a sign-in clears the flag, so it cannot hide a
    device the person has.
    """
    from governance.services.security import has_second_factor

    if request.session.get(NO_DEVICE_KEY):
        return False
    if has_second_factor(request.user):
        return True
    request.session[NO_DEVICE_KEY] = True
    return False


def _exempt(path: str) -> bool:
    """Pages reachable before the second factor: its own pages, sign-out, assets, health."""
    prefixes = (
        reverse("second_factor_verify"),
        reverse("second_factor_enrol"),
        reverse("second_factor_codes"),
        reverse("logout"),
        reverse("set_language"),
        reverse("healthz"),
        settings.STATIC_URL,
    )
    return path.startswith(prefixes)


class SecondFactorMiddleware:
    """Send a signed-in person whose session is not yet verified to the code page.

    Asked of anyone who enrolled; required (enrolment first) of accounts that
    ``permissions.must_use_second_factor`` names when ``SECOND_FACTOR_REQUIRED`` (debug off).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and not user.is_verified() and not _exempt(request.path):
            if has_second_factor_cached(request):
                return self._to("second_factor_verify", request)
            if settings.SECOND_FACTOR_REQUIRED and permissions.must_use_second_factor(user):
                return self._to("second_factor_enrol", request)
        return self.get_response(request)

    @staticmethod
    def _to(url_name: str, request: HttpRequest) -> HttpResponse:
        target = request.get_full_path() if request.method == "GET" else request.path
        return redirect(f"{reverse(url_name)}?{urlencode({'next': target})}")
