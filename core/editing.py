"""Optimistic editing with three-way merge, for everything several people edit.

Every edit form carries the revision it started from (its *base*). On save, each edited field
is compared three ways: the base version (from the history), the person's own text (*mine*) and
the row as it is now (*theirs*, saved by someone else meanwhile):

* a field only one side changed keeps that change — a stale form never reverts a title, a date,
  an entity or a set of principles someone else changed;
* a text both sides changed is merged line by line with merge3 (a Markdown paragraph is a line
  of the text box), so edits to different paragraphs combine by themselves;
* what both sides changed differently — the same paragraph, or a title, date or amount — is a
  conflict: :class:`EditConflict` carries each conflicting passage so the conflict page can ask
  «keep mine», «keep the current one» or a free edit, with everything else already merged.

The app's service locks the row, calls :func:`merge_edit`, applies the merged values, and saves
the version with :func:`core.versions.save_version`; :func:`merged_note` words the change note
«combinada com a revisão N de <pessoa>». One :class:`EditableFields` per model declares what
its form edits, so the form, the merge and the save read the same list.
"""

import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import formats
from django.utils.html import escape
from django.utils.translation import gettext as _
from merge3 import Merge3

from core.diff import text_diff, word_diff
from core.markup import render_markdown

MINE, THEIRS, EDIT = "mine", "theirs", "edit"
RESOLUTION_CHOICES = (MINE, THEIRS, EDIT)

Reader = Callable[[Any], Any]


@dataclass(frozen=True)
class EditableFields:
    """What one model's edit form changes, by how each field merges.

    ``text``: long texts merged by line/paragraph. ``values``: compared whole (titles, dates,
    amounts, choices, foreign keys by id). ``many``: many-to-many relations, compared as sets of
    ids (the model's history must record them: ``HistoricalRecords(m2m_fields=[…])``).
    ``readers`` reads a field that is not a plain column: name → (read the live row, read a
    historical version).
    """

    model: type[models.Model]
    text: tuple[str, ...] = ()
    values: tuple[str, ...] = ()
    many: tuple[str, ...] = ()
    readers: Mapping[str, tuple[Reader, Reader]] = field(default_factory=dict)
    #: Labels and read-outs for the readers' fields (the model has no field to name them).
    labels: Mapping[str, str] = field(default_factory=dict)
    describers: Mapping[str, Callable[[Any], str]] = field(default_factory=dict)
    revision_field: str = "revision"

    @property
    def names(self) -> tuple[str, ...]:
        return (*self.values, *self.text, *self.many, *self.readers)

    def label(self, name: str) -> str:
        if name in self.labels:
            return str(self.labels[name])
        try:
            return str(self.model._meta.get_field(name).verbose_name)
        except Exception:  # a reader's name, not a model field
            return name

    def _column(self, name: str) -> str:
        model_field = self.model._meta.get_field(name)
        return model_field.attname if model_field.is_relation else name

    def normalise(self, name: str, value: Any) -> Any:
        """Bring a submitted, live or historical value to one comparable form."""
        if name in self.text:
            return (value or "").replace("\r\n", "\n").replace("\r", "\n")
        if name in self.many:
            return frozenset(
                item.pk if isinstance(item, models.Model) else int(item) for item in value or ()
            )
        if isinstance(value, models.Model):
            return value.pk
        if isinstance(value, str):
            return value.strip()
        return value

    def read(self, instance: models.Model) -> dict[str, Any]:
        """The edited fields of the row as it is now."""
        values = {}
        for name in self.names:
            if name in self.readers:
                raw = self.readers[name][0](instance)
            elif name in self.many:
                raw = getattr(instance, name).values_list("pk", flat=True)
            else:
                raw = getattr(instance, self._column(name))
            values[name] = self.normalise(name, raw)
        return values

    def read_version(self, version: Any) -> dict[str, Any]:
        """The edited fields as a historical version recorded them."""
        values = {}
        for name in self.names:
            if name in self.readers:
                raw = self.readers[name][1](version)
            elif name in self.many:
                through = getattr(version, name).model
                target = next(
                    f.attname
                    for f in through._meta.fields
                    if f.is_relation
                    and f.related_model is self.model._meta.get_field(name).related_model
                )
                raw = getattr(version, name).values_list(target, flat=True)
            else:
                raw = getattr(version, self._column(name))
            values[name] = self.normalise(name, raw)
        return values


@dataclass
class Passage:
    """One place where both sides changed the same thing differently."""

    number: int
    field: str
    label: str
    base: Any
    mine: Any
    theirs: Any
    #: Text passages can be rewritten freely; a date or an entity is one side or the other.
    editable: bool = True

    @property
    def is_text(self) -> bool:
        return isinstance(self.mine, str) and isinstance(self.theirs, str)


@dataclass
class _TextPiece:
    lines: list[str] | None = None
    passage: Passage | None = None


@dataclass
class Merge:
    """The outcome of comparing base, mine and theirs over every edited field."""

    values: dict[str, Any]
    #: Fields where the other person's change was kept alongside mine.
    merged_fields: list[str]
    passages: list[Passage]
    theirs_revision: int
    theirs_author: Any
    _pieces: dict[str, list[_TextPiece]] = field(default_factory=dict)

    @property
    def has_conflicts(self) -> bool:
        return bool(self.passages)

    @property
    def fingerprint(self) -> str:
        """Names this exact set of passages, so resolutions apply only to the ones shown."""
        digest = hashlib.sha256(str(self.theirs_revision).encode())
        for passage in self.passages:
            digest.update(repr((passage.field, passage.mine, passage.theirs)).encode())
        return digest.hexdigest()[:32]

    def resolve(self, resolutions: Mapping[int, tuple[str, str]]) -> dict[str, Any]:
        """Apply the person's choice for each passage: (``mine``/``theirs``/``edit``, text)."""
        known = {passage.number: passage for passage in self.passages}
        unknown = sorted(set(resolutions) - set(known))
        if unknown:
            raise ValidationError(
                _("The merge refers to a passage that does not exist (%(passages)s).")
                % {"passages": ", ".join(str(number) for number in unknown)},
                code="unknown_passage",
            )
        missing = sorted(set(known) - set(resolutions))
        if missing:
            raise ValidationError(
                _("Choose how to resolve every passage in conflict (missing: %(passages)s).")
                % {"passages": ", ".join(str(number) for number in missing)},
                code="unresolved_passage",
            )
        chosen: dict[int, Any] = {}
        for number, (choice, text) in resolutions.items():
            passage = known[number]
            if choice not in RESOLUTION_CHOICES or (choice == EDIT and not passage.editable):
                raise ValidationError(
                    _("Passage %(number)s: choose «keep mine», «keep the current one» or edit it.")
                    % {"number": number},
                    code="bad_resolution",
                )
            chosen[number] = {MINE: passage.mine, THEIRS: passage.theirs}.get(choice, text)
        values = dict(self.values)
        for passage in self.passages:
            if passage.field not in self._pieces:
                values[passage.field] = chosen[passage.number]
        for name, pieces in self._pieces.items():
            lines: list[str] = []
            for piece in pieces:
                if piece.passage is None:
                    lines.extend(piece.lines or [])
                else:
                    resolved = chosen[piece.passage.number]
                    resolved = (resolved or "").replace("\r\n", "\n")
                    if resolved:
                        lines.extend(resolved.split("\n"))
            values[name] = "\n".join(lines)
        return values


def base_version(instance: models.Model, fields: EditableFields, revision: Any):
    """The historical version a form started from; a revision that never was is refused."""
    try:
        revision = int(revision)
    except (TypeError, ValueError):
        revision = -1
    current = getattr(instance, fields.revision_field)
    version = (
        instance.history.filter(**{fields.revision_field: revision}).order_by("-history_id").first()
        if 0 < revision <= current
        else None
    )
    if version is None:
        raise ValidationError(
            _(
                "The form refers to a revision that does not exist (%(revision)s). Open the "
                "page again and repeat your change."
            )
            % {"revision": revision if revision >= 0 else "?"},
            code="unknown_revision",
        )
    return version


def _merge_text(base: str, mine: str, theirs: str) -> tuple[list[_TextPiece], bool]:
    pieces: list[_TextPiece] = []
    conflicted = False
    groups = Merge3(base.split("\n"), mine.split("\n"), theirs.split("\n")).merge_groups()
    for group in groups:
        if group[0] == "conflict":
            _, base_lines, mine_lines, theirs_lines = group
            conflicted = True
            pieces.append(
                _TextPiece(
                    passage=Passage(
                        number=0,
                        field="",
                        label="",
                        base="\n".join(base_lines),
                        mine="\n".join(mine_lines),
                        theirs="\n".join(theirs_lines),
                    )
                )
            )
        else:
            pieces.append(_TextPiece(lines=list(group[1])))
    return pieces, conflicted


def merge_edit(
    instance: models.Model,
    fields: EditableFields,
    *,
    base_revision: Any,
    submitted: Mapping[str, Any],
    base: Mapping[str, Any] | None = None,
) -> Merge:
    """Merge the submitted values into the locked ``instance`` against the form's base.

    ``base`` gives the base values directly, for a form that started before the row existed
    (two people writing the first version at once). Without a base revision (a caller that did
    not start from a form) the edit applies to the row as it is now.
    """
    current_revision = getattr(instance, fields.revision_field)
    if base_revision is None and base is None:
        base_revision, base = current_revision, fields.read(instance)
    latest = instance.history.order_by("-history_id").first()
    if base is not None:
        base_values = {name: fields.normalise(name, base.get(name)) for name in fields.names}
    else:
        base_values = fields.read_version(base_version(instance, fields, base_revision))
    theirs_values = fields.read(instance)
    mine_values = {
        name: fields.normalise(name, submitted[name]) if name in submitted else base_values[name]
        for name in fields.names
    }
    values: dict[str, Any] = {}
    merged_fields: list[str] = []
    passages: list[Passage] = []
    pieces: dict[str, list[_TextPiece]] = {}
    for name in fields.names:
        base, mine, theirs = base_values[name], mine_values[name], theirs_values[name]
        if mine == theirs or theirs == base:
            values[name] = mine
            continue
        if mine == base:
            values[name] = theirs
            merged_fields.append(name)
            continue
        label = fields.label(name)
        if name in fields.text:
            text_pieces, conflicted = _merge_text(base, mine, theirs)
            for piece in text_pieces:
                if piece.passage is not None:
                    piece.passage.number = len(passages) + 1
                    piece.passage.field, piece.passage.label = name, label
                    passages.append(piece.passage)
            if conflicted:
                pieces[name] = text_pieces
            values[name] = "\n".join(line for piece in text_pieces for line in (piece.lines or []))
            merged_fields.append(name)
            continue
        passages.append(
            Passage(
                number=len(passages) + 1,
                field=name,
                label=label,
                base=base,
                mine=mine,
                theirs=theirs,
                editable=isinstance(mine, str) and isinstance(theirs, str),
            )
        )
        values[name] = mine
    return Merge(
        values=values,
        merged_fields=merged_fields if str(current_revision) != str(base_revision) else [],
        passages=passages,
        theirs_revision=current_revision,
        theirs_author=getattr(latest, "history_user", None),
        _pieces=pieces,
    )


class EditConflict(ValidationError):
    """Both sides changed the same passage: nothing was written; the passages say where."""

    def __init__(self, merge: Merge, *, current: models.Model, mine: Mapping[str, Any]) -> None:
        super().__init__(
            _(
                "Someone saved a new revision while you were editing, and some of your changes "
                "touch the same passages. Everything else is already merged: choose how to "
                "resolve each passage below and save again."
            ),
            code="stale_revision",
        )
        self.merge, self.current, self.mine = merge, current, dict(mine)


def resolve_or_refuse(
    merge: Merge,
    *,
    current: models.Model,
    submitted: Mapping[str, Any],
    resolutions: Mapping[int, tuple[str, str]] | None,
    seen_conflict: str = "",
) -> dict[str, Any]:
    """The values to save: merged, with the person's resolutions applied to the conflicts.

    Resolutions count only for the passages the conflict page showed (``seen_conflict`` is that
    page's :attr:`Merge.fingerprint`); if someone saved again since, the person is asked again.
    A resolution when there is nothing to resolve, or for a passage that does not exist, is
    refused.
    """
    if resolutions and not merge.has_conflicts:
        raise ValidationError(
            _("The merge refers to a passage that does not exist (%(passages)s).")
            % {"passages": ", ".join(str(number) for number in sorted(resolutions))},
            code="unknown_passage",
        )
    if resolutions and seen_conflict != merge.fingerprint:
        resolutions = None
    if merge.has_conflicts and not resolutions:
        raise EditConflict(merge, current=current, mine=submitted)
    if resolutions:
        return merge.resolve(resolutions)
    return merge.values


@dataclass(frozen=True)
class EditPlan:
    """What :func:`apply_edit` set on the row, for the app's service to save as a version."""

    columns: list[str]
    many: dict[str, list[int]]
    #: Every edited field's merged value (readers' fields included, for the app to apply).
    values: dict[str, Any]
    note: str
    message: str
    merge: Merge


def apply_edit(
    instance: models.Model,
    fields: EditableFields,
    *,
    base_revision: Any,
    submitted: Mapping[str, Any],
    note: str = "",
    resolutions: Mapping[int, tuple[str, str]] | None = None,
    seen_conflict: str = "",
    base: Mapping[str, Any] | None = None,
) -> EditPlan:
    """Merge a submitted edit into the locked row and set the result on it (not saved yet).

    Raises :class:`EditConflict` when passages overlap and are not (or no longer) resolved,
    and ``ValidationError`` for a forged base revision or resolution. The revision goes up by
    one; the plan's ``columns`` include it.
    """
    merge = merge_edit(
        instance, fields, base_revision=base_revision, submitted=submitted, base=base
    )
    values = resolve_or_refuse(
        merge,
        current=instance,
        submitted=submitted,
        resolutions=resolutions,
        seen_conflict=seen_conflict,
    )
    columns, many = apply_values(instance, fields, values)
    setattr(instance, fields.revision_field, getattr(instance, fields.revision_field) + 1)
    message = merged_message(fields, merge)
    instance.merged_message = message
    return EditPlan(
        columns=[*columns, fields.revision_field],
        many=many,
        values=values,
        note=merged_note(note, merge),
        message=message,
        merge=merge,
    )


def merged_note(note: str, merge: Merge) -> str:
    """The change note, saying which revision (and whose) it was combined with, if any."""
    if not merge.merged_fields and not merge.passages:
        return (note or "").strip()
    author = merge.theirs_author
    combined = _("combined with revision %(revision)s by %(person)s") % {
        "revision": merge.theirs_revision,
        "person": getattr(author, "full_name", None) or author or _("someone"),
    }
    note = (note or "").strip()
    return f"{note} ({combined})" if note else combined[:1].upper() + combined[1:]


def merged_message(fields: EditableFields, merge: Merge) -> str:
    """What to tell the editor after a save that combined their changes with someone else's."""
    if not merge.merged_fields and not merge.passages:
        return ""
    names = ", ".join(fields.label(name) for name in merge.merged_fields) or "—"
    author = merge.theirs_author
    return _(
        "Saved, combined with revision %(revision)s by %(person)s, which changed in the "
        "meantime: %(fields)s. Both sets of changes were kept."
    ) % {
        "revision": merge.theirs_revision,
        "person": getattr(author, "full_name", None) or author or _("someone"),
        "fields": names,
    }


def resolutions_from(
    data: Mapping[str, Any], prefix: str = "passage"
) -> dict[int, tuple[str, str]]:
    """Read ``passage-<n>`` (mine/theirs/edit) and ``passage-<n>-text`` from a posted form."""
    resolutions: dict[int, tuple[str, str]] = {}
    for key in data:
        head, _, number = key.partition("-")
        if head != prefix or not number.isdigit():
            continue
        resolutions[int(number)] = (
            str(data.get(key)),
            str(data.get(f"{prefix}-{number}-text", "")),
        )
    return resolutions


def apply_values(
    instance: models.Model, fields: EditableFields, values: Mapping[str, Any]
) -> tuple[list[str], dict[str, Iterable[int]]]:
    """Set the merged column values on ``instance``; return the columns and the m2m sets."""
    columns, many = [], {}
    for name in fields.names:
        if name in fields.readers:
            continue
        if name in fields.many:
            many[name] = sorted(values[name])
            continue
        setattr(instance, fields._column(name), values[name])
        columns.append(name)
    return columns, many


@dataclass(frozen=True)
class ShownPassage:
    """A passage as the conflict page shows it: both sides rendered, and their differences."""

    passage: Passage
    mine: str
    theirs: str
    diff: Any


def _describe(fields: EditableFields, name: str, value: Any) -> str:
    """A value as people read it: an entity's name, a choice's label, a date, a set of names."""
    if name in fields.describers:
        return fields.describers[name](value)
    if name in fields.readers:
        return str(value)
    try:
        model_field = fields.model._meta.get_field(name)
    except Exception:
        return str(value) if value not in (None, "") else "—"
    if model_field.is_relation:
        ids = value if isinstance(value, frozenset) else [value]
        related = model_field.related_model.objects.filter(pk__in=[i for i in ids if i])
        return ", ".join(sorted(str(item) for item in related)) or "—"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value)) or "—"
    if value in (None, ""):
        return "—"
    return str(formats.localize(value))


def conflict_context(error: EditConflict, fields: EditableFields) -> dict[str, Any]:
    """What the conflict page needs: each passage with both sides and the diff between them."""
    shown = []
    for passage in error.merge.passages:
        if passage.field in fields.text:
            mine, theirs = render_markdown(passage.mine), render_markdown(passage.theirs)
            diff = text_diff(passage.theirs, passage.mine)
        elif passage.is_text:
            mine, theirs = escape(passage.mine), escape(passage.theirs)
            diff = word_diff(passage.theirs, passage.mine)
        else:
            mine = escape(_describe(fields, passage.field, passage.mine))
            theirs = escape(_describe(fields, passage.field, passage.theirs))
            diff = None
        shown.append(ShownPassage(passage=passage, mine=mine, theirs=theirs, diff=diff))
    merge = error.merge
    return {
        "passages": shown,
        "fingerprint": merge.fingerprint,
        "revision": merge.theirs_revision,
        "author": merge.theirs_author,
        "merged_labels": [fields.label(name) for name in merge.merged_fields],
        "current": error.current,
    }
