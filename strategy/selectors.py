"""Reads of the deliverables, shaped for the pages that show them, in a fixed number of queries."""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any, NamedTuple, Protocol

from django.db.models import (
    BigIntegerField,
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    When,
    Window,
)
from django.db.models.functions import Coalesce, Lag

from contributions.models import Contribution, Organisation
from core.collation import collated
from core.compiled_reads import CompiledRead, Later, compiled_read, instance_from
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


class TreePlace[N](NamedTuple):
    """Where a node sits in its deliverable's outline, the whole tree counted."""

    node: N
    number: str  # 1, 1.1, 1.1.1
    depth: int
    is_first: bool  # among its siblings: no «Subir» for it
    is_last: bool  # among its siblings: no «Descer» for it


class OutlineNode(NamedTuple):
    """A section as the outline's skeleton knows it: enough to number and count it."""

    pk: int
    parent_id: int | None
    position: int
    status: str


class _TreeNode(Protocol):
    @property
    def pk(self) -> int: ...
    @property
    def parent_id(self) -> int | None: ...
    @property
    def position(self) -> int: ...


def _ordered_tree[N: _TreeNode](nodes: Iterable[N]) -> list[TreePlace[N]]:
    """Walk sections depth-first in position order, numbering them 1, 1.1, 1.1.1."""
    nodes = list(nodes)
    children: dict[int | None, list[N]] = defaultdict(list)
    known = {node.pk for node in nodes}
    for node in nodes:
        # A section whose parent the reader cannot see is shown at the top level.
        children[node.parent_id if node.parent_id in known else None].append(node)
    for siblings in children.values():
        siblings.sort(key=lambda node: (node.position, node.pk))
    places: list[TreePlace[N]] = []

    def walk(parent_id: int | None, prefix: str, depth: int) -> None:
        siblings = children.get(parent_id, [])
        for index, node in enumerate(siblings, start=1):
            number = f"{prefix}{index}"
            places.append(TreePlace(node, number, depth, index == 1, index == len(siblings)))
            walk(node.pk, f"{number}.", depth + 1)

    walk(None, "", 0)
    return places


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


@compiled_read(section_id=int)
def _editor_names(*, section_id: int) -> QuerySet:
    return (
        SectionUserObjectPermission.objects.filter(
            content_object_id=section_id, permission__codename="change_section"
        )
        .order_by("user__full_name")
        .values("user__full_name")
    )


def editor_names(section: Section) -> Later[list[str]]:
    """The full names of the section's editors, A to Z (no user rows built)."""
    rows = _editor_names.later(section_id=section.pk)
    return rows.then(lambda rows: [row["user__full_name"] for row in rows])


@compiled_read(deliverable_id=int)
def _coordinator_names(*, deliverable_id: int) -> QuerySet[DeliverableUserObjectPermission]:
    return DeliverableUserObjectPermission.objects.filter(
        content_object_id=deliverable_id, permission__codename="coordinate_deliverable"
    ).values("user__full_name")


def coordinator_names(deliverable: Deliverable) -> list[str]:
    """The names of a deliverable's coordinators, in Portuguese alphabetical order (the
    outline heads with them: a compiled read)."""
    return collated(
        row["user__full_name"] for row in _coordinator_names(deliverable_id=deliverable.pk)
    )


def coordinators(deliverable: Deliverable) -> list[User]:
    grants = DeliverableUserObjectPermission.objects.filter(
        content_object=deliverable, permission__codename="coordinate_deliverable"
    ).select_related("user")
    return [grant.user for grant in grants]


#: An outline page's length: a page's rows are one compiled read of this many sections.
OUTLINE_PAGE_SIZE = 40

_NODE_FIELDS = ("pk", "parent_id", "position", "status")


@compiled_read(deliverable_id=int)
def _outline_nodes(*, deliverable_id: int) -> QuerySet:
    return Section.objects.filter(deliverable_id=deliverable_id).order_by().values(*_NODE_FIELDS)


def outline_places(user: User, deliverable: Deliverable) -> list[TreePlace[OutlineNode]]:
    """Every section of ``deliverable`` the person sees, in outline order, numbered over the
    whole tree.

    One lean query (no titles, no joins): the outline pages through it, counts its progress
    from it and fetches the rest only for the rows it shows (``outline_rows``). Those who read
    every section see all of the deliverable's: a compiled read.
    """
    if permissions.reads_every_section(user):
        nodes = _outline_nodes(deliverable_id=deliverable.pk)
    else:
        visible = permissions.sections_visible_to(user, deliverable)
        nodes = visible.order_by().values(*_NODE_FIELDS)
    return _ordered_tree(OutlineNode(*(node[name] for name in _NODE_FIELDS)) for node in nodes)


@dataclass(slots=True)
class OutlineRow:
    """One line of the outline page: the section's place in the whole tree and its figures."""

    pk: int
    number: str
    depth: int
    status: str
    is_first: bool
    is_last: bool
    title: str
    word_count: int
    updated_at: datetime
    updated_by_name: str | None
    open_comments: int
    editors: list[str]  # their full names, A to Z
    # Texts the outline view formats once per row (see strategy.views.outline._label_rows).
    changed_iso: str = ""
    changed_text: str = ""
    status_label: str = ""
    badge_class: str = ""
    editor_names: str = ""
    url: str = ""
    add_url: str = ""
    up_label: str = ""
    down_label: str = ""
    add_label: str = ""

    def figures(self) -> tuple:
        """Everything the row shows, as plain data (the outline caches its rendering by it)."""
        return (
            self.pk,
            self.number,
            self.depth,
            self.status,
            self.is_first,
            self.is_last,
            self.title,
            self.word_count,
            self.updated_at,
            self.updated_by_name,
            self.open_comments,
            tuple(self.editors),
        )


def _outline_lines(sections: QuerySet[Section]) -> QuerySet:
    """A line per section of ``sections`` and grant on it (none: one line), the editors in name
    order: title, words, last change and by whom, open comments, the grant's editor if it is
    a grant to edit (no body, no full rows)."""
    editor = Case(
        When(
            sectionuserobjectpermission__permission__codename="change_section",
            then="sectionuserobjectpermission__user__full_name",
        )
    )
    open_comments = Count(
        "comments",
        distinct=True,  # the join repeats each comment once per grant
        filter=Q(comments__thread__isnull=True, comments__resolved_at__isnull=True),
    )
    return (
        sections.annotate(editor=editor)
        .values(
            "pk",
            "title",
            "word_count",
            "updated_at",
            "updated_by__full_name",
            "editor",
            "sectionuserobjectpermission__user_id",
        )
        .annotate(open_comments=open_comments)
        .order_by("pk", "editor", "sectionuserobjectpermission__user_id")
    )


# Each of a page's sections is a placeholder of its own, so that every page's read has the same
# SQL (a shorter page repeats its last section).
_PAGE_SLOTS = tuple(f"section_{index}" for index in range(OUTLINE_PAGE_SIZE))

_OUTLINE_PAGE_LINES = CompiledRead(
    lambda *, deliverable_id, **page: _outline_lines(
        Section.objects.filter(
            deliverable_id=deliverable_id, pk__in=[page[slot] for slot in _PAGE_SLOTS]
        )
    ),
    deliverable_id=int,
    **dict.fromkeys(_PAGE_SLOTS, int),
)


def outline_rows(
    user: User, deliverable: Deliverable, places: Sequence[TreePlace[OutlineNode]]
) -> list[OutlineRow]:
    """The outline's rows for ``places`` (a page of them) in one query whatever their number:
    title, words, last change and by whom, open comments, editors' names.

    For those who read every section a page of up to ``OUTLINE_PAGE_SIZE`` rows is a compiled
    read; the others' (and longer lists) go through the ORM.
    """
    if not places:
        return []
    page = [place.node.pk for place in places]
    if permissions.reads_every_section(user) and len(page) <= OUTLINE_PAGE_SIZE:
        padded = page + page[-1:] * (OUTLINE_PAGE_SIZE - len(page))
        lines = _OUTLINE_PAGE_LINES(
            deliverable_id=deliverable.pk, **dict(zip(_PAGE_SLOTS, padded, strict=True))
        )
    else:
        visible = permissions.sections_visible_to(user, deliverable)
        lines = _outline_lines(visible.filter(pk__in=page))
    found: dict[int, dict] = {}
    editors: dict[int, list[str]] = defaultdict(list)
    for line in lines:
        found.setdefault(line["pk"], line)
        if line["editor"] is not None:
            editors[line["pk"]].append(line["editor"])
    rows = []
    for place in places:
        if (line := found.get(place.node.pk)) is None:
            continue  # gone since the outline's skeleton was read
        rows.append(
            OutlineRow(
                pk=place.node.pk,
                number=place.number,
                depth=place.depth,
                status=place.node.status,
                is_first=place.is_first,
                is_last=place.is_last,
                title=line["title"],
                word_count=line["word_count"],
                updated_at=line["updated_at"],
                updated_by_name=line["updated_by__full_name"],
                open_comments=line["open_comments"],
                editors=editors[place.node.pk],
            )
        )
    return rows


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
        for section, number, *_ in _ordered_tree(sections)
        if section.pk not in left_out
    ]


def _person(pk: int | None, full_name: str | None) -> User | None:
    """A person with only their name read."""
    if pk is None:
        return None
    return instance_from(User, {"id": pk, "full_name": full_name})


@dataclass(frozen=True)
class WrittenRevision:
    """Who wrote a section's current revision, and when."""

    history_id: int
    history_date: datetime
    history_user: User | None  # only the name read

    @property
    def history_user_id(self) -> int | None:
        return self.history_user.pk if self.history_user is not None else None


@compiled_read(section_id=int, revision=int)
def _revision_writer(*, section_id: int, revision: int) -> QuerySet:
    # The history model's own manager: ``section.history`` builds a manager class per call.
    return (
        Section.history.model.objects.filter(id=section_id, revision=revision)
        .order_by("history_id")
        .values("history_id", "history_date", "history_user_id", "history_user__full_name")[:1]
    )


def current_revision(section: Section) -> Later[WrittenRevision | None]:
    """The version that wrote the current revision (who and when); a later state change,
    which keeps the revision number, does not count."""
    rows = _revision_writer.later(section_id=section.pk, revision=section.revision)
    return rows.then(_written_revision)


def _written_revision(rows: list[dict]) -> WrittenRevision | None:
    for row in rows:
        return WrittenRevision(
            history_id=row["history_id"],
            history_date=row["history_date"],
            history_user=_person(row["history_user_id"], row["history_user__full_name"]),
        )
    return None


def section_number(section: Section) -> Later[str]:
    """The section's number in its deliverable's outline (one query of ids, no rows built)."""
    nodes = _outline_nodes.later(deliverable_id=section.deliverable_id)
    return nodes.then(lambda nodes: _number_in(nodes, section.pk))


def _number_in(nodes: list[dict], section_id: int) -> str:
    place: dict[int, tuple[int | None, int]] = {}
    siblings: dict[int | None, list[tuple[int, int]]] = defaultdict(list)
    for row in nodes:
        pk, parent_id, position = row["pk"], row["parent_id"], row["position"]
        place[pk] = (parent_id, position)
        siblings[parent_id].append((position, pk))
    numbers, pk = [], section_id
    while pk is not None and len(numbers) <= len(place):  # a section is at most that deep
        parent_id, position = place[pk]
        # Siblings in the order the outline walks them (_ordered_tree): position, then pk.
        numbers.append(sorted(siblings[parent_id]).index((position, pk)) + 1)
        pk = parent_id
    return ".".join(str(number) for number in reversed(numbers))


@compiled_read(section_id=int)
def _section_principles(*, section_id: int) -> QuerySet:
    return (
        Section.principles.through.objects.filter(section_id=section_id)
        .order_by("principle__letter")
        .values(letter=F("principle__letter"), title=F("principle__title"))
    )


def section_principles(section: Section) -> Later[list[dict]]:
    """The principles the section serves, by letter: ``letter`` and ``title`` (one query)."""
    return _section_principles.later(section_id=section.pk)


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


@dataclass
class ThreadComment:
    """A comment as the section page shows it: a thread, or a reply in one."""

    pk: int
    thread_id: int | None
    body: str
    revision: int
    created_at: datetime
    resolved_at: datetime | None
    author_name: str
    resolved_by_name: str | None
    replies_in_order: list["ThreadComment"] = field(default_factory=list)
    body_html: str = ""  # the view renders it


@compiled_read(section_id=int)
def _section_comments(*, section_id: int) -> QuerySet:
    return (
        Comment.objects.filter(section_id=section_id)
        .order_by(
            "resolved_at",
            "created_at",
            "id",  # replies are never resolved: they keep time order
        )
        # What a thread shows: no other column of either person.
        .values(
            "id",
            "thread_id",
            "body",
            "revision",
            "created_at",
            "resolved_at",
            "author__full_name",
            "resolved_by__full_name",
        )
    )


def comment_threads(section: Section) -> Later[list[ThreadComment]]:
    """The section's threads in the order they were resolved, then written, each with its
    ``replies_in_order`` (one query)."""
    return _section_comments.later(section_id=section.pk).then(_threads_of)


def _threads_of(rows: list[dict]) -> list[ThreadComment]:
    threads, replies = [], defaultdict(list)
    for row in rows:
        comment = ThreadComment(
            pk=row["id"],
            thread_id=row["thread_id"],
            body=row["body"],
            revision=row["revision"],
            created_at=row["created_at"],
            resolved_at=row["resolved_at"],
            author_name=row["author__full_name"],
            resolved_by_name=row["resolved_by__full_name"],
        )
        if comment.thread_id is None:
            threads.append(comment)
        else:
            replies[comment.thread_id].append(comment)
    for thread in threads:
        thread.replies_in_order = replies[thread.pk]
    return threads


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
        (section, number, {p.pk for p in section.principles.all()}) for section, number, *_ in rows
    ]


def granted_readers(section: Section) -> list[User]:
    """Specialists given read access to a section."""
    grants = SectionUserObjectPermission.objects.filter(
        content_object=section, permission__codename="view_section"
    ).select_related("user", "user__entity")
    return [grant.user for grant in grants]


# Rows for the home page: the columns it prints, as plain values (see governance.selectors).
SECTION_ROW = ("id", "title", "status", "deliverable__slug", "deliverable__short_title")


@compiled_read(user_id=int)
def _sections_edited_by(*, user_id: int) -> QuerySet[Section]:
    return (
        Section.objects.filter(
            sectionuserobjectpermission__user_id=user_id,
            sectionuserobjectpermission__permission__codename="change_section",
        )
        .order_by("-updated_at")
        .values(*SECTION_ROW)[:10]
    )


def sections_edited_by(user: User) -> Later[list[dict]]:
    """Sections the person is an editor of, most recently changed first (``SECTION_ROW``)."""
    return _sections_edited_by.later(user_id=user.pk)


@compiled_read()
def _sections_in_review() -> QuerySet[Section]:
    sections = permissions.sections_in_review()
    return sections.order_by("updated_at").values(*SECTION_ROW)[:10]


@compiled_read(user_id=int)
def _sections_in_review_coordinated_by(*, user_id: int) -> QuerySet[Section]:
    sections = permissions.sections_in_review_coordinated_by(user_id)
    return sections.order_by("updated_at").values(*SECTION_ROW)[:10]


def sections_awaiting_review_by(user: User) -> Later[list[dict]]:
    """Sections in review that the person may approve (the secretariat, or a coordinator),
    as ``SECTION_ROW``: the reads of ``permissions.sections_awaiting_review_by``, compiled."""
    if permissions.coordinates_every_deliverable(user):
        return _sections_in_review.later()
    if not permissions.is_active(user):
        return Later(list)
    return _sections_in_review_coordinated_by.later(user_id=user.pk)


def contribution_links_for(section_ids: list[int]) -> list[SectionContribution]:
    """The contribution links of many sections, with contributions and organisations (one query)."""
    return list(
        SectionContribution.objects.filter(section_id__in=section_ids)
        .select_related("contribution__organisation")
        .order_by("linked_at", "id")
    )


class ContributionLink(NamedTuple):
    """A contribution that informed a section: the contribution (its title and organisation's
    name read) and the link's note."""

    contribution: Contribution
    note: str


@compiled_read(section_id=int)
def _section_contribution_links(*, section_id: int) -> QuerySet:
    return (
        SectionContribution.objects.filter(section_id=section_id)
        .order_by("linked_at", "id")
        .values(
            "note",
            "contribution__id",
            "contribution__title",
            "contribution__organisation_id",
            "contribution__organisation__id",
            "contribution__organisation__name",
        )
    )


def contribution_links(section: Section) -> Later[list[ContributionLink]]:
    """The contributions that informed a section, with their organisations (one query)."""
    return _section_contribution_links.later(section_id=section.pk).then(_links_of)


def _links_of(rows: list[dict]) -> list[ContributionLink]:
    links = []
    for row in rows:
        contribution = instance_from(Contribution, row, prefix="contribution__")
        contribution.organisation = instance_from(
            Organisation, row, prefix="contribution__organisation__"
        )
        links.append(ContributionLink(contribution, row["note"]))
    return links


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


_PRINCIPLE_COLUMNS = ["id", "letter", "title", "text"]


@compiled_read(section_id=int, first_id=int, last_id=int)
def _principles_of_section_versions(*, section_id: int, first_id: int, last_id: int) -> QuerySet:
    return (
        VersionPrinciple.objects.filter(
            history__id=section_id, history_id__gte=first_id, history_id__lte=last_id
        )
        .order_by()
        .values("history_id", *(f"principle__{name}" for name in _PRINCIPLE_COLUMNS))
    )


def _principles_of_versions_between(
    section_id: int, first_id: int, last_id: int
) -> dict[int, dict[int, Principle]]:
    """The principles each version of the section from ``first_id`` to ``last_id`` was saved
    with, by history id (one query, the same for every page of the history).

    A principle deleted since is left out, as it cannot be named.
    """
    rows = _principles_of_section_versions(
        section_id=section_id, first_id=first_id, last_id=last_id
    )
    recorded: dict[int, dict[int, Principle]] = defaultdict(dict)
    for row in rows:
        if row["principle__letter"] is None:  # deleted since (letter is never empty)
            continue
        principle = instance_from(Principle, row, prefix="principle__")
        recorded[row["history_id"]][principle.pk] = principle
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


def _with_predecessors(versions: QuerySet) -> QuerySet:
    in_order = {"order_by": F("history_id").asc()}
    return versions.annotate(
        previous_id=Window(Lag("history_id"), **in_order),
        previous_title=Window(Lag("title"), **in_order),
        previous_status=Window(Lag("status"), **in_order),
        text_changed=ExpressionWrapper(
            ~Q(body=Window(Lag("body"), **in_order)), output_field=BooleanField()
        ),
    ).order_by("-history_id")


def section_history(section: Section) -> QuerySet:
    """The section's versions, newest first, each with what it needs to say what it changed.

    A window over the whole history gives each version its predecessor's id, title and state
    and whether the text differs from it, so the last version on a page has its predecessor
    too, with no query per version and without loading any text.
    """
    return _with_predecessors(section.history.select_related("history_user").defer("body"))


HistoricalSection = Section.history.model
_VERSION_COLUMNS = [
    field.attname for field in HistoricalSection._meta.concrete_fields if field.name != "body"
]
_PREDECESSOR_COLUMNS = ["previous_id", "previous_title", "previous_status", "text_changed"]
#: One compiled read per page start of ``section_history`` (a slice is part of the SQL).
_HISTORY_PAGES: dict[tuple[int, int], CompiledRead] = {}


def _history_page(start: int, size: int) -> CompiledRead:
    """The read of ``size`` versions of ``section_history`` from ``start``, compiled once."""
    read = _HISTORY_PAGES.get((start, size))
    if read is None:

        def build(*, section_id: int) -> QuerySet:
            versions = HistoricalSection.objects.filter(id=section_id)
            return _with_predecessors(versions).values(
                *_VERSION_COLUMNS, *_PREDECESSOR_COLUMNS, "history_user__full_name"
            )[start : start + size]

        read = _HISTORY_PAGES.setdefault((start, size), CompiledRead(build, section_id=int))
    return read


@compiled_read(section_id=int)
def _version_count(*, section_id: int) -> QuerySet:
    return (
        HistoricalSection.objects.filter(id=section_id)
        .order_by()
        .values("id")
        .annotate(versions=Count("history_id"))
    )


class SectionVersions:
    """``section_history`` as its pages read it: counted by a compiled read, each page sliced
    from the queryset (its window needs the whole history, so the slice stays the ORM's)."""

    def __init__(self, section: Section, per_page: int = 0) -> None:
        self.section = section
        self.section_id = section.pk
        self.per_page = per_page  # the paginator's: its pages are compiled reads

    def count(self) -> int:
        rows = _version_count(section_id=self.section_id)
        return rows[0]["versions"] if rows else 0

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.step is not None or not self.per_page:
            return section_history(self.section)[index]
        # A page: the same rows as the queryset's slice, each version with only the name of
        # who saved it read. The slice ends where a full page would (never past the history).
        start = index.start or 0
        versions = []
        for row in _history_page(start, self.per_page)(section_id=self.section_id)[
            : index.stop - start
        ]:
            version = instance_from(HistoricalSection, row)
            for name in _PREDECESSOR_COLUMNS:
                setattr(version, name, row[name])
            version.history_user = _person(row["history_user_id"], row["history_user__full_name"])
            versions.append(version)
        return versions


@dataclass(frozen=True)
class VersionChange:
    """What one section version changed from the version before it.

    The title's word diff is worked out when first asked for: the history caches its rendered
    rows (``figures``), and a row taken from the cache never needs it.
    """

    version: Any  # a historical section from ``section_history``
    principles: PrinciplesChange
    status_from: str = ""  # the state's label before, when the version changed it
    text_changed: bool = False

    @property
    def is_first(self) -> bool:
        return self.version.previous_id is None

    @cached_property
    def title(self) -> TextDiff | None:
        """The title's word diff from the version before; None: the same title as before."""
        if self.is_first:
            return None
        diff = word_diff(self.version.previous_title, self.version.title)
        return diff if diff.has_changes else None

    @property
    def has_changes(self) -> bool:
        return bool(
            self.principles.has_changes or self.title or self.status_from or self.text_changed
        )

    def figures(self) -> tuple:
        """Everything the history's row shows of the version, as plain data."""
        version, principles = self.version, self.principles
        return (
            version.history_id,
            version.revision,
            version.status,
            version.history_date,
            version.history_user.full_name if version.history_user else "",
            version.history_change_reason or "",
            version.title,
            version.previous_id,
            version.previous_title,
            self.status_from,
            self.text_changed,
            tuple(str(p) for p in principles.added),
            tuple(str(p) for p in principles.removed),
        )


def version_changes(versions: list) -> list[VersionChange]:
    """What each version of ``section_history`` changed (one query, whatever their number).

    The first version is compared with nothing: its principles count as added.
    """
    if not versions:
        return []
    # A page of ``section_history`` is a run of the section's versions: from its oldest
    # version's predecessor to its newest, every version of the section is one of them.
    ids = [v.history_id for v in versions] + [v.previous_id for v in versions if v.previous_id]
    recorded = _principles_of_versions_between(versions[0].id, min(ids), max(ids))
    changes = []
    for version in versions:
        principles = _principles_change(
            recorded[version.previous_id] if version.previous_id else {},
            recorded[version.history_id],
        )
        if version.previous_id is None:
            changes.append(VersionChange(version, principles))
            continue
        status_changed = version.previous_status != version.status
        changes.append(
            VersionChange(
                version,
                principles,
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
    return [(section, number) for section, number, *_ in _ordered_tree(sections)]


def latest_release(deliverable: Deliverable) -> Release | None:
    """The deliverable's release with the highest label (labels only increase)."""
    releases = list(Release.objects.filter(deliverable=deliverable).select_related("render"))
    return max(releases, key=lambda release: release.number, default=None)


@compiled_read(user_id=int)
def _threads_awaiting_answer_by(*, user_id: int) -> QuerySet[Comment]:
    edited = SectionUserObjectPermission.objects.filter(
        user_id=user_id, permission__codename="change_section"
    ).values("content_object_id")
    # Who spoke last: the author of the latest reply, or of the thread itself when it has none
    # (a reply is always written after its thread). One index lookup per thread on thread_id.
    last_author = Coalesce(
        Subquery(
            Comment.objects.filter(thread_id=OuterRef("pk"))
            .order_by("-created_at", "-pk")
            .values("author_id")[:1]
        ),
        F("author_id"),
        output_field=BigIntegerField(),
    )
    replied = Exists(Comment.objects.filter(thread_id=OuterRef("pk"), author_id=user_id))
    # Exists rather than a join on the replies: no duplicate threads, so no DISTINCT over every
    # column; an alias, so the last author is worked out in the filter only.
    threads = (
        Comment.objects.filter(thread__isnull=True, resolved_at__isnull=True)
        .filter(Q(section_id__in=edited) | Q(author_id=user_id) | replied)
        .alias(last_author_id=last_author)
        .exclude(last_author_id=user_id)
    )
    return threads.order_by("-created_at", "-pk").values(
        "id",
        "body",
        "section_id",
        "section__title",
        "section__deliverable__slug",
        "author__full_name",
    )[:10]


def threads_awaiting_answer_by(user: User) -> Later[list[dict]]:
    """Open threads on sections the person edits, or that they took part in, where someone
    else spoke last: ``id``, ``body``, ``section_id``, ``section__title``,
    ``section__deliverable__slug``, ``author__full_name``."""
    return _threads_awaiting_answer_by.later(user_id=user.pk)


def sections_in_review(limit: int = 10) -> list[Section]:
    return list(
        Section.objects.filter(status=Section.Status.IN_REVIEW)
        .select_related("deliverable")
        .defer("body")
        .order_by("updated_at")[:limit]
    )


def sections_granted_to(user: User, limit: int = 20) -> list[dict]:
    """The sections a specialist was given to read (or edit), as ``SECTION_ROW``."""
    return list(
        Section.objects.filter(
            sectionuserobjectpermission__user=user,
            sectionuserobjectpermission__permission__codename="view_section",
        )
        .order_by("deliverable__letter", "position")
        .values(*SECTION_ROW)[:limit]
    )
