"""What each person's home page shows: their tasks by role and the group's deadlines.

Every list is read as ``values()`` rows of exactly the columns it prints, and only the lists the
person's permissions give them are read at all. The lists are rendered as one fragment
(``portal/_todo.html``) kept under a digest of every value they show (which lists, each row's
columns, today for the overdue badges, the time left on each call), so a change to any of them
shows at once; links and labels are worked out only when the fragment is rendered anew.
"""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.timesince import timeuntil

from contributions import permissions as contribution_permissions
from contributions import selectors as contribution_selectors
from contributions.models import Call, Contribution
from contributions.permissions import Action as ContributionAction
from core import compiled_reads
from core.compiled_reads import Later
from core.fragments import render_fragment
from governance import permissions as governance_permissions
from governance import selectors as governance_selectors
from governance.models import AgendaItem, Meeting, Minutes, User, WorkingGroup
from governance.permissions import Action as GovernanceAction
from strategy import permissions as strategy_permissions
from strategy import selectors as strategy_selectors
from strategy.models import Deliverable, Release, Section


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
    """What the person must do, by what they may do (never by the role's name).

    Each list the person's permissions give them is a list of ``values()`` rows; one they cannot
    give is absent (and not read). The compiled reads, the header's among them, are sent
    together and their rows read once every one is on its way (``compiled_reads.together``)."""
    today = timezone.localdate()
    with compiled_reads.together():
        group, unread = governance_selectors.header_reads(user)
        sent = _lists_sent(user)
    todo = {
        name: value.result() if isinstance(value, Later) else value for name, value in sent.items()
    }
    if "entities" in todo:
        vacant = [entity for entity in todo["entities"] if entity["seats"] > entity["filled_seats"]]
        todo["vacant_entities"] = [entity["short_name"] for entity in vacant]
        todo["vacant_seats"] = sum(entity["seats"] - entity["filled_seats"] for entity in vacant)
    todo |= _lists_read(user)
    # These two stand in for the header's (governance.context_processors), which base.html reads.
    return {
        **todo,
        "mandate": mandate(group.result()),
        "working_group": group.result(),
        "unread_notifications": unread.result(),
        "today": today,
        "entity_name": _entity_name(user, todo.get("entities", [])),
        "todo_html": render_todo(todo, today),
    }


def _lists_sent(user: User) -> dict:
    """The lists of compiled reads, sent (``Later``), and the flags of what the person does."""
    todo: dict = {}
    if governance_permissions.can(user, GovernanceAction.MANAGE_PEOPLE):
        todo["manages_people"] = True
        todo["entities"] = governance_selectors.entities_with_seat_counts()
        todo["pending_invitations"] = governance_selectors.pending_invitation_count()
    if governance_permissions.can(user, GovernanceAction.APPROVE_AGENDA):
        todo["runs_meetings"] = True
        todo["agendas_to_approve"] = governance_selectors.agendas_awaiting_approval()
        todo["minutes_in_circulation"] = governance_selectors.minutes_in_circulation()
    if governance_permissions.can(user, GovernanceAction.DECIDE_SPECIALIST):
        todo["specialist_requests"] = governance_selectors.specialist_requests_pending()
    if contribution_permissions.can(user, ContributionAction.ASSIGN_REVIEWERS):
        todo["assigns_reviewers"] = True
        todo["without_reviewers"] = contribution_selectors.submitted_without_reviewers()
    if governance_permissions.sees_every_meeting(user):
        todo["member"] = True
        todo["upcoming_meetings"] = governance_selectors.upcoming_meetings()
        todo["my_items"] = governance_selectors.items_proposed_by(user)
        todo["open_action_items"] = governance_selectors.open_action_items(user)
    reads_every_section = strategy_permissions.reads_every_section(user)
    if reads_every_section or strategy_permissions.may_see_drafts(user):
        todo["sections_to_edit"] = strategy_selectors.sections_edited_by(user)
        todo["threads_to_answer"] = strategy_selectors.threads_awaiting_answer_by(user)
    if reads_every_section:
        todo["sections_to_review"] = strategy_selectors.sections_awaiting_review_by(user)
    if contribution_permissions.can(user, ContributionAction.BROWSE):
        todo["contributions_to_review"] = contribution_selectors.review_rows_assigned_to(user)
    return todo


def _lists_read(user: User) -> dict:
    """The lists read through the ORM, each waiting for its own answer."""
    todo: dict = {}
    if not governance_permissions.sees_every_meeting(user) and (
        governance_permissions.may_see_meetings(user)
    ):
        todo["granted_items"] = governance_selectors.granted_items_with_meetings(user)
    if not strategy_permissions.reads_every_section(user) and (
        strategy_permissions.may_see_drafts(user)
    ):
        todo["granted_sections"] = strategy_selectors.sections_granted_to(user)
    contributes = contribution_permissions.can(user, ContributionAction.CONTRIBUTE)
    # A superuser may do everything, but only a contact has an organisation to list.
    organisation = contribution_permissions.organisation_of(user) if contributes else None
    if organisation is not None:
        todo["organisation_name"] = organisation.name
        todo["open_calls"] = [
            {**call, "left": timeuntil(call["closes_at"])}
            for call in contribution_selectors.open_calls().values("id", "title", "closes_at")[:5]
        ]
        todo["my_contributions"] = list(
            contribution_selectors.organisation_contributions(organisation).values(
                "id", "title", "state"
            )[:10]
        )
    if not strategy_permissions.may_see_drafts(user) and not contributes:
        todo["releases"] = list(
            strategy_permissions.releases_visible_to(user).values(
                "id", "deliverable__short_title", "label", "kind", "issued_on"
            )[:10]
        )
    return todo


def render_todo(todo: dict, today: date) -> SafeString:
    """The person's lists as HTML, from the cache when someone saw the very same values."""
    shown = [(name, _plain_rows(value)) for name, value in sorted(todo.items())]
    return render_fragment(
        "portal/_todo.html",
        {**todo, "today": today},
        shows=(today, shown),
        prepare=lambda: _link(todo),
    )


def _plain_rows(value):
    if isinstance(value, list):
        return [tuple(item.values()) if isinstance(item, dict) else item for item in value]
    return value


def _entity_name(user: User, entities: list[dict]) -> str:
    """The name of the person's entity, from the entities the page read if it read them."""
    if user.entity_id is None:
        return ""
    for entity in entities:
        if entity["id"] == user.entity_id:
            return entity["name"]
    return user.entity.name


def _section_url(slug: str, section_id: int) -> str:
    return Section(pk=section_id, deliverable=Deliverable(slug=slug)).get_absolute_url()


def _link(todo: dict) -> None:
    """Give each row its link and its labels (only when the lists are rendered anew), through
    the models' own ``get_absolute_url`` and choices."""

    def each(name: str):
        return todo.get(name) or []

    for row in each("agendas_to_approve") + each("upcoming_meetings"):
        row["url"] = Meeting(pk=row["id"]).get_absolute_url()
        if "state" in row:
            row["state_label"] = Meeting.State(row["state"]).label
    for row in each("specialist_requests"):
        row["url"] = Meeting(pk=row["meeting_id"]).get_absolute_url()
    for row in each("minutes_in_circulation"):
        row["url"] = Minutes(meeting_id=row["meeting_id"]).get_absolute_url()
    for row in each("open_action_items"):
        row["url"] = Minutes(meeting_id=row["minutes__meeting_id"]).get_absolute_url()
    for row in each("my_items") + each("granted_items"):
        row["url"] = AgendaItem(pk=row["id"], meeting_id=row["meeting_id"]).get_absolute_url()
        if "meeting__agenda_state" in row:
            row["agenda_state_label"] = Meeting.AgendaState(row["meeting__agenda_state"]).label
    for row in each("sections_to_edit") + each("sections_to_review") + each("granted_sections"):
        row["url"] = _section_url(row["deliverable__slug"], row["id"])
        row["status_label"] = Section.Status(row["status"]).label
    for row in each("threads_to_answer"):
        row["url"] = _section_url(row["section__deliverable__slug"], row["section_id"])
    for row in (
        each("without_reviewers") + each("contributions_to_review") + each("my_contributions")
    ):
        row["url"] = Contribution(pk=row["id"]).get_absolute_url()
        if "state" in row:
            row["state_label"] = Contribution.State(row["state"]).label
    for row in each("open_calls"):
        row["url"] = Call(pk=row["id"]).get_absolute_url()
    for row in each("releases"):
        row["url"] = Release(pk=row["id"]).get_absolute_url()
        row["kind_label"] = Release.Kind(row["kind"]).label
