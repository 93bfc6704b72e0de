"""Sections of the deliverables: create, save versions (no lost updates), restore, move, review."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm

from core.markup import count_words
from core.transitions import Transitions, transition
from core.versions import save_version
from governance.models import MEMBER_ROLES, Role, User
from strategy import notices, permissions
from strategy.models import (
    Deliverable,
    Principle,
    Section,
)
from strategy.permissions import Action
from strategy.selectors import descendant_ids


class EditConflict(ValidationError):
    """A save whose base revision is no longer the current one: nothing was written."""

    def __init__(self, current: Section) -> None:
        super().__init__(
            _(
                "Someone saved this section while you were editing it. Your text was not saved: "
                "compare it with the current text below, merge them and save again."
            ),
            code="stale_revision",
        )
        self.current = current


def _locked(section: Section) -> Section:
    """Lock the section's row until the transaction ends (real on PostgreSQL; SQLite's
    immediate transactions serialise writers)."""
    return Section.objects.select_for_update().select_related("deliverable").get(pk=section.pk)


def _refuse_if_approved(section: Section) -> None:
    if section.status == Section.Status.APPROVED:
        raise ValidationError(
            _("This section is approved and read-only. Ask for it to be reopened to change it."),
            code="approved",
        )


def _save_version(section: Section, *, actor: User, note: str, fields: list[str]) -> None:
    section.updated_at, section.updated_by = timezone.now(), actor
    section.full_clean(exclude=["parent", "deliverable", "updated_by"])
    save_version(
        section,
        actor=actor,
        note=note.strip() or None,
        fields=[*fields, "updated_at", "updated_by"],
    )


@transaction.atomic
def section_create(
    *,
    actor: User,
    deliverable: Deliverable,
    title: str,
    parent: Section | None = None,
    body: str = "",
) -> Section:
    """Add a section at the end of its parent's children (or of the top level)."""
    permissions.require(actor, Action.ADD_SECTION, deliverable)
    if parent is not None and parent.deliverable_id != deliverable.pk:
        raise ValidationError(
            _("The parent section belongs to another deliverable."), code="parent"
        )
    siblings = Section.objects.filter(deliverable=deliverable, parent=parent)
    last = siblings.order_by("-position").values_list("position", flat=True).first()
    section = Section(
        deliverable=deliverable,
        parent=parent,
        position=0 if last is None else last + 1,
        title=title.strip(),
        body=body,
        word_count=count_words(body),
        updated_by=actor,
    )
    section.full_clean()
    save_version(section, actor=actor)
    if actor.takes_part_as(MEMBER_ROLES | {Role.SPECIALIST}):
        # Whoever starts a section goes on writing it: they become one of its editors.
        assign_perm("strategy.change_section", actor, section)
    return section


@transaction.atomic
def section_update(
    *,
    actor: User,
    section: Section,
    base_revision: int,
    title: str,
    body: str,
    change_note: str = "",
    principles: Iterable[Principle] | None = None,
) -> Section:
    """Save a new version of a section, unless someone saved since ``base_revision``."""
    permissions.require(actor, Action.EDIT, section)
    current = _locked(section)
    _refuse_if_approved(current)
    if current.revision != base_revision:
        raise EditConflict(current)
    current.title, current.body = title.strip(), body
    current.word_count = count_words(body)
    current.revision += 1
    _save_version(
        current, actor=actor, note=change_note, fields=["title", "body", "word_count", "revision"]
    )
    if principles is not None:
        current.principles.set(principles)
    return current


@transaction.atomic
def section_restore(*, actor: User, section: Section, version_id: int) -> Section:
    """Bring back an old version's title and text as a new version; history is kept whole."""
    permissions.require(actor, Action.EDIT, section)
    current = _locked(section)
    _refuse_if_approved(current)
    version = current.history.filter(history_id=version_id).first()
    if version is None:
        raise ValidationError(_("This version does not exist."), code="no_version")
    current.title, current.body = version.title, version.body
    current.word_count = count_words(version.body)
    current.revision += 1
    note = _("Restored revision %(revision)s") % {"revision": version.revision}
    _save_version(
        current, actor=actor, note=note, fields=["title", "body", "word_count", "revision"]
    )
    return current


@transaction.atomic
def section_move(
    *, actor: User, section: Section, parent: Section | None, position: int
) -> Section:
    """Put a section under ``parent`` at ``position`` among its siblings (0 is first)."""
    permissions.require(actor, Action.ARRANGE, section)
    section = _locked(section)
    if parent is not None:
        if parent.deliverable_id != section.deliverable_id:
            raise ValidationError(
                _("A section can only move inside its own deliverable."), code="other_deliverable"
            )
        if parent.pk == section.pk or parent.pk in descendant_ids(section):
            raise ValidationError(
                _("A section cannot move under itself or under one of its own subsections."),
                code="cycle",
            )
    siblings = list(
        Section.objects.select_for_update()
        .filter(deliverable_id=section.deliverable_id, parent=parent)
        .exclude(pk=section.pk)
        .order_by("position", "id")
    )
    position = max(0, min(position, len(siblings)))
    siblings.insert(position, section)
    section.parent = parent
    for index, sibling in enumerate(siblings):
        sibling.position = index
    Section.objects.bulk_update(siblings, ["parent", "position"])
    return section


# (from, to) → the action that allows the move; reopening needs a reason.
TRANSITIONS = Transitions(
    states=Section.Status,
    field="status",
    moves={
        (Section.Status.DRAFT, Section.Status.IN_REVIEW): Action.SUBMIT_FOR_REVIEW,
        (Section.Status.IN_REVIEW, Section.Status.APPROVED): Action.APPROVE,
        (Section.Status.IN_REVIEW, Section.Status.DRAFT): Action.REOPEN,
        (Section.Status.APPROVED, Section.Status.DRAFT): Action.REOPEN,
    },
    refusal=_("A section cannot go from «%(old)s» to «%(new)s»."),
)


@transaction.atomic
def section_change_status(
    *, actor: User, section: Section, status: str, reason: str = ""
) -> Section:
    """Move a section through review: draft → in review → approved, and back with a reason."""
    current = _locked(section)
    reopening = TRANSITIONS.action_for(current.status, status) == Action.REOPEN
    transition(
        current, TRANSITIONS, to=status, actor=actor, require=permissions.require, save=False
    )
    if reopening and not reason.strip():
        raise ValidationError(_("Say why the section is reopened."), code="reason_required")
    note = reason.strip() or {
        Section.Status.IN_REVIEW: _("Submitted for review"),
        Section.Status.APPROVED: _("Approved"),
    }.get(status, "")
    _save_version(current, actor=actor, note=note, fields=["status"])
    notices.section_moved(section=current, actor=actor)
    return current
