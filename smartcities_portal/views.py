"""Portal-wide pages: landing, the per-role home, statements and the health check."""

import datetime

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core import fragments
from governance import selectors as governance_selectors
from smartcities_portal import dashboard, mandate, search
from smartcities_portal.forms import SearchForm
from strategy import permissions as strategy_permissions


@require_GET
def landing_view(request: HttpRequest) -> HttpResponse:
    group = governance_selectors.working_group()
    # ``working_group`` also stands in for the context processor's, which base.html reads.
    return render(
        request,
        "portal/landing.html",
        {"mandate": dashboard.mandate(group), "working_group": group},
    )


@login_required
@require_GET
def dashboard_view(request: HttpRequest) -> HttpResponse:
    """What the signed-in person has to do, by role."""
    return render(request, "portal/dashboard.html", dashboard.for_user(request.user))


@login_required
@require_GET
def mandate_view(request: HttpRequest) -> HttpResponse:
    """The mandate tracker, for those who read the drafts of every section (the members)."""
    if not strategy_permissions.reads_every_section(request.user):
        raise Http404
    return render(request, "portal/mandate.html", mandate.tracker())


@login_required
@require_GET
def search_view(request: HttpRequest) -> HttpResponse:
    """Search what the person may see (``q``), grouped by kind; ``tipo`` pages through one."""
    form = SearchForm(request.GET)
    text = form.cleaned_data["q"] if form.is_valid() else ""
    kind = request.GET.get("tipo", "")
    kind = kind if kind in search.KINDS_BY_KEY else ""
    groups = search.search(request.user, text, kind=kind, page=request.GET.get("pagina"))
    context = {
        "form": form,
        "q": text,
        "kind": search.KINDS_BY_KEY.get(kind),
        "groups": groups,
        "per_group": search.PER_GROUP,
        "page_query": urlencode({"q": text, "tipo": kind}),
        "results_key": fragments.content_key(search.shown(text, kind, groups)),
    }
    return render(request, "portal/search.html", context)


# The day the statements were last prepared; change it whenever their text is reviewed.
STATEMENT_DATE = datetime.date(2026, 11, 27)


def _statement_context() -> dict:
    """The facts the statements give, from settings (README lists them with their defaults)."""
    return {"statement_date": STATEMENT_DATE, "facts": settings.PUBLIC_STATEMENTS}


@require_GET
def accessibility_view(request: HttpRequest) -> HttpResponse:
    """Show the accessibility statement (DL 83/2018) in the visitor's language."""
    return render(request, "portal/accessibility.html", _statement_context())


@require_GET
def privacy_view(request: HttpRequest) -> HttpResponse:
    """Show the privacy notice (RGPD, Lei n.º 58/2019) in the visitor's language."""
    return render(request, "portal/privacy.html", _statement_context())


@never_cache
@require_GET
def healthz_view(request: HttpRequest) -> JsonResponse:
    """Answer whether the process runs and reaches its database (for load balancers)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "error"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
