"""Sections form a tree per deliverable, numbered 1, 1.1, 1.1.1, that can be reordered and moved."""

import pytest
from django.core.exceptions import ValidationError

from strategy import selectors, services
from strategy.models import Section
from tests import factories

pytestmark = pytest.mark.django_db


def numbers(slug="estrategia"):
    sections = Section.objects.filter(deliverable__slug=slug)
    rows = selectors.outline_rows(sections, selectors.outline_places(sections))
    return [(row.number, row.title) for row in rows]


def test_sections_are_numbered_depth_first(secretariat):
    intro = factories.section(actor=secretariat, title="Enquadramento")
    factories.section(actor=secretariat, title="Contexto europeu", parent=intro)
    nacional = factories.section(actor=secretariat, title="Contexto nacional", parent=intro)
    factories.section(actor=secretariat, title="Municípios", parent=nacional)
    factories.section(actor=secretariat, title="Visão")
    assert numbers() == [
        ("1", "Enquadramento"),
        ("1.1", "Contexto europeu"),
        ("1.2", "Contexto nacional"),
        ("1.2.1", "Municípios"),
        ("2", "Visão"),
    ]


def test_a_section_moves_up_among_its_siblings(client, secretariat):
    factories.section(actor=secretariat, title="A")
    b = factories.section(actor=secretariat, title="B")
    client.force_login(secretariat)
    response = client.post(f"/documentos/estrategia/{b.pk}/mover/acima/")
    assert response.status_code == 302
    assert numbers() == [("1", "B"), ("2", "A")]


def test_a_section_moves_under_another_with_its_subsections(client, secretariat):
    a = factories.section(actor=secretariat, title="A")
    b = factories.section(actor=secretariat, title="B")
    factories.section(actor=secretariat, title="B1", parent=b)
    client.force_login(secretariat)
    response = client.post(f"/documentos/estrategia/{b.pk}/mover/", {"parent": a.pk, "position": 1})
    assert response.status_code == 302
    assert numbers() == [("1", "A"), ("1.1", "B"), ("1.1.1", "B1")]


def test_a_section_cannot_move_under_its_own_descendant(client, secretariat):
    a = factories.section(actor=secretariat, title="A")
    child = factories.section(actor=secretariat, title="A1", parent=a)
    grandchild = factories.section(actor=secretariat, title="A11", parent=child)
    client.force_login(secretariat)
    response = client.post(
        f"/documentos/estrategia/{a.pk}/mover/", {"parent": grandchild.pk, "position": 1}
    )
    assert response.status_code == 200
    assert "subsecções" in response.content.decode()
    assert numbers() == [("1", "A"), ("1.1", "A1"), ("1.1.1", "A11")]


def test_a_section_cannot_move_into_another_deliverable(secretariat):
    a = factories.section(actor=secretariat, title="A")
    other = factories.section(actor=secretariat, title="Riscos", slug="plano-de-acao")
    with pytest.raises(ValidationError) as caught:
        services.section_move(actor=secretariat, section=a, parent=other, position=0)
    assert caught.value.code == "other_deliverable"


def test_an_empty_title_is_refused_and_nothing_is_added(client, secretariat):
    client.force_login(secretariat)
    response = client.post("/documentos/estrategia/nova-seccao/", {"title": "  "})
    assert response.status_code == 200
    assert response.context["form"].errors["title"]
    assert not Section.objects.exists()


def test_a_child_is_added_under_its_parent(client, secretariat):
    parent = factories.section(actor=secretariat, title="Enquadramento")
    client.force_login(secretariat)
    client.post(f"/documentos/estrategia/nova-seccao/?pai={parent.pk}", {"title": "Contexto"})
    assert numbers() == [("1", "Enquadramento"), ("1.1", "Contexto")]


def test_the_outline_shows_editors_words_comments_and_progress(
    client, secretariat, representative, vision
):
    services.comment_add(actor=representative, section=vision, body="Falta o Interior.")
    client.force_login(representative)
    response = client.get("/documentos/estrategia/")
    row = response.context["rows"][0]
    assert row.editors == ["Rita Representante", "Sara Secretariado"]  # the creator edits too
    assert row.word_count == 4
    assert row.open_comments == 1
    assert response.context["approved"] == 0
    assert "Rita Representante" in response.content.decode()


def test_representatives_cannot_arrange_the_outline(client, representative, vision):
    client.force_login(representative)
    assert client.post(f"/documentos/estrategia/{vision.pk}/mover/acima/").status_code == 403
