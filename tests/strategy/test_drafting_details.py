"""Details a member notices while drafting: who wrote the revision, who edits a new section,
the «Mover» list, «Subir»/«Descer», comments in Markdown, and a forged approval."""

import pytest

from strategy import selectors, services
from strategy.models import Section
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_section_page_shows_the_author_of_the_revision_not_of_the_state_change(
    client, secretariat, representative, vision
):
    services.section_change_status(actor=representative, section=vision, status="in_review")
    services.section_change_status(actor=secretariat, section=vision, status="approved")
    client.force_login(secretariat)
    response = client.get(vision.get_absolute_url())
    assert response.context["revision"].history_user == representative
    page = response.content.decode()
    revision = page.split('id="revisao-atual">', 1)[1].split("</dd>", 1)[0]
    assert "Rita Representante" in revision
    assert "Sara Secretariado" not in revision


def test_the_person_who_creates_a_section_becomes_one_of_its_editors(client, secretariat):
    client.force_login(secretariat)
    response = client.post("/documentos/estrategia/nova-seccao/", {"title": "Dados abertos"})
    assert response.status_code == 302
    section = Section.objects.get(title="Dados abertos")
    assert secretariat in selectors.editors_by_section([section.pk])[section.pk]


def test_the_move_list_is_numbered_and_in_outline_order(client, secretariat):
    first = factories.section(actor=secretariat, title="Visão")
    second = factories.section(actor=secretariat, title="Eixos")
    child = factories.section(actor=secretariat, title="Dados", parent=first)
    services.section_move(actor=secretariat, section=second, parent=None, position=0)
    client.force_login(secretariat)
    response = client.get(f"/documentos/estrategia/{child.pk}/mover/")
    labels = [label for value, label in response.context["form"].fields["parent"].choices if value]
    assert labels == ["1 Eixos", "2 Visão"]
    response = client.get(f"/documentos/estrategia/{first.pk}/mover/")
    labels = [label for value, label in response.context["form"].fields["parent"].choices if value]
    assert labels == ["1 Eixos"]  # never under itself or its own subsection


def test_no_up_on_the_first_section_nor_down_on_the_last(client, secretariat):
    first = factories.section(actor=secretariat, title="Visão")
    last = factories.section(actor=secretariat, title="Eixos")
    client.force_login(secretariat)
    page = client.get("/documentos/estrategia/").content.decode()
    assert f"/{first.pk}/mover/acima/" not in page
    assert f"/{first.pk}/mover/abaixo/" in page
    assert f"/{last.pk}/mover/acima/" in page
    assert f"/{last.pk}/mover/abaixo/" not in page


def test_comments_render_sanitised_markdown(client, representative, vision):
    services.comment_add(
        actor=representative,
        section=vision,
        body="Ver **o n.º 4** e <script>alert(1)</script> [isto](javascript:alert(1))",
    )
    client.force_login(representative)
    page = client.get(vision.get_absolute_url()).content.decode()
    assert "<strong>o n.º 4</strong>" in page
    assert "<script>alert(1)</script>" not in page
    assert 'href="javascript:' not in page


def test_a_forged_approval_by_a_non_coordinator_is_a_403_in_any_state(
    client, representative, vision
):
    client.force_login(representative)
    response = client.post(
        f"/documentos/estrategia/{vision.pk}/estado/", {"status": "approved", "reason": ""}
    )
    assert response.status_code == 403
    assert Section.objects.get(pk=vision.pk).status == "draft"
