"""What each person's home page shows: their tasks by role and the group's deadlines."""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from contributions import permissions as contribution_permissions
from contributions import selectors as contribution_selectors
from contributions.permissions import Action as ContributionAction
from governance import permissions as governance_permissions
from governance import selectors as governance_selectors
from governance.models import User, WorkingGroup
from governance.permissions import Action as GovernanceAction
from strategy import permissions as strategy_permissions
from strategy import selectors as strategy_selectors


@dataclass(frozen=True)
class Deadline:
    label: str
    due: date

    @property
    def days_left(self) -> int:
        return (self.due - timezone.localdate()).days


def mandate(group: WorkingGroup | None) -> list[Deadline]:
    """The group's two deadlines (n.º 9 and n.º 10), from its record (``working_group()``)."""
    from django.utils.translation import gettext as _

    if group is None:
        return []
    return [
        Deadline(_("Proposals to the Government (n.º 9)"), group.proposals_due),
        Deadline(_("Governance structure in place; the group ends (n.º 10)"), group.governance_due),
    ]


def for_user(user: User) -> dict:
    """What the person must do, by what they may do (never by the role's name)."""
    today = timezone.localdate()
    group = governance_selectors.working_group()
    # ``working_group`` also stands in for the context processor's, which base.html reads.
    context: dict = {"mandate": mandate(group), "working_group": group, "today": today}
    if governance_permissions.can(user, GovernanceAction.MANAGE_PEOPLE):
        vacant = governance_selectors.entities_with_vacant_seats()
        context["manages_people"] = True
        context["vacant_entities"] = vacant
        context["vacant_seats"] = sum(entity.vacant_seats for entity in vacant)
        context["pending_invitations"] = governance_selectors.invitations_pending().count()
    if governance_permissions.can(user, GovernanceAction.APPROVE_AGENDA):
        context["runs_meetings"] = True
        context["agendas_to_approve"] = governance_selectors.agendas_awaiting_approval()
        context["minutes_in_circulation"] = governance_selectors.minutes_in_circulation()
    if governance_permissions.can(user, GovernanceAction.DECIDE_SPECIALIST):
        context["specialist_requests"] = governance_selectors.specialist_requests_pending()
    if contribution_permissions.can(user, ContributionAction.ASSIGN_REVIEWERS):
        context["assigns_reviewers"] = True
        context["without_reviewers"] = contribution_selectors.submitted_without_reviewers()
    if governance_permissions.sees_every_meeting(user):
        context["member"] = True
        context["upcoming_meetings"] = governance_selectors.upcoming_meetings(user)
        context["my_items"] = governance_selectors.items_proposed_by(user)
        context["open_action_items"] = list(governance_selectors.open_action_items(user))
    elif governance_permissions.may_see_meetings(user):
        context["granted_items"] = governance_selectors.granted_items_with_meetings(user)
    if strategy_permissions.reads_every_section(user):
        context["sections_to_edit"] = strategy_selectors.sections_edited_by(user)
        context["sections_to_review"] = strategy_selectors.sections_awaiting_review_by(user)
        context["threads_to_answer"] = strategy_selectors.threads_awaiting_answer_by(user)
    elif strategy_permissions.may_see_drafts(user):
        context["granted_sections"] = strategy_selectors.sections_granted_to(user)
        context["sections_to_edit"] = strategy_selectors.sections_edited_by(user)
        context["threads_to_answer"] = strategy_selectors.threads_awaiting_answer_by(user)
    if contribution_permissions.can(user, ContributionAction.CONTRIBUTE):
        context["contribution_organisation"] = contribution_permissions.organisation_of(user)
        context["open_calls"] = list(contribution_selectors.open_calls()[:5])
        context["my_contributions"] = list(
            contribution_selectors.organisation_contributions(context["contribution_organisation"])[
                :10
            ]
        )
    if contribution_permissions.can(user, ContributionAction.BROWSE):
        context["contributions_to_review"] = contribution_selectors.reviews_assigned_to(user)
    if not strategy_permissions.may_see_drafts(user) and not contribution_permissions.can(
        user, ContributionAction.CONTRIBUTE
    ):
        context["releases"] = list(strategy_permissions.releases_visible_to(user)[:10])
    return context
