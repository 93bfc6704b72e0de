"""Object grants on sections and deliverables: editors, specialists' access, coordinators."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, remove_perm

from core.permissions import forget_object_grants
from governance.models import MEMBER_ROLES, Role, User
from strategy import notices, permissions
from strategy.models import (
    Deliverable,
    Section,
)
from strategy.permissions import Action


def _check_member_or_specialist(person: User) -> None:
    if not person.takes_part_as(MEMBER_ROLES | {Role.SPECIALIST}):
        raise ValidationError(
            _("Only active members of the group and specialists can be given sections."),
            code="not_member",
        )


@transaction.atomic
def section_editor_assign(*, actor: User, section: Section, person: User) -> None:
    """Let ``person`` edit ``section`` (a specialist also gets to read it)."""
    permissions.require(actor, Action.ASSIGN, section)
    _check_member_or_specialist(person)
    assign_perm("strategy.change_section", person, section)
    if not permissions.reads_every_section(person):
        assign_perm("strategy.view_section", person, section)
    forget_object_grants(person)
    notices.section_assigned(section=section, person=person, actor=actor)


@transaction.atomic
def section_editor_remove(*, actor: User, section: Section, person: User) -> None:
    permissions.require(actor, Action.ASSIGN, section)
    remove_perm("strategy.change_section", person, section)
    forget_object_grants(person)


@transaction.atomic
def section_reader_grant(*, actor: User, section: Section, person: User) -> None:
    """Let a specialist read and comment on a section."""
    permissions.require(actor, Action.ASSIGN, section)
    if not permissions.may_be_granted_sections(person):
        raise ValidationError(
            _("Only specialists need to be given access to read a section."), code="not_specialist"
        )
    assign_perm("strategy.view_section", person, section)
    forget_object_grants(person)


@transaction.atomic
def section_reader_revoke(*, actor: User, section: Section, person: User) -> None:
    permissions.require(actor, Action.ASSIGN, section)
    remove_perm("strategy.view_section", person, section)
    remove_perm("strategy.change_section", person, section)
    forget_object_grants(person)


@transaction.atomic
def deliverable_coordinator_assign(*, actor: User, deliverable: Deliverable, person: User) -> None:
    """Make a representative (or secretariat member) coordinator of a deliverable."""
    permissions.require(actor, Action.ASSIGN, deliverable)
    if not person.takes_part_as(MEMBER_ROLES):
        raise ValidationError(
            _("Only active members of the group can coordinate a deliverable."), code="not_member"
        )
    assign_perm("strategy.coordinate_deliverable", person, deliverable)
    forget_object_grants(person)


@transaction.atomic
def deliverable_coordinator_remove(*, actor: User, deliverable: Deliverable, person: User) -> None:
    permissions.require(actor, Action.ASSIGN, deliverable)
    remove_perm("strategy.coordinate_deliverable", person, deliverable)
    forget_object_grants(person)
