"""Each section tags the principles it serves; coverage pages show the principles not yet served."""

import pytest

from strategy import services
from strategy.models import Principle
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_editor_tags_principles_when_saving(client, representative, vision):
    client.force_login(representative)
    a, g = Principle.objects.get(letter="a"), Principle.objects.get(letter="g")
    client.post(
        f"/documentos/estrategia/{vision.pk}/editar/",
        {
            "title": "Visão",
            "body": vision.body,
            "base_revision": vision.revision,
            "principles": [a.pk, g.pk],
        },
    )
    assert set(vision.principles.values_list("letter", flat=True)) == {"a", "g"}


def test_the_deliverable_page_lists_the_principles_no_section_serves(
    client, representative, vision
):
    services.section_update(
        actor=representative,
        section=vision,
        base_revision=vision.revision,
        title="Visão",
        body="x",
        principles=Principle.objects.filter(letter__in="abc"),
    )
    client.force_login(representative)
    response = client.get("/documentos/estrategia/principios/")
    assert [p.letter for p in response.context["unserved"]] == list("defg")


def test_the_page_for_all_three_joins_the_deliverables(client, secretariat, representative, vision):
    plan = factories.section(
        actor=secretariat, title="Riscos", slug="plano-de-acao", editors=[representative]
    )
    services.section_update(
        actor=representative,
        section=plan,
        base_revision=plan.revision,
        title="Riscos",
        body="",
        principles=Principle.objects.exclude(letter="d"),
    )
    client.force_login(representative)
    response = client.get("/documentos/principios/")
    assert [p.letter for p in response.context["unserved"]] == ["d"]
    assert len(response.context["tables"]) == 3
