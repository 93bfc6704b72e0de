"""Releases freeze a deliverable, render its PDF once through the tasks API, never change."""

import io
import re
from unittest import mock

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from strategy import pdf, services
from strategy.models import PdfRender, Release, ReleaseDownload
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(secretariat, representative, vision, django_capture_on_commit_callbacks):
    factories.approve(vision, editor=representative, approver=secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        return services.release_publish(
            actor=secretariat,
            deliverable=vision.deliverable,
            label="v1.0",
            kind="final",
            visibility="government",
        )


def reopen(section, *, actor):
    return services.section_change_status(
        actor=actor, section=section, status="draft", reason="Rever depois da versão"
    )


def publish(client, **data):
    return client.post("/documentos/estrategia/nova-versao/", data)


def test_the_secretariat_publishes_a_release_whose_pdf_is_rendered(published):
    render = published.render
    render.refresh_from_db()
    assert render.state == PdfRender.State.READY
    assert re.fullmatch(r"[0-9a-f]{64}", render.sha256)
    assert render.pages >= 3


def test_a_release_keeps_the_versions_it_froze(published, secretariat, representative, vision):
    frozen = published.section_versions.get()
    vision = reopen(vision, actor=secretariat)
    services.section_update(
        actor=representative,
        section=vision,
        base_revision=vision.revision,
        title="Visão",
        body="Mudou depois.",
    )
    assert frozen.body == "Territórios inteligentes e coesos."
    assert published.render.snapshot["sections"][0]["body"] == "Territórios inteligentes e coesos."


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"label": "1.0", "kind": "final", "visibility": "public"}, "label"),
        ({"label": "v1.0", "kind": "published", "visibility": "public"}, "kind"),
        ({"label": "v1.0", "kind": "final", "visibility": "everyone"}, "visibility"),
    ],
)
def test_bad_release_input_is_refused_and_nothing_is_stored(
    client, secretariat, vision, data, field
):
    client.force_login(secretariat)
    response = publish(client, **data)
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not Release.objects.exists()


def test_a_label_is_used_once_per_deliverable(client, secretariat, published):
    client.force_login(secretariat)
    response = publish(client, label="v1.0", kind="final", visibility="public")
    assert response.status_code == 200
    assert Release.objects.count() == 1


def test_only_the_secretariat_publishes(client, representative, vision):
    client.force_login(representative)
    assert (
        publish(client, label="v0.1", kind="working_draft", visibility="members").status_code == 403
    )


def test_identical_content_is_rendered_once(secretariat, vision):
    with mock.patch.object(pdf, "render", wraps=pdf.render) as renderer:
        first = services.deliverable_export_request(
            actor=secretariat, deliverable=vision.deliverable
        )
        services.pdf_render_run(render_id=first.pk)
        second = services.deliverable_export_request(
            actor=secretariat, deliverable=vision.deliverable
        )
        services.pdf_render_run(render_id=second.pk)
    assert first.pk == second.pk
    assert renderer.call_count == 1


def test_a_failed_render_is_shown_and_can_be_retried(
    client, secretariat, vision, django_capture_on_commit_callbacks
):
    render = services.deliverable_export_request(actor=secretariat, deliverable=vision.deliverable)
    with mock.patch.object(pdf, "render", side_effect=RuntimeError("sem memória")):
        services.pdf_render_run(render_id=render.pk)
    render.refresh_from_db()
    assert render.state == PdfRender.State.FAILED
    client.force_login(secretariat)
    assert client.get(render.get_absolute_url()).context["render"].state == "failed"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/versoes/pdf/{render.content_hash}/repetir/")
    render.refresh_from_db()
    assert render.state == PdfRender.State.READY


def test_the_government_sees_releases_shared_with_it_and_downloads_are_logged(
    client, government, published
):
    client.force_login(government)
    listing = client.get("/versoes/")
    assert list(listing.context["releases"]) == [published]
    response = client.get(f"/versoes/{published.pk}/transferir/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    body = b"".join(response.streaming_content)
    assert PdfReader(io.BytesIO(body)).pages
    assert ReleaseDownload.objects.get().user == government


def test_the_kept_releases_table_shows_a_pdf_s_new_state_at_once(client, government, published):
    client.force_login(government)
    assert "Descarregar" in client.get("/versoes/").content.decode()  # the table is now kept
    PdfRender.objects.filter(pk=published.render_id).update(state=PdfRender.State.FAILED)
    html = client.get("/versoes/").content.decode()
    assert "Descarregar" not in html and "Falhou" in html


def test_people_who_see_other_releases_never_get_each_other_s_table(
    client, secretariat, government, published
):
    draft = services.release_publish(
        actor=secretariat,
        deliverable=published.deliverable,
        label="v1.1",
        kind="working_draft",
        visibility="members",
    )
    client.force_login(secretariat)
    assert f"/versoes/{draft.pk}/" in client.get("/versoes/").content.decode()
    client.force_login(government)
    html = client.get("/versoes/").content.decode()
    assert f"/versoes/{published.pk}/" in html and f"/versoes/{draft.pk}/" not in html


@pytest.mark.parametrize("persona", [None, "organisation_contact"])
def test_members_only_releases_are_hidden_from_the_public(
    client, persona, request, secretariat, vision
):
    release = services.release_publish(
        actor=secretariat,
        deliverable=vision.deliverable,
        label="v0.1",
        kind="working_draft",
        visibility="members",
    )
    if persona:
        client.force_login(request.getfixturevalue(persona))
    assert client.get(f"/versoes/{release.pk}/").status_code == 404
    assert client.get(f"/versoes/{release.pk}/transferir/").status_code == 404
    assert client.get(release.render.get_absolute_url()).status_code == 404


def test_two_releases_are_compared_section_by_section(
    client, secretariat, representative, vision, published
):
    vision = reopen(vision, actor=secretariat)
    services.section_update(
        actor=representative,
        section=vision,
        base_revision=vision.revision,
        title="Visão",
        body="Territórios coesos.",
    )
    factories.section(actor=secretariat, title="Nova secção")
    newer = services.release_publish(
        actor=secretariat,
        deliverable=vision.deliverable,
        label="v1.1",
        kind="working_draft",
        visibility="government",
    )
    client.force_login(secretariat)
    response = client.get(f"/versoes/comparar/?de={published.pk}&para={newer.pk}")
    states = [row.state for row in response.context["redline"].sections]
    assert states == ["changed", "added"]
    assert "<del>" in response.content.decode()
    pdf_response = client.post("/versoes/comparar/pdf/", {"de": published.pk, "para": newer.pk})
    comparison = PdfRender.objects.get(layout=PdfRender.Layout.COMPARISON)
    assert pdf_response.url == comparison.get_absolute_url()  # queued: its state page


def test_the_verification_page_recognises_an_official_release(client, government, published):
    client.force_login(government)
    published.render.refresh_from_db()
    content = published.render.pdf.read()
    response = client.post("/verificar/", {"pdf": io.BytesIO(content)})
    assert response.context["result"]["releases"] == [published]
    tampered = content.replace(b"%%EOF", b"%%EOF\n% alterado")
    response = client.post("/verificar/", {"pdf": io.BytesIO(tampered)})
    assert response.context["result"]["releases"] == []


def test_export_deliverable_writes_the_current_text(secretariat, vision, tmp_path):
    target = tmp_path / "estrategia.pdf"
    call_command("export_deliverable", "estrategia", "-o", str(target), stdout=io.StringIO())
    text = "".join(page.extract_text() for page in PdfReader(target).pages)
    assert "Territórios inteligentes e coesos." in text
    assert "VERSÃO DE TRABALHO" in text


def test_releases_cannot_be_changed_or_deleted_in_the_admin(client, secretariat, published):
    secretariat.is_staff = secretariat.is_superuser = True
    secretariat.save(update_fields=["is_staff", "is_superuser"])
    client.force_login(secretariat)
    assert (
        client.post(f"/admin/strategy/release/{published.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert Release.objects.filter(pk=published.pk).exists()


def test_the_pdf_lists_the_contributions_that_informed_each_section(
    secretariat, representative, organisation_contact, vision
):
    from contributions import services as contribution_services

    organisation = factories.organisation(actor=secretariat)
    contribution_services.organisation_contact_add(
        actor=secretariat, organisation=organisation, person=organisation_contact
    )
    call = factories.call_for_contributions(actor=secretariat)
    initiative = factories.initiative(actor=organisation_contact, call=call, submit=True)
    services.section_contribution_link(
        actor=representative, section=vision, contribution=initiative, note="Inspirou a visão"
    )
    snapshot = services.current_text_snapshot(vision.deliverable)
    assert snapshot["contributions"] == [
        {
            "section_number": "1",
            "section_title": "Visão",
            "title": initiative.title,
            "organisation": organisation.name,
            "kind": initiative.get_kind_display(),
            "note": "Inspirou a visão",
        }
    ]
    text = " ".join(
        " ".join(page.extract_text().split())
        for page in PdfReader(io.BytesIO(pdf.render(snapshot).content)).pages
    )
    assert "Anexo — Contributos que informaram o texto" in text
    assert "Inspirou a visão" in text


def test_a_new_pdf_layout_renders_anew_instead_of_serving_the_cached_pdf(
    secretariat, vision, monkeypatch
):
    from strategy import documents

    first = services.deliverable_export_request(actor=secretariat, deliverable=vision.deliverable)
    monkeypatch.setattr(documents, "LAYOUT_VERSION", "another-layout")
    second = services.deliverable_export_request(actor=secretariat, deliverable=vision.deliverable)
    assert first.pk != second.pk
