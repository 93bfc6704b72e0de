"""WSGI entry point (gunicorn smartcities_portal.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartcities_portal.settings")

application = get_wsgi_application()

from smartcities_portal.startup import require_collected_static  # noqa: E402 -- needs settings

require_collected_static()
