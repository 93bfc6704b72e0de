"""An invited contact sends an initiative with a PDF; another organisation cannot see it; a
reviewer accepts it and links it to a section. axe checks every page visited."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import Page, expect

from contributions import services
from contributions.models import Attachment, Contribution, Region
from strategy.models import SectionContribution
from tests import factories
from tests.factories import PASSWORD

pytestmark = pytest.mark.e2e

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
NEW_PASSWORD = "um-passeio-no-parque-2022"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def organisation(secretariat):
    return factories.organisation(actor=secretariat)


@pytest.fixture
def open_call(secretariat):
    return factories.call_for_contributions(actor=secretariat)


@pytest.fixture
def contact(secretariat, organisation, organisation_contact):
    services.organisation_contact_add(
        actor=secretariat, organisation=organisation, person=organisation_contact
    )
    return organisation_contact


@pytest.fixture
def submitted_with_pdf(contact, open_call):
    contribution = factories.initiative(actor=contact, call=open_call)
    services.attachment_add(
        actor=contact, contribution=contribution, upload=SimpleUploadedFile("estudo.pdf", PDF)
    )
    return services.contribution_submit(actor=contact, contribution=contribution)


def test_an_invited_contact_sets_a_password_and_submits_an_initiative_with_a_pdf(
    page: Page, live_server, secretariat, organisation, open_call, assert_accessible
):
    links = []
    services.organisation_contact_invite(
        actor=secretariat,
        organisation=organisation,
        email="nadia@exemplo.example",
        full_name="Nádia Nova",
        accept_url_builder=lambda path: links.append(path) or f"{live_server.url}{path}",
    )
    page.goto(links[0])
    assert_accessible(page)
    page.locator("#id_password1").fill(NEW_PASSWORD)
    page.locator("#id_password2").fill(NEW_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/painel/$"))
    assert_accessible(page)

    page.locator(f'main a[href="{open_call.get_absolute_url()}"]').first.click()
    assert_accessible(page)
    page.locator("#contribuir-iniciativa").click()
    assert_accessible(page)
    form = page.locator("main form.contribution-form")
    form.locator("#id_title").fill("Semáforos inteligentes")
    form.locator("#id_summary").fill("Semáforos que dão prioridade aos autocarros.")
    form.locator("#id_body").fill("## Resultados\n\nMenos **tempo de espera**.")
    form.locator("#id_municipality").fill("Exemplo")
    form.locator("#id_region").select_option(value=str(Region.objects.get(code="PT1A0").pk))
    form.locator("#id_domain").select_option("mobilidade")
    form.locator("#id_maturity").select_option("pilot")
    form.locator("#id_technologies").fill("NGSI-LD")
    form.locator("#id_link").fill("https://exemplo.example/semaforos")
    form.locator("button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("Semáforos inteligentes")
    assert_accessible(page)

    attach = page.locator("main form.attachment-form")
    attach.locator("#id_file").set_input_files(
        {"name": "estudo.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    attach.locator("button[type=submit]").click()
    expect(page.locator("#anexos table")).to_contain_text("estudo.pdf")
    assert_accessible(page)

    page.locator("#submeter").click()
    assert_accessible(page)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#estado .badge")).to_be_visible()
    assert_accessible(page)
    contribution = Contribution.objects.get()
    assert (contribution.state, contribution.organisation) == ("submitted", organisation)
    assert Attachment.objects.get().contribution == contribution

    page.goto("/contributos/")
    expect(page.locator("main table")).to_contain_text("Semáforos inteligentes")
    assert_accessible(page)


def test_a_contact_of_another_organisation_gets_404_on_the_contribution_and_its_attachment(
    page: Page, live_server, secretariat, submitted_with_pdf, sign_in, assert_accessible
):
    other = factories.organisation(
        actor=secretariat, name="Associação Cidades do Futuro", nif="502000007"
    )
    outsider = factories.OrganisationContactFactory(
        email="otto@futuro.example", full_name="Otto Outra"
    )
    services.organisation_contact_add(actor=secretariat, organisation=other, person=outsider)
    attachment = submitted_with_pdf.attachments.get()

    sign_in(page, outsider.email, PASSWORD)
    page.goto("/contributos/")
    expect(page.locator("main")).not_to_contain_text(submitted_with_pdf.title)
    assert_accessible(page)
    response = page.goto(submitted_with_pdf.get_absolute_url())
    assert response.status == 404
    assert_accessible(page)
    response = page.goto(attachment.get_absolute_url())
    assert response.status == 404
    assert_accessible(page)


def test_a_reviewer_accepts_the_contribution_and_links_it_to_a_section(
    page: Page,
    live_server,
    secretariat,
    representative,
    submitted_with_pdf,
    sign_in,
    assert_accessible,
):
    vision = factories.section(actor=secretariat, title="Visão", body="Territórios inteligentes.")
    services.reviewer_assign(
        actor=secretariat, contribution=submitted_with_pdf, person=representative
    )

    sign_in(page, representative.email, PASSWORD)
    page.goto("/contributos/")
    assert_accessible(page)
    page.locator(f'main a[href="{submitted_with_pdf.get_absolute_url()}"]').first.click()
    assert_accessible(page)
    page.locator("#iniciar-revisao").click()
    expect(page.locator("#decidir")).to_be_visible()
    assert_accessible(page)
    page.locator("#decidir").click()
    assert_accessible(page)
    page.locator('input[name="state"][value="accepted"]').check()
    page.locator("#id_feedback").fill("Boa prática para o diagnóstico.")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#decisao-titulo")).to_be_visible()
    assert_accessible(page)

    page.locator("#ligar-seccoes").click()
    assert_accessible(page)
    page.locator("#id_section").select_option(value=str(vision.pk))
    page.locator("#id_note").fill("Exemplo citado na visão")
    page.locator("main form.link-section-form button[type=submit]").click()
    expect(page.locator("ul.informed-sections")).to_contain_text("Visão")
    assert_accessible(page)
    assert SectionContribution.objects.get().note == "Exemplo citado na visão"
    assert Contribution.objects.get().state == "accepted"

    page.locator("ul.informed-sections a").first.click()
    expect(page.locator("#contributos")).to_contain_text(submitted_with_pdf.title)
    assert_accessible(page)

    page.goto("/contributos/catalogo/")
    expect(page.locator("svg[role=img]").first).to_be_visible()
    assert_accessible(page)
