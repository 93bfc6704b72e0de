"""The release journey: the secretariat is refused a final release while sections await approval,
approves them and publishes; the Government downloads the PDF and the ODT; /verificar/ accepts
the sealed PDF and rejects a copy with one changed byte (axe on every page)."""

import odfdo
import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from strategy import services
from strategy.models import Release
from tests import factories
from tests.factories import PASSWORD

pytestmark = pytest.mark.e2e


@pytest.fixture
def sections_in_review(secretariat, representative):
    sections = [
        factories.section(actor=secretariat, title=title, body=body, editors=[representative])
        for title, body in [
            ("Visão", "Territórios inteligentes e coesos."),
            ("Missão", "Cooperação entre níveis de governo."),
        ]
    ]
    return [
        services.section_change_status(actor=representative, section=section, status="in_review")
        for section in sections
    ]


def test_a_final_release_from_refusal_to_verification(
    page: Page,
    live_server,
    secretariat,
    government,
    sections_in_review,
    sign_in,
    assert_accessible,
    tmp_path,
    browser,
    browser_context_args,
):
    assert len(sections_in_review) == 2
    sign_in(page, secretariat.email, PASSWORD)
    page.goto(f"{live_server.url}/documentos/estrategia/nova-versao/")
    expect(page.locator("main")).to_contain_text("0 de 2 secções aprovadas")
    assert_accessible(page)

    # A final release with sections still in review is refused, each section linked.
    page.locator("#id_label").fill("v1.0")
    page.locator("input[name=kind][value=final]").check()
    page.locator("input[name=visibility][value=government]").check()
    page.locator("main form button[type=submit]").click()
    refusal = page.locator("#seccoes-por-aprovar")
    expect(refusal).to_contain_text("Uma versão final precisa de todas as secções aprovadas")
    expect(refusal.locator("a")).to_have_count(2)
    assert_accessible(page)
    assert not Release.objects.exists()

    # The secretariat follows each link and approves the section.
    for title in ("Visão", "Missão"):
        page.goto(f"{live_server.url}/documentos/estrategia/nova-versao/")
        page.locator("main table.approval-state a", has_text=title).click()
        page.locator("main a.button", has_text="Aprovar").click()
        assert_accessible(page)
        page.locator("main form button[type=submit]").click()
        expect(page.locator("main")).to_contain_text("Esta secção está aprovada")

    page.goto(f"{live_server.url}/documentos/estrategia/nova-versao/")
    expect(page.locator("main")).to_contain_text("2 de 2 secções aprovadas")
    page.locator("#id_label").fill("v1.0")
    page.locator("input[name=kind][value=final]").check()
    page.locator("input[name=visibility][value=government]").check()
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main h1")).to_contain_text("v1.0")
    release = Release.objects.get()
    assert release.is_final

    # The Government downloads the PDF and the ODT.
    government_context = browser.new_context(**browser_context_args, accept_downloads=True)
    reader = government_context.new_page()
    sign_in(reader, government.email, PASSWORD)
    reader.goto(f"{live_server.url}/versoes/{release.pk}/")
    assert_accessible(reader)
    with reader.expect_download() as pdf_download:
        reader.locator(f'main a[href="/versoes/{release.pk}/transferir/"]').click()
    sealed = tmp_path / pdf_download.value.suggested_filename
    pdf_download.value.save_as(sealed)
    assert sealed.name == "estrategia-v1.0.pdf"
    text = "".join(p.extract_text() for p in PdfReader(sealed).pages)
    assert "Territórios inteligentes e coesos." in text
    assert "VERSÃO DE TRABALHO" not in text
    with reader.expect_download() as odt_download:
        reader.locator(f'main a[href="/versoes/{release.pk}/transferir/odt/"]').click()
    odt = tmp_path / odt_download.value.suggested_filename
    odt_download.value.save_as(odt)
    headings = [str(h).strip() for h in odfdo.Document(str(odt)).body.headers]
    assert headings[:2] == ["1 Visão", "2 Missão"]

    # /verificar/ accepts the sealed PDF…
    reader.goto(f"{live_server.url}/verificar/")
    assert_accessible(reader)
    reader.locator("#id_pdf").set_input_files(str(sealed))
    reader.locator("main form button[type=submit]").click()
    expect(reader.locator("main .seal-valid")).to_contain_text("Selo válido")
    expect(reader.locator("main .hash-match")).to_contain_text("v1.0")
    assert_accessible(reader)

    # …and rejects a copy with one byte changed.
    content = bytearray(sealed.read_bytes())
    content[len(content) // 3] ^= 0x01
    tampered = tmp_path / "alterado.pdf"
    tampered.write_bytes(bytes(content))
    reader.locator("#id_pdf").set_input_files(str(tampered))
    reader.locator("main form button[type=submit]").click()
    expect(reader.locator("main .seal-invalid")).to_contain_text("O selo não é válido")
    expect(reader.locator("main .hash-mismatch")).to_be_visible()
    assert_accessible(reader)
    government_context.close()
