"""Review of contributions and the members catalogue with its exports."""

import csv
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from contributions import permissions, selectors, services
from contributions.forms import (
    CatalogueFilterForm,
    DecisionForm,
    ReviewerForm,
)
from contributions.models import Contribution
from contributions.permissions import Action
from contributions.views.contributions import PER_PAGE

# --- review -------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def reviewers_view(request: HttpRequest, contribution_id: int) -> HttpResponse:
    """The secretariat gives and takes the review of a contribution."""
    contribution = permissions.contribution_for_user_or_404(request.user, contribution_id)
    permissions.require(request.user, Action.ASSIGN_REVIEWERS, contribution)
    form = ReviewerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        operation = (
            services.reviewer_remove
            if request.POST.get("operacao") == "remover"
            else services.reviewer_assign
        )
        try:
            operation(
                actor=request.user, contribution=contribution, person=form.cleaned_data["person"]
            )
        except ValidationError as error:
            form.add_error("person", error.messages)
        else:
            messages.success(request, _("Reviewers updated."))
            return redirect("contributions:reviewers", contribution_id=contribution.pk)
    return render(
        request,
        "contributions/reviewers.html",
        {
            "contribution": contribution,
            "form": form,
            "reviewers": selectors.reviewers(contribution),
        },
    )


@login_required
@require_POST
def review_start_view(request: HttpRequest, contribution_id: int) -> HttpResponse:
    contribution = permissions.contribution_for_user_or_404(request.user, contribution_id)
    permissions.require(request.user, Action.REVIEW, contribution)
    try:
        services.contribution_start_review(actor=request.user, contribution=contribution)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The contribution is now under review."))
    return redirect(contribution)


@login_required
@require_http_methods(["GET", "POST"])
def review_decide_view(request: HttpRequest, contribution_id: int) -> HttpResponse:
    """Accept, partly accept or not retain (with a reason), with feedback to the organisation."""
    contribution = permissions.contribution_for_user_or_404(request.user, contribution_id)
    permissions.require(request.user, Action.REVIEW, contribution)
    if contribution.state != Contribution.State.UNDER_REVIEW:
        messages.error(request, _("Start the review before deciding."))
        return redirect(contribution)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.contribution_decide(
                actor=request.user,
                contribution=contribution,
                contribution_url=request.build_absolute_uri(contribution.get_absolute_url()),
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Decision recorded; the organisation was told."))
            return redirect(contribution)
    return render(
        request, "contributions/review_decide.html", {"contribution": contribution, "form": form}
    )


# --- the members' catalogue ---------------------------------------------------------------------


def _catalogue(request: HttpRequest):
    if not permissions.can(request.user, Action.BROWSE):
        raise Http404
    form = CatalogueFilterForm(request.GET or None)
    base = permissions.contributions_visible_to(request.user)
    return form, selectors.catalogue(base, form.filters())


@login_required
@require_GET
def catalogue_view(request: HttpRequest) -> HttpResponse:
    form, contributions = _catalogue(request)
    page = Paginator(contributions, PER_PAGE).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    counts = selectors.catalogue_counts(contributions)
    return render(
        request,
        "contributions/catalogue.html",
        {
            "form": form,
            "page": page,
            "page_query": query.urlencode(),
            "by_domain": counts.by_domain,
            "by_region": counts.by_region,
        },
    )


EXPORT_COLUMNS = [
    ("id", "id"),
    ("title", "title"),
    ("kind", "kind"),
    ("state", "state"),
    ("organisation", "organisation.name"),
    ("organisation_kind", "organisation.kind"),
    ("call", "call.title"),
    ("domain", "domain"),
    ("maturity", "maturity"),
    ("municipality", "municipality"),
    ("nuts3", "region.code"),
    ("nuts2", "region.parent.code"),
    ("country", "country"),
    ("summary", "summary"),
    ("submitted_at", "submitted_at"),
]


def _value(contribution: Contribution, path: str):
    value = contribution
    for part in path.split("."):
        value = getattr(value, part, None) if value is not None else None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return "" if value is None else value


def _spreadsheet_safe(value):
    """Keep a cell from being read as a formula by spreadsheet programs (CSV injection)."""
    if isinstance(value, str) and value[:1] in {"=", "+", "-", "@", "\t", "\r"}:
        return "'" + value
    return value


@login_required
@require_GET
def catalogue_export_view(request: HttpRequest, fmt: str) -> HttpResponse:
    """The filtered list as CSV or JSON (every matching row, not only one page)."""
    _form, contributions = _catalogue(request)
    rows = [
        {name: _value(contribution, path) for name, path in EXPORT_COLUMNS}
        for contribution in contributions.iterator(chunk_size=500)
    ]
    if fmt == "json":
        response = HttpResponse(
            json.dumps({"contributions": rows}, ensure_ascii=False, indent=1),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = 'attachment; filename="contributos.json"'
        return response
    if fmt != "csv":
        raise Http404
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="contributos.csv"'
    response.write("\ufeff")  # so spreadsheet programs read the accents as UTF-8
    writer = csv.writer(response)
    writer.writerow([name for name, _path in EXPORT_COLUMNS])
    for row in rows:
        writer.writerow([_spreadsheet_safe(row[name]) for name, _path in EXPORT_COLUMNS])
    return response
