"""Search results kept while the tables they read stay as they were (PostgreSQL).

These tests commit, as requests do: inside a transaction that has written, nothing is kept.
"""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from contributions import services as contribution_services
from governance.models import Meeting, Minutes
from smartcities_portal import search, search_sql
from strategy import services as strategy_services
from strategy.models import Section
from tests import factories

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="PostgreSQL's overview keeps its results"
    ),
]


def overview(person, text: str) -> tuple[dict[str, tuple[int, list[str]]], list[str]]:
    """Each kind's count and hit titles, and the SQL the search sent."""
    with CaptureQueriesContext(connection) as captured:
        groups = search.search(person, text)
    found = {group.kind.key: (group.count, [hit.title for hit in group.hits]) for group in groups}
    return found, [query["sql"] for query in captured]


@pytest.fixture
def sections_and_a_contribution(secretariat, organisation_contact):
    for n in range(3):
        factories.section(actor=secretariat, title=f"Bairros inteligentes {n}")
    organisation = factories.organisation(actor=secretariat)
    contribution_services.organisation_contact_add(
        actor=secretariat, organisation=organisation, person=organisation_contact
    )
    call = factories.call_for_contributions(actor=secretariat)
    factories.initiative(
        actor=organisation_contact, call=call, submit=True, title="Semáforos inteligentes"
    )


def test_the_same_words_again_cost_only_the_tables_state(secretariat, sections_and_a_contribution):
    first, _sql = overview(secretariat, "inteligentes")
    again, sql = overview(secretariat, "inteligentes")
    assert again == first
    assert first["seccoes"][0] == 3 and first["contributos"][0] == 1
    assert len(sql) == 1 and "xmin" in sql[0]


def test_other_words_are_searched_anew(secretariat, sections_and_a_contribution):
    overview(secretariat, "inteligentes")
    found, sql = overview(secretariat, "semáforos")
    assert found == {"contributos": (1, ["Semáforos inteligentes (Câmara Municipal de Exemplo)"])}
    assert len(sql) == 2


def test_a_new_section_shows_at_once_and_the_contributions_stay_kept(
    secretariat, sections_and_a_contribution
):
    overview(secretariat, "inteligentes")
    factories.section(actor=secretariat, title="Portos inteligentes")
    found, sql = overview(secretariat, "inteligentes")
    assert (
        found["seccoes"][0] == 4
        and "Portos inteligentes (Estratégia Nacional de Smart Cities)" in found["seccoes"][1]
    )
    assert found["contributos"][0] == 1
    searched = sql[-1]
    assert '"strategy_section"' in searched and '"contributions_contribution"' not in searched


def test_an_edit_shows_at_once(secretariat, representative, sections_and_a_contribution):
    section = Section.objects.filter(title="Bairros inteligentes 0").get()
    strategy_services.section_editor_assign(actor=secretariat, section=section, person=secretariat)
    overview(secretariat, "inteligentes")
    strategy_services.section_update(
        actor=secretariat,
        section=section,
        base_revision=section.revision,
        title="Bairros abertos",
        body="",
    )
    found, _sql = overview(secretariat, "inteligentes")
    assert found["seccoes"][0] == 2


def test_writes_that_bypass_the_models_show_at_once(secretariat, sections_and_a_contribution):
    """A queryset update sends no signal, and a delete lowers the count: the state sees both."""
    overview(secretariat, "inteligentes")
    Section.objects.filter(title="Bairros inteligentes 1").update(title="Bairros sossegados")
    assert overview(secretariat, "inteligentes")[0]["seccoes"][0] == 2
    Section.objects.filter(title="Bairros inteligentes 2").delete()
    assert overview(secretariat, "inteligentes")[0]["seccoes"][0] == 1


def test_someone_who_sees_part_of_a_kind_is_searched_afresh_each_time(
    organisation_contact, sections_and_a_contribution
):
    """An organisation sees its own contributions: that branch is the person's own, never kept."""
    overview(organisation_contact, "semáforos")
    found, sql = overview(organisation_contact, "semáforos")
    assert found["contributos"][0] == 1
    assert any("ts_rank" in statement for statement in sql)


def test_a_transaction_that_has_written_keeps_nothing(secretariat, sections_and_a_contribution):
    """Its own rewrites keep their transaction number: the state could not tell them apart."""
    tables = {"strategy_section"}
    assert search_sql.table_states(tables) is not None
    with transaction.atomic():
        assert search_sql.table_states(tables) is not None  # nothing written yet
        Section.objects.filter(title="Bairros inteligentes 0").update(title="Bairros novos")
        assert search_sql.table_states(tables) is None


def test_the_state_of_a_table_changes_with_every_write(secretariat, sections_and_a_contribution):
    tables = {"strategy_section"}
    states = [search_sql.table_states(tables)]
    section = Section.objects.filter(title="Bairros inteligentes 0").get()
    Section.objects.filter(pk=section.pk).update(title="Bairros inteligentes 0")  # same value
    states.append(search_sql.table_states(tables))
    Section.objects.filter(pk=section.pk).delete()
    states.append(search_sql.table_states(tables))
    assert len(set(map(str, states))) == 3


def test_the_tables_read_include_those_of_subqueries():
    held = Minutes.objects.filter(meeting__in=Meeting.objects.filter(state="held"))
    sql, _params = held.query.sql_with_params()
    assert search_sql.tables_read(sql) == {"governance_minutes", "governance_meeting"}
    assert search_sql.tables_read('SELECT 1 FROM "not_a_model_table"') is None
