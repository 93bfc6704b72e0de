"""Minutes pages: the text and its versions, circulation, approval, decisions and actions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.confirm import confirm_then_act
from core.markup import render_markdown
from core.refusals import show_refusal
from governance import permissions, selectors, services
from governance.forms.meetings import (
    ActionItemForm,
    ActionItemStatusForm,
    DecisionForm,
    MinutesForm,
)
from governance.models import Meeting, Minutes
from governance.permissions import Action
from governance.views.meetings import meeting_confirmation

VERSIONS_PER_PAGE = 20


def _meeting_with_minutes_access(request: HttpRequest, meeting_id: int) -> Meeting:
    meeting = permissions.meeting_for_user_or_404(request.user, meeting_id)
    if not permissions.can(request.user, Action.READ_MINUTES, meeting):
        raise Http404
    return meeting


def _minutes_or_404(meeting: Meeting) -> Minutes:
    minutes = selectors.minutes_detail(meeting)
    if minutes is None:
        raise Http404
    return minutes


def _render_minutes(request, meeting, minutes, *, decision_form=None, action_form=None, status=200):
    may_write = permissions.can(request.user, Action.WRITE_MINUTES, meeting)
    editable = may_write and minutes is not None and minutes.state != Minutes.State.APPROVED
    return render(
        request,
        "governance/meetings/minutes.html",
        {
            "meeting": meeting,
            "minutes": minutes,
            "body_html": render_markdown(minutes.body) if minutes else "",
            "may_write": may_write and meeting.state in {Meeting.State.HELD, Meeting.State.CLOSED},
            "editable": editable,
            "decision_form": decision_form or DecisionForm(meeting=meeting),
            "action_form": action_form or ActionItemForm(),
            "status_form": ActionItemStatusForm(),
            "user_id": request.user.pk,
            "may_update_all": permissions.can(request.user, Action.WRITE_MINUTES, meeting),
        },
        status=status,
    )


@login_required
@require_GET
def minutes_view(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _meeting_with_minutes_access(request, meeting_id)
    return _render_minutes(request, meeting, selectors.minutes_detail(meeting))


@login_required
@require_http_methods(["GET", "POST"])
def minutes_edit_view(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """Write the minutes; each save is a version; a stale save is refused, the text kept."""
    meeting = _meeting_with_minutes_access(request, meeting_id)
    permissions.require(request.user, Action.WRITE_MINUTES, meeting)
    minutes = selectors.minutes_detail(meeting)
    if minutes is not None and minutes.state == Minutes.State.APPROVED:
        messages.error(request, _("These minutes are approved and read-only."))
        return redirect("meetings:minutes", meeting_id=meeting.pk)
    conflict = None
    if request.method == "POST":
        form = MinutesForm(request.POST)
        if form.is_valid():
            try:
                services.minutes_save(actor=request.user, meeting=meeting, **form.cleaned_data)
            except services.MinutesConflict as error:
                conflict = error.current
                resubmission = request.POST.copy()
                resubmission["base_revision"] = str(error.current.revision)
                form = MinutesForm(resubmission)
                form.is_valid()
                show_refusal(form, error)
            except ValidationError as error:
                show_refusal(form, error)
            else:
                messages.success(request, _("Minutes saved as a new version."))
                return redirect("meetings:minutes", meeting_id=meeting.pk)
    else:
        form = MinutesForm(
            initial={
                "body": minutes.body if minutes else "",
                "base_revision": minutes.revision if minutes else 0,
            }
        )
    return render(
        request,
        "governance/meetings/minutes_edit.html",
        {"meeting": meeting, "minutes": minutes, "form": form, "conflict": conflict},
        status=409 if conflict else 200,
    )


@login_required
@require_GET
def minutes_history_view(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _meeting_with_minutes_access(request, meeting_id)
    minutes = _minutes_or_404(meeting)
    versions = minutes.history.select_related("history_user").order_by("-history_id")
    page = Paginator(versions, VERSIONS_PER_PAGE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "governance/meetings/minutes_history.html",
        {"meeting": meeting, "minutes": minutes, "page": page},
    )


@login_required
@require_POST
def minutes_circulate_view(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _meeting_with_minutes_access(request, meeting_id)
    minutes = _minutes_or_404(meeting)
    try:
        services.minutes_circulate(
            actor=request.user, minutes=minutes, url_builder=request.build_absolute_uri
        )
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("Minutes circulated to the members."))
    return redirect("meetings:minutes", meeting_id=meeting.pk)


@login_required
@require_http_methods(["GET", "POST"])
def minutes_approve_view(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """Ask for confirmation, then approve: the minutes become read-only, the meeting closed."""
    meeting = _meeting_with_minutes_access(request, meeting_id)
    permissions.require(request.user, Action.WRITE_MINUTES, meeting)
    minutes = _minutes_or_404(meeting)
    return confirm_then_act(
        request,
        meeting_confirmation(
            meeting,
            title=_("Approve the minutes"),
            question=_("Approve these minutes? They become read-only and the meeting closes."),
            button=_("Approve the minutes"),
        ),
        act=lambda: services.minutes_approve(actor=request.user, minutes=minutes),
        done=_("Minutes approved; the meeting is closed."),
        next_url=reverse("meetings:minutes", kwargs={"meeting_id": meeting.pk}),
    )


@login_required
@require_POST
def decision_add_view(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _meeting_with_minutes_access(request, meeting_id)
    permissions.require(request.user, Action.WRITE_MINUTES, meeting)
    minutes = _minutes_or_404(meeting)
    form = DecisionForm(request.POST, meeting=meeting)
    if form.is_valid():
        try:
            services.decision_add(actor=request.user, minutes=minutes, **form.cleaned_data)
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Decision recorded."))
            return redirect(f"{minutes.get_absolute_url()}#decisoes")
    return _render_minutes(request, meeting, minutes, decision_form=form, status=400)


@login_required
@require_POST
def action_item_add_view(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _meeting_with_minutes_access(request, meeting_id)
    permissions.require(request.user, Action.WRITE_MINUTES, meeting)
    minutes = _minutes_or_404(meeting)
    form = ActionItemForm(request.POST)
    if form.is_valid():
        try:
            services.action_item_add(actor=request.user, minutes=minutes, **form.cleaned_data)
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Action item recorded."))
            return redirect(f"{minutes.get_absolute_url()}#acoes")
    return _render_minutes(request, meeting, minutes, action_form=form, status=400)


@login_required
@require_POST
def action_item_status_view(request: HttpRequest, action_item_id: int) -> HttpResponse:
    """The owner or the secretariat marks an action item done, dropped or open."""
    action_item = permissions.action_item_for_user_or_404(request.user, action_item_id)
    permissions.require(request.user, Action.UPDATE_ACTION_ITEM, action_item)
    form = ActionItemStatusForm(request.POST)
    if form.is_valid():
        services.action_item_set_status(
            actor=request.user, action_item=action_item, status=form.cleaned_data["status"]
        )
        messages.success(request, _("Action item updated."))
    else:
        messages.error(request, _("Choose a status."))
    next_url = request.POST.get("seguinte")
    if next_url == "painel":
        return redirect("dashboard")
    return redirect(f"{action_item.minutes.get_absolute_url()}#acoes")
