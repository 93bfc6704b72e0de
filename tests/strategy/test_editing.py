"""Every save is a version; stale saves are refused without losing the drafter's text."""

import pytest

from strategy import services
from strategy.models import SECTION_BODY_MAX_LENGTH, Section

pytestmark = pytest.mark.django_db


def edit(client, section, *, body, base=None, title=None, note=""):
    return client.post(
        f"/documentos/estrategia/{section.pk}/editar/",
        {
            "title": title if title is not None else section.title,
            "body": body,
            "change_note": note,
            "base_revision": base if base is not None else section.revision,
        },
    )


def test_an_assigned_editor_saves_a_version_with_author_and_note(client, representative, vision):
    client.force_login(representative)
    response = edit(
        client,
        vision,
        body="Territórios inteligentes, coesos e abertos.",
        note="Acrescentei «abertos»",
    )
    assert response.status_code == 302
    latest = vision.history.latest()
    assert (latest.revision, latest.history_user, latest.history_change_reason) == (
        vision.revision + 1,
        representative,
        "Acrescentei «abertos»",
    )
    assert latest.body == "Territórios inteligentes, coesos e abertos."


def test_a_member_who_is_not_an_editor_may_not_edit(client, vision):
    from tests import factories

    other = factories.RepresentativeFactory(entity=factories.entity("dgt"))
    client.force_login(other)
    assert client.get(f"/documentos/estrategia/{vision.pk}/editar/").status_code == 403
    assert edit(client, vision, body="x").status_code == 403


def test_a_stale_save_is_refused_and_shows_both_texts_and_their_diff(
    client, co_editor, representative, vision
):
    started_from = vision.revision
    services.section_update(
        actor=co_editor,
        section=vision,
        base_revision=started_from,
        title="Visão",
        body="Texto do secretariado.",
    )
    client.force_login(representative)
    response = edit(client, vision, body="O meu texto cuidadosamente escrito.", base=started_from)
    html = response.content.decode()
    assert response.status_code == 409
    assert "O meu texto cuidadosamente escrito." in html  # never thrown away
    assert "Texto do secretariado." in html  # the current text, to merge from
    assert "<ins>" in html and "<del>" in html
    assert Section.objects.get(pk=vision.pk).body == "Texto do secretariado."
    assert response.context["form"]["base_revision"].value() == str(started_from + 1)


def test_after_the_conflict_the_merged_text_saves(client, co_editor, representative, vision):
    started_from = vision.revision
    services.section_update(
        actor=co_editor, section=vision, base_revision=started_from, title="Visão", body="A"
    )
    client.force_login(representative)
    edit(client, vision, body="B", base=started_from)
    response = edit(client, vision, body="A e B", base=started_from + 1)
    assert response.status_code == 302
    assert Section.objects.get(pk=vision.pk).body == "A e B"


def test_a_body_over_200000_characters_is_refused_and_nothing_changes(
    client, representative, vision
):
    client.force_login(representative)
    response = edit(client, vision, body="a" * (SECTION_BODY_MAX_LENGTH + 1))
    assert response.status_code == 200
    assert response.context["form"].errors["body"]
    assert Section.objects.get(pk=vision.pk).revision == vision.revision


def test_an_empty_title_is_refused_and_nothing_changes(client, representative, vision):
    client.force_login(representative)
    response = edit(client, vision, body="novo", title="")
    assert response.context["form"].errors["title"]
    assert Section.objects.get(pk=vision.pk).body == vision.body


def test_the_history_lists_versions_newest_first_paginated(client, representative, vision):
    for n in range(25):
        vision = services.section_update(
            actor=representative,
            section=vision,
            base_revision=vision.revision,
            title="Visão",
            body=f"v{n}",
        )
    client.force_login(representative)
    page = client.get(f"/documentos/estrategia/{vision.pk}/historico/").context["page"]
    assert page.paginator.count == vision.history.count()
    assert len(page) == 20
    assert page[0].revision == vision.revision


def test_two_versions_are_compared_inline_and_side_by_side(client, representative, vision):
    old = vision.history.latest()
    vision = services.section_update(
        actor=representative,
        section=vision,
        base_revision=vision.revision,
        title="Visão",
        body="Territórios inteligentes, coesos e abertos.",
    )
    new = vision.history.latest()
    client.force_login(representative)
    url = f"/documentos/estrategia/{vision.pk}/comparar/?de={old.history_id}&para={new.history_id}"
    inline = client.get(url).content.decode()
    side = client.get(url + "&vista=lado-a-lado").content.decode()
    assert "abertos" in inline and "<ins>" in inline
    assert 'class="diff-columns"' in side


def test_comparing_a_version_of_another_section_is_a_404(
    client, secretariat, representative, vision
):
    from tests import factories

    other = factories.section(actor=secretariat, title="Outra", body="x")
    client.force_login(representative)
    mine, theirs = vision.history.latest().history_id, other.history.latest().history_id
    assert (
        client.get(
            f"/documentos/estrategia/{vision.pk}/comparar/?de={theirs}&para={mine}"
        ).status_code
        == 404
    )


def test_restoring_an_old_version_creates_a_new_one(client, representative, vision):
    first = vision.history.latest()
    vision = services.section_update(
        actor=representative,
        section=vision,
        base_revision=vision.revision,
        title="Visão",
        body="Mudou.",
    )
    count = vision.history.count()
    client.force_login(representative)
    response = client.post(f"/documentos/estrategia/{vision.pk}/restaurar/{first.history_id}/")
    assert response.status_code == 302
    restored = Section.objects.get(pk=vision.pk)
    assert restored.body == first.body
    assert restored.revision == vision.revision + 1
    assert restored.history.count() == count + 1
    assert "Reposta a revisão" in restored.history.latest().history_change_reason
