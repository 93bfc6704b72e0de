"""A deliverable as a document: the numbered sections, principle coverage and annexes, frozen as
plain data (JSON) so that a release keeps exactly what it contained and a PDF can be rebuilt or
checked from it."""

import hashlib
import json
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from django.db.models import QuerySet
from django.utils import translation

from governance.selectors import working_group
from strategy import selectors
from strategy.models import ACTION_PLAN_SLUG, Deliverable, PlanAction, Principle, Section


def _layout_fingerprint() -> str:
    """Identify the PDF layout (print CSS and templates), so that changing it renders anew
    instead of serving PDFs cached under the old layout."""
    app = Path(__file__).resolve().parent
    files = [app.parent / "static" / "pdf" / "print.css"]
    files += sorted((app / "templates" / "strategy" / "pdf").glob("*.html"))
    files.append(app / "templates" / "strategy" / "_redline.html")
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


LAYOUT_VERSION = _layout_fingerprint()


def deliverable_snapshot(
    deliverable: Deliverable,
    *,
    sections: QuerySet[Section] | None = None,
    label: str,
    final: bool,
    issued_on: date,
) -> dict:
    """Freeze the deliverable's current sections (or the given ones) into plain data."""
    if sections is None:
        sections = Section.objects.filter(deliverable=deliverable)
    rows = selectors.coverage(sections, with_text=True)
    group = working_group()
    principles = list(Principle.objects.order_by("letter"))
    return {
        "layout": LAYOUT_VERSION,
        "group": group.name if group else "",
        "legal_basis": group.legal_basis if group else "",
        "deliverable": {
            "slug": deliverable.slug,
            "letter": deliverable.letter,
            "title": deliverable.title,
            "short_title": deliverable.short_title,
        },
        "label": label,
        "final": final,
        "issued_on": issued_on.isoformat(),
        "principles": [{"letter": p.letter, "title": p.title} for p in principles],
        "sections": [
            {
                "id": section.pk,
                "number": number,
                "depth": number.count("."),
                "title": section.title,
                "body": section.body,
                "revision": section.revision,
                "status": section.status,
                "principles": sorted(p.letter for p in principles if p.pk in served),
            }
            for section, number, served in rows
        ],
        "actions": action_rows(selectors.plan_actions(deliverable))
        if deliverable.slug == ACTION_PLAN_SLUG
        else [],
        "contributions": contribution_rows(rows),
    }


def contribution_rows(rows: list[tuple[Section, str, set[int]]]) -> list[dict]:
    """The contributions that informed each section, in outline order (one query)."""
    numbers = {section.pk: (number, section.title) for section, number, _ in rows}
    links = selectors.contribution_links_for(list(numbers))
    with translation.override("pt-pt"):
        return [
            {
                "section_number": numbers[link.section_id][0],
                "section_title": numbers[link.section_id][1],
                "title": link.contribution.title,
                "organisation": link.contribution.organisation.name,
                "kind": str(link.contribution.get_kind_display()),
                "note": link.note,
            }
            for link in sorted(links, key=lambda link: _outline_key(numbers[link.section_id][0]))
        ]


def _outline_key(number: str) -> tuple[int, ...]:
    return tuple(int(part) for part in number.split("."))


def action_rows(actions: Iterable[PlanAction]) -> list[dict]:
    """The action plan's actions as plain data, labels in the documents' language (pt-PT)."""
    with translation.override("pt-pt"):
        return [
            {
                "id": action.pk,
                "code": action.code,
                "title": action.title,
                "objective": str(action.get_objective_display()),
                "objective_code": action.objective,
                "responsible": action.responsible.short_name,
                "involved": [entity.short_name for entity in action.involved_entities.all()],
                "start": action.start.isoformat(),
                "end": action.end.isoformat(),
                "indicators": [
                    {"name": indicator.name, "target": indicator.target, "unit": indicator.unit}
                    for indicator in action.indicators.all()
                ],
                "funding": action.funding,
                "state": str(action.get_state_display()),
                "state_code": action.state,
            }
            for action in actions
        ]


def snapshot_hash(snapshot: dict) -> str:
    """The SHA-256 of a snapshot's canonical JSON: identical content, identical hash."""
    return hashlib.sha256(snapshot_json(snapshot).encode()).hexdigest()


def snapshot_json(snapshot: dict) -> str:
    return json.dumps(snapshot, ensure_ascii=False, sort_keys=True, indent=1)
