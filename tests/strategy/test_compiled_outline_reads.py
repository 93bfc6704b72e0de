"""The outline's compiled reads (for those who read every section) give what the ORM's reads give
to a specialist granted the same sections, and a page of rows is one query whatever its length."""

import pytest

from strategy import selectors, services
from strategy.models import Deliverable
from tests import factories

pytestmark = pytest.mark.django_db


def add_outline(secretariat, editors, count: int) -> list:
    """Chapters with subsections, editors and open and resolved comments."""
    sections, parent = [], None
    for n in range(count):
        section = factories.section(
            actor=secretariat, title=f"Secção {n}", parent=parent, editors=editors[: n % 3]
        )
        for _ in range(n % 4):
            services.comment_add(actor=secretariat, section=section, body="Nota")
        sections.append(section)
        parent = section if n % 5 == 0 else parent
    return sections


def outline(reader, window=slice(None)):
    deliverable = Deliverable.objects.get(slug="estrategia")
    places = selectors.outline_places(reader, deliverable)
    rows = selectors.outline_rows(reader, deliverable, places[window])
    return places, [row.figures() for row in rows]


@pytest.fixture
def sections(secretariat, representative):
    editors = [representative, factories.SecretariatFactory(full_name="Ana Alves")]
    sections = add_outline(secretariat, editors, 45)
    factories.section(actor=secretariat, title="Riscos", slug="plano-de-acao")
    return sections


@pytest.mark.parametrize(
    "window",
    [slice(0, 40), slice(40, 80), slice(3, 5), slice(None)],
    ids=["first-page", "last-page", "a-few", "more-than-a-page"],
)
def test_members_see_what_a_specialist_granted_every_section_sees(
    secretariat, representative, specialist, sections, window
):
    for section in sections:
        services.section_reader_grant(actor=secretariat, section=section, person=specialist)
    expected = outline(specialist, window)
    assert len(expected[0]) == 45
    assert expected[1]  # the window holds rows
    assert outline(secretariat, window) == expected
    assert outline(representative, window) == expected


def test_the_rows_name_editors_a_to_z_and_count_open_comments(secretariat, sections):
    comment = services.comment_add(actor=secretariat, section=sections[3], body="Resolvida")
    services.comment_resolve(actor=secretariat, comment=comment)
    deliverable = Deliverable.objects.get(slug="estrategia")
    places = selectors.outline_places(secretariat, deliverable)[:40]
    rows = {row.pk: row for row in selectors.outline_rows(secretariat, deliverable, places)}
    # The secretariat edits what it adds.
    assert rows[sections[2].pk].editors == ["Ana Alves", "Rita Representante", "Sara Secretariado"]
    assert rows[sections[1].pk].editors == ["Rita Representante", "Sara Secretariado"]
    assert rows[sections[0].pk].editors == ["Sara Secretariado"]
    assert rows[sections[3].pk].open_comments == 3
    assert rows[sections[0].pk].open_comments == 0


def test_a_specialist_sees_only_the_sections_granted(secretariat, specialist, sections):
    services.section_reader_grant(actor=secretariat, section=sections[7], person=specialist)
    places, rows = outline(specialist)
    assert [place.node.pk for place in places] == [sections[7].pk]
    assert [(row[0], row[1]) for row in rows] == [(sections[7].pk, "1")]


def test_a_page_of_rows_is_one_query_however_long(secretariat, sections, django_assert_num_queries):
    deliverable = Deliverable.objects.get(slug="estrategia")
    places = selectors.outline_places(secretariat, deliverable)
    for window in (places[:1], places[:40]):
        with django_assert_num_queries(1):
            assert len(selectors.outline_rows(secretariat, deliverable, window)) == len(window)
