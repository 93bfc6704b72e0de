"""No lost updates under concurrent saves, on SQLite (a file database) and on PostgreSQL.

Ten people save twenty times each, at once, from forms that are often stale. Sections and
minutes: each person rewrites their own paragraph, so every save merges and none is lost. Action
sheets: everyone rewrites the same title, so a stale save is either merged or a conflict, never
a silent overwrite.
"""

import threading

import pytest
from django.db import connections

from core.editing import EditConflict
from governance import services as governance_services
from governance.models import Minutes
from strategy import services
from strategy.models import PlanAction, Section
from tests import factories

THREADS, SAVES = 10, 20

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def run_at_once(work) -> list[BaseException]:
    """Run ``work(number)`` in THREADS threads started together; return what they raised."""
    errors: list[BaseException] = []
    barrier = threading.Barrier(THREADS)

    def person(number: int) -> None:
        try:
            barrier.wait()
            work(number)
        except BaseException as error:  # surfaced by the callers' assertions
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=person, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def paragraphs(body: str) -> list[str]:
    return body.split("\n\n")


def with_paragraph(body: str, number: int, text: str) -> str:
    parts = paragraphs(body)
    parts[number] = text
    return "\n\n".join(parts)


def test_concurrent_section_saves_of_different_paragraphs_all_merge(secretariat, representative):
    initial = "\n\n".join(f"parágrafo {n}" for n in range(THREADS))
    section = factories.section(
        actor=secretariat, title="Visão", body=initial, editors=[representative]
    )
    start = Section.objects.get(pk=section.pk).revision

    def drafter(number: int) -> None:
        for save in range(SAVES):
            base, body = Section.objects.values_list("revision", "body").get(pk=section.pk)
            services.section_update(
                actor=representative,
                section=section,
                base_revision=base,
                title="Visão",
                body=with_paragraph(body, number, f"texto {number}-{save}"),
            )

    assert run_at_once(drafter) == []
    final = Section.objects.get(pk=section.pk)
    assert final.revision == start + THREADS * SAVES  # every save is one version
    assert paragraphs(final.body) == [f"texto {n}-{SAVES - 1}" for n in range(THREADS)]
    assert Section.history.filter(id=section.pk, revision__gt=start).count() == THREADS * SAVES


def test_concurrent_minutes_saves_of_different_paragraphs_all_merge(secretariat):
    meeting = factories.move_to_past(
        governance_services.meeting_convene(
            actor=secretariat, meeting=factories.approved_meeting(actor=secretariat)
        )
    )
    governance_services.meeting_mark_held(actor=secretariat, meeting=meeting)
    initial = "\n\n".join(f"ponto {n}" for n in range(THREADS))
    governance_services.minutes_save(
        actor=secretariat, meeting=meeting, body=initial, base_revision=0
    )

    def secretary(number: int) -> None:
        for save in range(SAVES):
            base, body = Minutes.objects.values_list("revision", "body").get(meeting=meeting)
            governance_services.minutes_save(
                actor=secretariat,
                meeting=meeting,
                base_revision=base,
                body=with_paragraph(body, number, f"registo {number}-{save}"),
            )

    assert run_at_once(secretary) == []
    final = Minutes.objects.get(meeting=meeting)
    assert final.revision == 1 + THREADS * SAVES
    assert paragraphs(final.body) == [f"registo {n}-{SAVES - 1}" for n in range(THREADS)]


def test_concurrent_action_saves_are_each_kept_once_or_reported_as_conflicts(secretariat):
    action = factories.plan_action(actor=secretariat)
    start = PlanAction.objects.get(pk=action.pk).revision
    indicators = [
        {"id": row.pk, "name": row.name, "target": row.target, "unit": row.unit}
        for row in action.indicators.all()
    ]
    accepted: list[str] = []
    conflicts: list[str] = []
    lock = threading.Lock()

    def planner(number: int) -> None:
        for save in range(SAVES):
            current = PlanAction.objects.get(pk=action.pk)
            title = f"título {number}-{save}"
            try:
                services.action_update(
                    actor=secretariat,
                    action=current,
                    base_revision=current.revision,
                    code=current.code,
                    title=title,
                    objective=current.objective,
                    responsible=current.responsible,
                    start=current.start,
                    end=current.end,
                    funding=current.funding,
                    state=current.state,
                    indicators=indicators,
                    involved_entities=list(current.involved_entities.all()),
                )
            except EditConflict:
                with lock:
                    conflicts.append(title)
            else:
                with lock:
                    accepted.append(title)

    assert run_at_once(planner) == []
    assert len(accepted) + len(conflicts) == THREADS * SAVES
    saved = list(
        PlanAction.history.filter(id=action.pk, revision__gt=start).values_list("title", flat=True)
    )
    assert sorted(saved) == sorted(accepted)  # every accepted save exactly once
    assert not set(conflicts) & set(saved)  # no refused save slipped in
    assert PlanAction.objects.get(pk=action.pk).revision == start + len(accepted)
