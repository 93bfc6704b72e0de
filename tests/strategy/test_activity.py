"""Activity of a deliverable and of a meeting: who did what and when, from the recorded
history, filtered by person and kind, paginated, in a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from governance import services as governance_services
from strategy import services
from tests import factories

pytestmark = pytest.mark.django_db


def get(client, person, url, **params):
    client.force_login(person)
    return client.get(url, params)


def test_a_deliverable_s_activity_lists_versions_and_comments_with_who(
    client, secretariat, representative
):
    section = factories.section(
        actor=secretariat, title="Visão", body="Texto", editors=[representative]
    )
    services.comment_add(actor=secretariat, section=section, body="Uma pergunta")
    page = get(client, representative, "/documentos/estrategia/atividade/").content.decode()
    assert "Rita Representante" in page and "Sara Secretariado" in page
    assert "Uma pergunta" in page and "Visão" in page


def test_it_filters_by_person_and_kind(client, secretariat, representative):
    section = factories.section(
        actor=secretariat, title="Visão", body="Texto", editors=[representative]
    )
    services.comment_add(actor=secretariat, section=section, body="Uma pergunta")
    url = "/documentos/estrategia/atividade/"
    by_rita = get(client, representative, url, pessoa=representative.pk).content.decode()
    assert "Uma pergunta" not in by_rita and "Rita Representante</td>" in by_rita
    comments = get(client, representative, url, tipo="comentarios").content.decode()
    assert "Uma pergunta" in comments and "1 alteração registada" in comments
    nonsense = get(client, representative, url, pessoa="x' or 1=1", tipo="?")
    assert nonsense.status_code == 200


def test_a_specialist_sees_only_the_activity_of_granted_sections(client, secretariat, specialist):
    granted = factories.section(actor=secretariat, title="Aberta ao especialista")
    services.section_reader_grant(actor=secretariat, section=granted, person=specialist)
    factories.section(actor=secretariat, title="Fechada")
    page = get(client, specialist, "/documentos/estrategia/atividade/").content.decode()
    assert "Aberta ao especialista" in page and "Fechada" not in page


def test_others_get_a_404(client, organisation_contact, government):
    for person in (organisation_contact, government):
        assert get(client, person, "/documentos/estrategia/atividade/").status_code == 404


def test_a_meeting_s_activity_lists_the_meeting_and_its_items(
    client, secretariat, representative, specialist
):
    meeting = factories.approved_meeting(actor=secretariat, titles=("Abertura", "Visão"))
    governance_services.meeting_convene(actor=secretariat, meeting=meeting)
    url = f"/reunioes/{meeting.pk}/atividade/"
    page = get(client, representative, url).content.decode()
    assert "Abertura" in page and "Reunião plenária" in page
    items = get(client, representative, url, tipo="pontos").content.decode()
    assert "2 alterações registadas" in items
    assert get(client, specialist, url).status_code == 404


def test_activity_is_paginated_in_a_fixed_number_of_queries(client, secretariat, representative):
    client.force_login(representative)

    def queries() -> int:
        client.get("/documentos/estrategia/atividade/")
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/documentos/estrategia/atividade/").status_code == 200
        return len(captured)

    factories.section(actor=secretariat, title="S")
    few = queries()
    for n in range(30):
        factories.section(actor=secretariat, title=f"S{n}", body="Texto")
    assert queries() == few
    second = client.get("/documentos/estrategia/atividade/", {"pagina": "2"}).content.decode()
    assert "Página 2 de 2" in second
