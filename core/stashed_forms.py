"""Nothing typed is lost to an expired session: a POST that arrives signed out is kept.

``login_required_keeping_post`` replaces ``login_required`` on an edit view. A signed-out POST
(its CSRF token already checked by the middleware, so it came from the portal's own form) is
stored under a random token, the browser gets the token in a cookie, and the person is sent to
sign in with ``next`` pointing back at the form. When they come back signed in, the view calls
``stashed_post(request)`` and shows the kept fields in the form, to check and save. The token
must be both in the address and in the cookie, and the kept fields are used only on the same
address by a signed-in person whom the view has already allowed to edit; they are used once.
"""

import secrets
from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from urllib.parse import urlencode

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils import timezone

from core.models import StashedForm

QUERY_PARAMETER = "rascunho"
COOKIE_NAME = "rascunho"
KEPT_FOR = timedelta(days=1)
NOT_KEPT = frozenset({"csrfmiddlewaretoken"})


def login_required_keeping_post(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """As ``login_required``, but a signed-out POST is kept for after signing in."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.user.is_authenticated:
            return view(request, *args, **kwargs)
        if request.method != "POST":
            return redirect_to_login(request.get_full_path())
        token = secrets.token_urlsafe(24)
        StashedForm.objects.filter(created_at__lt=timezone.now() - KEPT_FOR).delete()
        StashedForm.objects.create(
            token=token,
            path=request.path,
            data={key: request.POST.getlist(key) for key in request.POST if key not in NOT_KEPT},
        )
        response = redirect_to_login(f"{request.path}?{urlencode({QUERY_PARAMETER: token})}")
        response.set_cookie(
            COOKIE_NAME,
            token,
            max_age=int(KEPT_FOR.total_seconds()),
            path=request.path,
            secure=request.is_secure(),
            httponly=True,
            samesite="Lax",
        )
        return response

    return wrapper


def stashed_post(request: HttpRequest) -> QueryDict | None:
    """Give (once) the fields kept for this address and this browser, or None."""
    token = request.GET.get(QUERY_PARAMETER)
    if not token or not request.user.is_authenticated:
        return None
    if not secrets.compare_digest(token, request.COOKIES.get(COOKIE_NAME, "")):
        return None
    kept = StashedForm.objects.filter(
        token=token, path=request.path, created_at__gte=timezone.now() - KEPT_FOR
    ).first()
    if kept is None:
        return None
    kept.delete()
    data = QueryDict(mutable=True)
    for key, values in kept.data.items():
        data.setlist(key, [str(value) for value in values])
    return data
