"""The history list says, for each version, what it changed from the version before it."""

import re

import pytest

from strategy import services
from strategy.models import Principle
from tests import factories

pytestmark = pytest.mark.django_db


def save(section, editor, *, title=None, body=None, principles=None):
    return services.section_update(
        actor=editor,
        section=section,
        base_revision=section.revision,
        title=section.title if title is None else title,
        body=section.body if body is None else body,
        principles=principles,
    )


def history(client, section, page=1):
    return client.get(f"/documentos/estrategia/{section.pk}/historico/?pagina={page}")


def row_of(html: str, history_id: int) -> str:
    """The table row of one version (each row holds its «To» radio button with the id)."""
    rows = re.findall(r"<tr>.*?</tr>", html, re.S)
    return next(row for row in rows if f'id="para-{history_id}"' in row)


def test_a_version_that_added_one_principle_and_removed_another_shows_both(
    client, representative, vision
):
    a, b = Principle.objects.order_by("letter")[:2]
    vision = save(vision, representative, principles=[b])
    vision = save(vision, representative, principles=[a])
    client.force_login(representative)
    response = history(client, vision)
    newest = response.context["changes"][0]
    assert (newest.principles.added, newest.principles.removed) == ([a], [b])
    row = row_of(response.content.decode(), vision.history.latest().history_id)
    assert re.search(rf"<ins><span[^>]*>\[inserido: </span>{re.escape(str(a))}", row)
    assert re.search(rf"<del><span[^>]*>\[eliminado: </span>{re.escape(str(b))}", row)
    assert "Texto alterado" not in row  # only the principles changed


def test_the_first_version_shows_what_it_started_with_and_nothing_removed(
    client, secretariat, representative
):
    section = factories.section(actor=secretariat, title="Governação", editors=[representative])
    principle = Principle.objects.order_by("letter").first()
    section = save(section, representative, principles=[principle])
    client.force_login(representative)
    response = history(client, section)
    first = response.context["changes"][-1]
    assert first.is_first and first.principles.removed == []
    row = row_of(response.content.decode(), first.version.history_id)
    assert "Primeira versão" in row
    assert "<del>" not in row and "<ins>" not in row
    second = row_of(response.content.decode(), section.history.latest().history_id)
    assert "inserido:" in second and "Primeira versão" not in second


def test_a_title_change_and_a_text_change_are_named(client, representative, vision):
    vision = save(vision, representative, title="Visão estratégica")
    titled = vision.history.latest().history_id
    vision = save(vision, representative, body="Outro texto.")
    client.force_login(representative)
    html = history(client, vision).content.decode()
    title_row = row_of(html, titled)
    assert "Título:" in title_row and "estratégica" in title_row and "<ins>" in title_row
    assert "Texto alterado" not in title_row
    text_row = row_of(html, vision.history.latest().history_id)
    assert "Texto alterado" in text_row and "Título:" not in text_row


def test_a_state_change_is_named_in_words(client, representative, vision):
    vision = services.section_change_status(
        actor=representative, section=vision, status="in_review"
    )
    client.force_login(representative)
    row = row_of(history(client, vision).content.decode(), vision.history.latest().history_id)
    assert "Estado: de «Rascunho» para «Em revisão»" in row
    assert "Texto alterado" not in row


def test_the_last_version_on_a_page_is_compared_with_the_one_on_the_next_page(
    client, representative, vision
):
    a = Principle.objects.order_by("letter").first()
    vision = save(vision, representative, principles=[a])
    for n in range(20):
        vision = save(vision, representative, body=f"Versão {n}.")
    client.force_login(representative)
    changes = history(client, vision).context["changes"]
    assert len(changes) == 20
    last = changes[-1]  # the version that only changed the text, after the one that added a
    assert not last.is_first and last.text_changed and not last.principles.has_changes
    on_page_2 = history(client, vision, page=2).context["changes"]
    assert [p for c in on_page_2 for p in c.principles.added] == [a]


# The rows are a cached fragment (core.fragments): whatever they show changes them at once.


def test_a_new_version_shows_at_once_on_a_history_already_seen(client, representative, vision):
    client.force_login(representative)
    history(client, vision)
    vision = save(vision, representative, title="Visão renovada")
    html = history(client, vision).content.decode()
    assert "renovada" in row_of(html, vision.history.latest().history_id)


def test_a_renamed_author_shows_at_once_on_a_history_already_seen(client, representative, vision):
    vision = save(vision, representative, body="Outro texto.")
    client.force_login(representative)
    assert "Rita Representante" in history(client, vision).content.decode()
    representative.full_name = "Rita Nova"
    representative.save(update_fields=["full_name"])
    row = row_of(history(client, vision).content.decode(), vision.history.latest().history_id)
    assert "Rita Nova" in row and "Rita Representante" not in row


def test_a_renamed_principle_shows_at_once_on_a_history_already_seen(
    client, representative, vision
):
    principle = Principle.objects.order_by("letter").first()
    vision = save(vision, representative, principles=[principle])
    client.force_login(representative)
    history(client, vision)
    principle.title = "Coesão renomeada"
    principle.save(update_fields=["title"])
    row = row_of(history(client, vision).content.decode(), vision.history.latest().history_id)
    assert "Coesão renomeada" in row


def test_restore_links_are_not_shown_to_a_reader_after_an_editor_saw_the_rows(
    client, representative, vision
):
    vision = save(vision, representative, body="Outro texto.")
    client.force_login(representative)
    assert "/restaurar/" in history(client, vision).content.decode()
    client.force_login(factories.RepresentativeFactory(entity=factories.entity("dgt")))
    assert "/restaurar/" not in history(client, vision).content.decode()


def test_restore_links_go_once_the_section_is_approved(client, representative, vision):
    vision = save(vision, representative, body="Outro texto.")
    client.force_login(representative)
    assert "/restaurar/" in history(client, vision).content.decode()
    vision.status = "approved"
    vision.save(update_fields=["status"])
    assert "/restaurar/" not in history(client, vision).content.decode()
