"""Editing in the browser: two editors see each other and the «someone saved» notice, with the
portal's CSP enforced; a closed tab's text and a save after the session ended come back.

The first journey runs WITHOUT ``bypass_csp`` (every other journey has it, for axe's injected
script): axe is added as an init script (outside the page's CSP) and any
``securitypolicyviolation`` fails the test, so htmx, the Markdown editor, the presence heartbeat
and the one-click PDF download are shown to work under the strict policy.
"""

import re

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from strategy import services
from strategy.models import Section
from tests import factories
from tests.e2e.conftest import AXE_SCRIPT, TIMEOUT_MS, _format_violations
from tests.factories import PASSWORD

pytestmark = pytest.mark.e2e

RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__cspViolations.push(event.violatedDirective + " " + (event.blockedURI || "inline"));
});
"""


def write_text(page: Page, text: str) -> None:
    """Replace the section's text the way a person would, with or without the Markdown editor."""
    editor = page.locator(".CodeMirror")
    if editor.count():
        editor.click()
        page.keyboard.press("Control+A")
        page.keyboard.type(text)
    else:
        page.locator("#id_body").fill(text)


def strict_context(browser: Browser, base_url: str) -> BrowserContext:
    """A browser context that obeys the CSP, with axe and a CSP-violation recorder preloaded."""
    context = browser.new_context(base_url=base_url, locale="pt-PT", accept_downloads=True)
    context.add_init_script(script=RECORD_CSP_VIOLATIONS)
    context.add_init_script(path=str(AXE_SCRIPT))
    return context


def assert_no_csp_violations(page: Page) -> None:
    violations = page.evaluate("window.__cspViolations || []")
    assert violations == [], f"CSP violations on {page.url}: {violations}"


def assert_accessible_under_csp(page: Page) -> None:
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"],
    )
    if result["violations"]:
        pytest.fail(_format_violations(page.url, result["violations"]), pytrace=False)


def new_page(context: BrowserContext) -> Page:
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    return page


@pytest.fixture
def shared_section(secretariat, representative):
    colleague = factories.RepresentativeFactory(
        email="duarte@dgt.example", full_name="Duarte DGT", entity=factories.entity("dgt")
    )
    section = factories.section(
        actor=secretariat, title="Visão", body="Territórios inteligentes.", editors=[representative]
    )
    services.section_editor_assign(actor=secretariat, section=section, person=colleague)
    return section, colleague


def test_b_sees_a_editing_and_is_told_when_a_saves_with_the_csp_enforced(
    browser: Browser, live_server, settings, representative, shared_section, sign_in
):
    settings.PRESENCE_HEARTBEAT_SECONDS = 1
    section, colleague = shared_section
    edit_url = f"/documentos/estrategia/{section.pk}/editar/"

    context_b = strict_context(browser, live_server.url)
    page_b = new_page(context_b)
    sign_in(page_b, colleague.email, PASSWORD)
    page_b.goto(edit_url)
    presence_b = page_b.locator("#presenca-lista")
    expect(presence_b).to_contain_text("Mais ninguém")

    context_a = strict_context(browser, live_server.url)
    page_a = new_page(context_a)
    sign_in(page_a, representative.email, PASSWORD)
    page_a.goto(edit_url)
    expect(page_a.locator("#presenca-lista")).to_contain_text("Duarte DGT")
    # B's heartbeat brings A into B's list without reloading the page.
    expect(presence_b).to_contain_text("Rita Representante")
    assert_accessible_under_csp(page_b)

    write_text(page_a, "Territórios inteligentes, coesos e abertos.")
    page_a.locator("main form.section-form button[type=submit]").click()
    expect(page_a.locator("article.section-body")).to_contain_text("coesos e abertos")

    notice = page_b.locator("#aviso-revisao")
    expect(notice).to_contain_text("Rita Representante guardou a revisão")
    expect(page_b.locator("#aviso-revisao")).to_have_attribute("role", "status")
    link = notice.get_by_role("link", name=re.compile("Ver o que mudou"))
    expect(link).to_have_attribute("href", re.compile(r"/comparar/\?de=\d+&para=\d+"))
    # A saved and left the form: B's list no longer shows A.
    expect(presence_b).to_contain_text("Mais ninguém")
    assert_accessible_under_csp(page_b)

    with page_b.expect_popup() as popup:
        link.click()
    diff = popup.value
    expect(diff.locator("main .diff ins").first).to_contain_text("coesos")

    # The PDF button under the CSP: one click, the download starts (immediate task back end).
    page_a.goto("/documentos/estrategia/")
    with page_a.expect_download(timeout=60_000) as download:
        page_a.get_by_role("button", name=re.compile("PDF")).click()
    assert download.value.suggested_filename.endswith(".pdf")
    expect(page_a.locator("#pdf-export-state")).to_contain_text("O PDF está pronto")
    assert_accessible_under_csp(page_a)

    for page in (page_a, page_b, diff):
        assert_no_csp_violations(page)
    context_a.close()
    context_b.close()


def test_a_closed_tab_s_text_is_offered_back_and_restored(
    page: Page, live_server, representative, shared_section, sign_in, assert_accessible
):
    section, _colleague = shared_section
    edit_url = f"/documentos/estrategia/{section.pk}/editar/"
    sign_in(page, representative.email, PASSWORD)
    page.goto(edit_url)
    expect(page.locator("#rascunho-aviso")).to_be_hidden()
    write_text(page, "Um parágrafo escrito e nunca guardado.")
    first_principle = page.locator("input[name=principles]").first
    first_principle.check()
    page.wait_for_function(
        "() => Object.keys(localStorage).some(k => k.startsWith('smartcities:rascunho:'))"
    )
    context = page.context
    page.close()

    again = context.new_page()
    again.goto(edit_url)
    notice = again.locator("#rascunho-aviso")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("Tem texto por guardar")
    assert_accessible(again)
    notice.get_by_role("button", name="Restaurar").click()
    expect(again.locator("#rascunho-feito")).to_contain_text("restaurado")
    expect(again.locator(".CodeMirror")).to_contain_text("nunca guardado")
    expect(again.locator("input[name=principles]").first).to_be_checked()
    again.locator("main form.section-form button[type=submit]").click()
    expect(again.locator("article.section-body")).to_contain_text("nunca guardado")
    saved = Section.objects.get(pk=section.pk)
    assert saved.body == "Um parágrafo escrito e nunca guardado."
    assert saved.principles.count() == 1

    # Saved: the copy is gone and the form offers nothing.
    again.goto(edit_url)
    expect(again.locator("#rascunho-aviso")).to_be_hidden()
    assert (
        again.evaluate(
            "() => Object.keys(localStorage).filter(k => k.startsWith('smartcities:rascunho:'))"
        )
        == []
    )


def test_a_save_after_the_session_ended_comes_back_after_signing_in(
    page: Page, live_server, representative, shared_section, sign_in, assert_accessible
):
    section, _colleague = shared_section
    edit_url = f"/documentos/estrategia/{section.pk}/editar/"
    sign_in(page, representative.email, PASSWORD)
    page.goto(edit_url)
    write_text(page, "Texto escrito enquanto a sessão expirava.")
    page.evaluate("() => localStorage.clear()")  # the server alone must keep it
    page.context.clear_cookies(name="sessionid")
    page.locator("main form.section-form button[type=submit]").click()
    page.wait_for_url(re.compile("/conta/entrar/"))
    page.locator("#id_username").fill(representative.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile("/editar/"))
    expect(page.locator(".messages")).to_contain_text("A sua sessão tinha terminado")
    expect(page.locator("#id_body")).to_have_value("Texto escrito enquanto a sessão expirava.")
    assert_accessible(page)
    page.locator("main form.section-form button[type=submit]").click()
    expect(page.locator("article.section-body")).to_contain_text("enquanto a sessão expirava")


@pytest.fixture
def minutes_in_draft(secretariat):
    """A held meeting whose draft minutes a second member of the secretariat also writes."""
    from governance import services as governance_services

    meeting = factories.move_to_past(factories.approved_meeting(actor=secretariat))
    governance_services.meeting_convene(actor=secretariat, meeting=meeting)
    governance_services.meeting_mark_held(actor=secretariat, meeting=meeting)
    governance_services.minutes_save(
        actor=secretariat, meeting=meeting, body="# Ata\n\nAbertura.", base_revision=0
    )
    clerk = factories.SecretariatFactory(email="carla@empd.example", full_name="Carla Secretária")
    return meeting, clerk


def test_two_writers_of_the_minutes_see_each_other_and_the_newer_revision(
    browser: Browser, live_server, settings, secretariat, minutes_in_draft, sign_in
):
    settings.PRESENCE_HEARTBEAT_SECONDS = 1
    meeting, clerk = minutes_in_draft
    edit_url = f"/reunioes/{meeting.pk}/ata/editar/"

    context_b = strict_context(browser, live_server.url)
    page_b = new_page(context_b)
    sign_in(page_b, clerk.email, PASSWORD)
    page_b.goto(edit_url)
    presence_b = page_b.locator("#presenca-lista")
    expect(presence_b).to_contain_text("Mais ninguém tem esta ata aberta")

    context_a = strict_context(browser, live_server.url)
    page_a = new_page(context_a)
    sign_in(page_a, secretariat.email, PASSWORD)
    page_a.goto(edit_url)
    expect(page_a.locator("#presenca-lista")).to_contain_text("Carla Secretária")
    expect(presence_b).to_contain_text("Sara Secretariado")
    assert_accessible_under_csp(page_b)

    page_a.locator("#id_body").fill("# Ata\n\nAbertura e aprovação da visão.")
    page_a.locator("main form:not(.presence-heartbeat) button[type=submit]").click()
    page_a.wait_for_url(re.compile(r"/ata/$"))

    notice = page_b.locator("#aviso-revisao")
    expect(notice).to_contain_text("Sara Secretariado guardou a revisão 2")
    link = notice.get_by_role("link", name=re.compile("Ver o que mudou"))
    expect(link).to_have_attribute("href", re.compile(r"/ata/historico/#versao-\d+$"))
    expect(presence_b).to_contain_text("Mais ninguém")  # A saved and left the form
    assert_accessible_under_csp(page_b)

    with page_b.expect_popup() as popup:
        link.click()
    history = popup.value
    row = history.locator("tr:target")
    expect(row).to_contain_text("Sara Secretariado")
    assert_accessible_under_csp(history)
    for page in (page_a, page_b, history):
        assert_no_csp_violations(page)
    context_a.close()
    context_b.close()
