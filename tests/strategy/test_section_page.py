"""The section page: its number, its text (rendered once per revision), its comment threads."""

import pytest
from django.template.loader import render_to_string

from strategy import selectors, services
from strategy.forms import CommentForm
from strategy.models import COMMENT_MAX_LENGTH, Principle, Section
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_new_revision_shows_its_new_text_at_once(client, representative, vision):
    client.force_login(representative)
    url = vision.get_absolute_url()
    assert "Territórios inteligentes" in client.get(url).content.decode()
    services.section_update(
        actor=representative,
        section=vision,
        base_revision=vision.revision,
        title=vision.title,
        body="Cidades **abertas**.",
    )
    page = client.get(url).content.decode()
    assert "Cidades <strong>abertas</strong>." in page
    assert "Territórios inteligentes" not in page


def test_a_restored_revision_shows_the_restored_text(client, representative, vision):
    first = vision.history.order_by("history_id").last()  # the version with the first text
    vision = services.section_update(
        actor=representative,
        section=vision,
        base_revision=vision.revision,
        title=vision.title,
        body="Outro texto.",
    )
    client.force_login(representative)
    assert "Outro texto." in client.get(vision.get_absolute_url()).content.decode()
    services.section_restore(actor=representative, section=vision, version_id=first.history_id)
    page = client.get(vision.get_absolute_url()).content.decode()
    assert "Territórios inteligentes" in page
    assert "Outro texto." not in page


def test_the_text_is_the_same_in_both_languages_and_the_page_around_it_is_not(
    client, representative, vision
):
    client.force_login(representative)
    portuguese = client.get(vision.get_absolute_url()).content.decode()
    client.cookies["django_language"] = "en"
    english = client.get(vision.get_absolute_url()).content.decode()
    body = "<p>Territórios inteligentes e coesos.</p>"
    assert body in portuguese and body in english
    assert "Comentários" in portuguese and "Comentários" not in english
    assert "Comments" in english


def test_the_number_follows_the_outline_and_its_moves(client, secretariat):
    first = factories.section(actor=secretariat, title="Visão")
    second = factories.section(actor=secretariat, title="Eixos")
    child = factories.section(actor=secretariat, title="Dados", parent=second)
    grandchild = factories.section(actor=secretariat, title="Abertos", parent=child)
    assert selectors.section_number(grandchild).result() == "2.1.1"
    services.section_move(actor=secretariat, section=second, parent=None, position=0)
    assert selectors.section_number(grandchild).result() == "1.1.1"
    assert selectors.section_number(Section.objects.get(pk=first.pk)).result() == "2"
    client.force_login(secretariat)
    page = client.get(grandchild.get_absolute_url()).content.decode()
    assert '<span class="number">1.1.1</span> Abertos' in page


def test_every_reply_is_shown_under_its_own_thread_in_the_order_written(
    client, secretariat, representative, vision
):
    first = services.comment_add(actor=representative, section=vision, body="Primeira questão")
    second = services.comment_add(actor=secretariat, section=vision, body="Segunda questão")
    services.comment_add(actor=secretariat, section=vision, body="Resposta A", thread=first)
    services.comment_add(actor=representative, section=vision, body="Resposta B", thread=second)
    services.comment_add(actor=representative, section=vision, body="Resposta C", thread=first)
    threads = selectors.comment_threads(vision).result()
    assert [thread.pk for thread in threads] == [first.pk, second.pk]
    assert [reply.body for reply in threads[0].replies_in_order] == ["Resposta A", "Resposta C"]
    assert [reply.body for reply in threads[1].replies_in_order] == ["Resposta B"]
    client.force_login(representative)
    page = client.get(vision.get_absolute_url()).content.decode()
    assert page.index("Primeira questão") < page.index("Resposta A") < page.index("Resposta C")
    assert page.index("Resposta C") < page.index("Segunda questão") < page.index("Resposta B")


# The top of the page (facts and moves) is a cached fragment (core.fragments): whatever it
# shows changes it at once, and it holds the moves of the person who asked.


def test_a_new_editor_and_a_renamed_one_show_at_once(client, secretariat, representative, vision):
    client.force_login(representative)
    url = vision.get_absolute_url()
    client.get(url)
    other = factories.RepresentativeFactory(entity=factories.entity("dgt"), full_name="Duarte")
    services.section_editor_assign(actor=secretariat, section=vision, person=other)
    assert "Duarte" in client.get(url).content.decode()
    other.full_name = "Duarte Novo"
    other.save(update_fields=["full_name"])
    assert "Duarte Novo" in client.get(url).content.decode()


def test_a_renamed_principle_shows_at_once(client, representative, vision):
    principle = Principle.objects.order_by("letter").first()
    vision = services.section_update(
        actor=representative,
        section=vision,
        base_revision=vision.revision,
        title=vision.title,
        body=vision.body,
        principles=[principle],
    )
    client.force_login(representative)
    client.get(vision.get_absolute_url())
    principle.title = "Coesão renomeada"
    principle.save(update_fields=["title"])
    assert "Coesão renomeada" in client.get(vision.get_absolute_url()).content.decode()


def test_an_editor_does_not_get_the_approval_the_secretariat_saw(
    client, secretariat, representative, vision
):
    vision = services.section_change_status(
        actor=representative, section=vision, status=Section.Status.IN_REVIEW
    )
    url = vision.get_absolute_url()
    client.force_login(secretariat)
    assert "?status=approved" in client.get(url).content.decode()
    client.force_login(representative)
    html = client.get(url).content.decode()
    assert "?status=approved" not in html and "Em revisão" in html


def test_a_state_change_shows_at_once(client, representative, vision):
    client.force_login(representative)
    url = vision.get_absolute_url()
    assert "?status=in_review" in client.get(url).content.decode()
    services.section_change_status(
        actor=representative, section=vision, status=Section.Status.IN_REVIEW
    )
    html = client.get(url).content.decode()
    assert "?status=in_review" not in html and "Em revisão" in html


def test_the_written_out_comment_form_is_the_one_django_renders():
    """The page writes the empty comment form out (strategy/section.html#empty-comment-form)."""
    written = render_to_string(
        "strategy/section.html#empty-comment-form", {"comment_max_length": COMMENT_MAX_LENGTH}
    )
    assert written.split() == str(CommentForm()).split()
