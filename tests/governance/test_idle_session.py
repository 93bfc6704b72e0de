"""Sessions end after an idle period: 30 minutes for staff roles by default, configurable."""

import time

import pytest

from governance import middleware
from tests import factories


class Clock:
    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now

    def advance(self, *, minutes: float) -> None:
        self.now += minutes * 60


@pytest.fixture
def clock(monkeypatch):
    fake = Clock()
    monkeypatch.setattr(middleware.time, "time", fake)
    return fake


def test_a_staff_session_ends_after_thirty_idle_minutes(client, secretariat, clock):
    client.force_login(secretariat)
    assert client.get("/painel/").status_code == 200
    clock.advance(minutes=31)
    response = client.get("/painel/")
    assert response.status_code == 302
    assert response["Location"] == "/conta/entrar/?next=/painel/"
    page = client.get(response["Location"]).content.decode()
    assert "A sua sessão terminou após 30 minutos sem atividade" in page


def test_activity_keeps_the_session_alive(client, secretariat, clock):
    client.force_login(secretariat)
    for _ in range(8):
        clock.advance(minutes=20)
        assert client.get("/painel/").status_code == 200


def test_background_requests_of_an_open_page_do_not_keep_the_session_alive(
    client, secretariat, clock
):
    client.force_login(secretariat)
    client.get("/painel/")
    for _ in range(4):
        clock.advance(minutes=10)
        client.get("/painel/", headers={middleware.BACKGROUND_HEADER: "presence"})
    assert client.get("/painel/").status_code == 302


def test_other_roles_keep_a_longer_idle_limit(client, representative, clock):
    client.force_login(representative)
    client.get("/painel/")
    clock.advance(minutes=60)
    assert client.get("/painel/").status_code == 200
    clock.advance(minutes=8 * 60 + 1)
    assert client.get("/painel/").status_code == 302


def test_the_idle_limit_comes_from_the_settings(client, secretariat, clock, settings):
    settings.SESSION_IDLE_TIMEOUT = 5 * 60
    client.force_login(secretariat)
    client.get("/painel/")
    clock.advance(minutes=4)
    assert client.get("/painel/").status_code == 200
    clock.advance(minutes=6)
    assert client.get("/painel/").status_code == 302


def test_a_post_after_expiry_leads_to_sign_in_and_back(client, secretariat, clock):
    client.force_login(secretariat)
    client.get("/painel/")
    clock.advance(minutes=45)
    response = client.post("/equipa/convidar/", {"email": "nova@exemplo.pt"})
    assert response.status_code == 302
    assert response["Location"] == "/conta/entrar/?next=/equipa/convidar/"
    response = client.post(
        response["Location"], {"username": secretariat.email, "password": factories.PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/equipa/convidar/"
    assert client.get("/equipa/convidar/").status_code == 200


def test_the_environment_variable_sets_the_limit(monkeypatch):
    from smartcities_portal.environment import env_int

    monkeypatch.setenv("SESSION_IDLE_TIMEOUT", "15")
    assert env_int("SESSION_IDLE_TIMEOUT", 30) == 15
    monkeypatch.setenv("SESSION_IDLE_TIMEOUT", "quinze")
    with pytest.raises(Exception, match="SESSION_IDLE_TIMEOUT"):
        env_int("SESSION_IDLE_TIMEOUT", 30)
