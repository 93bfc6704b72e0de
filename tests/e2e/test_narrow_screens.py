"""The main pages are usable on a 320 px wide screen: nothing scrolls sideways (WCAG 1.4.10)."""

import pytest
from playwright.sync_api import Page

from tests import factories
from tests.factories import PASSWORD

pytestmark = pytest.mark.e2e

PAGES = [
    "/",
    "/grupo/",
    "/painel/",
    "/equipa/",
    "/documentos/",
    "/documentos/estrategia/",
    "/reunioes/",
    "/contributos/",
    "/versoes/",
    "/acessibilidade",
]


def test_pages_fit_a_320_px_screen(page: Page, live_server, secretariat, representative, sign_in):
    factories.section(
        actor=secretariat,
        title="Enquadramento e diagnóstico",
        body="Texto.",
        editors=[representative],
    )
    page.set_viewport_size({"width": 320, "height": 640})
    sign_in(page, secretariat.email, PASSWORD)
    too_wide = {}
    for path in PAGES:
        page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            too_wide[path] = width
    assert too_wide == {}
