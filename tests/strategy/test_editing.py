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


def test_a_stale_save_of_the_same_paragraph_shows_the_conflict_page_and_saves_nothing(
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
    assert "Texto do secretariado." in html  # the current passage, side by side
    assert 'name="passage-1"' in html and 'value="theirs"' in html and 'value="edit"' in html
    assert Section.objects.get(pk=vision.pk).body == "Texto do secretariado."
    # The form still starts from the same base: the merge is recomputed on the next save.
    assert response.context["form"]["base_revision"].value() == str(started_from)


def resolve(client, section, *, body, base, conflict, **choices):
    return client.post(
        f"/documentos/estrategia/{section.pk}/editar/",
        {
            "title": section.title,
            "body": body,
            "change_note": "",
            "base_revision": base,
            "conflict": conflict,
            **choices,
        },
    )


def test_the_conflict_is_resolved_passage_by_passage_and_saved(
    client, co_editor, representative, vision
):
    started_from = vision.revision
    base = "Um.\n\nDois.\n\nTrês."
    vision = services.section_update(
        actor=representative, section=vision, base_revision=started_from, title="Visão", body=base
    )
    started_from = vision.revision
    services.section_update(
        actor=co_editor,
        section=vision,
        base_revision=started_from,
        title="Visão",
        body="Um deles.\n\nDois.\n\nTrês deles.",
    )
    client.force_login(representative)
    mine = "Um meu.\n\nDois.\n\nTrês meu."
    shown = edit(client, vision, body=mine, base=started_from)
    assert shown.status_code == 409
    conflict = shown.context["conflict"]
    assert [shown.passage.number for shown in conflict["passages"]] == [1, 2]
    response = resolve(
        client,
        vision,
        body=mine,
        base=started_from,
        conflict=conflict["fingerprint"],
        **{"passage-1": "theirs", "passage-2": "edit", "passage-2-text": "Três de ambos."},
    )
    assert response.status_code == 302
    vision.refresh_from_db()
    assert vision.body == "Um deles.\n\nDois.\n\nTrês de ambos."
    assert "combinada com a revisão" in vision.history.latest().history_change_reason.lower()


def test_a_resolution_for_a_passage_that_does_not_exist_is_refused(
    client, co_editor, representative, vision
):
    started_from = vision.revision
    services.section_update(
        actor=co_editor, section=vision, base_revision=started_from, title="Visão", body="A"
    )
    client.force_login(representative)
    conflict = edit(client, vision, body="B", base=started_from).context["conflict"]
    response = resolve(
        client,
        vision,
        body="B",
        base=started_from,
        conflict=conflict["fingerprint"],
        **{"passage-1": "mine", "passage-7": "theirs"},
    )
    assert response.status_code == 200
    assert "passagem que não existe" in response.content.decode()
    assert Section.objects.get(pk=vision.pk).body == "A"


@pytest.mark.parametrize("forged", [0, 99, -1])
def test_a_forged_base_revision_is_refused_and_nothing_changes(
    client, representative, vision, forged
):
    client.force_login(representative)
    response = edit(client, vision, body="Outro texto.", base=forged)
    assert response.status_code == 200
    assert "revisão que não existe" in response.content.decode()
    assert Section.objects.get(pk=vision.pk).body == vision.body


def test_edits_to_different_paragraphs_merge_without_a_conflict_page(
    client, co_editor, representative, vision
):
    vision = services.section_update(
        actor=representative,
        section=vision,
        base_revision=vision.revision,
        title="Visão",
        body="Primeiro.\n\nSegundo.",
    )
    started_from = vision.revision
    services.section_update(
        actor=co_editor,
        section=vision,
        base_revision=started_from,
        title="Visão",
        body="Primeiro, do Duarte.\n\nSegundo.",
    )
    client.force_login(representative)
    response = edit(client, vision, body="Primeiro.\n\nSegundo, da Rita.", base=started_from)
    assert response.status_code == 302
    vision.refresh_from_db()
    assert vision.body == "Primeiro, do Duarte.\n\nSegundo, da Rita."
    note = vision.history.latest().history_change_reason
    assert note == f"Combinada com a revisão {started_from + 1} de Duarte DGT"
    shown = [str(m) for m in response.wsgi_request._messages]
    assert any("Duarte DGT" in message for message in shown)


def test_a_stale_form_never_reverts_the_title_or_principles_someone_else_changed(
    co_editor, representative, vision
):
    from strategy.models import Principle

    started_from = vision.revision
    principle = Principle.objects.order_by("letter").first()
    services.section_update(
        actor=co_editor,
        section=vision,
        base_revision=started_from,
        title="Visão partilhada",
        body=vision.body,
        principles=[principle],
    )
    services.section_update(
        actor=representative,
        section=vision,
        base_revision=started_from,
        title="Visão",
        body="Texto novo da Rita.",
        principles=[],
    )
    vision.refresh_from_db()
    assert vision.title == "Visão partilhada"
    assert list(vision.principles.all()) == [principle]
    assert vision.body == "Texto novo da Rita."


def test_a_title_changed_differently_by_both_is_a_conflict(co_editor, representative, vision):
    from core.editing import EditConflict

    started_from = vision.revision
    services.section_update(
        actor=co_editor, section=vision, base_revision=started_from, title="A", body=vision.body
    )
    with pytest.raises(EditConflict) as conflict:
        services.section_update(
            actor=representative,
            section=vision,
            base_revision=started_from,
            title="B",
            body=vision.body,
        )
    [passage] = conflict.value.merge.passages
    assert (passage.field, passage.mine, passage.theirs) == ("title", "B", "A")


def test_each_version_records_its_principles_and_the_comparison_shows_them(
    client, representative, vision
):
    from strategy.models import Principle

    principle = Principle.objects.order_by("letter").first()
    old = vision.history.latest()
    versions = vision.history.count()
    vision = services.section_update(
        actor=representative,
        section=vision,
        base_revision=vision.revision,
        title="Visão",
        body=vision.body,
        principles=[principle],
    )
    new = vision.history.latest()
    assert vision.history.count() == versions + 1  # one version per save, principles included
    assert list(new.principles.values_list("principle_id", flat=True)) == [principle.pk]
    assert not old.principles.exists()
    client.force_login(representative)
    url = f"/documentos/estrategia/{vision.pk}/comparar/?de={old.history_id}&para={new.history_id}"
    page = client.get(url).content.decode()
    assert "<ins>" in page and str(principle) in page


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


def test_restoring_an_old_version_brings_back_its_principles(representative, vision):
    from strategy.models import Principle

    first = vision.history.latest()
    principle = Principle.objects.order_by("letter").first()
    vision = services.section_update(
        actor=representative,
        section=vision,
        base_revision=vision.revision,
        title="Visão",
        body="Mudou.",
        principles=[principle],
    )
    restored = services.section_restore(
        actor=representative, section=vision, version_id=first.history_id
    )
    assert restored.body == first.body
    assert not restored.principles.exists()
    assert not restored.history.latest().principles.exists()
