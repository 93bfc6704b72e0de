"""Pages of the deliverables' PDFs: exports of the current text, releases, comparisons and the
public check that a PDF is an official release.

Kept apart from views.py (drafting) because releases are read by people who never draft.
"""

import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import trigger_client_event

from core.refusals import show_refusal
from strategy import documents, permissions, selectors, services
from strategy.forms import ReleaseForm, VerifyForm
from strategy.models import PdfRender, Release
from strategy.permissions import Action


def _render_for_user_or_404(request: HttpRequest, content_hash: str) -> PdfRender:
    """A render is reachable by members (exports) or through a release the person may see."""
    render_ = get_object_or_404(
        PdfRender.objects.select_related("deliverable"), content_hash=content_hash
    )
    if permissions.reads_every_section(request.user):
        return render_
    if selectors.releases_visible_to(request.user).filter(render=render_).exists():
        return render_
    raise Http404


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
    """The state of a PDF (queued, being prepared, ready, failed); htmx asks for the fragment."""
    render_ = _render_for_user_or_404(request, content_hash)
    if request.htmx:
        return _pdf_state_fragment(request, render_)
    return render(
        request, "strategy/pdf_render.html", {"render": render_, "deliverable": render_.deliverable}
    )


@require_GET
def pdf_download_view(request: HttpRequest, content_hash: str) -> FileResponse:
    render_ = _render_for_user_or_404(request, content_hash)
    if render_.state != PdfRender.State.READY:
        raise Http404
    return _pdf_response(render_)


def _pdf_response(render_: PdfRender) -> FileResponse:
    response = FileResponse(render_.pdf.open("rb"), as_attachment=True, filename=render_.filename)
    response["Content-Type"] = "application/pdf"
    return response


@login_required
@require_POST
def pdf_retry_view(request: HttpRequest, content_hash: str) -> HttpResponse:
    render_ = _render_for_user_or_404(request, content_hash)
    try:
        services.pdf_render_retry(actor=request.user, render=render_)
    except ValidationError as error:
        show_refusal(request, error)
    return redirect(render_)


@require_GET
def release_list_view(request: HttpRequest) -> HttpResponse:
    """/versoes/: the releases the viewer may download, the final ones marked."""
    releases = selectors.releases_visible_to(request.user).order_by(
        "deliverable__letter", "-published_at"
    )
    return render(request, "strategy/release_list.html", {"releases": releases})


@require_GET
def release_view(request: HttpRequest, release_id: int) -> HttpResponse:
    release = get_object_or_404(selectors.releases_visible_to(request.user), pk=release_id)
    others = (
        selectors.releases_visible_to(request.user)
        .filter(deliverable=release.deliverable)
        .exclude(pk=release.pk)
    )
    return render(request, "strategy/release.html", {"release": release, "others": others})


@require_GET
def release_download_view(request: HttpRequest, release_id: int) -> FileResponse:
    release = get_object_or_404(selectors.releases_visible_to(request.user), pk=release_id)
    if release.render.state != PdfRender.State.READY:
        raise Http404
    services.release_download_record(release=release, user=request.user)
    return _pdf_response(release.render)


@login_required
@require_http_methods(["GET", "POST"])
def release_publish_view(request: HttpRequest, slug: str) -> HttpResponse:
    deliverable = permissions.deliverable_for_user_or_404(request.user, slug)
    permissions.require(request.user, Action.PUBLISH, deliverable)
    form = ReleaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            release = services.release_publish(
                actor=request.user, deliverable=deliverable, **form.cleaned_data
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                show_refusal(form, error)
            else:
                show_refusal(form, error)
        else:
            messages.success(request, _("Release %(label)s published.") % {"label": release.label})
            return redirect(release)
    return render(
        request, "strategy/release_publish.html", {"deliverable": deliverable, "form": form}
    )


def _comparison(request: HttpRequest, params) -> tuple[Release, Release, list[dict]]:
    visible = selectors.releases_visible_to(request.user)
    try:
        old = visible.get(pk=int(params["de"]))
        new = visible.get(pk=int(params["para"]))
    except (KeyError, ValueError, Release.DoesNotExist):
        raise Http404 from None
    if old.deliverable_id != new.deliverable_id:
        raise Http404
    if old.published_at > new.published_at:
        old, new = new, old
    return old, new, documents.compare_snapshots(old.render.snapshot, new.render.snapshot)


@require_GET
def release_compare_view(request: HttpRequest) -> HttpResponse:
    old, new, rows = _comparison(request, request.GET)
    return render(
        request,
        "strategy/release_compare.html",
        {"old": old, "new": new, "rows": rows, "deliverable": new.deliverable},
    )


@require_POST
def release_compare_pdf_view(request: HttpRequest) -> HttpResponse:
    """Queue the comparison as a PDF (rendered once per pair of releases)."""
    old, new, _rows = _comparison(request, request.POST)
    snapshot = {
        "deliverable": old.render.snapshot["deliverable"],
        "group": new.render.snapshot["group"],
        "legal_basis": new.render.snapshot["legal_basis"],
        "label": f"{old.label} → {new.label}",
        "final": False,
        "issued_on": new.render.snapshot["issued_on"],
        "old": {"label": old.label, "sections": old.render.snapshot["sections"]},
        "new": {"label": new.label, "sections": new.render.snapshot["sections"]},
    }
    render_ = services.pdf_render_request(
        actor=request.user if request.user.is_authenticated else None,
        snapshot=snapshot,
        layout=PdfRender.Layout.COMPARISON,
    )
    return _pdf_answer(request, render_)


@require_http_methods(["GET", "POST"])
def verify_view(request: HttpRequest) -> HttpResponse:
    """/verificar/: is this PDF byte-identical to an official release, and which?"""
    form = VerifyForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        digest = hashlib.sha256()
        for chunk in form.cleaned_data["pdf"].chunks():
            digest.update(chunk)
        sha256 = digest.hexdigest()
        result = {
            "sha256": sha256,
            "releases": list(
                Release.objects.filter(render__sha256=sha256).select_related("deliverable")
            ),
        }
    return render(request, "strategy/verify.html", {"form": form, "result": result})
