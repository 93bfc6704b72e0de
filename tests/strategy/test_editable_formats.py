"""Each release also as ODT and DOCX, from the same frozen snapshot: headings in order with their
numbers, the action plan as a table, the annexes; opened again with a reader library."""

import io

import docx
import odfdo
import pytest

from strategy import services
from strategy.models import ReleaseDownload
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan_release(secretariat):
    intro = factories.section(
        actor=secretariat,
        title="Enquadramento",
        body="O plano **concretiza** a estratégia.\n\n- primeiro ponto\n- segundo ponto",
        slug="plano-de-acao",
    )
    factories.section(
        actor=secretariat, title="Calendário", parent=intro, body="Até 2025.", slug="plano-de-acao"
    )
    factories.plan_action(actor=secretariat)
    return services.release_publish(
        actor=secretariat,
        deliverable=intro.deliverable,
        label="v0.1",
        kind="working_draft",
        visibility="government",
    )


def download(client, release, fmt):
    return client.get(f"/versoes/{release.pk}/transferir/{fmt}/")


HEADINGS = [
    "1 Enquadramento",
    "1.1 Calendário",
    "A Anexo — Princípios",
    "B Anexo — Plano de ação",
]


def test_the_odt_has_the_numbered_headings_in_order_and_the_action_plan_table(
    client, government, plan_release
):
    client.force_login(government)
    response = download(client, plan_release, "odt")
    assert response["Content-Type"] == "application/vnd.oasis.opendocument.text"
    assert response["Content-Disposition"].endswith('plano-de-acao-v0.1.odt"')
    document = odfdo.Document(io.BytesIO(response.content))
    headers = [(int(h.level), str(h).strip()) for h in document.body.headers]
    assert [text for _level, text in headers] == HEADINGS
    assert [level for level, _text in headers] == [1, 2, 1, 1]
    plan = document.body.tables[-1].get_values()
    assert plan[0][:2] == ["Código", "Ação"]
    assert plan[1][0] == "A1.1"
    assert plan[1][8] == "PRR"
    assert "concretiza" in document.body.text_recursive
    assert document.body.lists  # the Markdown list stays a list
    assert ReleaseDownload.objects.get().user == government


def test_the_docx_has_the_same_headings_tables_and_lists(client, government, plan_release):
    client.force_login(government)
    response = download(client, plan_release, "docx")
    document = docx.Document(io.BytesIO(response.content))
    headings = [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]
    assert [text for _style, text in headings] == HEADINGS
    assert [style for style, _text in headings] == [
        "Heading 1",
        "Heading 2",
        "Heading 1",
        "Heading 1",
    ]
    plan = document.tables[-1]
    assert [cell.text for cell in plan.rows[0].cells][:2] == ["Código", "Ação"]
    assert plan.rows[1].cells[0].text == "A1.1"
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert bullets == ["primeiro ponto", "segundo ponto"]
    bold = [run.text for p in document.paragraphs for run in p.runs if run.bold]
    assert "concretiza" in bold


def test_both_formats_come_from_the_frozen_snapshot(client, secretariat, government, plan_release):
    section = plan_release.deliverable.sections.get(title="Calendário")
    services.section_update(
        actor=secretariat,
        section=section,
        base_revision=section.revision,
        title="Calendário",
        body="Texto mudado depois.",
    )
    client.force_login(government)
    document = docx.Document(io.BytesIO(download(client, plan_release, "docx").content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Até 2025." in text
    assert "mudado" not in text


def test_an_unknown_format_gets_a_clear_message(client, government, plan_release):
    client.force_login(government)
    response = download(client, plan_release, "exe")
    assert response.status_code == 404
    assert "não existe no formato «exe»" in response.content.decode()
    assert not ReleaseDownload.objects.exists()


def test_a_release_hidden_from_the_person_or_a_forged_id_is_404(client, plan_release):
    assert download(client, plan_release, "odt").status_code == 404
    assert client.get("/versoes/999999/transferir/odt/").status_code == 404
