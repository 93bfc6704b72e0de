"""``/pesquisa/``: only what the person may see, accents and case aside, grouped by kind,
the match marked, paginated, and the same number of queries with few or many rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contributions import services as contribution_services
from governance import services as governance_services
from strategy import services as strategy_services
from tests import factories

pytestmark = pytest.mark.django_db


def results(client, person, q: str, **params) -> str:
    client.force_login(person)
    response = client.get("/pesquisa/", {"q": q, **params})
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def draft_section(secretariat, representative):
    return factories.section(
        actor=secretariat,
        title="Estratégia de dados urbanos",
        body="A Estratégia assenta em plataformas urbanas abertas.",
        editors=[representative],
    )


@pytest.fixture
def two_organisations(secretariat, organisation_contact):
    """Olga speaks for the first organisation; each has a submitted contribution."""
    ours = factories.organisation(actor=secretariat)
    theirs = factories.organisation(actor=secretariat, name="Associação Futuro", nif="502000007")
    other = factories.OrganisationContactFactory(email="otto@futuro.example")
    for organisation, person in [(ours, organisation_contact), (theirs, other)]:
        contribution_services.organisation_contact_add(
            actor=secretariat, organisation=organisation, person=person
        )
    call = factories.call_for_contributions(actor=secretariat)
    mine = factories.initiative(
        actor=organisation_contact, call=call, submit=True, title="Mobilidade elétrica nossa"
    )
    foreign = factories.initiative(
        actor=other, call=call, submit=True, title="Mobilidade elétrica alheia"
    )
    return mine, foreign


def test_estrategia_finds_estrategia_with_its_accent_and_marks_the_match(
    client, representative, draft_section
):
    page = results(client, representative, "estrategia")
    assert draft_section.get_absolute_url() in page
    assert "<mark>Estratégia</mark>" in page
    assert "Secções" in page


def test_capitals_do_not_matter(client, representative, draft_section):
    assert draft_section.get_absolute_url() in results(client, representative, "PLATAFORMAS")


def test_every_word_must_match(client, representative, draft_section):
    assert draft_section.get_absolute_url() not in results(
        client, representative, "estratégia inexistentíssima"
    )


def test_an_organisation_contact_never_finds_drafts_or_another_organisation(
    client, organisation_contact, draft_section, two_organisations
):
    mine, foreign = two_organisations
    assert draft_section.get_absolute_url() not in results(
        client, organisation_contact, "estrategia"
    )
    page = results(client, organisation_contact, "mobilidade eletrica")
    assert mine.get_absolute_url() in page
    assert foreign.get_absolute_url() not in page
    assert "Associação Futuro" not in results(client, organisation_contact, "associacao futuro")


def test_members_find_every_submitted_contribution(client, representative, two_organisations):
    mine, foreign = two_organisations
    page = results(client, representative, "mobilidade")
    assert mine.get_absolute_url() in page and foreign.get_absolute_url() in page


def test_a_specialist_finds_only_admitted_items_and_granted_sections(
    client, secretariat, specialist, draft_section
):
    dgt = factories.RepresentativeFactory(entity=factories.entity("dgt"))
    meeting = factories.approved_meeting(
        actor=secretariat, titles=("Estratégia aberta", "Estratégia reservada")
    )
    admitted, hidden = meeting.items.order_by("position")
    request = governance_services.specialist_request_create(
        actor=dgt, meeting=meeting, specialist=specialist, items=[admitted]
    )
    governance_services.specialist_request_decide(actor=secretariat, request=request, admit=True)
    granted = factories.section(actor=secretariat, title="Estratégia territorial")
    strategy_services.section_reader_grant(actor=secretariat, section=granted, person=specialist)
    page = results(client, specialist, "estrategia")
    assert admitted.get_absolute_url() in page
    assert hidden.get_absolute_url() not in page
    assert granted.get_absolute_url() in page
    assert draft_section.get_absolute_url() not in page


def test_the_government_finds_no_draft(client, government, draft_section):
    assert draft_section.get_absolute_url() not in results(client, government, "estrategia")


def test_meetings_items_and_decisions_are_found(client, secretariat, representative):
    meeting = factories.approved_meeting(
        actor=secretariat, title="Plenário de arranque", titles=("Calendário",)
    )
    page = results(client, representative, "arranque")
    assert meeting.get_absolute_url() in page
    assert "Reuniões" in page


def test_one_kind_is_paginated(client, secretariat, representative):
    for n in range(25):
        factories.section(actor=secretariat, title=f"Governação {n}")
    overview = results(client, representative, "governacao")
    assert "tipo=seccoes" in overview and "25 resultados" in overview
    first = results(client, representative, "governacao", tipo="seccoes")
    assert "Página 1 de 2" in first
    second = results(client, representative, "governacao", tipo="seccoes", pagina="2")
    assert "Página 2 de 2" in second


def test_an_empty_or_unmatched_search_says_so(client, representative):
    assert "Escreva uma palavra" in results(client, representative, "")
    assert "Nada do que pode ver" in results(client, representative, "zzzzqqq")


def test_a_hostile_query_is_just_text(client, representative):
    page = results(client, representative, "<script>alert(1)</script> ' OR 1=1 -- & | !")
    assert "<script>alert" not in page


def test_search_needs_a_sign_in(client):
    assert client.get("/pesquisa/?q=x").status_code == 302


def test_the_header_has_the_search_box(client, representative):
    client.force_login(representative)
    assert 'role="search"' in client.get("/painel/").content.decode()


def queries(client, q: str) -> int:
    client.get("/pesquisa/", {"q": q})
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/pesquisa/", {"q": q}).status_code == 200
    return len(captured)


def test_search_queries_do_not_grow_with_the_data(client, secretariat, representative):
    client.force_login(representative)
    for n in range(6):
        factories.section(actor=secretariat, title=f"Cidades {n}")
    few = queries(client, "cidades")
    for n in range(40):
        factories.section(actor=secretariat, title=f"Cidades mais {n}")
    assert queries(client, "cidades") == few
