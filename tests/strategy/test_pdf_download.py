"""The «PDF» buttons deliver the file in one click when it is ready and show its state otherwise."""

import json
from unittest import mock

import pytest

from strategy import services
from strategy.models import PdfRender

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def export_url(section) -> str:
    return f"/documentos/{section.deliverable.slug}/pdf/"


@pytest.fixture
def ready_render(secretariat, vision, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        render = services.deliverable_export_request(
            actor=secretariat, deliverable=vision.deliverable
        )
    render.refresh_from_db()
    assert render.state == PdfRender.State.READY
    return render


def test_a_ready_pdf_is_downloaded_in_one_click_without_javascript(
    client, secretariat, vision, ready_render
):
    client.force_login(secretariat)
    response = client.post(export_url(vision))
    assert response.status_code == 302
    assert response.url == f"/versoes/pdf/{ready_render.content_hash}/transferir/"
    download = client.get(response.url)
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_a_ready_pdf_answers_htmx_with_the_ready_state_and_the_download_event(
    client, secretariat, vision, ready_render
):
    client.force_login(secretariat)
    response = client.post(export_url(vision), headers=HTMX)
    assert response.status_code == 200
    assert json.loads(response["HX-Trigger"]) == {
        "pdfReady": {"url": f"/versoes/pdf/{ready_render.content_hash}/transferir/"}
    }
    html = response.content.decode()
    assert "<html" not in html  # a fragment, not a page
    assert 'data-state="ready"' in html
    assert "hx-trigger" not in html  # polling stops


def test_a_pdf_being_rendered_shows_a_state_that_polls_until_ready(client, secretariat, vision):
    client.force_login(secretariat)
    response = client.post(export_url(vision), headers=HTMX)
    render = PdfRender.objects.get()
    assert render.state == PdfRender.State.QUEUED
    assert "HX-Trigger" not in response
    html = response.content.decode()
    assert f'hx-get="/versoes/pdf/{render.content_hash}/"' in html
    assert 'hx-trigger="every 2s"' in html
    assert "<progress" in html
    poll = client.get(f"/versoes/pdf/{render.content_hash}/", headers=HTMX)
    assert 'hx-trigger="every 2s"' in poll.content.decode()
    assert "HX-Trigger" not in poll

    services.pdf_render_run(render_id=render.pk)
    poll = client.get(f"/versoes/pdf/{render.content_hash}/", headers=HTMX)
    assert "hx-trigger" not in poll.content.decode()
    assert "pdfReady" in poll["HX-Trigger"]


def test_without_javascript_a_pdf_being_rendered_leads_to_its_state_page(
    client, secretariat, vision
):
    client.force_login(secretariat)
    response = client.post(export_url(vision))
    render = PdfRender.objects.get()
    assert response.url == render.get_absolute_url()
    page = client.get(response.url)
    html = page.content.decode()
    assert 'role="status"' in html
    assert f'href="/versoes/pdf/{render.content_hash}/"' in html  # «check again»
    assert "pdf-download.js" in html


def test_the_state_of_a_pdf_someone_may_not_see_is_not_found(client, secretariat, vision):
    render = services.deliverable_export_request(actor=secretariat, deliverable=vision.deliverable)
    response = client.get(f"/versoes/pdf/{render.content_hash}/", headers=HTMX)
    assert response.status_code == 404


def test_an_export_by_someone_who_may_not_export_is_refused(client, vision, specialist):
    client.force_login(specialist)
    response = client.post(export_url(vision), headers=HTMX)
    assert response.status_code in {403, 404}
    assert not PdfRender.objects.exists()


def test_the_export_button_rejects_get(client, secretariat, vision):
    client.force_login(secretariat)
    assert client.get(export_url(vision)).status_code == 405


def test_a_re_export_after_an_edit_starts_from_the_last_renders_page_breaks(
    secretariat, django_capture_on_commit_callbacks
):
    from strategy import pdf
    from tests import factories

    paragraph = "Um parágrafo com a extensão de um capítulo a sério, escrito para encher a página. "
    first = factories.section(actor=secretariat, title="Visão", body=paragraph * 20)
    long = factories.section(actor=secretariat, title="Eixos", body=paragraph * 45)
    layouts = mock.Mock(wraps=pdf._lay_out)

    def export():
        with django_capture_on_commit_callbacks(execute=True):
            render = services.deliverable_export_request(
                actor=secretariat, deliverable=first.deliverable
            )
        render.refresh_from_db()
        assert render.state == PdfRender.State.READY
        return render

    with mock.patch.object(pdf, "_lay_out", layouts):
        assert export().flow_on == [f"s{long.pk}"]  # the first layout broke before «Eixos»
        assert layouts.call_count == 2
        services.section_update(
            actor=secretariat,
            section=first,
            base_revision=first.revision,
            title="A visão",
            body=first.body,
        )
        assert export().flow_on == [f"s{long.pk}"]
        assert layouts.call_count == 3  # the edited text was laid out once
