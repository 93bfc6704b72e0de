"""Who reads, edits and comments on drafts: members all, specialists where granted, others 404."""

import pytest

from strategy import services
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("persona", ["organisation_contact", "government"])
@pytest.mark.parametrize(
    "path", ["", "estrategia/", "estrategia/{id}/", "estrategia/{id}/historico/", "principios/"]
)
def test_organisations_and_government_get_404_on_drafts(client, persona, path, request, vision):
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/documentos/" + path.format(id=vision.pk)).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, vision):
    response = client.get(f"/documentos/estrategia/{vision.pk}/")
    assert response.status_code == 302
    assert response.url.startswith("/conta/entrar/")


@pytest.mark.parametrize("persona", ["secretariat", "representative"])
def test_every_member_reads_every_section(client, persona, request, vision):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(f"/documentos/estrategia/{vision.pk}/")
    assert response.status_code == 200
    assert "Territórios inteligentes e coesos." in response.content.decode()


def test_a_specialist_sees_only_the_sections_granted(client, secretariat, specialist, vision):
    hidden = factories.section(actor=secretariat, title="Diagnóstico")
    client.force_login(specialist)
    assert client.get(f"/documentos/estrategia/{vision.pk}/").status_code == 404
    services.section_reader_grant(actor=secretariat, section=vision, person=specialist)
    assert client.get(f"/documentos/estrategia/{vision.pk}/").status_code == 200
    assert client.get(f"/documentos/estrategia/{hidden.pk}/").status_code == 404
    titles = [row.title for row in client.get("/documentos/estrategia/").context["rows"]]
    assert titles == ["Visão"]


def test_a_specialist_edits_only_where_made_an_editor(client, secretariat, specialist, vision):
    services.section_reader_grant(actor=secretariat, section=vision, person=specialist)
    client.force_login(specialist)
    assert client.get(f"/documentos/estrategia/{vision.pk}/editar/").status_code == 403
    services.section_editor_assign(actor=secretariat, section=vision, person=specialist)
    assert client.get(f"/documentos/estrategia/{vision.pk}/editar/").status_code == 200


def test_taking_the_grant_away_ends_the_access(client, secretariat, specialist, vision):
    services.section_editor_assign(actor=secretariat, section=vision, person=specialist)
    services.section_reader_revoke(actor=secretariat, section=vision, person=specialist)
    client.force_login(specialist)
    assert client.get(f"/documentos/estrategia/{vision.pk}/").status_code == 404


def test_the_secretariat_assigns_editors_on_the_access_page(client, secretariat, vision):
    other = factories.RepresentativeFactory(entity=factories.entity("dgal"))
    client.force_login(secretariat)
    response = client.post(
        f"/documentos/estrategia/{vision.pk}/acesso/", {"person": other.pk, "operacao": "editar"}
    )
    assert response.status_code == 302
    assert other.has_perm("strategy.change_section", vision)


def test_an_organisation_contact_cannot_be_made_an_editor(
    client, secretariat, organisation_contact, vision
):
    client.force_login(secretariat)
    response = client.post(
        f"/documentos/estrategia/{vision.pk}/acesso/",
        {"person": organisation_contact.pk, "operacao": "editar"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["person"]
    assert not organisation_contact.has_perm("strategy.change_section", vision)


@pytest.mark.parametrize("persona", ["representative", "specialist"])
def test_only_the_secretariat_manages_access(client, persona, request, vision):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(f"/documentos/estrategia/{vision.pk}/acesso/").status_code in {403, 404}


def test_the_secretariat_names_a_coordinator(client, secretariat, representative):
    client.force_login(secretariat)
    response = client.post(
        "/documentos/estrategia/coordenacao/",
        {"person": representative.pk, "operacao": "adicionar"},
    )
    assert response.status_code == 302
    assert representative.has_perm("strategy.coordinate_deliverable", factories.deliverable())


def test_the_preview_renders_sanitised_html_for_members_only(client, representative, government):
    client.force_login(representative)
    response = client.post("/documentos/pre-visualizar/", {"body": "**a** <script>x</script>"})
    assert "<strong>a</strong>" in response.content.decode()
    assert "<script>" not in response.content.decode()
    client.force_login(government)
    assert client.post("/documentos/pre-visualizar/", {"body": "a"}).status_code == 404


def test_the_preview_answers_a_signed_out_editor_with_401_not_the_sign_in_page(client):
    response = client.post(
        "/documentos/pre-visualizar/", {"body": "**a**"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 401
    assert response.content == b""


def test_the_preview_is_a_fragment_not_a_page(client, representative):
    client.force_login(representative)
    response = client.post(
        "/documentos/pre-visualizar/", {"body": "# Título"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert "<h1>Título</h1>" in html
    assert "<html" not in html
    assert "<main" not in html
