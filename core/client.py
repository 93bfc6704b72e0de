"""Where a request comes from, as the sign-in lockout and the audit log record it."""

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """Return the client's IP address, trusting only the proxies the deployment declares.

    With ``TRUSTED_PROXY_HOPS = n`` the n right-most entries of X-Forwarded-For were added by
    our own proxies, so the entry before them is the client; anything further left was written
    by the client itself and is ignored. With no trusted proxy, only REMOTE_ADDR counts.
    """
    hops = getattr(settings, "TRUSTED_PROXY_HOPS", 0)
    remote = request.META.get("REMOTE_ADDR", "")
    if hops <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < hops:
        return remote
    return forwarded[-hops]
