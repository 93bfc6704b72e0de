"""Read the portal's configuration from environment variables.

Every reader names the variable in its error, so a bad deployment fails at start-up with a
message that says what to fix.
"""

import os
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, *, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_list_semicolon(name: str, default: list[str]) -> list[str]:
    """A list whose items may hold commas (addresses, «name — purpose»): «;» separates them."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(";") if item.strip()]


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None
    if value < 0:
        raise ImproperlyConfigured(f"{name} must not be negative, not {raw!r}.")
    return value


def env_date(name: str, default: str) -> date:
    raw = os.environ.get(name, default)
    try:
        return date.fromisoformat(raw.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a date like 2026-11-27, not {raw!r}.") from None


def env_required(name: str, *, reason: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"Set the {name} environment variable: {reason}.")
    return value


def database_from_url(name: str, default: str) -> dict:
    """Parse DATABASE_URL (sqlite:// or postgres://) into Django's DATABASES entry."""
    import dj_database_url

    url = os.environ.get(name) or default
    if not url.startswith(("sqlite:", "postgres:", "postgresql:", "pgsql:")):
        raise ImproperlyConfigured(
            f"{name} must be a sqlite:// or postgres:// URL, not {url.split(':', 1)[0]!r}."
        )
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} is not a valid database URL: {error}") from error
    if config["ENGINE"] == "django.db.backends.sqlite3":
        if config["NAME"] != ":memory:":
            Path(config["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        # SQLite serialises writers; waiting beats failing under concurrent saves.
        config["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
        config["CONN_MAX_AGE"] = 0
    elif env_bool("DATABASE_PREPARED_STATEMENTS", default=True):
        # PostgreSQL keeps a statement's plan once it has run twice on a connection: planning
        # was most of the database's time on the busiest pages (the outline's rows: 1.9 ms,
        # 0.4 ms prepared). Plans need the values bound by the server, not spliced in by
        # psycopg. A connection pooler in transaction mode that cannot keep prepared
        # statements (PgBouncer before 1.21) needs DATABASE_PREPARED_STATEMENTS=off.
        config["OPTIONS"] = {
            "server_side_binding": True,
            "prepare_threshold": 2,
            **config.get("OPTIONS", {}),  # the URL's own (?sslmode=require) are kept
        }
    return config


_EMAIL_BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
    "dummy": "django.core.mail.backends.dummy.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "smtps": "django.core.mail.backends.smtp.EmailBackend",
    "submission": "django.core.mail.backends.smtp.EmailBackend",
}


def mailers_from_url(name: str, default: str, *, required: bool = False) -> dict[str, dict]:
    """Parse EMAIL_URL into Django's MAILERS.

    console://, locmem://, dummy://, smtp://user:pass@host:25, smtps:// (TLS from the start)
    or submission:// (STARTTLS, port 587). ``required`` (debug off) refuses the console: in
    production it would print invitations and password resets instead of sending them.
    """
    raw = os.environ.get(name) or ("" if required else default)
    if required and (not raw.strip() or urlparse(raw).scheme == "console"):
        raise ImproperlyConfigured(
            f"Set {name} to the portal's mail server (smtp://, submission:// or smtps://): "
            "with DJANGO_DEBUG off the console back end would only print the e-mail."
        )
    url = urlparse(raw)
    if url.scheme not in _EMAIL_BACKENDS:
        raise ImproperlyConfigured(
            f"{name} must start with one of {', '.join(sorted(_EMAIL_BACKENDS))}://, not {raw!r}."
        )
    mailer: dict[str, object] = {"BACKEND": _EMAIL_BACKENDS[url.scheme]}
    if url.scheme in {"smtp", "smtps", "submission"}:
        mailer["OPTIONS"] = {
            "host": url.hostname or "localhost",
            "port": url.port or {"smtp": 25, "smtps": 465, "submission": 587}[url.scheme],
            "username": unquote(url.username or ""),
            "password": unquote(url.password or ""),
            "use_ssl": url.scheme == "smtps",
            "use_tls": url.scheme == "submission",
        }
    return {"default": mailer}


def cache_from_url(*names: str) -> dict[str, dict]:
    """CACHES from the first of ``names`` that is set (redis:// or rediss://, Django's Redis back
    end, shared by every process and machine); this process's memory when none is."""
    for name in names:
        url = os.environ.get(name, "").strip()
        if not url:
            continue
        if not url.startswith(("redis://", "rediss://", "unix://")):
            scheme = url.split(":", 1)[0]
            raise ImproperlyConfigured(
                f"{name} must be a redis://, rediss:// or unix:// URL, not {scheme!r}."
            )
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": url,
                "KEY_PREFIX": "portal",
            }
        }
    return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def media_storage_from_env() -> dict:
    """The storage of uploads and PDFs: S3-compatible object storage (django-storages) when
    AWS_STORAGE_BUCKET_NAME is set, so that every web and worker machine sees the same files;
    the MEDIA_ROOT folder otherwise."""
    bucket = os.environ.get("AWS_STORAGE_BUCKET_NAME", "").strip()
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    endpoint = os.environ.get("AWS_S3_ENDPOINT_URL", "").strip()
    if endpoint and not endpoint.startswith(("https://", "http://")):
        raise ImproperlyConfigured(
            f"AWS_S3_ENDPOINT_URL must be an http(s):// URL, not {endpoint!r}."
        )
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            # Credentials from these variables, or boto3's usual chain (instance roles) if unset.
            "access_key": os.environ.get("AWS_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("AWS_SECRET_ACCESS_KEY") or None,
            "location": os.environ.get("AWS_LOCATION", "media"),
            # Files are private: the portal checks access and streams them; no public ACLs.
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
