"""Meeting pages of participation: materials, specialists, guests, attendance, calendars."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.confirm import confirm_then_act
from core.refusals import show_refusal
from governance import ical, permissions, selectors, services
from governance.audit import record_download
from governance.forms.meetings import (
    AttendanceForm,
    GuestInvitationForm,
    MaterialForm,
    SpecialistRequestForm,
)
from governance.models import Meeting, SpecialistRequest
from governance.permissions import Action
from governance.views.meetings import _render_item, meeting_confirmation


@login_required
@require_POST
def material_upload_view(request: HttpRequest, meeting_id: int, item_id: int) -> HttpResponse:
    item = permissions.item_for_user_or_404(request.user, meeting_id, item_id)
    permissions.require(request.user, Action.ADD_MATERIAL, item)
    form = MaterialForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.material_add(actor=request.user, item=item, upload=form.cleaned_data["file"])
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Document attached."))
            return redirect(item)
    return _render_item(request, item, form, status=400)


@login_required
@require_GET
def material_download_view(request: HttpRequest, meeting_id: int, material_id: int):
    """Serve a material as an attachment, only to people who see its agenda item."""
    material = permissions.material_for_user_or_404(request.user, meeting_id, material_id)
    record_download(request, target=f"{material.item.meeting} · {material.original_name}")
    return material.download()


@login_required
@require_http_methods(["GET", "POST"])
def material_remove_view(request: HttpRequest, meeting_id: int, material_id: int):
    material = permissions.material_for_user_or_404(request.user, meeting_id, material_id)
    permissions.require(request.user, Action.REMOVE_MATERIAL, material)
    return confirm_then_act(
        request,
        meeting_confirmation(
            material.item.meeting,
            title=_("Remove a document"),
            question=_("Remove «%(name)s»?") % {"name": material.original_name},
            button=_("Remove the document"),
            danger=True,
        ),
        act=lambda: services.material_remove(actor=request.user, material=material),
        done=_("Document removed."),
        next_url=material.item.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def specialist_request_view(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """A representative asks for a specialist of their entity for named items (n.º 5)."""
    meeting = permissions.meeting_for_user_or_404(request.user, meeting_id)
    permissions.require(request.user, Action.REQUEST_SPECIALIST, meeting)
    form = SpecialistRequestForm(request.POST or None, meeting=meeting, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.specialist_request_create(
                actor=request.user, meeting=meeting, **form.cleaned_data
            )
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Request sent to the secretariat."))
            return redirect(meeting)
    return render(
        request,
        "governance/meetings/people_form.html",
        {
            "meeting": meeting,
            "form": form,
            "title": _("Ask for a specialist"),
            "lead": _(
                "Representatives may bring technical specialists of their entity for the "
                "matters on the approved agenda (n.º 5). Choose the items they will attend."
            ),
            "button": _("Send the request"),
        },
    )


@login_required
@require_POST
def specialist_decide_view(request: HttpRequest, meeting_id: int, request_id: int):
    meeting = permissions.meeting_for_user_or_404(request.user, meeting_id)
    permissions.require(request.user, Action.DECIDE_SPECIALIST, meeting)
    specialist_request = get_object_or_404(SpecialistRequest, pk=request_id, meeting=meeting)
    decision = request.POST.get("decisao")
    if decision not in {"admitir", "recusar"}:
        messages.error(request, _("Choose to admit or to refuse."))
        return redirect(meeting)
    try:
        services.specialist_request_decide(
            actor=request.user,
            request=specialist_request,
            admit=decision == "admitir",
            url_builder=request.build_absolute_uri,
        )
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(
            request,
            _("Specialist admitted.") if decision == "admitir" else _("Request refused."),
        )
    return redirect(f"{meeting.get_absolute_url()}#especialistas")


@login_required
@require_http_methods(["GET", "POST"])
def guest_invite_view(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """The secretariat invites an organisation's contact to named items (n.º 6)."""
    meeting = permissions.meeting_for_user_or_404(request.user, meeting_id)
    permissions.require(request.user, Action.INVITE_GUESTS, meeting)
    form = GuestInvitationForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            services.guest_invite(
                actor=request.user,
                meeting=meeting,
                url_builder=request.build_absolute_uri,
                **form.cleaned_data,
            )
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Organisation invited."))
            return redirect(f"{meeting.get_absolute_url()}#convidados")
    return render(
        request,
        "governance/meetings/people_form.html",
        {
            "meeting": meeting,
            "form": form,
            "title": _("Invite an organisation"),
            "lead": _(
                "The group may invite public and private organisations for the matters under "
                "discussion (n.º 6). The contact sees only the items chosen here."
            ),
            "button": _("Invite"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def attendance_view(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = permissions.meeting_for_user_or_404(request.user, meeting_id)
    permissions.require(request.user, Action.RECORD_ATTENDANCE, meeting)
    if not meeting.takes_attendance:
        messages.error(request, _("Attendance is recorded once a convened meeting has started."))
        return redirect(f"{meeting.get_absolute_url()}#presencas")
    recorded = {row.person_id: row for row in meeting.attendance.all()}
    form = AttendanceForm(
        request.POST or None, expected=services.expected_attendees(meeting), recorded=recorded
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_record(
                actor=request.user, meeting=meeting, rows=form.recorded_rows()
            )
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Attendance recorded."))
            return redirect(f"{meeting.get_absolute_url()}#presencas")
    return render(
        request, "governance/meetings/attendance.html", {"meeting": meeting, "form": form}
    )


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=ical.CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def meeting_ics_view(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """The meeting as an iCalendar file, with the items the person may see."""
    meeting = permissions.meeting_for_user_or_404(request.user, meeting_id)
    items = permissions.items_visible_to(request.user, meeting).order_by("position", "pk")
    method = ical.CANCEL if meeting.state == Meeting.State.CANCELLED else ical.REQUEST
    content = ical.invitation(
        meeting,
        method=method,
        items=items,
        url_builder=request.build_absolute_uri,
        attendees=selectors.meeting_invitees_for(request.user, meeting),
    )
    return _ics_response(content, f"reuniao-{meeting.pk}.ics")


@login_required
@require_http_methods(["GET", "POST"])
def calendar_view(request: HttpRequest) -> HttpResponse:
    """Create, replace or revoke the person's private calendar address."""
    permissions.require(request.user, Action.SUBSCRIBE_CALENDAR)
    feed_url = None
    if request.method == "POST":
        if request.POST.get("operacao") == "revogar":
            services.calendar_feed_revoke(actor=request.user)
            messages.success(request, _("Your calendar address no longer works."))
            return redirect("meetings:calendar")
        _feed, token = services.calendar_feed_create(actor=request.user)
        feed_url = request.build_absolute_uri(
            reverse("meetings:calendar_feed", kwargs={"token": token})
        )
    return render(
        request,
        "governance/meetings/calendar.html",
        {"feed": selectors.live_calendar_feed(request.user), "feed_url": feed_url},
    )


@require_GET
def calendar_feed_view(request: HttpRequest, token: str) -> HttpResponse:
    """A person's meetings for calendar programs; the secret token is the only credential."""
    feed = selectors.calendar_feed_by_token(token)
    if feed is None or not permissions.may_see_meetings(feed.user):
        raise Http404
    content = ical.feed(
        selectors.calendar_entries(feed.user),
        name=_("Working group meetings"),
        url_builder=request.build_absolute_uri,
    )
    response = _ics_response(content, "reunioes.ics")
    response["Content-Disposition"] = 'inline; filename="reunioes.ics"'
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response
