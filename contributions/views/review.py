"""Review of contributions and the members catalogue with its exports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from contributions import exports, permissions, selectors, services
from contributions.forms import (
    CatalogueFilterForm,
    DecisionForm,
    ReviewerForm,
)
from contributions.models import Contribution
from contributions.permissions import Action
from core import fragments
from core.pagination import CountedPaginator
from core.permissions import require_visible
from core.refusals import show_refusal

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
        show_refusal(request, error)
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
            show_refusal(form, error)
        else:
            messages.success(request, _("Decision recorded; the organisation was told."))
            return redirect(contribution)
    return render(
        request, "contributions/review_decide.html", {"contribution": contribution, "form": form}
    )


# --- the members' catalogue ---------------------------------------------------------------------


def _catalogue(request: HttpRequest, filters: selectors.CatalogueFilters) -> QuerySet[Contribution]:
    base = permissions.contributions_visible_to(request.user)
    return selectors.catalogue(base, filters)


@login_required
@require_GET
def catalogue_view(request: HttpRequest) -> HttpResponse:
    """The filtered catalogue, with its counts by domain and by region."""
    require_visible(permissions.can(request.user, Action.BROWSE))
    # Read once: for the filters' choices, the chart by region and the page's cache key.
    regions, calls = selectors.regions(), selectors.calls_to_filter_by()
    form = CatalogueFilterForm(request.GET or None, regions=regions, calls=calls)
    filters = form.filters()
    contributions = _catalogue(request, filters)
    # Every submitted contribution, unfiltered (the page most asked for): compiled reads.
    every_submitted = selectors.catalogue_is_every_submitted(request.user, filters)
    counts = selectors.catalogue_counts(contributions, regions, every_submitted=every_submitted)
    page = CountedPaginator(
        selectors.catalogue_page_rows(contributions, every_submitted=every_submitted),
        selectors.CATALOGUE_PER_PAGE,
        count=counts.total,
    ).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    # The page shows these values and nothing else (the rows read only what ``only()`` lets
    # them), so its content is cached under their digest: a change to any shows at once.
    content_key = fragments.content_key(
        sorted(request.GET.lists()),
        [(region.pk, region.name, region.level) for region in regions],
        [(call.pk, call.title) for call in calls],
        [(str(bar.label), bar.count) for bar in counts.by_domain + counts.by_region],
        (page.number, counts.total),
        selectors.catalogue_page_values(page.object_list),
    )
    return render(
        request,
        "contributions/catalogue.html",
        {
            "form": form,
            "page": page,
            "page_query": query.urlencode(),
            "by_domain": counts.by_domain,
            "by_region": counts.by_region,
            "content_key": content_key,
        },
    )


@login_required
@require_GET
def catalogue_export_view(request: HttpRequest, fmt: str) -> HttpResponse:
    """The filtered list as CSV or JSON (every matching row, not only one page)."""
    require_visible(permissions.can(request.user, Action.BROWSE))
    contributions = _catalogue(request, CatalogueFilterForm(request.GET or None).filters())
    rows = selectors.catalogue_export_rows(contributions).iterator(chunk_size=500)
    if fmt == "json":
        return exports.catalogue_json(rows)
    if fmt != "csv":
        raise Http404
    return exports.catalogue_csv(rows)
