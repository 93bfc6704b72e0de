"""The complete redline between two frozen snapshots of a deliverable: the sections' text, the
action plan field by field, the principle coverage and the annexes.

Reads only the snapshots (plain data), so a comparison of two releases shows exactly what each
contained, whatever has changed in the database since.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext_lazy as _

from core.diff import TextDiff, text_diff

ADDED, REMOVED, CHANGED, SAME = "added", "removed", "changed", "same"


@dataclass(frozen=True)
class SectionChange:
    number: str
    title: str
    old_title: str
    state: str
    diff: TextDiff


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class ActionChange:
    code: str
    title: str
    state: str
    fields: list[FieldChange] = field(default_factory=list)


@dataclass(frozen=True)
class CoverageChange:
    number: str
    title: str
    added: list[str]
    removed: list[str]


@dataclass(frozen=True)
class Redline:
    sections: list[SectionChange]
    actions: list[ActionChange]
    coverage: list[CoverageChange]
    contributions_added: list[dict]
    contributions_removed: list[dict]

    @property
    def changed_sections(self) -> list[SectionChange]:
        return [row for row in self.sections if row.state != SAME]

    @property
    def changed_actions(self) -> list[ActionChange]:
        return [row for row in self.actions if row.state != SAME]

    @property
    def annexes_changed(self) -> bool:
        return bool(self.contributions_added or self.contributions_removed)

    @property
    def has_changes(self) -> bool:
        return bool(
            self.changed_sections or self.changed_actions or self.coverage or self.annexes_changed
        )

    def count(self, part: str, state: str) -> int:
        return sum(1 for row in getattr(self, part) if row.state == state)

    @property
    def summary(self) -> dict[str, int]:
        """How many sections and actions were added, changed and removed (for the publish page)."""
        return {
            f"{part}_{state}": self.count(part, state)
            for part in ("sections", "actions")
            for state in (ADDED, CHANGED, REMOVED)
        } | {
            "coverage": len(self.coverage),
            "contributions_added": len(self.contributions_added),
            "contributions_removed": len(self.contributions_removed),
        }


def compare(old: dict, new: dict) -> Redline:
    """Compare two snapshots (``deliverable_snapshot`` data) completely."""
    return Redline(
        sections=_sections(old.get("sections", []), new.get("sections", [])),
        actions=_actions(old.get("actions", []), new.get("actions", [])),
        coverage=_coverage(old.get("sections", []), new.get("sections", [])),
        contributions_added=_missing_from(
            old.get("contributions", []), new.get("contributions", [])
        ),
        contributions_removed=_missing_from(
            new.get("contributions", []), old.get("contributions", [])
        ),
    )


def _sections(old: list[dict], new: list[dict]) -> list[SectionChange]:
    before = {section["id"]: section for section in old}
    after = {section["id"] for section in new}
    rows = []
    for section in new:
        previous = before.get(section["id"])
        if previous is None:
            state = ADDED
        elif previous["body"] != section["body"] or previous["title"] != section["title"]:
            state = CHANGED
        else:
            state = SAME
        rows.append(
            SectionChange(
                number=section["number"],
                title=section["title"],
                old_title=previous["title"] if previous else "",
                state=state,
                diff=text_diff(previous["body"] if previous else "", section["body"]),
            )
        )
    rows += [
        SectionChange(
            number=section["number"],
            title=section["title"],
            old_title=section["title"],
            state=REMOVED,
            diff=text_diff(section["body"], ""),
        )
        for section in old
        if section["id"] not in after
    ]
    return rows


def _day(value: str) -> str:
    return date.fromisoformat(value).strftime("%d/%m/%Y") if value else ""


def _indicators(indicators: list[dict]) -> str:
    return "; ".join(
        f"{item['name']}: {item['target']}{' ' + item['unit'] if item.get('unit') else ''}"
        for item in indicators
    )


# The fields of an action that a redline compares, in the order the action plan shows them.
ACTION_FIELDS: list[tuple[str, object, Callable[[dict], str]]] = [
    ("title", _("Action"), lambda action: action["title"]),
    ("objective", _("Strategic objective"), lambda action: action["objective"]),
    ("responsible", _("Responsible entity"), lambda action: action["responsible"]),
    ("involved", _("Entities involved"), lambda action: ", ".join(action["involved"])),
    ("start", _("Start"), lambda action: _day(action["start"])),
    ("end", _("End"), lambda action: _day(action["end"])),
    ("indicators", _("Indicators and targets"), lambda action: _indicators(action["indicators"])),
    ("funding", _("Funding source"), lambda action: action["funding"]),
    ("state", _("State"), lambda action: action["state"]),
]


def _action_key(old: list[dict], new: list[dict]) -> str:
    # Snapshots frozen before actions carried their id are paired by code.
    return "id" if all("id" in action for action in old + new) else "code"


def _actions(old: list[dict], new: list[dict]) -> list[ActionChange]:
    key = _action_key(old, new)
    before = {action[key]: action for action in old}
    after = {action[key] for action in new}
    rows = []
    for action in new:
        previous = before.get(action[key])
        if previous is None:
            rows.append(ActionChange(code=action["code"], title=action["title"], state=ADDED))
            continue
        changes = [
            FieldChange(label=str(label), old=read(previous), new=read(action))
            for _name, label, read in ACTION_FIELDS
            if read(previous) != read(action)
        ]
        if previous["code"] != action["code"]:
            changes.insert(0, FieldChange(str(_("Code")), previous["code"], action["code"]))
        rows.append(
            ActionChange(
                code=action["code"],
                title=action["title"],
                state=CHANGED if changes else SAME,
                fields=changes,
            )
        )
    rows += [
        ActionChange(code=action["code"], title=action["title"], state=REMOVED)
        for action in old
        if action[key] not in after
    ]
    return rows


def _coverage(old: list[dict], new: list[dict]) -> list[CoverageChange]:
    """Sections kept in both snapshots whose principles changed (new and removed sections show
    their principles in the sections' own rows)."""
    before = {section["id"]: set(section.get("principles", [])) for section in old}
    rows = []
    for section in new:
        if section["id"] not in before:
            continue
        now = set(section.get("principles", []))
        added, removed = sorted(now - before[section["id"]]), sorted(before[section["id"]] - now)
        if added or removed:
            rows.append(CoverageChange(section["number"], section["title"], added, removed))
    return rows


def _contribution_key(link: dict) -> tuple:
    return (link["section_title"], link["title"], link["organisation"], link.get("note", ""))


def _missing_from(base: list[dict], other: list[dict]) -> list[dict]:
    """The links of ``other`` that ``base`` does not have."""
    known = {_contribution_key(link) for link in base}
    return [link for link in other if _contribution_key(link) not in known]
