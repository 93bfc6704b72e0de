"""The action plan as data: actions with their indicators."""

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.editing import EditableFields, apply_edit
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


def _indicator_rows(rows) -> tuple:
    """Indicators as comparable rows (id, name, target, unit), in order."""
    return tuple(
        (
            row["id"] if isinstance(row, Mapping) else row.id,
            *(
                str((row.get(key) if isinstance(row, Mapping) else getattr(row, key)) or "").strip()
                for key in ("name", "target", "unit")
            ),
        )
        for row in rows
    )


def _current_indicators(action: PlanAction) -> tuple:
    return _indicator_rows(action.indicators.order_by("position", "id"))


def _indicators_of_version(version) -> tuple:
    """The indicators as they stood after that version's save, until the action's next save
    (a save writes the action's version first, then its indicators')."""
    following = (
        PlanAction.history.filter(id=version.id, history_id__gt=version.history_id)
        .order_by("history_id")
        .first()
    )
    if following is None:
        return _current_indicators(PlanAction(pk=version.id))
    moment = following.history_date - timedelta(microseconds=1)
    rows = ActionIndicator.history.as_of(moment).filter(action_id=version.id)
    return _indicator_rows(sorted(rows, key=lambda row: (row.position, row.id)))


def _describe_indicators(rows: tuple) -> str:
    return (
        "; ".join(f"{name}: {target} {unit}".strip() for _row_id, name, target, unit in rows) or "—"
    )


#: What the action form edits, for the merge and the save alike.
ACTION_EDIT = EditableFields(
    model=PlanAction,
    values=("code", "title", "objective", "responsible", "start", "end", "funding", "state"),
    many=("involved_entities",),
    readers={"indicators": (_current_indicators, _indicators_of_version)},
    labels={"indicators": gettext_lazy("indicators and targets")},
    describers={"indicators": _describe_indicators},
)
ACTION_FIELDS = list(ACTION_EDIT.values)


def _save_refusing_taken_code(
    action: PlanAction,
    *,
    actor: User,
    fields: list[str] | None = None,
    note: str = "",
    many: dict | None = None,
) -> None:
    """Save, turning a code taken by a concurrent save (past full_clean) into a clear refusal."""
    try:
        with transaction.atomic():
            save_version(action, actor=actor, note=note, fields=fields, many=many)
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
    _save_refusing_taken_code(
        action, actor=actor, many={"involved_entities": [entity.pk for entity in involved]}
    )
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
    base_revision: int | None = None,
    change_note: str = "",
    resolutions: Mapping[int, tuple[str, str]] | None = None,
    seen_conflict: str = "",
) -> PlanAction:
    """Change an action's sheet and its indicators, merged with what was saved since the form's
    ``base_revision``; fields both changed differently raise ``EditConflict``."""
    permissions.require(actor, Action.EDIT_ACTIONS, action.deliverable)
    _check_involved(responsible, involved_entities)
    _check_indicators(indicators)
    action = PlanAction.objects.select_for_update().get(pk=action.pk)
    plan = apply_edit(
        action,
        ACTION_EDIT,
        # Without a base (a caller that did not start from a form) the edit applies as it is.
        base_revision=base_revision,
        submitted={
            "code": code,
            "title": title,
            "objective": objective,
            "responsible": responsible,
            "start": start,
            "end": end,
            "funding": funding,
            "state": state,
            "involved_entities": involved_entities,
            "indicators": _indicator_rows(
                [{**row, "id": row.get("id") or None} for row in indicators]
            ),
        },
        note=change_note,
        resolutions=resolutions,
        seen_conflict=seen_conflict,
    )
    merged = plan.values
    _check_involved(action.responsible, Entity.objects.filter(pk__in=merged["involved_entities"]))
    action.full_clean()
    _save_refusing_taken_code(
        action, actor=actor, note=plan.note, fields=plan.columns, many=plan.many
    )
    _sync_indicators(
        action,
        [
            {"id": row_id, "name": name, "target": target, "unit": unit}
            for row_id, name, target, unit in merged["indicators"]
        ],
        actor=actor,
    )
    _renumber_actions(action.deliverable)
    return action


@transaction.atomic
def action_delete(*, actor: User, action: PlanAction) -> None:
    """Remove an action from the plan; its history (and its indicators') keeps the record."""
    permissions.require(actor, Action.EDIT_ACTIONS, action.deliverable)
    for indicator in action.indicators.all():
        delete_version(indicator, actor=actor)
    delete_version(action, actor=actor)
