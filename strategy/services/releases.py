"""PDFs of the deliverables (rendered once per content) and releases that never change."""

import hashlib
import logging

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from core import sealing
from governance.models import User
from strategy import documents, notices, pdf, permissions, redline, selectors
from strategy.models import (
    Deliverable,
    PdfRender,
    Release,
    ReleaseDownload,
    Section,
)
from strategy.models.releases import label_number, label_text
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
        result = pdf.render(
            render.snapshot, layout=render.layout, flow_on=_previous_flow_on(render)
        )
        content = sealing.seal_pdf(result.content, reason=_seal_reason(render))
    except Exception as error:  # any failure must reach the person as «failed», with retry
        logger.exception("PDF render %s failed", render.pk)
        render.state, render.error = PdfRender.State.FAILED, str(error)[:2000]
        render.finished_at = timezone.now()
        render.save(update_fields=["state", "error", "finished_at"])
        return render
    # The published fingerprint is that of the sealed file, the one people download.
    render.pdf.save(f"{render.content_hash}.pdf", ContentFile(content), save=False)
    render.sha256 = hashlib.sha256(content).hexdigest()
    render.pages, render.state = result.pages, PdfRender.State.READY
    render.flow_on = sorted(result.flow_on)
    render.finished_at = render.sealed_at = timezone.now()
    render.sealed_by = sealing.portal_certificate().subject.human_friendly[:300]
    render.save(
        update_fields=[
            *("pdf", "sha256", "pages", "state", "flow_on"),
            *("finished_at", "sealed_at", "sealed_by"),
        ]
    )
    return render


def _previous_flow_on(render: PdfRender) -> frozenset[str]:
    """The page-break decisions of the deliverable's last finished render of the same layout:
    after an edit, most chapters fall where they fell, so the new layout starts from them."""
    previous = (
        PdfRender.objects.filter(
            deliverable_id=render.deliverable_id,
            layout=render.layout,
            state=PdfRender.State.READY,
        )
        .exclude(pk=render.pk)
        .order_by(F("finished_at").desc(nulls_last=True), "-pk")
        .values_list("flow_on", flat=True)
        .first()
    )
    return frozenset(previous or [])


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


def _seal_reason(render: PdfRender) -> str:
    """The seal's stated reason, in the documents' language (pt-PT)."""
    label = render.snapshot.get("label", "")
    title = render.snapshot.get("deliverable", {}).get("short_title", "")
    return f"Documento emitido pelo Portal Smart Cities: {title} {label}".strip()


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


class UnapprovedSections(ValidationError):
    """A final release refused because some sections are not approved; they are listed."""

    def __init__(self, sections: list[tuple[Section, str]]) -> None:
        self.sections = sections
        super().__init__(
            _("A final release needs every section approved. Not yet approved: %(sections)s.")
            % {"sections": "; ".join(f"{number} {section.title}" for section, number in sections)},
            code="unapproved_sections",
        )


def release_next_labels(deliverable: Deliverable) -> dict[str, str]:
    """The label the next working draft and the next final release take.

    Labels only increase, compared as numbers; working drafts count up the minor number
    (v0.1, v0.2…); a final takes the next major number (v1.0), and drafts after it go on from
    there (v1.1…).
    """
    latest = selectors.latest_release(deliverable)
    major, minor = latest.number if latest else (0, 0)
    return {
        Release.Kind.WORKING_DRAFT: label_text((major, minor + 1)),
        Release.Kind.FINAL: label_text((major + 1, 0)),
    }


def _check_label(deliverable: Deliverable, *, label: str, kind: str) -> None:
    latest = selectors.latest_release(deliverable)
    expected = release_next_labels(deliverable)
    try:
        number = label_number(label)
    except ValueError:
        raise ValidationError(
            {"label": ValidationError(_("Write the label as v0.1, v1.0, v2.3…"), code="label")}
        ) from None
    if latest and number <= latest.number:
        message = _(
            "Release labels only increase: the latest is %(latest)s, so the next is %(next)s."
        )
        params = {"latest": latest.label, "next": expected[kind]}
        raise ValidationError({"label": ValidationError(message % params, code="label_order")})
    if kind == Release.Kind.FINAL and label != expected[kind]:
        message = _("A final release takes the next major number: %(next)s.")
        params = {"next": expected[kind]}
        raise ValidationError({"label": ValidationError(message % params, code="final_label")})
    latest_major = latest.number[0] if latest else 0
    if kind == Release.Kind.WORKING_DRAFT and (number[0] != latest_major or number[1] == 0):
        message = _(
            "A working draft goes on from the latest release (%(next)s); "
            "only a final release takes a new major number."
        )
        params = {"next": expected[kind]}
        raise ValidationError({"label": ValidationError(message % params, code="draft_label")})


def release_changes(deliverable: Deliverable) -> redline.Redline | None:
    """What changed in the current text since the latest release (None before the first)."""
    latest = selectors.latest_release(deliverable)
    if latest is None:
        return None
    return redline.compare(latest.render.snapshot, current_text_snapshot(deliverable))


@transaction.atomic
def release_publish(
    *, actor: User, deliverable: Deliverable, label: str, kind: str, visibility: str
) -> Release:
    """Freeze the deliverable's current section versions as a release and queue its PDF.

    Refused unless the label comes after every earlier one (a final takes the next major
    number) and, for a final release, every section is approved.
    """
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
    _check_label(deliverable, label=label, kind=kind)
    sections = Section.objects.filter(deliverable=deliverable)
    if not sections.exists():
        raise ValidationError(_("A deliverable without sections cannot be released."), code="empty")
    if kind == Release.Kind.FINAL:
        unapproved = [
            (section, number)
            for section, number in selectors.approval_state(deliverable)
            if section.status != Section.Status.APPROVED
        ]
        if unapproved:
            raise UnapprovedSections(unapproved)
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
    notices.release_published(release=release, actor=actor)
    return release


def release_download_record(*, release: Release, user: User | None) -> ReleaseDownload:
    """Log a download (who, when)."""
    return ReleaseDownload.objects.create(
        release=release, user=user if user and user.is_authenticated else None
    )
