"""No lost updates: each accepted concurrent save is one version, each refused one a conflict."""

import threading

import pytest
from django.db import connection, connections

from strategy import services
from strategy.models import Section
from tests import factories

THREADS, SAVES = 10, 20


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks are real only on PostgreSQL"
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_saves_are_each_kept_once_or_reported_as_conflicts(secretariat, representative):
    section = factories.section(actor=secretariat, title="Visão", editors=[representative])
    start = Section.objects.get(pk=section.pk).revision
    accepted: list[str] = []
    conflicts: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()
    barrier = threading.Barrier(THREADS)

    def drafter(number: int) -> None:
        try:
            barrier.wait()
            for save in range(SAVES):
                body = f"texto {number}-{save}"
                base = Section.objects.values_list("revision", flat=True).get(pk=section.pk)
                try:
                    services.section_update(
                        actor=representative,
                        section=section,
                        base_revision=base,
                        title="Visão",
                        body=body,
                    )
                except services.EditConflict:
                    with lock:
                        conflicts.append(body)
                else:
                    with lock:
                        accepted.append(body)
        except BaseException as error:  # surfaced by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=drafter, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert len(accepted) + len(conflicts) == THREADS * SAVES
    assert conflicts, "ten drafters saving at once must collide at least once"
    saved_bodies = list(
        Section.history.filter(id=section.pk, revision__gt=start).values_list("body", flat=True)
    )
    assert sorted(saved_bodies) == sorted(accepted)  # every accepted save exactly once
    assert not set(conflicts) & set(saved_bodies)  # no refused save slipped in
    final = Section.objects.get(pk=section.pk)
    assert final.revision == start + len(accepted)
