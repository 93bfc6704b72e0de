"""Settings of ``make bench`` and ``make load``: the portal's own, plus the floor view and timing.

Only the URL conf (which adds the floor view), the outermost timing middleware and plain static
files storage (no collectstatic for a throwaway run) differ; everything a page pays in production
(debug off, every middleware, sessions in the database) stays.
"""

from smartcities_portal.settings import *  # noqa: F403
from smartcities_portal.settings import ALLOWED_HOSTS, MIDDLEWARE, STORAGES

ROOT_URLCONF = "smartcities_portal.bench.urls"
MIDDLEWARE = ["smartcities_portal.bench.timing.ServerTimingMiddleware", *MIDDLEWARE]
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]
# Loopback over plain HTTP: cookies must travel without TLS.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
SECURE_SSL_REDIRECT = False
# The bench's accounts sign in many times and are seeded in bulk: a deliberately cheap hasher
# keeps password hashing (which the bench does not measure) from dominating seeding and sign-in.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
