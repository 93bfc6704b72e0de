"""A refused request (403, 404) is logged once, as one line without a traceback."""

import io
import logging

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def console():
    """What the portal's console handlers print while the test runs."""
    stream = io.StringIO()
    handlers = {h for name in ("", "django") for h in logging.getLogger(name).handlers}
    # Exactly the console handlers of settings.LOGGING, not pytest's own capturing ones.
    streams = [h for h in handlers if type(h) is logging.StreamHandler]
    saved = [h.setStream(stream) for h in streams]
    yield stream
    for handler, old in zip(streams, saved, strict=True):
        handler.setStream(old)


def test_a_403_is_one_line_without_a_traceback(client, representative, console):
    client.force_login(representative)
    assert client.get("/equipa/").status_code == 403
    lines = [line for line in console.getvalue().splitlines() if line.strip()]
    assert lines == ["Forbidden (Permission denied): /equipa/"]


def test_a_404_is_one_line_without_a_traceback(client, representative, console):
    client.force_login(representative)
    assert client.get("/reunioes/999999/").status_code == 404
    lines = [line for line in console.getvalue().splitlines() if line.strip()]
    assert lines == ["Not Found: /reunioes/999999/"]


def test_a_server_error_keeps_its_traceback():
    from core.logging import RefusalWithoutTraceback

    try:
        raise RuntimeError("falhou")
    except RuntimeError:
        import sys

        record = logging.LogRecord("django.request", logging.ERROR, "", 0, "x", (), sys.exc_info())
    record.status_code = 500
    assert RefusalWithoutTraceback().filter(record)
    assert record.exc_info is not None
