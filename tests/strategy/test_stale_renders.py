"""A PDF whose worker died mid-render is detected by age and rendered again, or left «failed»
with retry once it keeps dying; a release's PDF is never left «being prepared» for ever."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from core.work import recover_stale_work
from strategy import services
from strategy.models import PdfRender
from strategy.services.releases import MAX_RENDER_ATTEMPTS

pytestmark = pytest.mark.django_db


def died_mid_render(render: PdfRender, *, minutes_ago: int = 60, attempts: int = 1) -> None:
    """Leave the render as a killed worker leaves it: «running», started long ago."""
    PdfRender.objects.filter(pk=render.pk).update(
        state=PdfRender.State.RUNNING,
        started_at=timezone.now() - timedelta(minutes=minutes_ago),
        attempts=attempts,
    )


@pytest.fixture
def render(secretariat, vision):
    return services.deliverable_export_request(actor=secretariat, deliverable=vision.deliverable)


def test_a_render_whose_worker_died_is_rendered_again(render, django_capture_on_commit_callbacks):
    died_mid_render(render)
    with django_capture_on_commit_callbacks(execute=True):
        counts = recover_stale_work()
    assert counts["pdf_renders"] == 1
    render.refresh_from_db()
    assert render.state == PdfRender.State.READY
    assert render.attempts == 2


def test_a_render_still_within_the_timeout_is_left_alone(render):
    died_mid_render(render, minutes_ago=2)
    assert recover_stale_work()["pdf_renders"] == 0
    render.refresh_from_db()
    assert render.state == PdfRender.State.RUNNING


def test_a_render_that_keeps_dying_becomes_failed_with_retry(
    client, secretariat, render, django_capture_on_commit_callbacks
):
    died_mid_render(render, attempts=MAX_RENDER_ATTEMPTS)
    recover_stale_work()
    render.refresh_from_db()
    assert render.state == PdfRender.State.FAILED
    assert render.error
    client.force_login(secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/versoes/pdf/{render.content_hash}/repetir/")
    assert response.status_code == 302
    render.refresh_from_db()
    assert render.state == PdfRender.State.READY


def test_the_pdf_page_itself_notices_a_lost_worker(
    client, secretariat, render, django_capture_on_commit_callbacks
):
    died_mid_render(render)
    client.force_login(secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(render.get_absolute_url())
    render.refresh_from_db()
    assert render.state == PdfRender.State.READY


def test_a_release_page_recovers_its_pdf(
    client, secretariat, vision, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        release = services.release_publish(
            actor=secretariat,
            deliverable=vision.deliverable,
            label="v0.1",
            kind="working_draft",
            visibility="members",
        )
    PdfRender.objects.filter(pk=release.render_id).update(pdf="")
    died_mid_render(release.render)
    client.force_login(secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(f"/versoes/{release.pk}/")
    release.render.refresh_from_db()
    assert release.render.state == PdfRender.State.READY
    assert client.get(f"/versoes/{release.pk}/transferir/").status_code == 200


def test_the_command_reports_what_it_recovered(render, django_capture_on_commit_callbacks):
    died_mid_render(render)
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("recover_stale_work", stdout=out)
    assert "pdf_renders: 1" in out.getvalue()
