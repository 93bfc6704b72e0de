"""A database connection killed from PostgreSQL's side is survived: the next request reconnects
(CONN_HEALTH_CHECKS) instead of failing until the web process restarts."""

import psycopg
import pytest
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.test import RequestFactory

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="needs PostgreSQL, where connections persist (CI's PostgreSQL pass runs it)",
)


def test_the_settings_check_connections_before_reuse():
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
    assert settings.DATABASES["default"]["CONN_MAX_AGE"] > 0


def serve(path: str) -> int:
    """Run one request through the real WSGI handler, as gunicorn does (signals included)."""
    statuses = []
    environ = RequestFactory()._base_environ(PATH_INFO=path, REQUEST_METHOD="GET")
    response = WSGIHandler()(environ, lambda status, headers: statuses.append(status))
    b"".join(response)
    response.close()  # request_finished: the connection is kept for the next request
    return int(statuses[0].split()[0])


def kill_from_the_server(pid: int) -> None:
    db = connection.settings_dict
    with psycopg.connect(
        host=db["HOST"],
        port=db["PORT"] or 5432,
        user=db["USER"],
        password=db["PASSWORD"],
        dbname=db["NAME"],
        autocommit=True,
    ) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_request_after_the_server_killed_the_connection_still_works():
    assert serve("/healthz") == 200
    assert connection.connection is not None  # kept open between requests (CONN_MAX_AGE)
    kill_from_the_server(connection.connection.info.backend_pid)
    assert serve("/healthz") == 200
    assert serve("/grupo/") == 200
