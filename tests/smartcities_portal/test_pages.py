"""The public landing page and each role's home page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from governance import services
from governance.models import Invitation, Role
from smartcities_portal.context_processors import MENU
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_landing_page_is_public_and_names_the_group(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "Grupo de Trabalho da Estratégia Nacional de Smart Cities" in response.content.decode()


def test_the_landing_page_shows_both_deadlines_in_pt_pt(client):
    html = client.get("/").content.decode()
    assert "30 de abril de 2022" in html
    assert "30 de junho de 2022" in html


def test_the_home_page_needs_a_signed_in_person(client):
    response = client.get("/painel/")
    assert response.status_code == 302
    assert response.url == "/conta/entrar/?next=/painel/"


def test_the_secretariat_home_counts_vacant_seats_and_pending_invitations(
    client, secretariat, representative
):
    client.force_login(secretariat)
    response = client.get("/painel/")
    assert response.status_code == 200
    assert response.context["vacant_seats"] == 10
    assert response.context["pending_invitations"] == 0


@pytest.mark.parametrize(
    "persona", ["representative", "specialist", "organisation_contact", "government"]
)
def test_every_role_has_a_home_page(client, persona, request):
    client.force_login(request.getfixturevalue(persona))
    response = client.get("/painel/")
    assert response.status_code == 200
    assert "vacant_seats" not in response.context


def test_there_is_exactly_one_h1_per_page(client, secretariat):
    client.force_login(secretariat)
    for url in ["/", "/painel/", "/grupo/", "/equipa/", "/equipa/convidar/"]:
        assert client.get(url).content.decode().count("<h1") == 1, url


def test_the_menu_renders_for_requests_without_a_user(rf):
    """Error pages for requests that skipped the middleware (a missing static file) still render."""
    from smartcities_portal.context_processors import navigation

    menu = navigation(rf.get("/static/nope.css"))
    assert {name: menu[name] for name in MENU} == dict.fromkeys(MENU, False)


def test_the_secretariat_home_counts_only_invitations_still_to_be_accepted(client, secretariat):
    for n in range(4):
        services.invitation_create(
            actor=secretariat,
            email=f"pessoa{n}@dgt.example",
            full_name=f"Pessoa {n}",
            role=Role.SPECIALIST,
            entity=factories.entity("dgt"),
            accept_url_builder=lambda path: path,
        )
    expired, revoked, *_ = Invitation.objects.order_by("pk")
    Invitation.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(hours=1))
    Invitation.objects.filter(pk=revoked.pk).update(revoked_at=timezone.now())
    client.force_login(secretariat)
    assert client.get("/painel/").context["pending_invitations"] == 2
