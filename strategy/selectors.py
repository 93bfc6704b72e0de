"""Reads of the deliverables, shaped for the pages that show them, in a fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Window,
)
from django.db.models.functions import Lag

from core.diff import TextDiff, word_diff
from governance.models import User
from strategy import permissions
from strategy.models import (
    Comment,
    Deliverable,
    DeliverableUserObjectPermission,
    PlanAction,
    Principle,
    Release,
    Section,
    SectionContribution,
    SectionUserObjectPermission,
)


@dataclass
class OutlineRow:
    section: Section
    number: str
    depth: int
    editors: list[User] = field(default_factory=list)
    is_first: bool = False  # among its siblings: no «Subir» for it
    is_last: bool = False  # among its siblings: no «Descer» for it
    # Texts the outline view formats once per row (see strategy.views.outline._label_rows).
    changed_iso: str = ""
    changed_text: str = ""
    status_label: str = ""
    editor_names: str = ""
    up_label: str = ""
    down_label: str = ""
    add_label: str = ""


def _ordered_tree(sections: list[Section]) -> list[tuple[Section, str, int]]:
    """Walk sections depth-first in position order, numbering them 1, 1.1, 1.1.1.

    Each section gets ``outline_siblings`` (how many share its parent) for the outline's
    «Subir»/«Descer».
    """
    children: dict[int | None, list[Section]] = defaultdict(list)
    known = {s.pk for s in sections}
    for section in sections:
        # A section whose parent the reader cannot see is shown at the top level.
        children[section.parent_id if section.parent_id in known else None].append(section)
    for siblings in children.values():
        siblings.sort(key=lambda s: (s.position, s.pk))
    rows: list[tuple[Section, str, int]] = []

    def walk(parent_id: int | None, prefix: str, depth: int) -> None:
        siblings = children.get(parent_id, [])
        for index, section in enumerate(siblings, start=1):
            section.outline_index, section.outline_siblings = index, len(siblings)
            number = f"{prefix}{index}"
            rows.append((section, number, depth))
            walk(section.pk, f"{number}.", depth + 1)

    walk(None, "", 0)
    return rows


def editors_by_section(section_ids: list[int]) -> dict[int, list[User]]:
    grants = (
        SectionUserObjectPermission.objects.filter(
            content_object_id__in=section_ids, permission__codename="change_section"
        )
        .select_related("user")
        .order_by("user__full_name")
    )
    editors: dict[int, list[User]] = defaultdict(list)
    for grant in grants:
        editors[grant.content_object_id].append(grant.user)
    return editors


def coordinators(deliverable: Deliverable) -> list[User]:
    grants = DeliverableUserObjectPermission.objects.filter(
        content_object=deliverable, permission__codename="coordinate_deliverable"
    ).select_related("user")
    return [grant.user for grant in grants]


def outline(sections: QuerySet[Section]) -> list[OutlineRow]:
    """Rows of a deliverable's outline: number, depth, editors, open comments (no body)."""
    annotated = list(
        sections.defer("body")
        .select_related("updated_by", "deliverable")
        .annotate(
            open_comments=Count(
                "comments",
                filter=Q(comments__thread__isnull=True, comments__resolved_at__isnull=True),
            )
        )
    )
    editors = editors_by_section([s.pk for s in annotated])
    return [
        OutlineRow(
            section,
            number,
            depth,
            editors.get(section.pk, []),
            is_first=section.outline_index == 1,
            is_last=section.outline_index == section.outline_siblings,
        )
        for section, number, depth in _ordered_tree(annotated)
    ]


def sections_in_outline_order(deliverable_id: int, *, excluding: Section | None = None):
    """The deliverable's sections as (section, number) in outline order, for the «Mover» list.

    A section cannot go under itself or one of its own subsections, so those are left out.
    """
    sections = list(
        Section.objects.filter(deliverable_id=deliverable_id).only(
            "id", "parent_id", "position", "title", "deliverable_id"
        )
    )
    left_out = set()
    if excluding is not None:
        left_out = {excluding.pk} | descendant_ids(excluding)
    return [
        (section, number)
        for section, number, _depth in _ordered_tree(sections)
        if section.pk not in left_out
    ]


def current_revision(section: Section):
    """The version that wrote the current revision (who and when); a later state change,
    which keeps the revision number, does not count."""
    return (
        section.history.filter(revision=section.revision)
        .select_related("history_user")
        .order_by("history_id")
        .only("history_id", "history_user", "history_date")
        .first()
    )


def section_number(section: Section) -> str:
    """The section's number in its deliverable's outline (one query)."""
    siblings = list(
        Section.objects.filter(deliverable_id=section.deliverable_id).only(
            "id", "parent_id", "position"
        )
    )
    return next(number for s, number, _ in _ordered_tree(siblings) if s.pk == section.pk)


def descendant_ids(section: Section) -> set[int]:
    pairs = Section.objects.filter(deliverable_id=section.deliverable_id).values_list(
        "id", "parent_id"
    )
    children: dict[int, list[int]] = defaultdict(list)
    for pk, parent_id in pairs:
        children[parent_id].append(pk)
    found: set[int] = set()
    stack = [section.pk]
    while stack:
        for child in children.get(stack.pop(), []):
            if child not in found:
                found.add(child)
                stack.append(child)
    return found


def deliverables_with_progress() -> QuerySet[Deliverable]:
    return Deliverable.objects.annotate(
        total_sections=Count("sections"),
        approved_sections=Count("sections", filter=Q(sections__status=Section.Status.APPROVED)),
    ).order_by("letter")


def comment_threads(section: Section) -> list[Comment]:
    replies = Comment.objects.select_related("author").order_by("created_at", "id")
    return list(
        section.comments.filter(thread__isnull=True)
        .select_related("author", "resolved_by")
        .prefetch_related(Prefetch("replies", replies))
        .order_by("resolved_at", "created_at")
    )


def coverage(
    sections: QuerySet[Section], *, with_text: bool = False
) -> list[tuple[Section, str, set[int]]]:
    """Principles × sections: each numbered section with the ids of the principles it serves."""
    if not with_text:
        sections = sections.defer("body")
    rows = _ordered_tree(
        list(sections.select_related("deliverable").prefetch_related("principles"))
    )
    return [
        (section, number, {p.pk for p in section.principles.all()}) for section, number, _ in rows
    ]


def granted_readers(section: Section) -> list[User]:
    """Specialists given read access to a section."""
    grants = SectionUserObjectPermission.objects.filter(
        content_object=section, permission__codename="view_section"
    ).select_related("user", "user__entity")
    return [grant.user for grant in grants]


def sections_edited_by(user: User, limit: int = 10) -> list[Section]:
    """Sections the person is an editor of, most recently changed first."""
    return list(
        Section.objects.filter(
            sectionuserobjectpermission__user=user,
            sectionuserobjectpermission__permission__codename="change_section",
        )
        .select_related("deliverable")
        .defer("body")
        .order_by("-updated_at")[:limit]
    )


def sections_awaiting_review_by(user: User, limit: int = 10) -> list[Section]:
    """Sections in review that the person may approve (the secretariat, or a coordinator)."""
    sections = permissions.sections_awaiting_review_by(user)
    return list(sections.select_related("deliverable").defer("body").order_by("updated_at")[:limit])


def contribution_links_for(section_ids: list[int]) -> list[SectionContribution]:
    """The contribution links of many sections, with contributions and organisations (one query)."""
    return list(
        SectionContribution.objects.filter(section_id__in=section_ids)
        .select_related("contribution__organisation")
        .order_by("linked_at", "id")
    )


def contribution_links(section: Section) -> list:
    """The contributions that informed a section, with their organisations (one query)."""
    return list(
        section.contribution_links.select_related(
            "contribution__organisation", "linked_by"
        ).order_by("linked_at", "id")
    )


def plan_actions(plan: Deliverable) -> list[PlanAction]:
    """The action plan's actions with their entities and indicators (three queries)."""
    return list(
        PlanAction.objects.filter(deliverable=plan)
        .select_related("responsible")
        .prefetch_related("involved_entities", "indicators")
        .order_by("position", "id")
    )


@dataclass(frozen=True)
class PrinciplesChange:
    added: list[Principle]
    removed: list[Principle]
    kept: list[Principle]

    @property
    def has_changes(self) -> bool:
        return bool(self.added or self.removed)


#: The rows in which simple-history records the principles of each section version.
VersionPrinciple = Section.history.model.principles.model


def _principles_of_versions(history_ids: list[int]) -> dict[int, dict[int, Principle]]:
    """The principles each of these section versions was saved with, by history id (one query).

    A principle deleted since is left out, as it cannot be named.
    """
    rows = VersionPrinciple.objects.filter(history_id__in=history_ids).select_related("principle")
    recorded: dict[int, dict[int, Principle]] = defaultdict(dict)
    for row in rows:
        if row.principle is not None:
            recorded[row.history_id][row.principle_id] = row.principle
    return recorded


def _principles_change(old: dict[int, Principle], new: dict[int, Principle]) -> PrinciplesChange:
    def ordered(ids: set[int]) -> list[Principle]:
        return sorted(({**old, **new}[i] for i in ids), key=lambda p: p.letter)

    return PrinciplesChange(
        added=ordered(new.keys() - old.keys()),
        removed=ordered(old.keys() - new.keys()),
        kept=ordered(old.keys() & new.keys()),
    )


def principles_diff(old_version, new_version) -> PrinciplesChange:
    """The principles a newer section version gained and lost (each version records its own)."""
    recorded = _principles_of_versions([old_version.history_id, new_version.history_id])
    return _principles_change(recorded[old_version.history_id], recorded[new_version.history_id])


def section_history(section: Section) -> QuerySet:
    """The section's versions, newest first, each with what it needs to say what it changed.

    A window over the whole history gives each version its predecessor's id, title and state
    and whether the text differs from it, so the last version on a page has its predecessor
    too, with no query per version and without loading any text.
    """
    in_order = {"order_by": F("history_id").asc()}
    return (
        section.history.select_related("history_user")
        .defer("body")
        .annotate(
            previous_id=Window(Lag("history_id"), **in_order),
            previous_title=Window(Lag("title"), **in_order),
            previous_status=Window(Lag("status"), **in_order),
            text_changed=ExpressionWrapper(
                ~Q(body=Window(Lag("body"), **in_order)), output_field=BooleanField()
            ),
        )
        .order_by("-history_id")
    )


@dataclass(frozen=True)
class VersionChange:
    """What one section version changed from the version before it."""

    version: Any  # a historical section from ``section_history``
    principles: PrinciplesChange
    title: TextDiff | None = None  # None: the same title as before
    status_from: str = ""  # the state's label before, when the version changed it
    text_changed: bool = False

    @property
    def is_first(self) -> bool:
        return self.version.previous_id is None

    @property
    def has_changes(self) -> bool:
        return bool(
            self.principles.has_changes or self.title or self.status_from or self.text_changed
        )


def version_changes(versions: list) -> list[VersionChange]:
    """What each version of ``section_history`` changed (one query, whatever their number).

    The first version is compared with nothing: its principles count as added.
    """
    recorded = _principles_of_versions(
        [v.history_id for v in versions] + [v.previous_id for v in versions if v.previous_id]
    )
    changes = []
    for version in versions:
        principles = _principles_change(
            recorded[version.previous_id] if version.previous_id else {},
            recorded[version.history_id],
        )
        if version.previous_id is None:
            changes.append(VersionChange(version, principles))
            continue
        title = word_diff(version.previous_title, version.title)
        status_changed = version.previous_status != version.status
        changes.append(
            VersionChange(
                version,
                principles,
                title=title if title.has_changes else None,
                status_from=Section.Status(version.previous_status).label if status_changed else "",
                text_changed=bool(version.text_changed),
            )
        )
    return changes


def approval_state(deliverable: Deliverable) -> list[tuple[Section, str]]:
    """The deliverable's sections in outline order with their numbers (no body; one query)."""
    sections = (
        Section.objects.filter(deliverable=deliverable).defer("body").select_related("deliverable")
    )
    return [(section, number) for section, number, _ in _ordered_tree(list(sections))]


def latest_release(deliverable: Deliverable) -> Release | None:
    """The deliverable's release with the highest label (labels only increase)."""
    releases = list(Release.objects.filter(deliverable=deliverable).select_related("render"))
    return max(releases, key=lambda release: release.number, default=None)


def threads_awaiting_answer_by(user: User, limit: int = 10) -> list[Comment]:
    """Open threads on sections the person edits, or that they took part in, where someone
    else spoke last."""
    edited = SectionUserObjectPermission.objects.filter(
        user=user, permission__codename="change_section"
    ).values("content_object_id")
    last_author = Subquery(
        Comment.objects.filter(Q(pk=OuterRef("pk")) | Q(thread_id=OuterRef("pk")))
        .order_by("-created_at", "-pk")
        .values("author_id")[:1]
    )
    threads = (
        Comment.objects.filter(thread__isnull=True, resolved_at__isnull=True)
        .filter(Q(section_id__in=edited) | Q(author=user) | Q(replies__author=user))
        .distinct()
        .annotate(last_author_id=last_author)
        .exclude(last_author_id=user.pk)
    )
    return list(
        threads.select_related("section__deliverable", "author").order_by("-created_at")[:limit]
    )


def sections_in_review(limit: int = 10) -> list[Section]:
    return list(
        Section.objects.filter(status=Section.Status.IN_REVIEW)
        .select_related("deliverable")
        .defer("body")
        .order_by("updated_at")[:limit]
    )


def sections_granted_to(user: User, limit: int = 20) -> list[Section]:
    """The sections a specialist was given to read (or edit)."""
    return list(
        Section.objects.filter(
            sectionuserobjectpermission__user=user,
            sectionuserobjectpermission__permission__codename="view_section",
        )
        .select_related("deliverable")
        .defer("body")
        .order_by("deliverable__letter", "position")[:limit]
    )
