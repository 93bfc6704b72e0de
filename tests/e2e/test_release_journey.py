"""A member of the Government signs in and downloads the final release of a deliverable."""

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from strategy import services
from tests import factories
from tests.factories import PASSWORD

pytestmark = pytest.mark.e2e


@pytest.fixture
def final_release(secretariat, representative):
    section = factories.section(
        actor=secretariat,
        title="Visão",
        body="Territórios inteligentes e coesos.",
        editors=[representative],
    )
    factories.approve(section, editor=representative, approver=secretariat)
    return services.release_publish(
        actor=secretariat,
        deliverable=section.deliverable,
        label="v1.0",
        kind="final",
        visibility="government",
    )


def test_government_downloads_the_final_release(
    page: Page, live_server, government, final_release, sign_in, assert_accessible, tmp_path
):
    sign_in(page, government.email, PASSWORD)
    assert_accessible(page)
    page.locator('header nav a[href="/versoes/"]').click()
    expect(page.locator("main table")).to_contain_text("v1.0")
    expect(page.locator("main table .badge-ok")).to_be_visible()
    assert_accessible(page)

    with page.expect_download() as download_info:
        page.locator(f'main a[href="/versoes/{final_release.pk}/transferir/"]').click()
    download = download_info.value
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    assert download.suggested_filename == "estrategia-v1.0.pdf"
    text = "".join(p.extract_text() for p in PdfReader(target).pages)
    assert "Territórios inteligentes e coesos." in text
    assert "VERSÃO DE TRABALHO" not in text

    page.goto(f"/versoes/{final_release.pk}/")
    assert_accessible(page)
    page.goto("/verificar/")
    page.locator("#id_pdf").set_input_files(str(target))
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main .message-success")).to_contain_text("v1.0")
    assert_accessible(page)
