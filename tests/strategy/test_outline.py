"""Sections form a tree per deliverable, numbered 1, 1.1, 1.1.1, that can be reordered and moved."""

import pytest
from django.core.exceptions import ValidationError

from strategy import selectors, services
from strategy.models import Deliverable, Section
from tests import factories

pytestmark = pytest.mark.django_db


def numbers(reader, slug="estrategia"):
    deliverable = Deliverable.objects.get(slug=slug)
    places = selectors.outline_places(reader, deliverable)
    rows = selectors.outline_rows(reader, deliverable, places)
    return [(row.number, row.title) for row in rows]


def test_sections_are_numbered_depth_first(secretariat):
    intro = factories.section(actor=secretariat, title="Enquadramento")
    factories.section(actor=secretariat, title="Contexto europeu", parent=intro)
    nacional = factories.section(actor=secretariat, title="Contexto nacional", parent=intro)
    factories.section(actor=secretariat, title="Municípios", parent=nacional)
    factories.section(actor=secretariat, title="Visão")
    assert numbers(secretariat) == [
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
    assert numbers(secretariat) == [("1", "B"), ("2", "A")]


def test_a_section_moves_under_another_with_its_subsections(client, secretariat):
    a = factories.section(actor=secretariat, title="A")
    b = factories.section(actor=secretariat, title="B")
    factories.section(actor=secretariat, title="B1", parent=b)
    client.force_login(secretariat)
    response = client.post(f"/documentos/estrategia/{b.pk}/mover/", {"parent": a.pk, "position": 1})
    assert response.status_code == 302
    assert numbers(secretariat) == [("1", "A"), ("1.1", "B"), ("1.1.1", "B1")]


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
    assert numbers(secretariat) == [("1", "A"), ("1.1", "A1"), ("1.1.1", "A11")]


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
    assert numbers(secretariat) == [("1", "Enquadramento"), ("1.1", "Contexto")]


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


def add_chapters(secretariat, count: int) -> list[Section]:
    """Top-level sections «Capítulo 1»…, each with one subsection: two rows per chapter."""
    chapters = []
    for n in range(1, count + 1):
        chapter = factories.section(actor=secretariat, title=f"Capítulo {n}")
        factories.section(actor=secretariat, title=f"Parte {n}.1", parent=chapter)
        chapters.append(chapter)
    return chapters


def test_the_second_page_goes_on_with_the_outline_numbering(client, secretariat):
    chapters = add_chapters(secretariat, 21)  # 42 rows: 40 on page 1, 2 on page 2
    Section.objects.filter(pk=chapters[0].pk).update(status=Section.Status.APPROVED)
    client.force_login(secretariat)
    response = client.get("/documentos/estrategia/", {"pagina": "2"})
    rows = response.context["rows"]
    assert [(row.number, row.title) for row in rows] == [
        ("21", "Capítulo 21"),
        ("21.1", "Parte 21.1"),
    ]
    page = response.content.decode()
    assert "Secções 41–42 de 42" in page
    assert "1 de 42 secções aprovadas" in page  # the whole deliverable, not the page
    assert f"/{chapters[-1].pk}/mover/acima/" in page  # not the first of its siblings
    assert f"/{chapters[-1].pk}/mover/abaixo/" not in page
    assert 'href="?pagina=1" rel="prev"' in page
    assert "Capítulo 20" not in page


def test_a_short_outline_has_one_page_and_no_page_links(client, secretariat, vision):
    client.force_login(secretariat)
    page = client.get("/documentos/estrategia/").content.decode()
    assert "Visão" in page
    assert "pagina=" not in page
    assert "Secções 1–1" not in page


@pytest.mark.parametrize(("asked", "shown"), [("abc", 1), ("0", 2), ("99", 2), ("", 1)])
def test_a_bad_page_number_shows_the_first_or_last_page(client, secretariat, asked, shown):
    add_chapters(secretariat, 21)
    client.force_login(secretariat)
    response = client.get("/documentos/estrategia/", {"pagina": asked})
    assert response.status_code == 200
    assert response.context["page"].number == shown


def test_a_section_moved_up_across_a_page_boundary_is_shown_on_its_new_page(client, secretariat):
    chapters = [factories.section(actor=secretariat, title=f"S{n}") for n in range(1, 42)]
    moved = chapters[40]  # the 41st: alone on page 2
    client.force_login(secretariat)
    response = client.post(f"/documentos/estrategia/{moved.pk}/mover/acima/")
    assert response.status_code == 302
    assert response.url == f"/documentos/estrategia/#seccao-{moved.pk}"
    assert numbers(secretariat)[39] == ("40", "S41")


def test_a_section_moved_down_across_a_page_boundary_is_shown_on_its_new_page(client, secretariat):
    chapters = [factories.section(actor=secretariat, title=f"S{n}") for n in range(1, 42)]
    moved = chapters[39]
    client.force_login(secretariat)
    response = client.post(f"/documentos/estrategia/{moved.pk}/mover/abaixo/")
    assert response.url == f"/documentos/estrategia/?pagina=2#seccao-{moved.pk}"
    assert f'id="seccao-{moved.pk}"' in client.get(response.url).content.decode()


def test_a_section_moved_through_the_form_is_shown_on_its_new_page(client, secretariat):
    chapters = [factories.section(actor=secretariat, title=f"S{n}") for n in range(1, 42)]
    moved = chapters[0]
    client.force_login(secretariat)
    response = client.post(
        f"/documentos/estrategia/{moved.pk}/mover/", {"parent": "", "position": 41}
    )
    assert response.url == f"/documentos/estrategia/?pagina=2#seccao-{moved.pk}"
    assert numbers(secretariat)[-1] == ("41", "S1")


def test_a_change_shows_at_once_on_an_outline_already_seen(
    client, secretariat, representative, vision
):
    client.force_login(secretariat)
    assert (
        'data-label="Comentários em aberto">0</td>'
        in client.get("/documentos/estrategia/").content.decode()
    )
    newcomer = factories.SecretariatFactory(full_name="Tiago Teixeira")
    services.section_editor_assign(actor=secretariat, section=vision, person=newcomer)
    services.comment_add(actor=representative, section=vision, body="Falta o Interior.")
    factories.section(actor=secretariat, title="Eixos")
    page = client.get("/documentos/estrategia/").content.decode()
    assert "Rita Representante, Sara Secretariado, Tiago Teixeira" in page
    assert 'data-label="Comentários em aberto">1</td>' in page
    assert "Eixos" in page
    assert f"/{vision.pk}/mover/abaixo/" in page  # no longer the last section


def test_who_may_not_arrange_gets_no_arrange_buttons_from_a_page_seen_by_who_may(
    client, secretariat, representative, vision
):
    factories.section(actor=secretariat, title="Eixos")
    client.force_login(secretariat)
    assert "/mover/acima/" in client.get("/documentos/estrategia/").content.decode()
    client.force_login(representative)
    assert "/mover/" not in client.get("/documentos/estrategia/").content.decode()


def test_the_outline_in_english_after_it_was_seen_in_portuguese(client, secretariat, vision):
    client.force_login(secretariat)
    assert 'data-label="Secção"' in client.get("/documentos/estrategia/").content.decode()
    client.cookies["django_language"] = "en"
    page = client.get("/documentos/estrategia/").content.decode()
    assert 'data-label="Section"' in page
    assert "Secção" not in page


def test_the_outline_names_its_coordinators_in_alphabetical_order(client, secretariat):
    deliverable = factories.deliverable()
    for name in ["Zélia Zagalo", "Álvaro Abreu", "Bruno Bastos"]:
        person = factories.SecretariatFactory(full_name=name)
        services.deliverable_coordinator_assign(
            actor=secretariat, deliverable=deliverable, person=person
        )
    client.force_login(secretariat)
    page = client.get("/documentos/estrategia/").content.decode()
    assert "Álvaro Abreu, Bruno Bastos, Zélia Zagalo" in page


def test_an_outline_without_coordinators_says_so(client, secretariat):
    factories.deliverable()
    client.force_login(secretariat)
    assert "ainda ninguém" in client.get("/documentos/estrategia/").content.decode()
