"""Meeting pages: list, scheduling, convening, the agenda and its items. Each view fetches its
object through a permission-aware helper."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.confirm import Confirmation, confirm_then_act
from core.editing import EditConflict, conflict_context, resolutions_from
from core.fragments import render_fragment
from core.refusals import show_refusal
from governance import permissions, selectors, services
from governance.forms.meetings import (
    AgendaItemEditForm,
    AgendaItemForm,
    MaterialForm,
    MeetingEditForm,
    MeetingForm,
)
from governance.models import Meeting
from governance.permissions import Action

PAST_PER_PAGE = 20


def _may(request: HttpRequest, action: Action, obj=None) -> bool:
    return permissions.can(request.user, action, obj)


@login_required
@require_GET
def meeting_list_view(request: HttpRequest) -> HttpResponse:
    """Upcoming meetings, then past ones (paginated), as far as the person may see them."""
    if not permissions.may_see_meetings(request.user):
        raise Http404
    upcoming, past = selectors.meetings_for_list(request.user)
    page = Paginator(past, PAST_PER_PAGE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "governance/meetings/list.html",
        {
            "upcoming": upcoming,
            "page": page,
            "may_manage": _may(request, Action.MANAGE_MEETINGS),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create_view(request: HttpRequest) -> HttpResponse:
    permissions.require(request.user, Action.MANAGE_MEETINGS)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            if getattr(error, "code", None) == "overlap":
                form.ask_to_confirm_overlap()
            show_refusal(form, error)
        else:
            messages.success(request, _("Meeting planned. Now add the agenda items."))
            return redirect(meeting)
    return render(request, "governance/meetings/meeting_form.html", {"form": form})


@login_required
@require_GET
def meeting_view(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = permissions.meeting_for_user_or_404(request.user, meeting_id)
    detail = selectors.meeting_page(request.user, meeting)
    sees_everything = permissions.sees_every_meeting(request.user)
    shown = {"meeting": meeting, "detail": detail, "sees_everything": sees_everything}
    return render(
        request,
        "governance/meetings/meeting.html",
        {
            **shown,
            "summary_html": render_fragment(
                "governance/meetings/_meeting_summary.html",
                shown,
                shows=(sees_everything, selectors.meeting_figures(meeting)),
            ),
            "agenda_html": render_fragment(
                "governance/meetings/_agenda_table.html",
                shown,
                shows=(sees_everything, detail.agenda_figures()),
            ),
            "may_manage": _may(request, Action.MANAGE_MEETINGS, meeting),
            "may_propose": meeting.is_open and _may(request, Action.PROPOSE_ITEM, meeting),
            "may_submit": meeting.is_open
            and meeting.agenda_state == Meeting.AgendaState.DRAFT
            and _may(request, Action.SUBMIT_AGENDA, meeting),
            "may_approve": meeting.is_open
            and meeting.agenda_state == Meeting.AgendaState.SUBMITTED
            and _may(request, Action.APPROVE_AGENDA, meeting),
            "may_request_specialist": meeting.is_open
            and meeting.agenda_state == Meeting.AgendaState.APPROVED
            and _may(request, Action.REQUEST_SPECIALIST, meeting),
            "may_decide": _may(request, Action.DECIDE_SPECIALIST, meeting),
            "may_invite": meeting.is_open and _may(request, Action.INVITE_GUESTS, meeting),
            "may_record_attendance": meeting.takes_attendance
            and _may(request, Action.RECORD_ATTENDANCE, meeting),
            "may_mark_held": meeting.state == Meeting.State.CONVENED
            and meeting.starts_at <= timezone.now()
            and _may(request, Action.MANAGE_MEETINGS, meeting),
            "may_read_minutes": _may(request, Action.READ_MINUTES, meeting),
            "may_write_minutes": meeting.state in {Meeting.State.HELD, Meeting.State.CLOSED}
            and _may(request, Action.WRITE_MINUTES, meeting),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit_view(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = permissions.meeting_for_user_or_404(request.user, meeting_id)
    permissions.require(request.user, Action.MANAGE_MEETINGS, meeting)
    if not meeting.is_open:
        messages.error(request, _("This meeting can no longer be changed."))
        return redirect(meeting)
    local = timezone.localtime
    form = MeetingEditForm(
        request.POST or None,
        initial={
            "title": meeting.title,
            "starts_at": local(meeting.starts_at),
            "ends_at": local(meeting.ends_at),
            "place": meeting.place,
            "video_url": meeting.video_url,
            "notes": meeting.notes,
            "base_revision": meeting.revision,
        },
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.meeting_update(
                actor=request.user,
                meeting=meeting,
                url_builder=request.build_absolute_uri,
                resolutions=resolutions_from(request.POST),
                seen_conflict=request.POST.get("conflict", ""),
                **form.cleaned_data,
            )
        except EditConflict as error:
            conflict = conflict_context(error, services.MEETING_FIELDS)
        except ValidationError as error:
            if getattr(error, "code", None) == "overlap":
                form.ask_to_confirm_overlap()
            show_refusal(form, error)
        else:
            messages.success(request, _("Meeting updated."))
            if saved.merged_message:
                messages.info(request, saved.merged_message)
            return redirect(meeting)
    return render(
        request,
        "governance/meetings/meeting_form.html",
        {"form": form, "meeting": meeting, "conflict": conflict},
        status=409 if conflict else 200,
    )


def meeting_confirmation(meeting: Meeting, **fields) -> Confirmation:
    """A confirmation page under a meeting, with the meeting's breadcrumbs and a way back."""
    return Confirmation(
        cancel_url=meeting.get_absolute_url(),
        cancel_label=_("Go back"),
        breadcrumbs="governance/meetings/_breadcrumbs.html",
        context={"meeting": meeting},
        **fields,
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_cancel_view(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """Ask for confirmation, then cancel (the convened receive a cancellation)."""
    meeting = permissions.meeting_for_user_or_404(request.user, meeting_id)
    permissions.require(request.user, Action.MANAGE_MEETINGS, meeting)
    return confirm_then_act(
        request,
        meeting_confirmation(
            meeting,
            title=_("Cancel the meeting"),
            question=_("Cancel this meeting? Everyone convened receives a cancellation."),
            button=_("Cancel the meeting"),
            danger=True,
        ),
        act=lambda: services.meeting_cancel(
            actor=request.user, meeting=meeting, url_builder=request.build_absolute_uri
        ),
        done=_("Meeting cancelled."),
        next_url=meeting.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_convene_view(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """Ask for confirmation, then convene and send the notice."""
    meeting = permissions.meeting_for_user_or_404(request.user, meeting_id)
    permissions.require(request.user, Action.MANAGE_MEETINGS, meeting)
    return confirm_then_act(
        request,
        meeting_confirmation(
            meeting,
            title=_("Convene the meeting"),
            question=_(
                "Convene this meeting? Members, admitted specialists and invited organisations "
                "receive the notice with a calendar invitation."
            ),
            button=_("Convene and send the notice"),
        ),
        act=lambda: services.meeting_convene(
            actor=request.user, meeting=meeting, url_builder=request.build_absolute_uri
        ),
        done=_("Meeting convened: the notice is on its way."),
        next_url=meeting.get_absolute_url(),
    )


@login_required
@require_POST
def meeting_held_view(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = permissions.meeting_for_user_or_404(request.user, meeting_id)
    try:
        services.meeting_mark_held(actor=request.user, meeting=meeting)
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("Meeting recorded as held."))
    return redirect(meeting)


@login_required
@require_POST
def agenda_submit_view(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = permissions.meeting_for_user_or_404(request.user, meeting_id)
    try:
        services.agenda_submit(actor=request.user, meeting=meeting)
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("Agenda submitted for approval."))
    return redirect(meeting)


@login_required
@require_POST
def agenda_approve_view(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = permissions.meeting_for_user_or_404(request.user, meeting_id)
    try:
        services.agenda_approve(
            actor=request.user, meeting=meeting, url_builder=request.build_absolute_uri
        )
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("Agenda approved."))
    return redirect(meeting)


@login_required
@require_http_methods(["GET", "POST"])
def item_create_view(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = permissions.meeting_for_user_or_404(request.user, meeting_id)
    permissions.require(request.user, Action.PROPOSE_ITEM, meeting)
    form = AgendaItemForm(request.POST or None, initial={"duration_minutes": 15})
    if request.method == "POST" and form.is_valid():
        try:
            services.agenda_item_add(actor=request.user, meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Item added to the agenda."))
            return redirect(meeting)
    return render(request, "governance/meetings/item_form.html", {"meeting": meeting, "form": form})


@login_required
@require_GET
def item_view(request: HttpRequest, meeting_id: int, item_id: int) -> HttpResponse:
    """An agenda item, its materials and (for members) the sections that discuss it."""
    item = permissions.item_for_user_or_404(request.user, meeting_id, item_id)
    return _render_item(request, item, MaterialForm())


def _render_item(request, item, material_form, status=200) -> HttpResponse:
    detail = selectors.item_detail(item)
    return render(
        request,
        "governance/meetings/item.html",
        {
            "meeting": detail.meeting,
            "item": detail,
            "material_form": material_form,
            "sees_everything": permissions.sees_every_meeting(request.user),
            "may_edit": detail.meeting.is_open and _may(request, Action.EDIT_ITEM, detail),
            "may_add_material": detail.meeting.state != Meeting.State.CANCELLED
            and _may(request, Action.ADD_MATERIAL, detail),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_edit_view(request: HttpRequest, meeting_id: int, item_id: int) -> HttpResponse:
    item = permissions.item_for_user_or_404(request.user, meeting_id, item_id)
    permissions.require(request.user, Action.EDIT_ITEM, item)
    form = AgendaItemEditForm(
        request.POST or None,
        initial={
            "title": item.title,
            "description": item.description,
            "duration_minutes": item.duration_minutes,
            "presenter": item.presenter,
            "position": item.position,
            "base_revision": item.revision,
        },
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.agenda_item_update(
                actor=request.user,
                item=item,
                resolutions=resolutions_from(request.POST),
                seen_conflict=request.POST.get("conflict", ""),
                **form.cleaned_data,
            )
        except EditConflict as error:
            conflict = conflict_context(error, services.AGENDA_ITEM_FIELDS)
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Item updated."))
            if saved.merged_message:
                messages.info(request, saved.merged_message)
            return redirect(item)
    return render(
        request,
        "governance/meetings/item_form.html",
        {"meeting": item.meeting, "item": item, "form": form, "conflict": conflict},
        status=409 if conflict else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_remove_view(request: HttpRequest, meeting_id: int, item_id: int) -> HttpResponse:
    item = permissions.item_for_user_or_404(request.user, meeting_id, item_id)
    permissions.require(request.user, Action.EDIT_ITEM, item)
    return confirm_then_act(
        request,
        meeting_confirmation(
            item.meeting,
            title=_("Remove an agenda item"),
            question=_("Remove «%(title)s» and its materials from the agenda?") % {"title": item},
            button=_("Remove the item"),
            danger=True,
        ),
        act=lambda: services.agenda_item_remove(actor=request.user, item=item),
        done=_("Item removed from the agenda."),
        next_url=item.meeting.get_absolute_url(),
    )
