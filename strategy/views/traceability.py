"""Pages where members record which sections a contribution informed, with a note.

The link is a strategy record (strategy sits above contributions); the contribution's own page
links here and lists the sections through the reverse relation.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from contributions import permissions as contribution_permissions
from contributions.models import Contribution
from core.confirm import Confirmation, confirm_then_act
from core.refusals import show_refusal
from strategy import permissions, services
from strategy.forms import SectionContributionForm
from strategy.models import SectionContribution


def _contribution_to_link(request: HttpRequest, contribution_id: int) -> Contribution:
    contribution = contribution_permissions.contribution_for_user_or_404(
        request.user, contribution_id
    )
    if not permissions.may_link_contributions(request.user):
        raise PermissionDenied
    return contribution


@login_required
@require_http_methods(["GET", "POST"])
def contribution_sections_view(request: HttpRequest, contribution_id: int) -> HttpResponse:
    contribution = _contribution_to_link(request, contribution_id)
    form = SectionContributionForm(
        request.POST or None, sections=permissions.sections_visible_to(request.user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.section_contribution_link(
                actor=request.user,
                section=form.cleaned_data["section"],
                contribution=contribution,
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("The contribution is linked to the section."))
            return redirect(contribution)
    links = contribution.section_links.select_related("section__deliverable", "linked_by")
    return render(
        request,
        "strategy/contribution_sections.html",
        {"contribution": contribution, "form": form, "links": list(links)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def contribution_section_unlink_view(
    request: HttpRequest, contribution_id: int, link_id: int
) -> HttpResponse:
    """Ask for confirmation, then remove a link made by mistake."""
    contribution = _contribution_to_link(request, contribution_id)
    link = get_object_or_404(
        SectionContribution.objects.select_related("section__deliverable"),
        pk=link_id,
        contribution=contribution,
    )
    back = reverse("strategy:contribution_sections", kwargs={"contribution_id": contribution.pk})
    return confirm_then_act(
        request,
        Confirmation(
            title=_("Remove the link"),
            question=_("Remove the link between «%(title)s» and «%(section)s»?")
            % {"title": contribution.title, "section": link.section.title},
            button=_("Remove the link"),
            danger=True,
            cancel_url=back,
        ),
        act=lambda: services.section_contribution_unlink(actor=request.user, link=link),
        done=_("Link removed."),
        next_url=back,
    )
