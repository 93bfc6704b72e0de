"""Every write to the deliverables: sections and their versions, review, grants and comments."""

import hashlib
import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, remove_perm

from contributions import permissions as contribution_permissions
from contributions.models import Contribution
from contributions.permissions import Action as ContributionAction
from governance.markup import count_words
from governance.models import MEMBER_ROLES, AgendaItem, Entity, Role, User
from strategy import documents, pdf, permissions
from strategy.models import (
    ACTION_PLAN_SLUG,
    ActionIndicator,
    Comment,
    Deliverable,
    PdfRender,
    PlanAction,
    Principle,
    Release,
    ReleaseDownload,
    Section,
    SectionContribution,
)
from strategy.permissions import Action
from strategy.selectors import descendant_ids

logger = logging.getLogger(__name__)


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
    section._history_user = actor
    section._change_reason = note.strip() or None
    section.full_clean(exclude=["parent", "deliverable", "updated_by"])
    section.save(update_fields=[*fields, "updated_at", "updated_by"])


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
    section._history_user = actor
    section.full_clean()
    section.save()
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
TRANSITIONS = {
    (Section.Status.DRAFT, Section.Status.IN_REVIEW): Action.SUBMIT_FOR_REVIEW,
    (Section.Status.IN_REVIEW, Section.Status.APPROVED): Action.APPROVE,
    (Section.Status.IN_REVIEW, Section.Status.DRAFT): Action.REOPEN,
    (Section.Status.APPROVED, Section.Status.DRAFT): Action.REOPEN,
}


@transaction.atomic
def section_change_status(
    *, actor: User, section: Section, status: str, reason: str = ""
) -> Section:
    """Move a section through review: draft → in review → approved, and back with a reason."""
    current = _locked(section)
    action = TRANSITIONS.get((current.status, status))
    if action is None:
        raise ValidationError(
            _("A section cannot go from «%(old)s» to «%(new)s».")
            % {
                "old": current.get_status_display(),
                "new": Section.Status(status).label if status in Section.Status else status,
            },
            code="transition",
        )
    permissions.require(actor, action, current)
    if action == Action.REOPEN and not reason.strip():
        raise ValidationError(_("Say why the section is reopened."), code="reason_required")
    current.status = status
    note = reason.strip() or {
        Section.Status.IN_REVIEW: _("Submitted for review"),
        Section.Status.APPROVED: _("Approved"),
    }.get(status, "")
    _save_version(current, actor=actor, note=note, fields=["status"])
    return current


def _check_member_or_specialist(person: User) -> None:
    if not person.is_active or (person.role not in MEMBER_ROLES and person.role != Role.SPECIALIST):
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
    if person.role == Role.SPECIALIST:
        assign_perm("strategy.view_section", person, section)


@transaction.atomic
def section_editor_remove(*, actor: User, section: Section, person: User) -> None:
    permissions.require(actor, Action.ASSIGN, section)
    remove_perm("strategy.change_section", person, section)


@transaction.atomic
def section_reader_grant(*, actor: User, section: Section, person: User) -> None:
    """Let a specialist read and comment on a section."""
    permissions.require(actor, Action.ASSIGN, section)
    if person.role != Role.SPECIALIST or not person.is_active:
        raise ValidationError(
            _("Only specialists need to be given access to read a section."), code="not_specialist"
        )
    assign_perm("strategy.view_section", person, section)


@transaction.atomic
def section_reader_revoke(*, actor: User, section: Section, person: User) -> None:
    permissions.require(actor, Action.ASSIGN, section)
    remove_perm("strategy.view_section", person, section)
    remove_perm("strategy.change_section", person, section)


@transaction.atomic
def deliverable_coordinator_assign(*, actor: User, deliverable: Deliverable, person: User) -> None:
    """Make a representative (or secretariat member) coordinator of a deliverable."""
    permissions.require(actor, Action.ASSIGN, deliverable)
    if person.role not in MEMBER_ROLES or not person.is_active:
        raise ValidationError(
            _("Only active members of the group can coordinate a deliverable."), code="not_member"
        )
    assign_perm("strategy.coordinate_deliverable", person, deliverable)


@transaction.atomic
def deliverable_coordinator_remove(*, actor: User, deliverable: Deliverable, person: User) -> None:
    permissions.require(actor, Action.ASSIGN, deliverable)
    remove_perm("strategy.coordinate_deliverable", person, deliverable)


@transaction.atomic
def comment_add(
    *, actor: User, section: Section, body: str, thread: Comment | None = None
) -> Comment:
    """Comment on a section (or reply in a thread), tied to the revision being read."""
    permissions.require(actor, Action.COMMENT, section)
    if thread is not None and (thread.section_id != section.pk or thread.thread_id is not None):
        raise ValidationError(_("You can only reply to a thread of this section."), code="thread")
    comment = Comment(
        section=section, thread=thread, author=actor, body=body.strip(), revision=section.revision
    )
    comment.full_clean()
    comment.save()
    return comment


@transaction.atomic
def comment_resolve(*, actor: User, comment: Comment) -> Comment:
    permissions.require(actor, Action.COMMENT, comment.section)
    if comment.thread_id is not None:
        raise ValidationError(_("Only a whole thread can be resolved."), code="reply")
    comment.resolved_at, comment.resolved_by = timezone.now(), actor
    comment.save(update_fields=["resolved_at", "resolved_by"])
    return comment


@transaction.atomic
def comment_reopen(*, actor: User, comment: Comment) -> Comment:
    permissions.require(actor, Action.COMMENT, comment.section)
    comment.resolved_at, comment.resolved_by = None, None
    comment.save(update_fields=["resolved_at", "resolved_by"])
    return comment


def _enqueue_render(render: PdfRender) -> None:
    from strategy.tasks import render_pdf_task

    transaction.on_commit(lambda: render_pdf_task.enqueue(render_id=render.pk))


@transaction.atomic
def pdf_render_request(
    *, actor: User | None, snapshot: dict, layout: str = PdfRender.Layout.DELIVERABLE
) -> PdfRender:
    """Ask for the PDF of a snapshot; content already rendered (or queued) is not rendered again."""
    deliverable = Deliverable.objects.get(slug=snapshot["deliverable"]["slug"])
    render, created = PdfRender.objects.select_for_update().get_or_create(
        content_hash=documents.snapshot_hash({**snapshot, "_layout": layout}),
        defaults={
            "deliverable": deliverable,
            "snapshot": snapshot,
            "layout": layout,
            "requested_by": actor,
        },
    )
    if created:
        _enqueue_render(render)
    return render


@transaction.atomic
def pdf_render_retry(*, actor: User, render: PdfRender) -> PdfRender:
    """Queue a failed render again."""
    render = PdfRender.objects.select_for_update().get(pk=render.pk)
    if render.state != PdfRender.State.FAILED:
        raise ValidationError(_("Only a failed PDF can be prepared again."), code="not_failed")
    render.state, render.error = PdfRender.State.QUEUED, ""
    render.save(update_fields=["state", "error"])
    _enqueue_render(render)
    return render


def pdf_render_run(*, render_id: int) -> PdfRender:
    """Render a queued PDF (called by the task worker); a failure is recorded, not raised."""
    with transaction.atomic():
        render = PdfRender.objects.select_for_update().get(pk=render_id)
        if render.state in {PdfRender.State.READY, PdfRender.State.RUNNING}:
            return render
        render.state, render.attempts = PdfRender.State.RUNNING, render.attempts + 1
        render.save(update_fields=["state", "attempts"])
    try:
        result = pdf.render(render.snapshot, layout=render.layout)
    except Exception as error:  # any failure must reach the person as «failed», with retry
        logger.exception("PDF render %s failed", render.pk)
        render.state, render.error = PdfRender.State.FAILED, str(error)[:2000]
        render.finished_at = timezone.now()
        render.save(update_fields=["state", "error", "finished_at"])
        return render
    render.pdf.save(f"{render.content_hash}.pdf", ContentFile(result.content), save=False)
    render.sha256 = hashlib.sha256(result.content).hexdigest()
    render.pages, render.state = result.pages, PdfRender.State.READY
    render.finished_at = timezone.now()
    render.save(update_fields=["pdf", "sha256", "pages", "state", "finished_at"])
    return render


def current_text_snapshot(deliverable: Deliverable) -> dict:
    """Freeze the current text; the label is document content, in the PDF's language (pt-PT)."""
    return documents.deliverable_snapshot(
        deliverable,
        label="texto atual",
        final=False,
        issued_on=timezone.localdate(),
    )


@transaction.atomic
def deliverable_export_request(*, actor: User, deliverable: Deliverable) -> PdfRender:
    """The PDF of a deliverable's current text (always a working version)."""
    permissions.require(actor, Action.EXPORT, deliverable)
    return pdf_render_request(actor=actor, snapshot=current_text_snapshot(deliverable))


@transaction.atomic
def release_publish(
    *, actor: User, deliverable: Deliverable, label: str, kind: str, visibility: str
) -> Release:
    """Freeze the deliverable's current section versions as a release and queue its PDF."""
    permissions.require(actor, Action.PUBLISH, deliverable)
    Deliverable.objects.select_for_update().get(pk=deliverable.pk)  # one publication at a time
    if Release.objects.filter(deliverable=deliverable, label=label).exists():
        raise ValidationError(
            {
                "label": ValidationError(
                    _("This deliverable already has a release %(label)s."),
                    code="label_taken",
                    params={"label": label},
                )
            }
        )
    sections = Section.objects.filter(deliverable=deliverable)
    if not sections.exists():
        raise ValidationError(_("A deliverable without sections cannot be released."), code="empty")
    issued_on = timezone.localdate()
    snapshot = documents.deliverable_snapshot(
        deliverable, label=label, final=kind == Release.Kind.FINAL, issued_on=issued_on
    )
    release = Release(
        deliverable=deliverable,
        label=label,
        kind=kind,
        visibility=visibility,
        issued_on=issued_on,
        published_by=actor,
        render=pdf_render_request(actor=actor, snapshot=snapshot),
    )
    release.full_clean()
    release.save()
    latest_versions = [
        Section.history.filter(id=section_id).latest("history_id")
        for section_id in sections.values_list("id", flat=True)
    ]
    release.section_versions.set(latest_versions)
    return release


def release_download_record(*, release: Release, user: User | None) -> ReleaseDownload:
    """Log a download (who, when)."""
    return ReleaseDownload.objects.create(
        release=release, user=user if user and user.is_authenticated else None
    )


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


def _action_plan() -> Deliverable:
    return Deliverable.objects.get(slug=ACTION_PLAN_SLUG)


def _check_involved(responsible: Entity, involved: Iterable[Entity]) -> list[Entity]:
    involved = list(involved)
    if responsible in involved:
        raise ValidationError(
            {
                "involved_entities": ValidationError(
                    _("The responsible entity is not also listed among the entities involved."),
                    code="responsible_involved",
                )
            }
        )
    return involved


def _check_indicators(indicators: Sequence[Mapping]) -> None:
    if not indicators:
        raise ValidationError(
            _("Give the action at least one indicator with its target."), code="no_indicator"
        )
    if any(not str(row.get("name", "")).strip() for row in indicators):
        raise ValidationError(_("Every indicator needs a name."), code="indicator_name")
    if any(not str(row.get("target", "")).strip() for row in indicators):
        raise ValidationError(_("Every indicator needs a target."), code="indicator_target")


def _sync_indicators(action: PlanAction, indicators: Sequence[Mapping], *, actor: User) -> None:
    """Make the action's indicators the given rows, in order: known ids are updated in place
    (so each keeps its history), new rows are added, the others removed."""
    existing = {indicator.pk: indicator for indicator in action.indicators.all()}
    kept: set[int] = set()
    for position, row in enumerate(indicators):
        indicator = existing.get(row.get("id")) if row.get("id") else None
        if row.get("id") and indicator is None:
            raise ValidationError(
                _("This indicator belongs to another action."), code="indicator_unknown"
            )
        indicator = indicator or ActionIndicator(action=action)
        indicator.name = str(row["name"]).strip()
        indicator.target = str(row["target"]).strip()
        indicator.unit = str(row.get("unit") or "").strip()
        indicator.position = position
        indicator._history_user = actor
        indicator.full_clean()
        if indicator.pk is None:
            indicator.save()
        else:
            kept.add(indicator.pk)
            indicator.save(update_fields=["name", "target", "unit", "position"])
    for pk, indicator in existing.items():
        if pk not in kept:
            indicator._history_user = actor
            indicator.delete()


def _code_order(code: str) -> tuple[int, ...]:
    """A1.2 before A1.10: codes compared by their numbers."""
    return tuple(int(number) for number in re.findall(r"\d+", code))


def _renumber_actions(plan: Deliverable) -> None:
    """Keep the actions in code order (A1.1, A1.2 … A1.10, A2.1) by their position."""
    actions = sorted(
        PlanAction.objects.filter(deliverable=plan).only("id", "code", "position"),
        key=lambda action: (_code_order(action.code), action.code),
    )
    moved = []
    for position, action in enumerate(actions):
        if action.position != position:
            action.position = position
            moved.append(action)
    PlanAction.objects.bulk_update(moved, ["position"])


ACTION_FIELDS = ["code", "title", "objective", "responsible", "start", "end", "funding", "state"]


@transaction.atomic
def action_create(
    *,
    actor: User,
    code: str,
    title: str,
    objective: str,
    responsible: Entity,
    start: date,
    end: date,
    funding: str,
    indicators: Sequence[Mapping],
    involved_entities: Iterable[Entity] = (),
    state: str = PlanAction.State.PLANNED,
) -> PlanAction:
    """Add an action to the action plan, with at least one indicator and its target."""
    plan = _action_plan()
    permissions.require(actor, Action.EDIT_ACTIONS, plan)
    involved = _check_involved(responsible, involved_entities)
    _check_indicators(indicators)
    action = PlanAction(
        deliverable=plan,
        code=code.strip(),
        title=title.strip(),
        objective=objective,
        responsible=responsible,
        start=start,
        end=end,
        funding=funding.strip(),
        state=state,
    )
    action._history_user = actor
    action.full_clean()
    action.save()
    action.involved_entities.set(involved)
    _sync_indicators(action, indicators, actor=actor)
    _renumber_actions(plan)
    return action


@transaction.atomic
def action_update(
    *,
    actor: User,
    action: PlanAction,
    code: str,
    title: str,
    objective: str,
    responsible: Entity,
    start: date,
    end: date,
    funding: str,
    state: str,
    indicators: Sequence[Mapping],
    involved_entities: Iterable[Entity] = (),
) -> PlanAction:
    """Change an action's sheet and its indicators."""
    permissions.require(actor, Action.EDIT_ACTIONS, action.deliverable)
    involved = _check_involved(responsible, involved_entities)
    _check_indicators(indicators)
    action = PlanAction.objects.select_for_update().get(pk=action.pk)
    action.code, action.title = code.strip(), title.strip()
    action.objective, action.responsible = objective, responsible
    action.start, action.end = start, end
    action.funding, action.state = funding.strip(), state
    action._history_user = actor
    action.full_clean()
    action.save(update_fields=ACTION_FIELDS)
    action.involved_entities.set(involved)
    _sync_indicators(action, indicators, actor=actor)
    _renumber_actions(action.deliverable)
    return action


@transaction.atomic
def action_delete(*, actor: User, action: PlanAction) -> None:
    """Remove an action from the plan; its history (and its indicators') keeps the record."""
    permissions.require(actor, Action.EDIT_ACTIONS, action.deliverable)
    for indicator in action.indicators.all():
        indicator._history_user = actor
        indicator.delete()
    action._history_user = actor
    action.delete()
