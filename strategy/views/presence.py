"""Who else has a section open for editing, and the notice that someone saved meanwhile.

The mechanism is core.presence (its fragment ``core/_presence.html``); this view checks access
and says what a section's revisions are and where two of them are compared. The section page
asks for the list only (a GET stores nothing); the edit form's heartbeat is a POST.
"""

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.presence import (
    NewerRevision,
    PresenceTarget,
    presence_answer,
    presence_context,
    presence_signed_out,
)
from strategy import permissions, selectors
from strategy.models import Section
from strategy.permissions import Action


def section_presence_target(section: Section) -> PresenceTarget:
    url_kwargs = {"slug": section.deliverable.slug, "section_id": section.pk}
    return PresenceTarget(
        obj=section,
        url=reverse("strategy:section_presence", kwargs=url_kwargs),
        revision=section.revision,
        nobody_text=_("Nobody else has this section open for editing."),
        newer_than=lambda base_revision: _newer_revision(section, base_revision),
    )


def section_presence_context(request: HttpRequest, section: Section, *, editing: bool) -> dict:
    return presence_context(request, section_presence_target(section), editing=editing)


def _newer_revision(section: Section, base_revision: int) -> NewerRevision:
    """Who saved the current revision, and the comparison with the form's base revision."""
    versions = dict(
        section.history.filter(revision__in=[base_revision, section.revision])
        .order_by("history_id")
        .values_list("revision", "history_id")
    )
    compare_url = ""
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
    written = selectors.current_revision(section).result()
    return NewerRevision(
        revision=section.revision,
        by=written.history_user if written else None,
        url=compare_url,
    )


@require_http_methods(["GET", "POST"])
def section_presence_view(request: HttpRequest, slug: str, section_id: int) -> HttpResponse:
    """The presence fragment; a POST is the edit form's heartbeat (with its base revision)."""
    if not request.user.is_authenticated:
        edit_url = reverse("strategy:section_edit", kwargs={"slug": slug, "section_id": section_id})
        return presence_signed_out(request, edit_url=edit_url)
    section = permissions.section_for_user_or_404(request.user, slug, section_id)
    return presence_answer(
        request,
        section_presence_target(section),
        may_edit=lambda: permissions.can(request.user, Action.EDIT, section),
    )
