"""A meeting's activity: the meeting, its agenda items, specialists, guests and minutes."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_GET

from core.activity import Source, activity_page
from governance import permissions
from governance.models import AgendaItem, GuestInvitation, Meeting, Minutes, SpecialistRequest

KINDS = [
    ("reuniao", _("Meeting")),
    ("pontos", _("Agenda item")),
    ("especialistas", _("Specialist request")),
    ("convidados", _("Invited organisation")),
    ("ata", pgettext_lazy("activity", "Minutes")),
]


@login_required
@require_GET
def meeting_activity_view(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = permissions.meeting_for_user_or_404(request.user, meeting_id)
    if not permissions.sees_every_meeting(request.user):
        raise Http404  # a specialist or a guest sees only their items, not the whole record
    sources = [
        Source("reuniao", Meeting.history.filter(id=meeting.pk), "title"),
        Source("pontos", AgendaItem.history.filter(meeting_id=meeting.pk), "title"),
        Source(
            "especialistas",
            SpecialistRequest.history.filter(meeting_id=meeting.pk),
            "specialist__full_name",
        ),
        Source(
            "convidados",
            GuestInvitation.history.filter(meeting_id=meeting.pk),
            "contact__full_name",
        ),
        Source("ata", Minutes.history.filter(meeting_id=meeting.pk), "meeting__title"),
    ]
    context = activity_page(request, sources, KINDS)
    context |= {"subject": meeting.title, "back_url": meeting.get_absolute_url()}
    return render(request, "core/activity.html", context)
