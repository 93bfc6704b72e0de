"""The members' catalogue: filters, search, pagination, CSV/JSON exports, counts and chart."""

import csv
import io
import json

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.db import connection
from django.utils import translation

from contributions import services
from contributions.models import Contribution, Region
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(secretariat, contact, other_contact, open_call):
    """Four submitted contributions of two organisations and a draft that must never show."""
    porto = factories.initiative(
        actor=contact,
        call=open_call,
        title="Mobilidade partilhada no Porto",
        region_code="PT11A",
        domain="mobilidade",
        maturity="scaled",
        submit=True,
    )
    coimbra = factories.initiative(
        actor=other_contact,
        call=open_call,
        title="Sensores de qualidade do ar",
        summary="Rede de sensores ambientais nas escolas.",
        region_code="PT192",
        domain="ambiente",
        maturity="pilot",
        submit=True,
    )
    practice = factories.best_practice(
        actor=other_contact, call=open_call, title="Gémeo digital de Helsínquia", submit=True
    )
    principle = services.contribution_create(
        actor=contact,
        call=open_call,
        kind="principle",
        title="Normas abertas",
        summary="Interoperabilidade primeiro.",
        statement="Usar normas abertas.",
        rationale="Replicação entre municípios.",
    )
    principle = services.contribution_submit(actor=contact, contribution=principle)
    services.contribution_start_review(actor=secretariat, contribution=principle)
    draft = factories.initiative(actor=contact, call=open_call, title="Rascunho secreto")
    return {
        "porto": porto,
        "coimbra": coimbra,
        "practice": practice,
        "principle": principle,
        "draft": draft,
    }


def titles(response) -> set[str]:
    return {contribution.title for contribution in response.context["page"]}


def test_members_see_every_submitted_contribution_and_no_draft(client, representative, catalogue):
    client.force_login(representative)
    response = client.get("/contributos/catalogo/")
    assert response.status_code == 200
    assert titles(response) == {
        "Mobilidade partilhada no Porto",
        "Sensores de qualidade do ar",
        "Gémeo digital de Helsínquia",
        "Normas abertas",
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"kind": "initiative"}, {"porto", "coimbra"}),
        ({"kind": "best_practice"}, {"practice"}),
        ({"domain": "ambiente"}, {"coimbra"}),
        ({"maturity": "scaled"}, {"porto"}),
        ({"state": "under_review"}, {"principle"}),
        ({"organisation_kind": "association"}, {"coimbra", "practice"}),
        ({"q": "escolas"}, {"coimbra"}),
    ],
)
def test_filters_select_the_contributions(client, representative, catalogue, query, expected):
    client.force_login(representative)
    response = client.get("/contributos/catalogo/", query)
    assert titles(response) == {catalogue[name].title for name in expected}


def test_filters_by_nuts_ii_and_nuts_iii_region(client, representative, catalogue):
    client.force_login(representative)
    centro = Region.objects.get(code="PT19")
    coimbra = Region.objects.get(code="PT192")
    assert titles(client.get("/contributos/catalogo/", {"nuts2": centro.pk})) == {
        "Sensores de qualidade do ar"
    }
    assert titles(client.get("/contributos/catalogo/", {"nuts3": coimbra.pk})) == {
        "Sensores de qualidade do ar"
    }


def test_filters_by_call(client, representative, secretariat, contact, catalogue):
    other_call = factories.call_for_contributions(actor=secretariat, title="Segunda chamada")
    factories.initiative(actor=contact, call=other_call, title="Na segunda", submit=True)
    client.force_login(representative)
    assert titles(client.get("/contributos/catalogo/", {"call": other_call.pk})) == {"Na segunda"}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="stemming needs PostgreSQL")
def test_search_uses_portuguese_stemming_on_postgresql(client, representative, catalogue):
    client.force_login(representative)
    # «escola» finds «escolas» only through the Portuguese stemmer.
    assert titles(client.get("/contributos/catalogo/", {"q": "escola"})) == {
        "Sensores de qualidade do ar"
    }


def test_search_still_works_without_postgresql(client, representative, catalogue):
    client.force_login(representative)
    assert titles(client.get("/contributos/catalogo/", {"q": "Helsínquia"})) == {
        "Gémeo digital de Helsínquia"
    }


def test_the_catalogue_is_paginated_and_keeps_the_filters(
    client, representative, contact, open_call
):
    for n in range(30):
        factories.initiative(actor=contact, call=open_call, title=f"Iniciativa {n}", submit=True)
    client.force_login(representative)
    response = client.get("/contributos/catalogo/", {"kind": "initiative"})
    assert len(response.context["page"].object_list) == 25
    assert 'href="?kind=initiative&amp;pagina=2"' in response.content.decode()
    assert len(client.get("/contributos/catalogo/?kind=initiative&pagina=2").context["page"]) == 5


def test_csv_export_holds_the_filtered_list(client, representative, catalogue):
    client.force_login(representative)
    response = client.get("/contributos/catalogo/exportar.csv", {"kind": "initiative"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment;")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert {row["Título"] for row in rows} == {
        "Mobilidade partilhada no Porto",
        "Sensores de qualidade do ar",
    }
    assert {row["Região NUTS II"].split(" ")[0] for row in rows} == {"PT11", "PT19"}


def test_csv_export_speaks_portuguese_and_json_keeps_the_codes(client, representative, catalogue):
    client.force_login(representative)
    response = client.get("/contributos/catalogo/exportar.csv", {"kind": "initiative"})
    reader = csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))
    assert reader.fieldnames[:4] == ["Número", "Título", "Tipo", "Estado"]
    row = next(row for row in reader if row["Título"] == "Mobilidade partilhada no Porto")
    assert row["Tipo"] == "Iniciativa ou solução existente"
    assert row["Estado"] == "Submetido"
    assert row["Domínio"] == "Mobilidade"
    assert row["Região NUTS II"] == "PT11 Norte"
    data = client.get("/contributos/catalogo/exportar.json", {"kind": "initiative"}).json()
    machine = next(r for r in data["contributions"] if r["title"] == row["Título"])
    assert (machine["kind"], machine["state"], machine["domain"], machine["nuts2"]) == (
        "initiative",
        "submitted",
        "mobilidade",
        "PT11",
    )


def test_csv_cells_cannot_become_spreadsheet_formulas(client, representative, contact, open_call):
    factories.initiative(actor=contact, call=open_call, title="=HYPERLINK(1)", submit=True)
    client.force_login(representative)
    response = client.get("/contributos/catalogo/exportar.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0]["Título"] == "'=HYPERLINK(1)"


def test_json_export_holds_the_filtered_list(client, representative, catalogue):
    client.force_login(representative)
    response = client.get("/contributos/catalogo/exportar.json", {"domain": "mobilidade"})
    data = json.loads(response.content)
    assert [row["title"] for row in data["contributions"]] == ["Mobilidade partilhada no Porto"]
    assert data["contributions"][0]["organisation"] == "Câmara Municipal de Exemplo"


def test_an_unknown_export_format_is_404(client, representative):
    client.force_login(representative)
    assert client.get("/contributos/catalogo/exportar.xml").status_code == 404


def test_counts_by_domain_and_by_region_follow_the_filters(client, representative, catalogue):
    client.force_login(representative)
    response = client.get("/contributos/catalogo/")
    # One bar per domain, in the order of Contribution.Domain (labels are translated).
    bars = response.context["by_domain"]
    assert len(bars) == 6
    by_domain = dict(zip(Contribution.Domain.values, [bar.count for bar in bars], strict=True))
    assert (by_domain["mobilidade"], by_domain["ambiente"], by_domain["economia"]) == (1, 1, 0)
    by_region = {bar.label: bar.count for bar in response.context["by_region"]}
    assert len(by_region) == 9
    assert (by_region["Norte"], by_region["Centro"], by_region["Algarve"]) == (1, 1, 0)
    filtered = client.get("/contributos/catalogo/", {"domain": "ambiente"})
    assert {bar.label: bar.count for bar in filtered.context["by_region"]}["Norte"] == 0


def test_the_chart_is_an_image_with_a_text_alternative_and_a_table(
    client, representative, catalogue
):
    client.force_login(representative)
    page = client.get("/contributos/catalogo/").content.decode()
    assert page.count('role="img"') == 2
    assert 'aria-labelledby="grafico-dominios-title grafico-dominios-desc"' in page
    assert "Norte: 1" in page  # region names are data, in Portuguese
    assert page.count("<table") == 3  # the list and a table beside each chart


@pytest.mark.parametrize("persona", ["contact", "specialist", "government"])
def test_only_members_open_the_catalogue_and_its_exports(client, request, persona, catalogue):
    client.force_login(request.getfixturevalue(persona))
    for url in [
        "/contributos/catalogo/",
        "/contributos/catalogo/exportar.csv",
        "/contributos/catalogo/exportar.json",
    ]:
        assert client.get(url).status_code == 404, url


# --- the cached page: a change to anything it shows shows at once -------------------------------


def catalogue_page(client) -> str:
    response = client.get("/contributos/catalogo/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_content_is_cached_under_its_content_key(client, representative, catalogue):
    client.force_login(representative)
    response = client.get("/contributos/catalogo/")
    key = make_template_fragment_key("catalogue", [response.context["content_key"]])
    assert "Mobilidade partilhada no Porto" in cache.get(key)


def test_a_decision_on_a_listed_contribution_shows_at_once(
    client, representative, secretariat, catalogue
):
    client.force_login(representative)
    before = catalogue_page(client).count("Em análise")
    services.contribution_start_review(actor=secretariat, contribution=catalogue["porto"])
    assert catalogue_page(client).count("Em análise") == before + 1


def test_a_renamed_organisation_shows_at_once(client, representative, secretariat, catalogue):
    client.force_login(representative)
    organisation = catalogue["porto"].organisation
    assert organisation.name in catalogue_page(client)
    services.organisation_update(
        actor=secretariat,
        organisation=organisation,
        name="Município Renomeado",
        kind=organisation.kind,
        scope=organisation.scope,
        country=organisation.country,
        nif=organisation.nif,
    )
    assert "Município Renomeado" in catalogue_page(client)


def test_a_new_submission_shows_at_once_with_the_counts(
    client, representative, contact, open_call, catalogue
):
    client.force_login(representative)
    assert "4 contributos" in catalogue_page(client)
    factories.initiative(actor=contact, call=open_call, title="Recém-chegada", submit=True)
    page = catalogue_page(client)
    assert "Recém-chegada" in page and "5 contributos" in page


def test_a_new_call_shows_in_the_filters_at_once(client, representative, secretariat, catalogue):
    client.force_login(representative)
    catalogue_page(client)
    call = factories.call_for_contributions(actor=secretariat, title="Chamada nova")
    assert f'<option value="{call.pk}">Chamada nova</option>' in catalogue_page(client)


def test_the_cached_page_follows_the_language(client, representative, catalogue):
    client.force_login(representative)
    # The locale middleware leaves its language active in this thread: undo it for later tests.
    with translation.override(settings.LANGUAGE_CODE):
        assert "Submetido" in catalogue_page(client)
        client.cookies["django_language"] = "en"
        page = catalogue_page(client)
    assert "Submitted" in page and "Submetido" not in page
