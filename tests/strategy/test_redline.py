"""The redline between two releases: sections, the action plan field by field, the principle
coverage and the annexes, on the page and in the comparison PDF."""

import io

import pytest
from pypdf import PdfReader

from strategy import pdf, redline, services
from strategy.models import PdfRender, Principle
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan_section(secretariat):
    return factories.section(
        actor=secretariat, title="Enquadramento", body="O plano.", slug="plano-de-acao"
    )


@pytest.fixture
def catalogue(secretariat):
    return factories.plan_action(actor=secretariat)


def release(actor, deliverable, label):
    return services.release_publish(
        actor=actor,
        deliverable=deliverable,
        label=label,
        kind="working_draft",
        visibility="members",
    )


def change_action(action, *, actor, **fields):
    data = {
        "code": action.code,
        "title": action.title,
        "objective": action.objective,
        "responsible": action.responsible,
        "start": action.start,
        "end": action.end,
        "funding": action.funding,
        "state": action.state,
        "indicators": [{"name": i.name, "target": i.target} for i in action.indicators.all()],
        "involved_entities": list(action.involved_entities.all()),
    }
    return services.action_update(actor=actor, action=action, **(data | fields))


def test_an_action_whose_dates_and_funding_changed_is_shown_field_by_field(
    client, secretariat, plan_section, catalogue
):
    from datetime import date

    old = release(secretariat, plan_section.deliverable, "v0.1")
    change_action(catalogue, actor=secretariat, end=date(2024, 6, 30), funding="OE 2024")
    factories.plan_action(actor=secretariat, code="A1.2", title="Rede de dados urbanos")
    new = release(secretariat, plan_section.deliverable, "v0.2")
    changes = redline.compare(old.render.snapshot, new.render.snapshot)
    by_code = {row.code: row for row in changes.actions}
    assert by_code["A1.2"].state == "added"
    assert by_code["A1.1"].state == "changed"
    assert [(f.old, f.new) for f in by_code["A1.1"].fields] == [
        ("31/12/2023", "30/06/2024"),
        ("PRR", "OE 2024"),
    ]
    client.force_login(secretariat)
    page = client.get(f"/versoes/comparar/?de={old.pk}&para={new.pk}").content.decode()
    assert (
        "Sem alterações"
        not in page.split('id="redline-acoes"')[1].split('id="redline-principios"')[0]
    )
    assert "OE 2024" in page
    assert "30/06/2024" in page


def test_a_removed_action_and_changed_principles_and_annexes_are_in_the_redline(
    secretariat, representative, vision, catalogue
):
    old = {
        "sections": [{**_row(vision), "principles": ["a"]}],
        "actions": [{"id": 1, "code": "A1.1", "title": "Catálogo"}],
        "contributions": [],
    }
    new = {
        "sections": [{**_row(vision), "principles": ["b"]}],
        "actions": [],
        "contributions": [
            {"section_number": "1", "section_title": "Visão", "title": "Ideia", "organisation": "X"}
        ],
    }
    changes = redline.compare(old, new)
    assert [row.state for row in changes.actions] == ["removed"]
    assert [(row.added, row.removed) for row in changes.coverage] == [(["b"], ["a"])]
    assert changes.contributions_added[0]["title"] == "Ideia"
    assert changes.has_changes


def _row(section):
    return {"id": section.pk, "number": "1", "title": section.title, "body": section.body}


def test_identical_snapshots_have_no_changes(secretariat, vision):
    snapshot = services.current_text_snapshot(vision.deliverable)
    assert not redline.compare(snapshot, snapshot).has_changes


def test_the_comparison_pdf_carries_the_whole_redline(
    client, secretariat, representative, plan_section, catalogue
):
    old = release(secretariat, plan_section.deliverable, "v0.1")
    change_action(catalogue, actor=secretariat, funding="Fundo Ambiental")
    principle = Principle.objects.order_by("letter").first()
    plan_section.principles.add(principle)
    new = release(secretariat, plan_section.deliverable, "v0.2")
    client.force_login(secretariat)
    client.post("/versoes/comparar/pdf/", {"de": old.pk, "para": new.pk})
    render = PdfRender.objects.get(layout=PdfRender.Layout.COMPARISON)
    result = pdf.render(render.snapshot, layout=render.layout)
    text = " ".join(
        " ".join(page.extract_text().split())
        for page in PdfReader(io.BytesIO(result.content)).pages
    )
    assert "Plano de ação" in text
    assert "Fundo Ambiental" in text
    assert "Fonte de financiamento" in text
    assert "Princípios contemplados" in text


def test_a_section_redline_shows_formatted_text_with_marked_changes(secretariat, vision):
    old = {"sections": [{**_row(vision), "body": "## Visão\n\nUm país digital."}]}
    new = {"sections": [{**_row(vision), "body": "## Visão\n\nUm país **mais** digital."}]}
    html = str(redline.compare(old, new).sections[0].diff.inline)
    assert "<h2>" in html
    assert "<strong>" in html
    assert "<ins>" in html
    assert "**" not in html
    assert "##" not in html
