"""The working group page: entities, seats, representatives and vacant seats."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_see_entities_and_seats_but_no_names(client, representative):
    response = client.get("/grupo/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Agência para a Modernização Administrativa" in html
    assert representative.full_name not in html
    assert response.context["total_seats"] == 11
    assert response.context["filled_seats"] == 1


@pytest.mark.parametrize("persona", ["secretariat", "representative", "specialist", "government"])
def test_members_see_who_holds_each_seat(client, persona, request, representative):
    client.force_login(request.getfixturevalue(persona))
    assert representative.full_name in client.get("/grupo/").content.decode()


def test_vacant_seats_are_shown_per_entity(client, representative):
    entities = {e.code: e for e in client.get("/grupo/").context["entities"]}
    assert entities["ama"].vacant_seats == 0
    assert entities["modernizacao"].vacant_seats == 2


def test_an_inactive_representative_leaves_the_seat_vacant(client, representative):
    representative.is_active = False
    representative.save(update_fields=["is_active"])
    entities = {e.code: e for e in client.get("/grupo/").context["entities"]}
    assert entities["ama"].vacant_seats == 1


def test_the_page_costs_the_same_queries_with_every_seat_filled(client, secretariat):
    client.force_login(secretariat)
    client.get("/grupo/")  # warm the content-type and permission caches
    with CaptureQueriesContext(connection) as with_one_seat_filled:
        client.get("/grupo/")
    for entity_code in [
        "economia",
        "planeamento",
        "ambiente",
        "coesao",
        "adc",
        "dgal",
        "dgt",
        "empd",
    ]:
        factories.RepresentativeFactory(entity=factories.entity(entity_code))
    with CaptureQueriesContext(connection) as with_every_seat_filled:
        client.get("/grupo/")
    assert len(with_every_seat_filled) == len(with_one_seat_filled)
