"""The XSS corpus, saved in a section, its comments, a meeting's agenda and minutes, runs nothing
in Chromium — even with the Content-Security-Policy bypassed, so the sanitising alone is tested."""

import pytest
from playwright.sync_api import Page

from governance import services as governance_services
from strategy.services import comments as comment_services
from tests import factories
from tests.factories import PASSWORD
from tests.hostile import XSS_CORPUS

pytestmark = pytest.mark.e2e

CORPUS_TEXT = "\n\n".join(XSS_CORPUS)


def test_no_payload_runs_in_the_browser(
    page: Page, live_server, sign_in, secretariat, representative
):
    section = factories.section(
        actor=secretariat, title="Visão", body=CORPUS_TEXT, editors=[representative]
    )
    for payload in XSS_CORPUS[:25]:
        comment_services.comment_add(actor=representative, section=section, body=payload)
    meeting = factories.meeting(actor=secretariat, title="Reunião <svg onload=alert(1)>")
    for payload in XSS_CORPUS[:10]:
        governance_services.agenda_item_add(
            actor=secretariat, meeting=meeting, title=payload[:200], description=payload
        )
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    sign_in(page, secretariat.email, PASSWORD)
    for url in [
        section.get_absolute_url(),
        section.get_absolute_url() + "historico/",
        meeting.get_absolute_url(),
    ]:
        page.goto(f"{live_server.url}{url}")
        page.wait_for_load_state("load")
        page.mouse.move(10, 10)  # hover handlers
        page.wait_for_timeout(300)  # animations, autofocus and toggles fire by now
        assert page.evaluate("window.__xss") is None, url
    assert dialogs == []
