"""The outline, section, history and diff pages cost the same queries with few and many rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from strategy import services
from strategy.models import Principle
from tests import factories

pytestmark = pytest.mark.django_db


def queries(client, url: str) -> int:
    client.get(url)  # warm the session, content-type and permission caches
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def add_sections(secretariat, editor, count: int) -> None:
    parent = None
    for n in range(count):
        section = factories.section(
            actor=secretariat, title=f"Secção {n}", parent=parent, editors=[editor]
        )
        services.comment_add(actor=editor, section=section, body="Nota")
        parent = section if n % 5 == 0 else parent


def add_versions(section, editor, count: int):
    principles = list(Principle.objects.all())
    for n in range(count):
        section = services.section_update(
            actor=editor,
            section=section,
            base_revision=section.revision,
            title="Visão",
            body=f"Versão {n} do texto",
            principles=principles[: n % 7],
        )
    return section


def test_the_outline_does_not_grow_with_sections(client, secretariat, representative):
    client.force_login(representative)
    add_sections(secretariat, representative, 10)
    few = queries(client, "/documentos/estrategia/")
    add_sections(secretariat, representative, 190)
    assert queries(client, "/documentos/estrategia/") == few


def test_the_section_page_does_not_grow_with_sections_or_comments(
    client, secretariat, representative, vision
):
    client.force_login(representative)
    add_sections(secretariat, representative, 10)
    services.comment_add(actor=representative, section=vision, body="Primeira")
    url = f"/documentos/estrategia/{vision.pk}/"
    few = queries(client, url)
    add_sections(secretariat, representative, 190)
    for _ in range(20):
        thread = services.comment_add(actor=representative, section=vision, body="Pergunta")
        services.comment_add(actor=secretariat, section=vision, body="Resposta", thread=thread)
    assert queries(client, url) == few


def test_the_history_and_diff_pages_do_not_grow_with_versions(client, representative, vision):
    client.force_login(representative)
    vision = add_versions(vision, representative, 10)
    history = f"/documentos/estrategia/{vision.pk}/historico/"
    ids = list(vision.history.order_by("history_id").values_list("history_id", flat=True))
    diff = f"/documentos/estrategia/{vision.pk}/comparar/?de={ids[0]}&para={ids[-1]}"
    few_history, few_diff = queries(client, history), queries(client, diff)
    vision = add_versions(vision, representative, 190)
    ids = list(vision.history.order_by("history_id").values_list("history_id", flat=True))
    diff = f"/documentos/estrategia/{vision.pk}/comparar/?de={ids[0]}&para={ids[-1]}"
    assert queries(client, history) == few_history
    assert queries(client, diff) == few_diff


def test_the_coverage_page_does_not_grow_with_sections(client, secretariat, representative):
    client.force_login(representative)
    add_sections(secretariat, representative, 10)
    few = queries(client, "/documentos/principios/")
    add_sections(secretariat, representative, 60)
    assert queries(client, "/documentos/principios/") == few


def publication_queries(secretariat, label: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        services.release_publish(
            actor=secretariat,
            deliverable=factories.deliverable(),
            label=label,
            kind="working_draft",
            visibility="members",
        )
    return len(captured)


def test_publishing_a_release_does_not_grow_with_sections(secretariat, representative):
    add_sections(secretariat, representative, 5)
    few = publication_queries(secretariat, "v0.1")
    add_sections(secretariat, representative, 45)
    assert publication_queries(secretariat, "v0.2") == few


def test_what_changed_in_the_history_does_not_grow_with_the_versions_on_the_page(
    client, representative, vision
):
    """3 versions fill part of a page; 30 fill it, and the last row compares across the page."""
    client.force_login(representative)
    vision = add_versions(vision, representative, 3 - vision.history.count())
    history = f"/documentos/estrategia/{vision.pk}/historico/"
    assert len(client.get(history).context["changes"]) == 3
    few = queries(client, history)
    vision = add_versions(vision, representative, 27)
    changes = client.get(history).context["changes"]
    assert len(changes) == 20 and any(c.principles.has_changes for c in changes)
    assert queries(client, history) == few
