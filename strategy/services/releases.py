"""PDFs of the deliverables (rendered once per content) and releases that never change."""

import hashlib
import logging

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.models import User
from strategy import documents, notices, pdf, permissions
from strategy.models import (
    Deliverable,
    PdfRender,
    Release,
    ReleaseDownload,
    Section,
)
from strategy.permissions import Action

logger = logging.getLogger(__name__)


def _enqueue_render(render: PdfRender) -> None:
    from strategy.tasks import render_pdf_task

    transaction.on_commit(lambda: render_pdf_task.enqueue(render_id=render.pk))


@transaction.atomic
def pdf_render_request(
    *, actor: User | None, snapshot: dict, layout: str = PdfRender.Layout.DELIVERABLE
) -> PdfRender:
    """Ask for the PDF of a snapshot; content already rendered (or queued) is not rendered again."""
    deliverable = Deliverable.objects.get(slug=snapshot["deliverable"]["slug"])
    render, created = PdfRender.objects.select_for_update().get_or_create(
        content_hash=documents.snapshot_hash({**snapshot, "_layout": layout}),
        defaults={
            "deliverable": deliverable,
            "snapshot": snapshot,
            "layout": layout,
            "requested_by": actor,
        },
    )
    if created:
        _enqueue_render(render)
    return render


@transaction.atomic
def pdf_render_retry(*, actor: User, render: PdfRender) -> PdfRender:
    """Queue a failed render again."""
    render = PdfRender.objects.select_for_update().get(pk=render.pk)
    if render.state != PdfRender.State.FAILED:
        raise ValidationError(_("Only a failed PDF can be prepared again."), code="not_failed")
    render.state, render.error = PdfRender.State.QUEUED, ""
    render.save(update_fields=["state", "error"])
    _enqueue_render(render)
    return render


def pdf_render_run(*, render_id: int) -> PdfRender:
    """Render a queued PDF (called by the task worker); a failure is recorded, not raised."""
    with transaction.atomic():
        render = PdfRender.objects.select_for_update().get(pk=render_id)
        if render.state in {PdfRender.State.READY, PdfRender.State.RUNNING}:
            return render
        render.state, render.attempts = PdfRender.State.RUNNING, render.attempts + 1
        render.started_at = timezone.now()
        render.save(update_fields=["state", "attempts", "started_at"])
    try:
        result = pdf.render(render.snapshot, layout=render.layout)
    except Exception as error:  # any failure must reach the person as «failed», with retry
        logger.exception("PDF render %s failed", render.pk)
        render.state, render.error = PdfRender.State.FAILED, str(error)[:2000]
        render.finished_at = timezone.now()
        render.save(update_fields=["state", "error", "finished_at"])
        return render
    render.pdf.save(f"{render.content_hash}.pdf", ContentFile(result.content), save=False)
    render.sha256 = hashlib.sha256(result.content).hexdigest()
    render.pages, render.state = result.pages, PdfRender.State.READY
    render.finished_at = timezone.now()
    render.save(update_fields=["pdf", "sha256", "pages", "state", "finished_at"])
    return render


#: Attempts after which a render whose worker keeps dying is left «failed» for a person to retry.
MAX_RENDER_ATTEMPTS = 3


@transaction.atomic
def pdf_renders_recover_stale(*, cutoff, render_id: int | None = None) -> int:
    """Put right renders still «running» since before ``cutoff``: their worker died.

    Each is queued again (``render_pdf_task``) while it has attempts left, otherwise it becomes
    «failed» with a message, and the PDF page offers to try again.
    """
    stale = PdfRender.objects.select_for_update().filter(
        state=PdfRender.State.RUNNING, started_at__lt=cutoff
    )
    if render_id is not None:
        stale = stale.filter(pk=render_id)
    recovered = 0
    for render in stale:
        if render.attempts < MAX_RENDER_ATTEMPTS:
            render.state = PdfRender.State.QUEUED
            render.save(update_fields=["state"])
            _enqueue_render(render)
        else:
            render.state, render.finished_at = PdfRender.State.FAILED, timezone.now()
            render.error = _("The process preparing this PDF stopped before it finished.")
            render.save(update_fields=["state", "finished_at", "error"])
        logger.warning("PDF render %s lost its worker; now %s", render.pk, render.state)
        recovered += 1
    return recovered


def pdf_render_recover_if_stale(render: PdfRender) -> PdfRender:
    """Check one render shown on a page; recover it if its worker was lost (no query otherwise)."""
    from core.work import stale_cutoff

    if render.state != PdfRender.State.RUNNING or render.started_at is None:
        return render
    if render.started_at >= stale_cutoff():
        return render
    pdf_renders_recover_stale(cutoff=stale_cutoff(), render_id=render.pk)
    render.refresh_from_db()
    return render


def current_text_snapshot(deliverable: Deliverable) -> dict:
    """Freeze the current text; the label is document content, in the PDF's language (pt-PT)."""
    return documents.deliverable_snapshot(
        deliverable,
        label="texto atual",
        final=False,
        issued_on=timezone.localdate(),
    )


@transaction.atomic
def deliverable_export_request(*, actor: User, deliverable: Deliverable) -> PdfRender:
    """The PDF of a deliverable's current text (always a working version)."""
    permissions.require(actor, Action.EXPORT, deliverable)
    return pdf_render_request(actor=actor, snapshot=current_text_snapshot(deliverable))


@transaction.atomic
def release_publish(
    *, actor: User, deliverable: Deliverable, label: str, kind: str, visibility: str
) -> Release:
    """Freeze the deliverable's current section versions as a release and queue its PDF."""
    permissions.require(actor, Action.PUBLISH, deliverable)
    Deliverable.objects.select_for_update().get(pk=deliverable.pk)  # one publication at a time
    if Release.objects.filter(deliverable=deliverable, label=label).exists():
        raise ValidationError(
            {
                "label": ValidationError(
                    _("This deliverable already has a release %(label)s."),
                    code="label_taken",
                    params={"label": label},
                )
            }
        )
    sections = Section.objects.filter(deliverable=deliverable)
    if not sections.exists():
        raise ValidationError(_("A deliverable without sections cannot be released."), code="empty")
    issued_on = timezone.localdate()
    snapshot = documents.deliverable_snapshot(
        deliverable, label=label, final=kind == Release.Kind.FINAL, issued_on=issued_on
    )
    release = Release(
        deliverable=deliverable,
        label=label,
        kind=kind,
        visibility=visibility,
        issued_on=issued_on,
        published_by=actor,
        render=pdf_render_request(actor=actor, snapshot=snapshot),
    )
    release.full_clean()
    release.save()
    latest_versions = [
        Section.history.filter(id=section_id).latest("history_id")
        for section_id in sections.values_list("id", flat=True)
    ]
    release.section_versions.set(latest_versions)
    notices.release_published(release=release, actor=actor)
    return release


def release_download_record(*, release: Release, user: User | None) -> ReleaseDownload:
    """Log a download (who, when)."""
    return ReleaseDownload.objects.create(
        release=release, user=user if user and user.is_authenticated else None
    )
