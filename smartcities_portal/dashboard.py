"""What each person's home page shows: their tasks (by what they may do) and the deadlines."""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from contributions import permissions as contribution_permissions
from contributions import selectors as contribution_selectors
from contributions.permissions import Action as ContributionAction
from governance import permissions as governance_permissions
from governance import selectors as governance_selectors
from governance.models import User
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


def mandate() -> list[Deadline]:
    """The group's two deadlines (n.º 9 and n.º 10)."""
    from django.utils.translation import gettext as _

    group = governance_selectors.working_group()
    if group is None:
        return []
    return [
        Deadline(_("Proposals to the Government (n.º 9)"), group.proposals_due),
        Deadline(_("Governance structure in place; the group ends (n.º 10)"), group.governance_due),
    ]


def for_user(user: User) -> dict:
    manages_people = governance_permissions.can(user, GovernanceAction.MANAGE_PEOPLE)
    context: dict = {"mandate": mandate(), "manages_people": manages_people}
    if manages_people:
        entities = list(governance_selectors.entities_with_seats())
        context["vacant_entities"] = [e for e in entities if e.vacant_seats]
        context["vacant_seats"] = sum(e.vacant_seats for e in entities)
        context["pending_invitations"] = governance_selectors.invitations_pending().count()
    context["open_action_items"] = list(governance_selectors.open_action_items(user))
    context["today"] = timezone.localdate()
    if strategy_permissions.may_see_drafts(user):
        context["sections_to_edit"] = strategy_selectors.sections_edited_by(user)
        context["sections_to_review"] = strategy_selectors.sections_awaiting_review_by(user)
    if contribution_permissions.can(user, ContributionAction.CONTRIBUTE):
        context["contribution_organisation"] = contribution_permissions.organisation_of(user)
        context["open_calls"] = list(contribution_selectors.open_calls()[:5])
    if contribution_permissions.can(user, ContributionAction.BROWSE):
        context["contributions_to_review"] = contribution_selectors.reviews_assigned_to(user)
    return context
