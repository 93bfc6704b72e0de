"""The secretariat lists the accounts and deactivates people, after confirming."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from governance.models import User
from tests import factories

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get("/equipa/")
    assert response.status_code == 302
    assert response.url.startswith("/conta/entrar/")


@pytest.mark.parametrize(
    "persona", ["representative", "specialist", "organisation_contact", "government"]
)
def test_other_roles_are_refused(client, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/equipa/").status_code == 403


def test_secretariat_sees_the_accounts_paginated(client, secretariat):
    factories.GovernmentFactory.create_batch(30)
    client.force_login(secretariat)
    response = client.get("/equipa/")
    assert response.status_code == 200
    assert len(response.context["page"]) == 25
    assert client.get("/equipa/?pagina=2").context["page"].number == 2


def test_the_list_costs_the_same_queries_with_more_people(client, secretariat):
    client.force_login(secretariat)
    client.get("/equipa/")  # warm the content-type and permission caches
    with CaptureQueriesContext(connection) as with_few:
        client.get("/equipa/")
    factories.GovernmentFactory.create_batch(10)
    factories.SpecialistFactory.create_batch(10)
    with CaptureQueriesContext(connection) as with_many:
        client.get("/equipa/")
    assert len(with_many) == len(with_few)


def test_deactivation_asks_for_confirmation_first(client, secretariat, representative):
    client.force_login(secretariat)
    response = client.get(f"/equipa/{representative.pk}/desativar/")
    assert response.status_code == 200
    assert "AMA" in response.content.decode()
    representative.refresh_from_db()
    assert representative.is_active


def test_a_deactivated_person_can_no_longer_sign_in(client, secretariat, representative):
    client.force_login(secretariat)
    assert client.post(f"/equipa/{representative.pk}/desativar/").status_code == 302
    representative.refresh_from_db()
    assert not representative.is_active
    client.logout()
    response = client.post(
        "/conta/entrar/", {"username": representative.email, "password": factories.PASSWORD}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_the_secretariat_cannot_deactivate_itself(client, secretariat):
    client.force_login(secretariat)
    response = client.post(f"/equipa/{secretariat.pk}/desativar/", follow=True)
    assert "própria conta" in response.content.decode()
    secretariat.refresh_from_db()
    assert secretariat.is_active


def test_reactivation_is_refused_when_the_seat_was_taken_meanwhile(
    client, secretariat, representative
):
    client.force_login(secretariat)
    client.post(f"/equipa/{representative.pk}/desativar/")
    factories.RepresentativeFactory(entity=representative.entity)
    response = client.post(f"/equipa/{representative.pk}/reativar/", follow=True)
    assert "AMA" in response.content.decode()
    assert not User.objects.get(pk=representative.pk).is_active


def test_an_unknown_person_is_a_404(client, secretariat):
    client.force_login(secretariat)
    assert client.get("/equipa/999999/desativar/").status_code == 404
