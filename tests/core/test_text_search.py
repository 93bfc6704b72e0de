"""The stored ``search_document`` (``core.text_search.AddSearchDocument``): PostgreSQL keeps it
current whatever writes the row, and nothing Django writes can leave it stale."""

import pytest
from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models import TextField
from django.db.models.functions import Cast

from core.text_search import SEARCH_CONFIG, StoredSearchDocument
from strategy.models import Section
from tests import factories

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the stored document is PostgreSQL's own (SQLite searches folded text instead)",
    ),
]


def stored_and_computed(section: Section) -> tuple[str, str]:
    return (
        Section.objects.filter(pk=section.pk)
        .values_list(
            Cast(StoredSearchDocument(), TextField()),
            Cast(SearchVector("title", "body", config=SEARCH_CONFIG), TextField()),
        )
        .get()
    )


@pytest.fixture
def section(secretariat):
    return factories.section(actor=secretariat, title="Mobilidade", body="Autocarros elétricos.")


def test_a_saved_section_has_its_document(section):
    stored, computed = stored_and_computed(section)
    assert stored == computed
    assert "'eletr'" in stored and "'mobil'" in stored


def test_bulk_create_fills_it(section):
    (created,) = Section.objects.bulk_create(
        [Section(deliverable=section.deliverable, title="Energia", body="Painéis solares.")]
    )
    stored, computed = stored_and_computed(created)
    assert stored == computed and "'sol'" in stored


def test_a_plain_update_refreshes_it(section):
    Section.objects.filter(pk=section.pk).update(body="Ciclovias seguras.")
    stored, computed = stored_and_computed(section)
    assert stored == computed
    assert "'ciclov'" in stored and "'eletr'" not in stored


def test_saves_that_leave_the_text_keep_it(section):
    before, _ = stored_and_computed(section)
    section.word_count = 99
    section.save(update_fields=["word_count"])
    section.save()
    assert stored_and_computed(section) == (before, before)


def test_writing_the_column_itself_changes_nothing(section):
    before, _ = stored_and_computed(section)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE strategy_section SET search_document = NULL WHERE id = %s", [section.pk]
        )
    assert stored_and_computed(section) == (before, before)


def test_every_search_index_takes_each_write_at_once():
    """No GIN pending list that every search would have to read row by row."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, c.reloptions FROM pg_class c JOIN pg_am a ON a.oid = c.relam "
            "WHERE a.amname = 'gin' AND c.relname LIKE %s",
            ["%search_document_gin"],
        )
        indexes = dict(cursor.fetchall())
    assert len(indexes) == 6
    assert all(options == ["fastupdate=off"] for options in indexes.values()), indexes
