"""Checks the web process makes before it serves anything."""

from django.conf import settings
from django.contrib.staticfiles.storage import ManifestFilesMixin
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import storages


def require_collected_static() -> None:
    """Refuse to start when the hashed static files were never collected.

    With debug off every page names its CSS and scripts through the manifest that
    ``collectstatic`` writes; without it every page would fail. Better a clear refusal at start.
    """
    storage = storages.create_storage(settings.STORAGES["staticfiles"])
    if isinstance(storage, ManifestFilesMixin) and storage.read_manifest() is None:
        raise ImproperlyConfigured(
            f"The static files are not collected in {settings.STATIC_ROOT}. Run "
            "`python manage.py collectstatic --no-input` before starting the web process "
            "(the documented production start does it)."
        )
