"""Record a version: who made the change and why, on the history row simple-history writes.

Services never set simple-history's private ``_history_user``/``_change_reason`` themselves;
they save (or delete) through these two functions, so every version carries its author and its
change note the same way.
"""

from collections.abc import Iterable, Mapping

from django.db import models


def _mark(instance: models.Model, actor, note: str | None) -> None:
    instance._history_user = actor
    instance._change_reason = (note or "").strip() or None


def save_version(
    instance: models.Model,
    *,
    actor,
    note: str | None = "",
    fields: Iterable[str] | None = None,
    many: Mapping[str, Iterable] | None = None,
) -> None:
    """Save ``instance`` as a new version by ``actor`` with ``note``; only ``fields`` if given.

    A new row (no primary key yet) is saved whole; an existing one with ``update_fields`` so a
    concurrent save of other columns is not overwritten. ``many`` sets many-to-many relations
    first, quietly, so the one version written records them too (simple-history's ``m2m_fields``
    would otherwise write a version per add and remove).
    """
    if many and instance._state.adding:
        # A new row's relations need its id: write it without a version, then add them, then
        # write the one version that records both.
        _quietly(instance, instance.save)
    if many:
        for name, related in many.items():
            _quietly(instance, getattr(instance, name).set, list(related))
    _mark(instance, actor, note)
    if fields is None or instance._state.adding:
        instance.save()
    else:
        instance.save(update_fields=list(fields))


def _quietly(instance: models.Model, write, *args) -> None:
    """Write without a history row (simple-history honours ``skip_history_when_saving``)."""
    instance.skip_history_when_saving = True
    try:
        write(*args)
    finally:
        del instance.skip_history_when_saving


def delete_version(instance: models.Model, *, actor, note: str | None = "") -> None:
    """Delete ``instance``; its history keeps a last version saying who removed it and why."""
    _mark(instance, actor, note)
    instance.delete()
