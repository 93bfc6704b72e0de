"""PDFs of the deliverables (rendered once per content) and releases that never change."""

import hashlib
import logging

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.models import User
from strategy import documents, pdf, permissions
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
        render.save(update_fields=["state", "attempts"])
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
    # The latest version of every section in one grouped query, linked in one bulk insert: the
    # query count does not grow with the number of sections.
    latest_versions = (
        Section.history.filter(id__in=sections.values("id"))
        .values("id")
        .annotate(latest=Max("history_id"))
        .values_list("latest", flat=True)
    )
    links = Release.section_versions.through
    links.objects.bulk_create(
        links(release_id=release.pk, historicalsection_id=version_id)
        for version_id in latest_versions
    )
    return release


def release_download_record(*, release: Release, user: User | None) -> ReleaseDownload:
    """Log a download (who, when)."""
    return ReleaseDownload.objects.create(
        release=release, user=user if user and user.is_authenticated else None
    )
