"""A representative drafts a section, reads its history and merges after a concurrent save."""

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests import factories
from tests.factories import PASSWORD

pytestmark = pytest.mark.e2e


def write_text(page: Page, text: str) -> None:
    """Replace the section's text the way a person would, with or without the Markdown editor."""
    editor = page.locator(".CodeMirror")
    if editor.count():
        editor.click()
        page.keyboard.press("Control+A")
        page.keyboard.type(text)
    else:
        page.locator("#id_body").fill(text)


@pytest.fixture
def drafted_vision(secretariat, representative):
    return factories.section(
        actor=secretariat, title="Visão", body="Territórios inteligentes.", editors=[representative]
    )


def test_representative_edits_then_compares_two_versions(
    page: Page, live_server, representative, drafted_vision, sign_in, assert_accessible
):
    sign_in(page, representative.email, PASSWORD)
    page.goto("/documentos/")
    assert_accessible(page)
    page.get_by_role("link", name="Estratégia Nacional de Smart Cities", exact=True).click()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("Visão")).first.click()
    assert_accessible(page)

    page.locator("nav.section-nav").get_by_role("link", name="Editar").click()
    assert_accessible(page)
    write_text(page, "Territórios inteligentes, coesos e abertos.")
    page.get_by_label("Nota da alteração (opcional)").fill("Acrescentei coesão")
    page.locator("input[name=principles]").first.check()
    page.locator("main form.section-form button[type=submit]").click()
    expect(page.locator("article.section-body")).to_contain_text("coesos e abertos")
    assert_accessible(page)

    page.locator("nav.section-nav").get_by_role("link", name="Histórico").click()
    expect(page.locator("main table")).to_contain_text("Acrescentei coesão")
    newest = page.locator("main table tbody tr").first
    expect(newest.locator("td[data-label='O que mudou']")).to_contain_text("Texto alterado")
    expect(newest.locator("td[data-label='O que mudou'] ins")).to_contain_text("inserido:")
    assert_accessible(page)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main div.diff ins").first).to_contain_text("coesos")  # the text
    expect(page.locator("main ul.principles-diff ins")).to_contain_text("inserido:")
    assert_accessible(page)


def _two_editors(browser: Browser, live_server, secretariat, section, sign_in):
    """A colleague with the section open in a second browser context, signed in."""
    from strategy import services

    colleague = factories.RepresentativeFactory(
        email="duarte@dgt.example", full_name="Duarte DGT", entity=factories.entity("dgt")
    )
    services.section_editor_assign(actor=secretariat, section=section, person=colleague)
    other = browser.new_context(base_url=live_server.url, bypass_csp=True, locale="pt-PT")
    other_page = other.new_page()
    sign_in(other_page, colleague.email, PASSWORD)
    return other, other_page


def test_two_editors_change_different_paragraphs_and_both_changes_are_kept(
    page: Page,
    browser: Browser,
    live_server,
    representative,
    secretariat,
    sign_in,
    assert_accessible,
):
    section = factories.section(
        actor=secretariat,
        title="Visão",
        body="Primeiro parágrafo.\n\nSegundo parágrafo.",
        editors=[representative],
    )
    edit_url = f"/documentos/estrategia/{section.pk}/editar/"
    other, other_page = _two_editors(browser, live_server, secretariat, section, sign_in)
    sign_in(page, representative.email, PASSWORD)
    page.goto(edit_url)  # opened before the colleague saves
    other_page.goto(edit_url)
    write_text(other_page, "Primeiro parágrafo, do Duarte.\n\nSegundo parágrafo.")
    other_page.locator("main form.section-form button[type=submit]").click()
    expect(other_page.locator("article.section-body")).to_contain_text("do Duarte")
    other.close()

    write_text(page, "Primeiro parágrafo.\n\nSegundo parágrafo, da Rita.")
    page.locator("main form.section-form button[type=submit]").click()
    expect(page.locator("article.section-body")).to_contain_text("do Duarte")
    expect(page.locator("article.section-body")).to_contain_text("da Rita")
    expect(page.locator("#conflito")).to_have_count(0)
    expect(page.get_by_text(re.compile("combinado com a revisão"))).to_be_visible()
    assert_accessible(page)
    section.refresh_from_db()
    assert section.body == "Primeiro parágrafo, do Duarte.\n\nSegundo parágrafo, da Rita."


def test_the_same_paragraphs_give_the_conflict_page_resolved_one_each_way(
    page: Page,
    browser: Browser,
    live_server,
    representative,
    secretariat,
    sign_in,
    assert_accessible,
):
    section = factories.section(
        actor=secretariat, title="Visão", body="Um.\n\nDois.\n\nTrês.", editors=[representative]
    )
    edit_url = f"/documentos/estrategia/{section.pk}/editar/"
    other, other_page = _two_editors(browser, live_server, secretariat, section, sign_in)
    sign_in(page, representative.email, PASSWORD)
    page.goto(edit_url)
    other_page.goto(edit_url)
    write_text(other_page, "Um, do Duarte.\n\nDois.\n\nTrês, do Duarte.")
    other_page.locator("main form.section-form button[type=submit]").click()
    expect(other_page.locator("article.section-body")).to_contain_text("do Duarte")
    other.close()

    write_text(page, "Um, da Rita.\n\nDois.\n\nTrês, da Rita.")
    page.locator("main form.section-form button[type=submit]").click()
    expect(page.locator("#conflito")).to_be_visible()
    expect(page.locator("#passagem-1")).to_contain_text("Um, do Duarte.")
    expect(page.locator("#passagem-2")).to_contain_text("Três, da Rita.")
    assert_accessible(page)

    page.locator("#passagem-1").get_by_label("Manter o atual").check()
    page.locator("#passagem-2").get_by_label("Manter o meu").check()
    page.locator("main form.section-form button[type=submit]").click()
    expect(page.locator("article.section-body")).to_contain_text("Três, da Rita.")
    assert_accessible(page)
    section.refresh_from_db()
    assert section.body == "Um, do Duarte.\n\nDois.\n\nTrês, da Rita."
