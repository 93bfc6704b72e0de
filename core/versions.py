"""Record a version: who made the change and why, on the history row simple-history writes.

Services never set simple-history's private ``_history_user``/``_change_reason`` themselves;
they save (or delete) through these two functions, so every version carries its author and its
change note the same way.
"""

from collections.abc import Iterable

from django.db import models


def _mark(instance: models.Model, actor, note: str | None) -> None:
    instance._history_user = actor
    instance._change_reason = (note or "").strip() or None


def save_version(
    instance: models.Model, *, actor, note: str | None = "", fields: Iterable[str] | None = None
) -> None:
    """Save ``instance`` as a new version by ``actor`` with ``note``; only ``fields`` if given.

    A new row (no primary key yet) is saved whole; an existing one with ``update_fields`` so a
    concurrent save of other columns is not overwritten.
    """
    _mark(instance, actor, note)
    if fields is None or instance._state.adding:
        instance.save()
    else:
        instance.save(update_fields=list(fields))


def delete_version(instance: models.Model, *, actor, note: str | None = "") -> None:
    """Delete ``instance``; its history keeps a last version saying who removed it and why."""
    _mark(instance, actor, note)
    instance.delete()
