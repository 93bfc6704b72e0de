"""Pages of the deliverables' PDFs: exports of the current text, releases, comparisons and the
public check that a PDF is an official release.

Kept apart from views.py (drafting) because releases are read by people who never draft.
"""

import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import trigger_client_event

from core import fragments, sealing
from core.refusals import show_refusal
from governance.audit import record_download
from strategy import editable_formats, permissions, redline, selectors, services
from strategy.forms import ReleaseForm, VerifyForm
from strategy.models import PdfRender, Release
from strategy.permissions import Action
from strategy.services import releases as release_services
from strategy.services.releases import pdf_render_recover_if_stale


@login_required
@require_POST
def deliverable_export_view(request: HttpRequest, slug: str) -> HttpResponse:
    deliverable = permissions.deliverable_for_user_or_404(request.user, slug)
    render_ = services.deliverable_export_request(actor=request.user, deliverable=deliverable)
    return _pdf_answer(request, render_)


def _pdf_answer(request: HttpRequest, render_: PdfRender) -> HttpResponse:
    """Answer a «PDF» button in one click: the file when it is ready, otherwise its state.

    Through htmx the state is a fragment that polls until the PDF is ready and then starts the
    download; without JavaScript a ready PDF is sent at once and any other goes to its state page.
    """
    if render_.state != PdfRender.State.READY:
        render_.refresh_from_db()  # an immediate task back end rendered it on commit already
    if request.htmx:
        return _pdf_state_fragment(request, render_)
    if render_.state == PdfRender.State.READY:
        return redirect("releases:pdf_download", content_hash=render_.content_hash)
    return redirect(render_)


def _pdf_state_fragment(request: HttpRequest, render_: PdfRender) -> HttpResponse:
    response = render(request, "strategy/pdf_render.html#pdf-state", {"render": render_})
    if render_.state == PdfRender.State.READY:
        # static/js/pdf-download.js starts the download on this event.
        url = reverse("releases:pdf_download", kwargs={"content_hash": render_.content_hash})
        trigger_client_event(response, "pdfReady", {"url": url})
    return response


@require_GET
def pdf_render_view(request: HttpRequest, content_hash: str) -> HttpResponse:
    """The state of a PDF (queued, being prepared, ready, failed); htmx asks for the fragment.

    A render whose worker died is noticed here and put right (queued again or failed).
    """
    render_ = pdf_render_recover_if_stale(
        permissions.render_for_user_or_404(request.user, content_hash)
    )
    if request.htmx:
        return _pdf_state_fragment(request, render_)
    return render(
        request, "strategy/pdf_render.html", {"render": render_, "deliverable": render_.deliverable}
    )


@require_GET
def pdf_download_view(request: HttpRequest, content_hash: str) -> FileResponse:
    render_ = permissions.render_for_user_or_404(request.user, content_hash)
    if render_.state != PdfRender.State.READY:
        raise Http404
    if request.user.is_authenticated:
        record_download(request, target=f"{render_.filename} ({content_hash[:12]})")
    return _pdf_response(render_)


def _pdf_response(render_: PdfRender) -> FileResponse:
    response = FileResponse(render_.pdf.open("rb"), as_attachment=True, filename=render_.filename)
    response["Content-Type"] = "application/pdf"
    return response


@login_required
@require_POST
def pdf_retry_view(request: HttpRequest, content_hash: str) -> HttpResponse:
    render_ = permissions.render_for_user_or_404(request.user, content_hash)
    try:
        services.pdf_render_retry(actor=request.user, render=render_)
    except ValidationError as error:
        show_refusal(request, error)
    return redirect(render_)


@require_GET
def release_list_view(request: HttpRequest) -> HttpResponse:
    """/versoes/: the releases the viewer may download, the final ones marked."""
    releases = list(
        permissions.releases_visible_to(request.user)
        .select_related(None)
        .select_related("deliverable", "render")
        .order_by("deliverable__letter", "-published_at")
    )
    # The table shows these values and nothing else, the same for everyone who may see these
    # releases: it is kept rendered under their digest, so a change to any shows at once.
    content_key = fragments.content_key(
        [
            (
                r.pk,
                r.label,
                r.kind,
                r.issued_on,
                r.deliverable.short_title,
                r.render.state,
                r.render.pages,
            )
            for r in releases
        ]
    )
    return render(
        request,
        "strategy/release_list.html",
        {"releases": releases, "content_key": content_key},
    )


@require_GET
def release_view(request: HttpRequest, release_id: int) -> HttpResponse:
    release = permissions.release_for_user_or_404(request.user, release_id)
    release.render = pdf_render_recover_if_stale(release.render)
    others = (
        permissions.releases_visible_to(request.user)
        .filter(deliverable=release.deliverable)
        .exclude(pk=release.pk)
    )
    return render(request, "strategy/release.html", {"release": release, "others": others})


@require_GET
def release_download_view(request: HttpRequest, release_id: int) -> FileResponse:
    release = permissions.release_for_user_or_404(request.user, release_id)
    if release.render.state != PdfRender.State.READY:
        raise Http404
    services.release_download_record(release=release, user=request.user)
    if release.visibility != Release.Visibility.PUBLIC:
        record_download(request, target=f"{release} · {release.render.filename}")
    return _pdf_response(release.render)


EDITABLE_FORMATS = {
    "odt": (editable_formats.release_odt, editable_formats.ODT_MEDIA_TYPE),
    "docx": (editable_formats.release_docx, editable_formats.DOCX_MEDIA_TYPE),
}


@require_GET
def release_download_editable_view(request: HttpRequest, release_id: int, fmt: str) -> HttpResponse:
    """The release as ODT or DOCX, made from the same frozen snapshot as its PDF."""
    release = permissions.release_for_user_or_404(request.user, release_id)
    if fmt not in EDITABLE_FORMATS:
        return render(
            request,
            "strategy/release_format_unknown.html",
            {"release": release, "fmt": fmt[:20]},
            status=404,
        )
    write, media_type = EDITABLE_FORMATS[fmt]
    services.release_download_record(release=release, user=request.user)
    label = release.label.replace(" ", "-")
    response = HttpResponse(write(release.render.snapshot), content_type=media_type)
    response["Content-Disposition"] = (
        f'attachment; filename="{release.deliverable.slug}-{label}.{fmt}"'
    )
    return response


@login_required
@require_http_methods(["GET", "POST"])
def release_publish_view(request: HttpRequest, slug: str) -> HttpResponse:
    """The publish form, with the approval state and what changed since the latest release."""
    deliverable = permissions.deliverable_for_user_or_404(request.user, slug)
    permissions.require(request.user, Action.PUBLISH, deliverable)
    next_labels = release_services.release_next_labels(deliverable)
    form = ReleaseForm(
        request.POST or None,
        initial={
            "label": next_labels[Release.Kind.WORKING_DRAFT],
            "kind": Release.Kind.WORKING_DRAFT,
        },
    )
    unapproved: list = []
    if request.method == "POST" and form.is_valid():
        try:
            release = release_services.release_publish(
                actor=request.user, deliverable=deliverable, **form.cleaned_data
            )
        except release_services.UnapprovedSections as error:
            unapproved = error.sections
            show_refusal(form, error)
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Release %(label)s published.") % {"label": release.label})
            return redirect(release)
    approval = selectors.approval_state(deliverable)
    return render(
        request,
        "strategy/release_publish.html",
        {
            "deliverable": deliverable,
            "form": form,
            "approval": approval,
            "approved": sum(1 for section, _ in approval if section.status == "approved"),
            "unapproved": unapproved,
            "next_labels": next_labels,
            "latest": selectors.latest_release(deliverable),
            "changes": release_services.release_changes(deliverable),
        },
    )


def _comparison(request: HttpRequest, params) -> tuple[Release, Release, redline.Redline]:
    visible = permissions.releases_visible_to(request.user)
    try:
        old = visible.get(pk=int(params["de"]))
        new = visible.get(pk=int(params["para"]))
    except (KeyError, ValueError, Release.DoesNotExist):
        raise Http404 from None
    if old.deliverable_id != new.deliverable_id:
        raise Http404
    if old.number > new.number:
        old, new = new, old
    return old, new, redline.compare(old.render.snapshot, new.render.snapshot)


@require_GET
def release_compare_view(request: HttpRequest) -> HttpResponse:
    old, new, changes = _comparison(request, request.GET)
    return render(
        request,
        "strategy/release_compare.html",
        {"old": old, "new": new, "redline": changes, "deliverable": new.deliverable},
    )


@require_POST
def release_compare_pdf_view(request: HttpRequest) -> HttpResponse:
    """Queue the comparison as a PDF (rendered once per pair of releases)."""
    old, new, _changes = _comparison(request, request.POST)
    compared = ("label", "sections", "actions", "contributions", "principles")
    snapshot = {
        "deliverable": old.render.snapshot["deliverable"],
        "group": new.render.snapshot["group"],
        "legal_basis": new.render.snapshot["legal_basis"],
        "label": f"{old.label} → {new.label}",
        "final": False,
        "issued_on": new.render.snapshot["issued_on"],
        "old": {key: old.render.snapshot.get(key, []) for key in compared},
        "new": {key: new.render.snapshot.get(key, []) for key in compared},
    }
    render_ = services.pdf_render_request(
        actor=request.user if request.user.is_authenticated else None,
        snapshot=snapshot,
        layout=PdfRender.Layout.COMPARISON,
    )
    return _pdf_answer(request, render_)


@require_http_methods(["GET", "POST"])
def verify_view(request: HttpRequest) -> HttpResponse:
    """/verificar/: is this PDF sealed by the portal and unchanged, and is it an official release?

    Two checks, reported apart: the seal (the portal's certificate, nothing changed since
    sealing, when it was sealed) and the SHA-256 against the published releases.
    """
    form = VerifyForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        content = form.cleaned_data["pdf"].read()
        sha256 = hashlib.sha256(content).hexdigest()
        result = {
            "sha256": sha256,
            "seal": sealing.check_seal(content),
            "releases": list(
                permissions.releases_visible_to(request.user)
                .filter(render__sha256=sha256)
                .select_related("deliverable")
            ),
            "hidden_match": Release.objects.filter(render__sha256=sha256).exists(),
        }
    return render(request, "strategy/verify.html", {"form": form, "result": result})
