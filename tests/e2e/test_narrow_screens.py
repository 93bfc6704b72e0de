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


def test_the_meeting_page_fits_320_px_with_a_long_e_mail_address(
    page: Page, live_server, secretariat, sign_in
):
    from governance import services

    meeting = factories.approved_meeting(actor=secretariat)
    contact = factories.OrganisationContactFactory(
        email="coordenacao.transformacao.digital.municipal@camara-municipal-de-exemplo.example",
        full_name="Coordenação da Transformação Digital",
    )
    services.guest_invite(
        actor=secretariat, meeting=meeting, contact=contact, items=list(meeting.items.all())
    )
    page.set_viewport_size({"width": 320, "height": 640})
    sign_in(page, secretariat.email, PASSWORD)
    page.goto(meeting.get_absolute_url())
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
