"""The read-only open-data API: releases by visibility, text, action plan (JSON and CSV), the
DCAT-AP catalogue, OpenAPI 3, a docs page without any CDN, and a rate limit."""

import csv
import io

import pytest
from django.core.cache import cache

from strategy import api as api_module
from strategy import services
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def plan(secretariat):
    section = factories.section(
        actor=secretariat, title="Enquadramento", body="O **plano**.", slug="plano-de-acao"
    )
    factories.plan_action(actor=secretariat)
    return section.deliverable


def release(actor, deliverable, label, visibility):
    return services.release_publish(
        actor=actor,
        deliverable=deliverable,
        label=label,
        kind="working_draft",
        visibility=visibility,
    )


@pytest.fixture
def releases(secretariat, plan, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return {
            visibility: release(secretariat, plan, label, visibility)
            for label, visibility in [
                ("v0.1", "members"),
                ("v0.2", "government"),
                ("v0.3", "public"),
            ]
        }


def labels(response):
    return sorted(item["label"] for item in response.json())


def test_anonymous_callers_see_only_public_releases(client, releases):
    assert labels(client.get("/api/v1/versoes")) == ["v0.3"]


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("government", ["v0.2", "v0.3"]),
        ("representative", ["v0.1", "v0.2", "v0.3"]),
        ("organisation_contact", ["v0.3"]),
    ],
)
def test_signed_in_callers_see_what_the_portal_shows_them(
    client, request, releases, persona, expected
):
    client.force_login(request.getfixturevalue(persona))
    assert labels(client.get("/api/v1/versoes")) == expected
    portal = client.get("/versoes/").context["releases"]
    assert sorted(release.label for release in portal) == expected


def test_a_release_lists_its_fingerprint_seal_and_links(client, releases):
    public = releases["public"]
    public.render.refresh_from_db()
    data = client.get(f"/api/v1/versoes/{public.pk}").json()
    assert data["sha256"] == public.render.sha256
    assert data["signature"]["status"] == "sealed"
    assert data["kind"] == "working_draft"
    assert data["links"]["pdf"].endswith(f"/versoes/{public.pk}/transferir/")
    assert data["links"]["odt"].endswith(f"/versoes/{public.pk}/transferir/odt/")
    assert data["links"]["docx"].endswith(f"/versoes/{public.pk}/transferir/docx/")
    assert client.get(data["links"]["odt"]).status_code == 200


def test_a_hidden_or_forged_release_is_a_clear_404(client, releases):
    for release_id in (releases["members"].pk, 999999):
        response = client.get(f"/api/v1/versoes/{release_id}")
        assert response.status_code == 404
        assert "Versão não encontrada" in response.json()["detail"]
    malformed = client.get("/api/v1/versoes/abc")
    assert malformed.status_code == 422
    assert malformed.json()["detail"] == "Pedido inválido: verifique release_id."


def test_the_text_comes_as_numbered_sections_with_markdown_and_html(client, releases):
    data = client.get(f"/api/v1/versoes/{releases['public'].pk}/texto").json()
    assert data["sections"] == [
        {
            "id": data["sections"][0]["id"],
            "number": "1",
            "depth": 0,
            "title": "Enquadramento",
            "principles": [],
            "markdown": "O **plano**.",
            "html": "<p>O <strong>plano</strong>.</p>\n",
        }
    ]


def test_the_action_plan_comes_as_json_and_csv(client, releases):
    public = releases["public"]
    actions = client.get(f"/api/v1/versoes/{public.pk}/plano-de-acao").json()
    assert [action["code"] for action in actions] == ["A1.1"]
    assert actions[0]["funding"] == "PRR"
    assert actions[0]["start"] == "2022-06-01"
    response = client.get(f"/api/v1/versoes/{public.pk}/plano-de-acao.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["Código", "Ação"]
    assert rows[1][0] == "A1.1"
    assert rows[1][5] == "01/06/2022"


def test_openapi_3_describes_the_api(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/versoes/{release_id}/texto" in schema["paths"]
    assert "/api/v1/dcat.jsonld" in schema["paths"]


def test_the_docs_page_loads_nothing_from_outside_under_the_strict_csp(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    page = response.content.decode()
    assert "cdn" not in page.lower()
    assert "https://" not in page
    assert "/static/ninja/swagger-ui-bundle.js" in page
    policy = response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy
    assert "script-src 'self'" in policy


def test_the_api_is_rate_limited(client, releases, monkeypatch):
    monkeypatch.setattr(api_module.RATE_LIMIT, "num_requests", 3)
    statuses = [client.get("/api/v1/versoes").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


# DCAT-AP ----------------------------------------------------------------------------------------

# The properties DCAT-AP makes mandatory, per class (DCAT-AP 2.1/3.0, «Mandatory properties»).
MANDATORY = {
    "dcat:Catalog": ["dct:title", "dct:description", "dct:publisher", "dcat:dataset"],
    "dcat:Dataset": ["dct:title", "dct:description"],
    "dcat:Distribution": ["dcat:accessURL"],
    "foaf:Agent": ["foaf:name"],
}
NAMESPACES = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
}


def _nodes(node):
    """Every JSON-LD node object in the document, depth first."""
    if isinstance(node, dict):
        if "@type" in node:
            yield node
        for key, value in node.items():
            if key != "@context":
                yield from _nodes(value)
    elif isinstance(node, list):
        for item in node:
            yield from _nodes(item)


def test_the_dcat_catalogue_has_every_mandatory_property(client, releases):
    response = client.get("/api/v1/dcat.jsonld")
    assert response["Content-Type"].startswith("application/ld+json")
    catalogue = response.json()
    for prefix, iri in NAMESPACES.items():
        assert catalogue["@context"][prefix] == iri
    nodes = list(_nodes(catalogue))
    seen = dict.fromkeys(MANDATORY, 0)
    for node in nodes:
        kind = node["@type"]
        for prop in MANDATORY.get(kind, []):
            value = node.get(prop)
            assert value not in (None, "", [], {}), f"{kind} lacks {prop}"
            if isinstance(value, dict) and "@value" in value:
                assert value["@value"].strip()
        seen[kind] = seen.get(kind, 0) + 1
    assert seen["dcat:Catalog"] == 1
    assert seen["dcat:Dataset"] == 1  # only the public release
    assert seen["dcat:Distribution"] == 3  # PDF, ODT, DOCX
    datasets = catalogue["dcat:dataset"]
    releases["public"].render.refresh_from_db()
    assert datasets[0]["dct:identifier"] == "plano-de-acao-v0.3"
    pdf = datasets[0]["dcat:distribution"][0]
    assert pdf["spdx:checksum"]["spdx:checksumValue"]["@value"] == releases["public"].render.sha256
    assert pdf["dcat:accessURL"]["@id"].startswith("http://testserver/versoes/")


def test_the_dcat_catalogue_names_no_hidden_release_even_to_members(
    client, representative, releases
):
    client.force_login(representative)
    datasets = client.get("/api/v1/dcat.jsonld").json()["dcat:dataset"]
    assert [dataset["dct:identifier"] for dataset in datasets] == ["plano-de-acao-v0.3"]


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_release_list_and_catalogue_do_not_grow_with_releases(client, secretariat, plan):
    release(secretariat, plan, "v0.1", "public")
    few = (_queries(client, "/api/v1/versoes"), _queries(client, "/api/v1/dcat.jsonld"))
    for minor in range(2, 7):
        release(secretariat, plan, f"v0.{minor}", "public")
    cache.clear()
    assert (_queries(client, "/api/v1/versoes"), _queries(client, "/api/v1/dcat.jsonld")) == few
