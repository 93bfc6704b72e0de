"""State transitions as data: one table per workflow, one function that makes a move.

A table maps (from-state, to-state) to the permission action the move needs. ``transition()``
reads the table (a move it does not list is refused with a clear message), asks the app's own
permission check for that action (the app passes its ``permissions.require`` in, so the
decision stays in the app's ``permissions.py``), sets the new state and records the move as a
version with its author and note.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models

from core.versions import save_version

Require = Callable[[object, object, object], None]


@dataclass(frozen=True)
class Transitions:
    """The moves of one workflow: ``moves[(from, to)]`` is the action the move needs."""

    states: type[models.TextChoices]
    moves: Mapping[tuple[str, str], object]
    #: A sentence with «%(old)s» and «%(new)s», shown when the table has no such move.
    refusal: str
    code: str = "transition"
    field: str = "state"

    def action_for(self, current: str, target: str) -> object | None:
        return self.moves.get((current, target))

    def targets_from(self, current: str) -> list[str]:
        """The states the table allows from ``current``, in table order."""
        return [to for (start, to) in self.moves if start == current]

    def label(self, state: str) -> str:
        return self.states(state).label if state in self.states.values else str(state)


def transition(
    instance: models.Model,
    table: Transitions,
    *,
    to: str,
    actor,
    require: Require,
    permission_object: object = None,
    note: str | None = "",
    also: Mapping[str, object] | None = None,
    save: bool = True,
    extra_fields: Iterable[str] = (),
) -> list[str]:
    """Move ``instance`` to ``to`` if the table allows it and ``actor`` may; record the version.

    ``also`` sets other fields with the move (who approved, when); ``save=False`` leaves the
    save to the caller, which then records the version itself. Returns the changed fields.
    """
    current = getattr(instance, table.field)
    action = table.action_for(current, to)
    if action is None:
        raise ValidationError(
            table.refusal % {"old": table.label(current), "new": table.label(to)},
            code=table.code,
        )
    require(actor, action, instance if permission_object is None else permission_object)
    setattr(instance, table.field, to)
    fields = [table.field, *extra_fields]
    for name, value in (also or {}).items():
        setattr(instance, name, value)
        fields.append(name)
    if save:
        save_version(instance, actor=actor, note=note, fields=fields)
    return fields
