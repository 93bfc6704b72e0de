"""The portal's URLs plus the floor view; used only by the bench settings, never in production."""

from django.urls import path

from smartcities_portal.bench.views import floor_view
from smartcities_portal.urls import urlpatterns as portal_urlpatterns

FLOOR_PATH = "/_bench/chao/"

urlpatterns = [
    path(FLOOR_PATH.strip("/") + "/", floor_view, name="bench_floor"),
    *portal_urlpatterns,
]
