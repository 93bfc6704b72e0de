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
from core.diff import text_diff
from core.editing import EditConflict, conflict_context, resolutions_from
from core.markup import render_markdown
from core.presence import (
    NewerRevision,
    PresenceTarget,
    presence_answer,
    presence_context,
    presence_leave,
    presence_signed_out,
)
from core.refusals import show_refusal
from core.stashed_forms import login_required_keeping_post, stashed_post
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


def _minutes_presence_target(meeting: Meeting, minutes: Minutes | None) -> PresenceTarget:
    """Presence on a meeting's minutes; the rows are kept on the meeting, as the minutes are
    one-to-one with it and do not exist yet while the first version is being written."""
    return PresenceTarget(
        obj=meeting,
        url=reverse("meetings:minutes_presence", kwargs={"meeting_id": meeting.pk}),
        revision=minutes.revision if minutes else 0,
        nobody_text=_("Nobody else has these minutes open for editing."),
        newer_than=lambda _base_revision: _newer_minutes(meeting, minutes),
        lowest_revision=0,  # a form opened before the first save
    )


def _newer_minutes(meeting: Meeting, minutes: Minutes) -> NewerRevision:
    """Who saved the current revision, and its row in the versions of the minutes."""
    written = selectors.minutes_current_revision(minutes)
    if written is None:
        return NewerRevision(revision=minutes.revision)
    history = reverse("meetings:minutes_history", kwargs={"meeting_id": meeting.pk})
    return NewerRevision(
        revision=minutes.revision,
        by=written.history_user,
        url=f"{history}#versao-{written.history_id}",
    )


def _may_edit_minutes(user, meeting: Meeting, minutes: Minutes | None) -> bool:
    approved = minutes is not None and minutes.state == Minutes.State.APPROVED
    return permissions.can(user, Action.WRITE_MINUTES, meeting) and not approved


def _render_minutes(request, meeting, minutes, *, decision_form=None, action_form=None, status=200):
    may_write = permissions.can(request.user, Action.WRITE_MINUTES, meeting)
    editable = may_write and minutes is not None and minutes.state != Minutes.State.APPROVED
    presence = {}
    if editable:
        presence = presence_context(
            request, _minutes_presence_target(meeting, minutes), editing=False
        )
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
            **presence,
        },
        status=status,
    )


@login_required
@require_GET
def minutes_view(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _meeting_with_minutes_access(request, meeting_id)
    return _render_minutes(request, meeting, selectors.minutes_detail(meeting))


@login_required_keeping_post
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
                saved = services.minutes_save(
                    actor=request.user,
                    meeting=meeting,
                    resolutions=resolutions_from(request.POST),
                    seen_conflict=request.POST.get("conflict", ""),
                    **form.cleaned_data,
                )
            except EditConflict as error:
                conflict = conflict_context(error, services.MINUTES_FIELDS)
            except ValidationError as error:
                show_refusal(form, error)
            else:
                presence_leave(obj=meeting, user=request.user)
                messages.success(request, _("Minutes saved as a new version."))
                if saved.merged_message:
                    messages.info(request, saved.merged_message)
                return redirect("meetings:minutes", meeting_id=meeting.pk)
    elif kept := stashed_post(request):
        # Posted after the session had ended: the text comes back, to be checked and saved.
        form = MinutesForm(kept)
        form.is_valid()
        messages.warning(
            request,
            _(
                "Your session had ended when you saved. Your text is back in the form: "
                "check it and save again."
            ),
        )
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
        {
            "meeting": meeting,
            "minutes": minutes,
            "form": form,
            "conflict": conflict,
            **presence_context(request, _minutes_presence_target(meeting, minutes), editing=True),
        },
        status=409 if conflict else 200,
    )


@require_http_methods(["GET", "POST"])
def minutes_presence_view(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """Who else has the minutes open for editing; a POST is the edit form's heartbeat."""
    if not request.user.is_authenticated:
        edit_url = reverse("meetings:minutes_edit", kwargs={"meeting_id": meeting_id})
        return presence_signed_out(request, edit_url=edit_url)
    meeting = _meeting_with_minutes_access(request, meeting_id)
    minutes = selectors.minutes_revision(meeting)
    return presence_answer(
        request,
        _minutes_presence_target(meeting, minutes),
        may_edit=lambda: _may_edit_minutes(request.user, meeting, minutes),
    )


@login_required
@require_GET
def minutes_history_view(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _meeting_with_minutes_access(request, meeting_id)
    minutes = _minutes_or_404(meeting)
    versions = minutes.history.select_related("history_user").order_by("-history_id")
    page = Paginator(versions, VERSIONS_PER_PAGE).get_page(request.GET.get("pagina"))
    shown = list(page)
    before = (
        minutes.history.filter(history_id__lt=shown[-1].history_id)
        .order_by("-history_id")
        .only("history_id", "body")
        .first()
        if shown
        else None
    )
    changes = [
        (version, text_diff(older.body if older else "", version.body))
        for version, older in zip(shown, [*shown[1:], before], strict=True)
    ]
    return render(
        request,
        "governance/meetings/minutes_history.html",
        {"meeting": meeting, "minutes": minutes, "page": page, "changes": changes},
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
