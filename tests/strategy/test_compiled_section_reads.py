"""The section page's and history's compiled reads give what the ORM's reads gave, for every
role that may see the section, and refuse what they refused."""

import pytest
from django.http import Http404

from strategy import permissions, selectors, services
from strategy.models import Comment, Principle, Section, SectionUserObjectPermission

pytestmark = pytest.mark.django_db


def save(section, editor, *, body=None, principles=None):
    return services.section_update(
        actor=editor,
        section=section,
        base_revision=section.revision,
        title=section.title,
        body=section.body if body is None else body,
        principles=principles,
    )


def fields_of(instance) -> dict:
    return {field.attname: getattr(instance, field.attname) for field in instance._meta.fields}


@pytest.fixture
def granted_specialist(secretariat, specialist, vision):
    services.section_reader_grant(actor=secretariat, section=vision, person=specialist)
    return specialist


def test_a_member_and_a_granted_specialist_get_the_same_section_and_deliverable(
    secretariat, representative, granted_specialist, vision
):
    expected = Section.objects.select_related("deliverable").get(pk=vision.pk)
    for person in (secretariat, representative, granted_specialist):
        found = permissions.section_for_user_or_404(person, "estrategia", vision.pk)
        assert fields_of(found) == fields_of(expected)
        assert fields_of(found.deliverable) == fields_of(expected.deliverable)
        assert not found._state.adding


def test_a_missing_section_a_wrong_deliverable_and_an_id_out_of_range_are_a_404(
    secretariat, specialist, vision
):
    for person in (secretariat, specialist):
        for slug, section_id in [
            ("estrategia", vision.pk + 1000),
            ("plano-de-acao", vision.pk),
            ("estrategia", 2**63),
        ]:
            with pytest.raises(Http404):
                permissions.section_for_user_or_404(person, slug, section_id)
    with pytest.raises(Http404):  # not granted this one
        permissions.section_for_user_or_404(specialist, "estrategia", vision.pk)


def test_the_current_revision_names_who_wrote_it_and_a_state_change_keeps_it(
    secretariat, representative, vision
):
    written = selectors.current_revision(vision).result()
    version = vision.history.get(revision=vision.revision)
    assert (written.history_id, written.history_date) == (version.history_id, version.history_date)
    assert written.history_user == representative
    assert written.history_user.full_name == representative.full_name
    assert written.history_user_id == representative.pk
    reviewed = services.section_change_status(
        actor=representative, section=vision, status="in_review"
    )
    assert selectors.current_revision(reviewed).result().history_id == version.history_id


def test_editors_principles_and_comments_are_the_orm_rows(
    secretariat, representative, co_editor, vision
):
    a, b = Principle.objects.order_by("letter")[:2]
    vision = save(vision, representative, principles=[b, a])
    first = services.comment_add(actor=representative, section=vision, body="Questão")
    services.comment_add(actor=secretariat, section=vision, body="Resposta", thread=first)
    services.comment_resolve(actor=representative, comment=first)
    second = services.comment_add(actor=co_editor, section=vision, body="Outra")
    names = selectors.editor_names(vision).result()
    assert names == sorted(names) and {representative.full_name, "Duarte DGT"} <= set(names)
    assert names == [
        grant.user.full_name
        for grant in SectionUserObjectPermission.objects.filter(
            content_object=vision, permission__codename="change_section"
        ).order_by("user__full_name")
    ]
    assert selectors.section_principles(vision).result() == [
        {"letter": a.letter, "title": a.title},
        {"letter": b.letter, "title": b.title},
    ]
    threads = selectors.comment_threads(vision).result()
    # The ORM's order: by when resolved (where open threads go depends on the database).
    assert [thread.pk for thread in threads] == list(
        Comment.objects.filter(section=vision, thread__isnull=True)
        .order_by("resolved_at", "created_at", "id")
        .values_list("pk", flat=True)
    )
    assert {thread.pk for thread in threads} == {first.pk, second.pk}
    resolved = next(thread for thread in threads if thread.pk == first.pk)
    still_open = next(thread for thread in threads if thread.pk == second.pk)
    assert (resolved.author_name, resolved.resolved_by_name) == (
        representative.full_name,
        representative.full_name,
    )
    assert resolved.resolved_at is not None and still_open.resolved_by_name is None
    assert [(r.body, r.author_name) for r in resolved.replies_in_order] == [
        ("Resposta", secretariat.full_name)
    ]


def test_each_history_page_counts_every_version_and_names_the_principles_each_changed(
    representative, vision
):
    principles = list(Principle.objects.order_by("letter")[:3])
    for n in range(25):
        vision = save(vision, representative, principles=principles[: n % 3 + 1])
    versions = selectors.SectionVersions(vision)
    assert versions.count() == vision.history.count()
    ordered = list(selectors.section_history(vision))
    for page in (ordered[:20], ordered[20:]):
        for change in selectors.version_changes(page):
            version = change.version
            if version.previous_id is None:
                continue
            before = vision.history.get(history_id=version.previous_id)
            expected = selectors.principles_diff(before, version)
            assert change.principles == expected
    assert selectors.version_changes([]) == []


def test_each_history_page_gives_the_querysets_versions_and_predecessors(representative, vision):
    for n in range(23):
        vision = save(vision, representative, body=f"Versão {n}.")
    expected = list(selectors.section_history(vision))
    versions = selectors.SectionVersions(vision, per_page=20)
    pages = [versions[0:20], versions[20 : len(expected)]]
    assert [len(page) for page in pages] == [20, len(expected) - 20]
    for got, want in zip(pages[0] + pages[1], expected, strict=True):
        assert got.get_deferred_fields() == want.get_deferred_fields() == {"body"}
        for name in selectors._VERSION_COLUMNS:
            assert getattr(got, name) == getattr(want, name)
        for name in ("previous_id", "previous_title", "previous_status"):
            assert getattr(got, name) == getattr(want, name)
        assert bool(got.text_changed) == bool(want.text_changed)
        assert got.history_user == want.history_user
        assert got.history_user.full_name == want.history_user.full_name
