"""The unfiltered catalogue's compiled reads give what the ORM's reads give."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contributions import permissions, selectors
from contributions.models import Contribution, Region
from core.pagination import CountedPaginator
from tests import factories

pytestmark = pytest.mark.django_db

EVERY_SUBMITTED = selectors.CatalogueFilters()


@pytest.fixture
def submitted(contact, other_contact, open_call):
    """Thirty submitted contributions (more than a page) in NUTS III regions, one in a NUTS II
    region (no parent), one abroad (no region), and a draft."""
    for n in range(28):
        factories.initiative(
            actor=contact if n % 2 else other_contact,
            call=open_call,
            title=f"Iniciativa {n}",
            region_code="PT11A" if n % 3 else "PT192",
            domain="mobilidade" if n % 2 else "ambiente",
            submit=True,
        )
    in_nuts2 = factories.initiative(actor=contact, call=open_call, title="Norte", submit=True)
    Contribution.objects.filter(pk=in_nuts2.pk).update(
        region=Region.objects.get(level=Region.Level.NUTS2, name="Norte")
    )
    factories.best_practice(actor=other_contact, call=open_call, title="Fora", submit=True)
    factories.initiative(actor=contact, call=open_call, title="Rascunho")


def page_of(user, number, *, every_submitted: bool):
    contributions = selectors.catalogue(permissions.contributions_visible_to(user), EVERY_SUBMITTED)
    counts = selectors.catalogue_counts(
        contributions, selectors.regions(), every_submitted=every_submitted
    )
    rows = selectors.catalogue_page_rows(contributions, every_submitted=every_submitted)
    page = CountedPaginator(rows, selectors.CATALOGUE_PER_PAGE, count=counts.total).get_page(number)
    return counts, page


def shown(page) -> list[tuple]:
    """What the template reads of each row, through the instances."""
    return [
        (
            row.get_absolute_url(),
            row.title,
            row.summary,
            row.get_kind_display(),
            row.organisation.name,
            row.organisation.get_kind_display(),
            row.get_domain_display(),
            row.region and row.region.name,
            row.region and row.region.parent and row.region.parent.name,
            row.country_name,
            row.get_state_display(),
            row.submitted_at,
        )
        for row in page
    ]


@pytest.mark.parametrize("persona", ["representative", "secretariat"])
def test_the_compiled_counts_are_the_orms(request, persona, submitted):
    user = request.getfixturevalue(persona)
    compiled, _ = page_of(user, 1, every_submitted=True)
    orm, _ = page_of(user, 1, every_submitted=False)
    assert compiled == orm
    assert compiled.total == 30


@pytest.mark.parametrize("persona", ["representative", "secretariat"])
@pytest.mark.parametrize("number", [1, 2, "x", 99])
def test_the_compiled_pages_are_the_orms(request, persona, number, submitted):
    user = request.getfixturevalue(persona)
    _, compiled = page_of(user, number, every_submitted=True)
    _, orm = page_of(user, number, every_submitted=False)
    assert selectors.catalogue_page_values(compiled.object_list) == (
        selectors.catalogue_page_values(orm.object_list)
    )
    with CaptureQueriesContext(connection) as queries:
        rows = shown(compiled)
    assert rows == shown(orm)
    assert len(queries) == 0  # the rows are built from what the one read gave


def test_the_first_page_holds_rows_without_a_region_or_its_parent(representative, submitted):
    _, page = page_of(representative, 1, every_submitted=True)
    rows = {row.title: row for row in page}
    assert rows["Fora"].region is None and rows["Fora"].country_name
    assert rows["Norte"].region.name == "Norte" and rows["Norte"].region.parent is None
    assert "Rascunho" not in rows


def test_a_short_catalogue_is_one_compiled_page(representative, contact, open_call):
    factories.initiative(actor=contact, call=open_call, title="Só uma", submit=True)
    _, page = page_of(representative, 1, every_submitted=True)
    assert [row.title for row in page] == ["Só uma"]


def test_the_catalogue_is_every_submitted_only_unfiltered_for_those_who_read_all(
    representative, secretariat, contact
):
    assert selectors.catalogue_is_every_submitted(representative, EVERY_SUBMITTED)
    assert selectors.catalogue_is_every_submitted(
        secretariat, selectors.CatalogueFilters(text="   ")
    )
    assert not selectors.catalogue_is_every_submitted(contact, EVERY_SUBMITTED)
    for narrowed in [
        selectors.CatalogueFilters(kind="initiative"),
        selectors.CatalogueFilters(text="sensores"),
        selectors.CatalogueFilters(nuts2=Region.objects.filter(level=Region.Level.NUTS2).first()),
    ]:
        assert not selectors.catalogue_is_every_submitted(representative, narrowed)


def test_the_unfiltered_page_reads_as_many_queries_whatever_its_rows(
    client, representative, contact, open_call
):
    client.force_login(representative)
    factories.initiative(actor=contact, call=open_call, title="Primeira", submit=True)
    client.get("/contributos/catalogo/")
    with CaptureQueriesContext(connection) as few:
        assert client.get("/contributos/catalogo/?pagina=1").status_code == 200
    for n in range(30):
        factories.initiative(actor=contact, call=open_call, title=f"Mais {n}", submit=True)
    with CaptureQueriesContext(connection) as many:
        response = client.get("/contributos/catalogo/")
    assert len(many) == len(few)
    assert len(response.context["page"]) == 25
    assert "Mais 29" in response.content.decode()
