"""The deliverables and their outline: sections added and arranged, coordinators, coverage."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import dateformat
from django.utils.formats import get_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.fragments import render_fragment
from core.refusals import show_refusal
from governance.models import MEMBER_ROLES, User
from strategy import permissions, selectors, services
from strategy.forms import (
    PersonChoiceForm,
    SectionCreateForm,
    SectionMoveForm,
)
from strategy.models import Principle, Section
from strategy.permissions import Action


def _deliverables_for(request: HttpRequest):
    if not permissions.may_see_drafts(request.user):
        raise Http404
    return selectors.deliverables_with_progress()


@login_required
@require_GET
def deliverable_list_view(request: HttpRequest) -> HttpResponse:
    return render(
        request, "strategy/deliverable_list.html", {"deliverables": _deliverables_for(request)}
    )


# A page of the outline: long deliverables (150 sections and more) page through their outline
# in its own order, numbered and counted over the whole tree, so the page's cost stays that of
# this many rows.
SECTIONS_PER_PAGE = selectors.OUTLINE_PAGE_SIZE


@login_required
@require_GET
def deliverable_view(request: HttpRequest, slug: str) -> HttpResponse:
    """The outline: numbering, state, editors, last change, words, open comments, progress."""
    # No prefetch_grants: the page asks only about the deliverable, whose grants guardian reads
    # on the first question that needs them (never, for those whose role answers it).
    deliverable = permissions.deliverable_for_user_or_404(request.user, slug)
    places = selectors.outline_places(request.user, deliverable)
    page = Paginator(places, SECTIONS_PER_PAGE).get_page(request.GET.get("pagina"))
    rows = selectors.outline_rows(request.user, deliverable, page.object_list)
    may_add = permissions.can(request.user, Action.ADD_SECTION, deliverable)
    outline_url = deliverable.get_absolute_url()
    rows_html = render_fragment(
        "strategy/_outline_rows.html",
        {"rows": rows, "may_add": may_add},
        shows=(outline_url, may_add, [row.figures() for row in rows]),
        prepare=lambda: _label_rows(rows, outline_url=outline_url, arrange=may_add),
    )
    return render(
        request,
        "strategy/deliverable.html",
        {
            "deliverable": deliverable,
            "rows": rows,
            "rows_html": rows_html,
            "page": page,
            "total": len(places),
            "approved": sum(1 for p in places if p.node.status == Section.Status.APPROVED),
            "coordinators": selectors.coordinator_names(deliverable),
            "outline_url": outline_url,
            "may_add": may_add,
            "may_assign": permissions.can(request.user, Action.ASSIGN, deliverable),
            "may_export": permissions.can(request.user, Action.EXPORT, deliverable),
            "may_publish": permissions.can(request.user, Action.PUBLISH, deliverable),
            "may_read_actions": permissions.can(request.user, Action.READ_ACTIONS, deliverable),
        },
    )


def _label_rows(rows: list[selectors.OutlineRow], *, outline_url: str, arrange: bool) -> None:
    """Format each row's texts and links in Python, translating each label once: on an outline
    page, template tags, filters and translations per cell cost more than the rest of the page."""
    statuses = {value: str(label) for value, label in Section.Status.choices}
    badges = {
        Section.Status.APPROVED: "badge badge-ok",
        Section.Status.IN_REVIEW: "badge badge-warn",
    }
    changed_format = get_format("SHORT_DATETIME_FORMAT")
    up, down, add = (
        _("Move %(number)s up"),
        _("Move %(number)s down"),
        _("Add a subsection to %(number)s"),
    )
    for row in rows:
        changed = localtime(row.updated_at)
        row.changed_iso = changed.isoformat()
        row.changed_text = dateformat.format(changed, changed_format)
        row.status_label = statuses.get(row.status, row.status)
        row.badge_class = badges.get(row.status, "badge")
        row.editor_names = ", ".join(row.editors) or "—"
        row.url = f"{outline_url}{row.pk}/"
        if arrange:
            number = {"number": row.number}
            row.up_label, row.down_label = up % number, down % number
            row.add_label = add % number
            row.add_url = f"{outline_url}nova-seccao/?pai={row.pk}"


def _outline_url_showing(user: User, section: Section) -> str:
    """The outline page that holds ``section`` (as ``user`` sees it), scrolled to its row."""
    places = selectors.outline_places(user, section.deliverable)
    index = next((i for i, place in enumerate(places) if place.node.pk == section.pk), 0)
    page = index // SECTIONS_PER_PAGE + 1
    query = f"?pagina={page}" if page > 1 else ""
    return f"{section.deliverable.get_absolute_url()}{query}#seccao-{section.pk}"


@login_required
@require_http_methods(["GET", "POST"])
def section_create_view(request: HttpRequest, slug: str) -> HttpResponse:
    deliverable = permissions.deliverable_for_user_or_404(request.user, slug)
    permissions.require(request.user, Action.ADD_SECTION, deliverable)
    parent = None
    if parent_id := request.GET.get("pai"):
        parent = get_object_or_404(Section, pk=parent_id, deliverable=deliverable)
    form = SectionCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            section = services.section_create(
                actor=request.user, deliverable=deliverable, parent=parent, **form.cleaned_data
            )
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Section added."))
            return redirect(section)
    return render(
        request,
        "strategy/section_create.html",
        {"deliverable": deliverable, "parent": parent, "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def section_move_view(request: HttpRequest, slug: str, section_id: int) -> HttpResponse:
    section = permissions.section_for_user_or_404(request.user, slug, section_id)
    permissions.require(request.user, Action.ARRANGE, section)
    form = SectionMoveForm(
        request.POST or None,
        section=section,
        initial={"parent": section.parent, "position": section.position + 1},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.section_move(
                actor=request.user,
                section=section,
                parent=form.cleaned_data["parent"],
                position=form.cleaned_data["position"] - 1,
            )
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Section moved."))
            return redirect(_outline_url_showing(request.user, section))
    return render(
        request,
        "strategy/section_move.html",
        {"deliverable": section.deliverable, "section": section, "form": form},
    )


@login_required
@require_POST
def section_shift_view(
    request: HttpRequest, slug: str, section_id: int, direction: str
) -> HttpResponse:
    """Move a section one place up or down among its siblings (the outline's buttons)."""
    section = permissions.section_for_user_or_404(request.user, slug, section_id)
    permissions.require(request.user, Action.ARRANGE, section)
    if direction not in {"acima", "abaixo"}:
        raise Http404
    offset = -1 if direction == "acima" else 1
    siblings = list(
        Section.objects.filter(deliverable_id=section.deliverable_id, parent_id=section.parent_id)
        .order_by("position", "id")
        .values_list("pk", flat=True)
    )
    services.section_move(
        actor=request.user,
        section=section,
        parent=section.parent,
        position=siblings.index(section.pk) + offset,
    )
    return redirect(_outline_url_showing(request.user, section))


@login_required
@require_http_methods(["GET", "POST"])
def deliverable_coordinators_view(request: HttpRequest, slug: str) -> HttpResponse:
    deliverable = permissions.deliverable_for_user_or_404(request.user, slug)
    permissions.require(request.user, Action.ASSIGN, deliverable)
    form = PersonChoiceForm(request.POST or None, roles=MEMBER_ROLES)
    if request.method == "POST" and form.is_valid():
        person = form.cleaned_data["person"]
        operation = (
            services.deliverable_coordinator_remove
            if request.POST.get("operacao") == "remover"
            else services.deliverable_coordinator_assign
        )
        try:
            operation(actor=request.user, deliverable=deliverable, person=person)
        except ValidationError as error:
            form.add_error("person", error.messages)
        else:
            messages.success(
                request,
                _("Coordination of %(deliverable)s updated.") % {"deliverable": deliverable},
            )
            return redirect("strategy:deliverable_coordinators", slug=slug)
    return render(
        request,
        "strategy/deliverable_coordinators.html",
        {
            "deliverable": deliverable,
            "form": form,
            "coordinators": selectors.coordinators(deliverable),
        },
    )


@login_required
@require_GET
def coverage_view(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    """Principles × sections: which principles no section serves yet."""
    deliverables = list(_deliverables_for(request))
    if slug is not None:
        deliverables = [permissions.deliverable_for_user_or_404(request.user, slug)]
    tables = []
    served: set[int] = set()
    principles = list(Principle.objects.order_by("letter"))
    for deliverable in deliverables:
        rows = selectors.coverage(permissions.sections_visible_to(request.user, deliverable))
        tables.append((deliverable, rows))
        for _section, _number, principle_ids in rows:
            served |= principle_ids
    return render(
        request,
        "strategy/coverage.html",
        {
            "deliverable": deliverables[0] if slug else None,
            "principles": principles,
            "tables": tables,
            "unserved": [p for p in principles if p.pk not in served],
        },
    )
