"""Who else has a section open for editing, and the notice that someone saved meanwhile.

The fragments are partials of ``strategy/_presence.html``. The edit form's heartbeat (a POST
every ``core.presence.heartbeat_seconds()``) records the editor and answers with the list and,
when the section moved past the form's base revision, the «someone saved» notice; the section
page asks for the list only (a GET stores nothing). Without JavaScript the lists are rendered
with the page.
"""

from django import forms
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.presence import heartbeat_seconds, presence_record, present_others
from strategy import permissions, selectors
from strategy.models import Section
from strategy.permissions import Action


class HeartbeatForm(forms.Form):
    base_revision = forms.IntegerField(min_value=1)
    # The newest revision the editor has already been told about: the notice is sent once.
    seen_revision = forms.IntegerField(min_value=0, required=False)


def presence_context(request: HttpRequest, section: Section, *, editing: bool) -> dict:
    """What the presence partials need; an open edit form also counts as a heartbeat."""
    if editing:
        presence_record(obj=section, user=request.user)
    return {
        "present": present_others(section, request.user),
        "presence_editing": editing,
        "heartbeat_seconds": heartbeat_seconds(),
    }


def _newer_revision(section: Section, base_revision: int) -> dict | None:
    """Who saved past ``base_revision``, and the comparison of the two versions."""
    if base_revision >= section.revision:
        return None
    versions = dict(
        section.history.filter(revision__in=[base_revision, section.revision])
        .order_by("history_id")
        .values_list("revision", "history_id")
    )
    compare_url = None
    if base_revision in versions and section.revision in versions:
        compare_url = "{}?de={}&para={}".format(
            reverse(
                "strategy:section_compare",
                kwargs={"slug": section.deliverable.slug, "section_id": section.pk},
            ),
            versions[base_revision],
            versions[section.revision],
        )
    # Who wrote the current revision (a later state change keeps the number and is not a save).
    written = selectors.current_revision(section)
    by = written.history_user if written else None
    return {"revision": section.revision, "by": by, "compare_url": compare_url}


@require_http_methods(["GET", "POST"])
def section_presence_view(request: HttpRequest, slug: str, section_id: int) -> HttpResponse:
    """The presence fragment; a POST is the edit form's heartbeat (with its base revision)."""
    if not request.user.is_authenticated:
        return _signed_out(request, slug, section_id)
    section = permissions.section_for_user_or_404(request.user, slug, section_id)
    context = {"section": section, "deliverable": section.deliverable}
    if request.method == "GET":
        context |= presence_context(request, section, editing=False)
        return render(request, "strategy/_presence.html#presence-list", context)
    permissions.require(request.user, Action.EDIT, section)
    form = HeartbeatForm(request.POST)
    if not form.is_valid() or form.cleaned_data["base_revision"] > section.revision:
        return HttpResponse(_("This revision of the section does not exist."), status=400)
    context |= presence_context(request, section, editing=True)
    newer = _newer_revision(section, form.cleaned_data["base_revision"])
    seen = form.cleaned_data["seen_revision"] or 0
    context["newer"] = newer if newer and newer["revision"] > seen else None
    return render(request, "strategy/_presence.html#heartbeat", context)


def _signed_out(request: HttpRequest, slug: str, section_id: int) -> HttpResponse:
    """The session ended while the page was open: say so in place (htmx) instead of a redirect."""
    edit_url = reverse("strategy:section_edit", kwargs={"slug": slug, "section_id": section_id})
    if not request.htmx:
        return redirect_to_login(edit_url)
    response = render(request, "strategy/_presence.html#signed-out", {"edit_url": edit_url})
    response.status_code = 286  # htmx stops polling on this status (and still shows the notice)
    response["HX-Retarget"] = "#aviso-revisao"
    response["HX-Reswap"] = "innerHTML"
    return response
