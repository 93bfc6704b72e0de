"""Links declared on the strategy side: contributions and agenda items behind a section."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from contributions import permissions as contribution_permissions
from contributions.models import Contribution
from contributions.permissions import Action as ContributionAction
from governance.models import AgendaItem, User
from strategy import permissions
from strategy.models import (
    Section,
    SectionContribution,
)
from strategy.permissions import Action


@transaction.atomic
def section_contribution_link(
    *, actor: User, section: Section, contribution: Contribution, note: str = ""
) -> SectionContribution:
    """Record that a submitted contribution informed a section, with a note (traceability)."""
    permissions.require(actor, Action.LINK_CONTRIBUTION, section)
    if contribution.submitted_at is None or not contribution_permissions.can(
        actor, ContributionAction.READ, contribution
    ):
        raise ValidationError(
            _("Only a submitted contribution can be linked to a section."), code="not_submitted"
        )
    link = SectionContribution(
        section=section, contribution=contribution, note=note.strip(), linked_by=actor
    )
    link.full_clean()
    link.save()
    return link


@transaction.atomic
def section_contribution_unlink(*, actor: User, link: SectionContribution) -> None:
    """Remove a traceability link made by mistake."""
    permissions.require(actor, Action.LINK_CONTRIBUTION, link.section)
    link.delete()


@transaction.atomic
def section_link_agenda_items(
    *, actor: User, section: Section, agenda_items: Iterable[AgendaItem]
) -> Section:
    """Say at which meetings' agenda items the section is discussed (DESIGN.md: the link is
    declared here, above governance, and read there through ``AgendaItem.sections``)."""
    permissions.require(actor, Action.LINK_AGENDA_ITEMS, section)
    section.agenda_items.set(agenda_items)
    return section


# The action plan ------------------------------------------------------------------------------
