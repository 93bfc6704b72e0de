"""The action plan as data: actions with their indicators."""

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core.versions import delete_version, save_version
from governance.models import Entity, User
from strategy import permissions
from strategy.models import (
    ACTION_PLAN_SLUG,
    ActionIndicator,
    Deliverable,
    PlanAction,
)
from strategy.permissions import Action


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
        indicator.full_clean()
        if indicator.pk is not None:
            kept.add(indicator.pk)
        save_version(indicator, actor=actor, fields=["name", "target", "unit", "position"])
    for pk, indicator in existing.items():
        if pk not in kept:
            delete_version(indicator, actor=actor)


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


def _save_refusing_taken_code(
    action: PlanAction, *, actor: User, fields: list[str] | None = None, note: str = ""
) -> None:
    """Save, turning a code taken by a concurrent save (past full_clean) into a clear refusal."""
    try:
        with transaction.atomic():
            save_version(action, actor=actor, note=note, fields=fields)
    except IntegrityError:
        raise ValidationError(
            {"code": ValidationError(_("Another action already has this code."), code="unique")}
        ) from None


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
    action.full_clean()
    _save_refusing_taken_code(action, actor=actor)
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
    action.full_clean()
    _save_refusing_taken_code(action, actor=actor, fields=ACTION_FIELDS)
    action.involved_entities.set(involved)
    _sync_indicators(action, indicators, actor=actor)
    _renumber_actions(action.deliverable)
    return action


@transaction.atomic
def action_delete(*, actor: User, action: PlanAction) -> None:
    """Remove an action from the plan; its history (and its indicators') keeps the record."""
    permissions.require(actor, Action.EDIT_ACTIONS, action.deliverable)
    for indicator in action.indicators.all():
        delete_version(indicator, actor=actor)
    delete_version(action, actor=actor)
