"""A representative drafts a section, reads its history and merges after a concurrent save."""

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from strategy.models import Section
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
    page.locator("main form.section-form button[type=submit]").click()
    expect(page.locator("article.section-body")).to_contain_text("coesos e abertos")
    assert_accessible(page)

    page.locator("nav.section-nav").get_by_role("link", name="Histórico").click()
    expect(page.locator("main table")).to_contain_text("Acrescentei coesão")
    assert_accessible(page)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main .diff ins").first).to_contain_text("coesos")
    assert_accessible(page)


def test_a_stale_save_shows_the_conflict_and_the_drafter_merges(
    page: Page,
    browser: Browser,
    live_server,
    representative,
    secretariat,
    drafted_vision,
    sign_in,
    assert_accessible,
):
    from strategy import services

    colleague = factories.RepresentativeFactory(
        email="duarte@dgt.example", full_name="Duarte DGT", entity=factories.entity("dgt")
    )
    services.section_editor_assign(actor=secretariat, section=drafted_vision, person=colleague)
    edit_url = f"/documentos/estrategia/{drafted_vision.pk}/editar/"

    sign_in(page, representative.email, PASSWORD)
    page.goto(edit_url)

    other = browser.new_context(base_url=live_server.url, bypass_csp=True, locale="pt-PT")
    other_page = other.new_page()
    sign_in(other_page, colleague.email, PASSWORD)
    other_page.goto(edit_url)
    write_text(other_page, "Texto do colega, gravado primeiro.")
    other_page.locator("main form.section-form button[type=submit]").click()
    expect(other_page.locator("article.section-body")).to_contain_text("gravado primeiro")
    other.close()

    write_text(page, "O meu texto, escrito ao mesmo tempo.")
    page.locator("main form.section-form button[type=submit]").click()
    expect(page.locator("#conflito")).to_be_visible()
    expect(page.locator(".conflict-diff")).to_contain_text("gravado primeiro")
    assert_accessible(page)

    write_text(page, "Texto do colega, gravado primeiro. O meu texto, escrito ao mesmo tempo.")
    page.locator("main form.section-form button[type=submit]").click()
    expect(page.locator("article.section-body")).to_contain_text("O meu texto")
    assert Section.objects.get(pk=drafted_vision.pk).body.endswith("escrito ao mesmo tempo.")
