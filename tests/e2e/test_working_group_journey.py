"""The secretariat signs in, looks at the working group and signs out, in a real browser."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.factories import PASSWORD

pytestmark = pytest.mark.e2e

ENTITIES_IN_THE_DESPACHO = 10


def test_secretariat_visits_the_working_group_and_signs_out(
    page: Page, live_server, secretariat, sign_in, assert_accessible
):
    """Every page on the way passes axe-core's WCAG 2.1 AA rules."""
    page.goto("/conta/entrar/")
    assert_accessible(page)

    sign_in(page, secretariat.email, PASSWORD)
    expect(page).to_have_url(f"{live_server.url}/painel/")
    assert_accessible(page)

    page.locator('header nav a[href="/grupo/"]').click()
    expect(page).to_have_url(f"{live_server.url}/grupo/")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"\S"))
    expect(page.locator("main table tbody tr")).to_have_count(ENTITIES_IN_THE_DESPACHO)
    assert_accessible(page)

    page.locator('form[action="/conta/sair/"] button').click()
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.locator('header nav a[href="/conta/entrar/"]')).to_be_visible()
    assert_accessible(page)
