"""``/pesquisa/``: only what the person may see, accents and case aside, grouped by kind,
the match marked, paginated, and the same number of queries with few or many rows."""

import re

import pytest
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import TextField
from django.db.models.functions import Cast
from django.test.utils import CaptureQueriesContext

from contributions import services as contribution_services
from contributions.models import Contribution
from core.text_search import SEARCH_CONFIG, StoredSearchDocument
from governance import services as governance_services
from smartcities_portal import search
from strategy import services as strategy_services
from strategy.models import Section
from tests import factories

pytestmark = pytest.mark.django_db
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL ranks and stores search vectors; SQLite folds text and lists newest first",
)


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


def test_search_queries_are_the_same_with_three_or_thirty_matches(
    client, secretariat, representative
):
    """Fewer matches than a group shows, or many more: the count never costs a query of its own."""
    client.force_login(representative)
    for n in range(3):
        factories.section(actor=secretariat, title=f"Mobilidade {n}")
    few = queries(client, "mobilidade")
    for n in range(27):
        factories.section(actor=secretariat, title=f"Mobilidade mais {n}")
    assert queries(client, "mobilidade") == few
    assert "30 resultados" in results(client, representative, "mobilidade")


@pytest.fixture
def every_kind(secretariat, organisation_contact):
    """Something of every kind that says «inteligentes» (the strategy's own title says it)."""
    factories.section(
        actor=secretariat, title="Cidades inteligentes", body="Territórios inteligentes e abertos."
    )
    organisation = factories.organisation(actor=secretariat, name="Rede de Cidades Inteligentes")
    contribution_services.organisation_contact_add(
        actor=secretariat, organisation=organisation, person=organisation_contact
    )
    call = factories.call_for_contributions(actor=secretariat)
    factories.initiative(
        actor=organisation_contact, call=call, submit=True, title="Semáforos inteligentes"
    )
    meeting = factories.approved_meeting(
        actor=secretariat,
        title="Territórios inteligentes",
        titles=("Sensores inteligentes",),
        place="Sala das cidades inteligentes",
    )
    governance_services.meeting_convene(actor=secretariat, meeting=meeting)
    factories.move_to_past(meeting)
    governance_services.meeting_mark_held(actor=secretariat, meeting=meeting)
    minutes = governance_services.minutes_save(
        actor=secretariat, meeting=meeting, body="Falou-se de redes inteligentes.", base_revision=0
    )
    governance_services.decision_add(
        actor=secretariat, minutes=minutes, text="Adotar contadores inteligentes."
    )
    strategy_services.release_publish(
        actor=secretariat,
        deliverable=factories.deliverable(),
        label="v0.1",
        kind="working_draft",
        visibility="members",
    )


def overview_queries(person) -> tuple[list[search.Group], int]:
    with CaptureQueriesContext(connection) as captured:
        groups = search.search(person, "inteligentes")
    assert [group.kind.key for group in groups] == [kind.key for kind in search.KINDS]
    assert all(group.count == len(group.hits) >= 1 for group in groups)
    return groups, len(captured)


@on_postgresql
def test_every_kind_its_hits_and_counts_cost_one_query_after_the_tables_state(
    secretariat, every_kind
):
    """No title or link of a hit reads a column the query did not load. (Inside a transaction
    that has written, as here, nothing is kept: tests/smartcities_portal/test_search_kept.py.)"""
    _groups, count = overview_queries(secretariat)
    assert count == 2


@on_postgresql
@pytest.mark.parametrize(
    "persona",
    ["secretariat", "representative", "specialist", "organisation_contact", "government"],
)
def test_each_branch_is_the_sql_the_persons_own_queryset_compiles_to(
    request, persona, secretariat, every_kind
):
    """Whoever sees every row of a kind runs the SQL kept for that kind: the very SQL of their
    own permission-aware queryset, their search text in it."""
    person = request.getfixturevalue(persona)
    for kind in search.KINDS:
        search._branch(kind, secretariat, "cidades")  # kept first by someone else
        try:
            sql, params = search._matches(kind, kind.visible(person), "cidades inteligentes")
        except EmptyResultSet:
            with pytest.raises(EmptyResultSet):
                search._branch(kind, person, "cidades inteligentes")
            continue
        branch = search._branch(kind, person, "cidades inteligentes")
        assert branch.matches == (sql, list(params))
        assert branch.model is kind.visible(person).model


@on_postgresql
def test_sql_with_something_of_the_person_in_it_is_not_kept():
    """A branch is kept only when nothing but the search's own values are its parameters."""
    contributions = search.KINDS_BY_KEY["contributos"]
    assert search._kept(contributions, Contribution.objects.filter(organisation_id=7)) is None
    assert search._kept(contributions, Contribution.objects.all()) is not None


@on_postgresql
def test_the_kept_sql_searches_each_text_anew(secretariat, every_kind):
    assert len(search.search(secretariat, "inteligentes")) == len(search.KINDS)
    groups = search.search(secretariat, "semáforos")
    assert [(group.kind.key, group.count) for group in groups] == [("contributos", 1)]
    assert groups[0].hits[0].title.startswith("Semáforos inteligentes")


on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL: one query")


@on_sqlite
def test_each_kind_costs_one_query_its_hits_and_count_included(secretariat, every_kind):
    """No title or link of a hit reads a column the query did not load."""
    _groups, count = overview_queries(secretariat)
    assert count == len(search.KINDS)


def test_the_count_is_of_what_the_person_may_see(client, secretariat, specialist):
    granted = factories.section(actor=secretariat, title="Governação aberta")
    for n in range(6):
        factories.section(actor=secretariat, title=f"Governação reservada {n}")
    strategy_services.section_reader_grant(actor=secretariat, section=granted, person=specialist)
    page = results(client, specialist, "governacao")
    assert "(1 resultado)" in page and granted.get_absolute_url() in page
    assert "7 resultados" in results(client, secretariat, "governacao")


def section_links(page: str) -> list[str]:
    return re.findall(r'href="(/documentos/estrategia/\d+/)"', page)


def test_equal_matches_come_newest_first(client, secretariat, representative):
    sections = [factories.section(actor=secretariat, title="Interoperabilidade") for _ in range(3)]
    page = results(client, representative, "interoperabilidade", tipo="seccoes")
    assert section_links(page) == [s.get_absolute_url() for s in reversed(sections)]


@on_postgresql
def test_ranking_is_the_same_as_with_vectors_computed_on_the_fly(
    client, secretariat, representative
):
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    bodies = ["Dados.", "Dados abertos, dados urbanos.", "Dados, dados e mais dados.", ""]
    for n, body in enumerate(bodies):
        factories.section(actor=secretariat, title=f"Secção {n} de dados", body=body)
    factories.section(actor=secretariat, title="Outra coisa", body="Nada a ver.")
    query = SearchQuery("dados", config=SEARCH_CONFIG, search_type="websearch")
    vector = SearchVector("title", "body", config=SEARCH_CONFIG)
    before = (
        Section.objects.annotate(document=vector, rank=SearchRank(vector, query))
        .filter(document=query)
        .order_by("-rank", "-pk")
    )
    page = results(client, representative, "dados", tipo="seccoes")
    assert section_links(page) == [section.get_absolute_url() for section in before]
    assert len(section_links(page)) == len(bodies)


@on_postgresql
def test_every_stored_kind_stores_the_vector_of_its_searched_fields(secretariat, every_kind):
    """The migrations' trigger columns and ``Kind.fields`` say the same thing."""
    from django.contrib.postgres.search import SearchVector

    for kind in [kind for kind in search.KINDS if kind.stored]:
        rows = kind.visible(secretariat).model.objects.values_list(
            Cast(StoredSearchDocument(), TextField()),
            Cast(SearchVector(*kind.fields, config=SEARCH_CONFIG), TextField()),
        )
        assert rows, kind.key
        for stored, computed in rows:
            assert stored == computed, kind.key


def test_an_overlong_search_says_how_long_it_may_be(client, representative, draft_section):
    page = results(client, representative, "estrategia " * 30)
    assert 'aria-invalid="true"' in page
    assert str(search.MAX_QUERY_LENGTH) in page
    assert draft_section.get_absolute_url() not in page


def test_punctuation_alone_asks_for_a_letter_or_digit(client, representative, draft_section):
    page = results(client, representative, "?!-- «»")
    assert "Escreva pelo menos uma letra ou um algarismo" in page
    assert draft_section.get_absolute_url() not in page


def test_every_kind_shows_its_own_title_and_link(secretariat, every_kind):
    """The few columns a hit loads are the row's own (titles of related rows included)."""
    from contributions.models import Contribution
    from governance.models import AgendaItem, Meeting
    from strategy.models import Release

    groups = {group.kind.key: group for group in search.search(secretariat, "inteligentes")}
    section = Section.objects.get(title="Cidades inteligentes")
    contribution = Contribution.objects.get()
    item = AgendaItem.objects.get(title="Sensores inteligentes")
    minutes = Meeting.objects.get(title="Territórios inteligentes").minutes
    release = Release.objects.get()
    expected = {
        "seccoes": (f"Cidades inteligentes ({section.deliverable.short_title})", section),
        "contributos": (
            f"Semáforos inteligentes ({contribution.organisation.name})",
            contribution,
        ),
        "reunioes": ("Territórios inteligentes", minutes.meeting),
        "pontos": (f"Sensores inteligentes ({item.meeting.title})", item),
        "atas": ("Territórios inteligentes", minutes),
        "organizacoes": ("Rede de Cidades Inteligentes", contribution.organisation),
        "versoes": (f"{release.deliverable.short_title} v0.1", release),
    }
    for key, (title, row) in expected.items():
        (hit,) = groups[key].hits
        assert (hit.title, hit.link) == (title, row.get_absolute_url()), key
    (decision,) = groups["decisoes"].hits
    assert decision.link == minutes.get_absolute_url() + "#decisoes"
    assert "<mark>" in groups["seccoes"].hits[0].excerpt


def test_a_renamed_section_is_found_by_its_new_name_at_once(client, secretariat, representative):
    section = factories.section(actor=secretariat, title="Plataforma urbana")
    assert section.get_absolute_url() in results(client, representative, "plataforma")
    Section.objects.filter(pk=section.pk).update(title="Rede de sensores")
    assert section.get_absolute_url() not in results(client, representative, "plataforma")
    assert "Rede de sensores" in results(client, representative, "sensores")


def test_search_queries_are_the_same_whichever_kinds_match(client, secretariat, every_kind):
    """One kind matching or all of them: the same number of queries."""
    client.force_login(secretariat)
    assert queries(client, "semaforos") == queries(client, "inteligentes")


@on_postgresql
def test_the_overview_shows_the_best_ranked_of_each_kind_first(client, secretariat, representative):
    """The overview's few hits are the first ones of the kind's own pages, in the same order."""
    bodies = ["Dados.", "Dados abertos, dados urbanos.", "Dados, dados e mais dados.", ""]
    for n in range(search.PER_GROUP + 2):
        factories.section(actor=secretariat, title=f"Secção {n} de dados", body=bodies[n % 4])
    overview = section_links(results(client, representative, "dados"))
    paged = section_links(results(client, representative, "dados", tipo="seccoes"))
    assert len(paged) == search.PER_GROUP + 2
    assert overview == paged[: search.PER_GROUP]


@on_postgresql
def test_the_kinds_without_a_stored_vector_match_as_search_vector_would(secretariat, every_kind):
    from django.contrib.postgres.search import SearchVector

    from core.text_search import Vector

    for kind in [kind for kind in search.KINDS if not kind.stored]:
        rows = kind.visible(secretariat).values_list(
            Cast(Vector(*kind.fields), TextField()),
            Cast(SearchVector(*kind.fields, config=SEARCH_CONFIG), TextField()),
        )
        assert rows, kind.key
        for ours, django in rows:
            assert ours == django, kind.key


def test_a_new_match_and_a_changed_passage_show_at_once(client, secretariat, representative):
    """The results are kept rendered under every value they show, never for a while."""
    section = factories.section(actor=secretariat, title="Mobilidade", body="Autocarros urbanos.")
    assert "(1 resultado)" in results(client, representative, "mobilidade")
    factories.section(actor=secretariat, title="Mobilidade suave")
    Section.objects.filter(pk=section.pk).update(body="Bicicletas partilhadas.")
    page = results(client, representative, "mobilidade")
    assert "(2 resultados)" in page
    assert "Bicicletas" in page and "Autocarros" not in page
