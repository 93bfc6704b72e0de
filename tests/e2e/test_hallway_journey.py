"""The hallway: each role's home page, a comment that reaches the section's editor as a
notification (read, then marked read), and a search that opens its result (axe on every page)."""

import re

import pytest
from playwright.sync_api import Page, expect

from contributions import services as contribution_services
from governance import services as governance_services
from strategy import services as strategy_services
from strategy.models import Release
from tests import factories
from tests.factories import PASSWORD

pytestmark = pytest.mark.e2e


def open_home(page: Page, person, sign_in, assert_accessible) -> None:
    sign_in(page, person.email, PASSWORD)
    page.goto("/painel/")
    expect(page.get_by_role("heading", name="O que tem a fazer")).to_be_visible()
    assert_accessible(page)


def test_the_secretariat_s_home_lists_the_agenda_to_approve(
    page: Page, secretariat, representative, sign_in, assert_accessible
):
    meeting = factories.meeting(actor=secretariat, title="Plenário de maio")
    factories.agenda_item(actor=representative, meeting=meeting)
    governance_services.agenda_submit(actor=representative, meeting=meeting)
    open_home(page, secretariat, sign_in, assert_accessible)
    page.get_by_role("link", name="Plenário de maio").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Plenário de maio")
    page.goto("/mandato/")
    expect(page.get_by_role("heading", name="O mandato num relance")).to_be_visible()
    assert_accessible(page)


def test_a_representative_s_home_lists_the_section_to_edit(
    page: Page, secretariat, representative, sign_in, assert_accessible
):
    factories.section(actor=secretariat, title="Mobilidade", editors=[representative])
    open_home(page, representative, sign_in, assert_accessible)
    expect(page.get_by_role("link", name="Mobilidade")).to_be_visible()


def test_a_specialist_s_home_lists_admitted_items_and_granted_sections(
    page: Page, secretariat, specialist, sign_in, assert_accessible
):
    dgt = factories.RepresentativeFactory(entity=factories.entity("dgt"))
    meeting = factories.approved_meeting(actor=secretariat, titles=("Abertura", "Dados"))
    item = meeting.items.order_by("position").last()
    request = governance_services.specialist_request_create(
        actor=dgt, meeting=meeting, specialist=specialist, items=[item]
    )
    governance_services.specialist_request_decide(actor=secretariat, request=request, admit=True)
    section = factories.section(actor=secretariat, title="Dados territoriais")
    strategy_services.section_reader_grant(actor=secretariat, section=section, person=specialist)
    open_home(page, specialist, sign_in, assert_accessible)
    expect(page.get_by_role("link", name="Dados", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Dados territoriais")).to_be_visible()


def test_an_organisation_contact_s_home_lists_calls_and_contributions(
    page: Page, secretariat, organisation_contact, sign_in, assert_accessible
):
    organisation = factories.organisation(actor=secretariat)
    contribution_services.organisation_contact_add(
        actor=secretariat, organisation=organisation, person=organisation_contact
    )
    call = factories.call_for_contributions(actor=secretariat, title="Pedido aberto")
    factories.initiative(actor=organisation_contact, call=call, title="Praça digital")
    open_home(page, organisation_contact, sign_in, assert_accessible)
    expect(page.get_by_role("link", name="Pedido aberto")).to_be_visible()
    expect(page.get_by_role("link", name="Praça digital")).to_be_visible()


def test_the_government_s_home_lists_the_shared_release(
    page: Page, secretariat, government, sign_in, assert_accessible, monkeypatch
):
    monkeypatch.setattr("strategy.services.releases._enqueue_render", lambda render: None)
    factories.section(actor=secretariat, title="Visão")
    strategy_services.release_publish(
        actor=secretariat,
        deliverable=factories.deliverable(),
        label="v0.1",
        kind=Release.Kind.WORKING_DRAFT,
        visibility=Release.Visibility.GOVERNMENT,
    )
    open_home(page, government, sign_in, assert_accessible)
    expect(page.get_by_role("link", name=re.compile("v0.1"))).to_be_visible()


def test_a_comment_reaches_the_editor_who_reads_it_and_marks_it_read(
    page: Page, secretariat, representative, sign_in, assert_accessible
):
    section = factories.section(actor=secretariat, title="Visão", editors=[representative])
    sign_in(page, secretariat.email, PASSWORD)
    page.goto(section.get_absolute_url())
    page.get_by_label("Comentário").last.fill("Falta um exemplo concreto.")
    page.get_by_role("button", name="Publicar o comentário").click()
    expect(page.locator("main")).to_contain_text("Falta um exemplo concreto.")
    page.get_by_role("button", name=re.compile("^Sair")).click()

    sign_in(page, representative.email, PASSWORD)
    badge = page.locator("nav.site-nav").get_by_role("link", name=re.compile("Notificações"))
    expect(badge).to_contain_text("2 por ler")  # the section given to her, then the comment
    badge.click()
    comment = page.locator("li.notification", has_text="Sara Secretariado comentou")
    expect(comment).to_be_visible()
    assert_accessible(page)
    comment.get_by_role("button", name=re.compile("Marcar como lida")).click()
    expect(page.get_by_role("button", name=re.compile("Marcar como lida"))).to_have_count(1)
    expect(badge).to_contain_text("1 por ler")
    page.get_by_role("link", name=re.compile("comentou")).click()
    expect(page.locator("main")).to_contain_text("Falta um exemplo concreto.")
    page.goto("/conta/notificacoes/")
    assert_accessible(page)


def test_a_search_from_the_header_opens_its_result(
    page: Page, secretariat, representative, sign_in, assert_accessible
):
    factories.section(
        actor=secretariat, title="Estratégia de dados", body="A Estratégia assenta em dados."
    )
    sign_in(page, representative.email, PASSWORD)
    page.get_by_label("Pesquisar no portal").fill("estrategia")
    page.get_by_label("Pesquisar no portal").press("Enter")
    expect(page.get_by_role("heading", name=re.compile("Secções"))).to_be_visible()
    expect(page.locator("main mark").first).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("Estratégia de dados")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Estratégia de dados")
