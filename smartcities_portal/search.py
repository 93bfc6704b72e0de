"""``/pesquisa/``: one search over what the person may see — current section text,
contributions, meetings, agenda items, minutes, decisions, organisations and releases.

Each kind starts from its app's permission-aware queryset, so nothing hidden can match.
PostgreSQL: full-text search with the ``pt_unaccent`` configuration (Portuguese stemming, no
accents), ranked, the passage highlighted by ``ts_headline`` for the rows shown only; the kinds
with long text match and rank on the vector PostgreSQL stores for each row
(``core.text_search.AddSearchDocument``). SQLite: every word must appear, accents and case aside
(``core.text_search.Fold``), newest first, the passage cut in Python. On PostgreSQL one query
gives every kind's first hits and how many there are (``search_sql.overview``); on SQLite one
query per kind does; either way whatever the number of matches. One kind page by page costs
its count and its page. A kind the person sees every row of is searched with SQL compiled once
and kept (``_branch``): the ORM builds the branches of the others on each search. On PostgreSQL
the results of such a kind are kept too, for as long as the tables they read stay as they were
(``_overview``).
"""

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count, F, Model, Q, QuerySet, Window
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from contributions import permissions as contribution_permissions
from contributions.models import Organisation
from contributions.permissions import Action as ContributionAction
from core import fragments
from core.text_search import (
    SEARCH_CONFIG,
    Fold,
    Headline,
    Matches,
    Rank,
    StoredSearchDocument,
    Vector,
    fold,
)
from governance import permissions as governance_permissions
from governance.models import Decision, Minutes, User
from governance.permissions import Action as GovernanceAction
from smartcities_portal import search_sql
from strategy import permissions as strategy_permissions

PER_GROUP = 5
PER_PAGE = 20
MAX_QUERY_LENGTH = 200
_START, _STOP = "\u2063\u2064", "\u2064\u2063"  # invisible separators around each match
EXCERPT_WORDS = 30
_HEADLINE_OPTIONS = (
    f"StartSel='{_START}', StopSel='{_STOP}', MaxWords={EXCERPT_WORDS}, MinWords=10, MaxFragments=2"
)


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    visible: Callable[[User], QuerySet]
    fields: tuple[str, ...]  # searched; the last one is the passage shown
    shown: tuple[str, ...]  # what ``title`` and ``link`` read: the only columns a hit loads
    title: Callable[[object], str]
    link: Callable[[object, User], str]
    # PostgreSQL stores the vector of exactly ``fields`` (the model's AddSearchDocument migration)
    stored: bool = False
    # The rule of ``visible`` by which a person sees every row of the kind: then what they see
    # does not depend on who they are, and its SQL is compiled once (``_branch``).
    sees_all: Callable[[User], bool] | None = None


@dataclass
class Hit:
    title: str
    link: str
    excerpt: SafeString


@dataclass
class Group:
    kind: Kind
    count: int
    hits: list[Hit]
    page: Page | None = None


def _minutes_visible(user: User) -> QuerySet[Minutes]:
    if not governance_permissions.can(user, GovernanceAction.READ_MINUTES):
        return Minutes.objects.none()
    meetings = governance_permissions.meetings_visible_to(user)
    return Minutes.objects.filter(meeting__in=meetings)


def _reads_every_minutes(user: User) -> bool:
    return governance_permissions.can(
        user, GovernanceAction.READ_MINUTES
    ) and governance_permissions.sees_every_meeting(user)


def _decisions_visible(user: User) -> QuerySet[Decision]:
    return Decision.objects.filter(minutes__in=_minutes_visible(user))


def _organisations_visible(user: User) -> QuerySet[Organisation]:
    if contribution_permissions.can(user, ContributionAction.MANAGE_ORGANISATIONS):
        return Organisation.objects.all()
    own = contribution_permissions.organisation_of(user)
    return Organisation.objects.filter(pk=own.pk) if own else Organisation.objects.none()


def _manages_organisations(user: User) -> bool:
    return contribution_permissions.can(user, ContributionAction.MANAGE_ORGANISATIONS)


def _organisation_link(organisation, user: User) -> str:
    if _manages_organisations(user):
        return organisation.get_absolute_url()
    return reverse("contributions:home")


KINDS = [
    Kind(
        "seccoes",
        _("Sections"),
        strategy_permissions.sections_visible_to,
        ("title", "body"),
        ("title", "deliverable__short_title", "deliverable__slug"),
        lambda section: f"{section.title} ({section.deliverable.short_title})",
        lambda section, user: section.get_absolute_url(),
        stored=True,
        sees_all=strategy_permissions.reads_every_section,
    ),
    Kind(
        "contributos",
        _("Contributions"),
        contribution_permissions.contributions_visible_to,
        ("title", "summary", "body"),
        ("title", "organisation__name"),
        lambda contribution: f"{contribution.title} ({contribution.organisation.name})",
        lambda contribution, user: contribution.get_absolute_url(),
        stored=True,
        sees_all=contribution_permissions.reads_every_contribution,
    ),
    Kind(
        "reunioes",
        _("Meetings"),
        governance_permissions.meetings_visible_to,
        ("title", "place", "notes"),
        ("title",),
        lambda meeting: meeting.title,
        lambda meeting, user: meeting.get_absolute_url(),
        stored=True,
        sees_all=governance_permissions.sees_every_meeting,
    ),
    Kind(
        "pontos",
        _("Agenda items"),
        governance_permissions.items_visible_to,
        ("title", "description"),
        ("title", "meeting__title"),
        lambda item: f"{item.title} ({item.meeting.title})",
        lambda item, user: item.get_absolute_url(),
        stored=True,
        sees_all=governance_permissions.sees_every_meeting,
    ),
    Kind(
        "atas",
        pgettext_lazy("search results", "Minutes"),
        _minutes_visible,
        ("body",),
        ("meeting__title",),
        lambda minutes: minutes.meeting.title,
        lambda minutes, user: minutes.get_absolute_url(),
        stored=True,
        sees_all=_reads_every_minutes,
    ),
    Kind(
        "decisoes",
        _("Decisions"),
        _decisions_visible,
        ("text",),
        ("minutes__meeting__title",),
        lambda decision: decision.minutes.meeting.title,
        lambda decision, user: decision.minutes.get_absolute_url() + "#decisoes",
        stored=True,
        sees_all=_reads_every_minutes,
    ),
    Kind(
        "organizacoes",
        _("Organisations"),
        _organisations_visible,
        ("name",),
        ("name",),
        lambda organisation: organisation.name,
        _organisation_link,
        sees_all=_manages_organisations,
    ),
    Kind(
        "versoes",
        _("Releases"),
        strategy_permissions.releases_visible_to,
        ("label", "deliverable__title"),
        ("label", "deliverable__short_title"),
        lambda release: f"{release.deliverable.short_title} {release.label}",
        lambda release, user: release.get_absolute_url(),
        sees_all=strategy_permissions.reads_every_release,
    ),
]
KINDS_BY_KEY = {kind.key: kind for kind in KINDS}


def _words(text: str) -> list[str]:
    return [word for word in fold(text).split() if word]


def _only_shown(queryset: QuerySet, names: tuple[str, ...]) -> QuerySet:
    """Load ``names`` and nothing else: a match carries no text the page does not show, which
    keeps the ranking of every match narrow."""
    queryset = queryset.select_related(None).only(*names)
    related = {name.rpartition("__")[0] for name in names if "__" in name}
    return queryset.select_related(*related) if related else queryset


def _document(kind: Kind):
    """The vector a kind matches and ranks on (PostgreSQL)."""
    return StoredSearchDocument() if kind.stored else Vector(*kind.fields)


def _headline(kind: Kind, text: str) -> Headline:
    return Headline(F(kind.fields[-1]), text, options=_HEADLINE_OPTIONS)


def _matching(kind: Kind, queryset: QuerySet, text: str) -> QuerySet:
    if connection.vendor == "postgresql":
        document = _document(kind)
        # PostgreSQL computes the headline after the sort, for the rows shown only.
        return (
            _only_shown(queryset, kind.shown)
            .filter(Matches(document, text))
            .annotate(search_headline=_headline(kind, text))
            .order_by(Rank(document, text).desc(), "-pk")
        )
    condition = Q()
    for word in _words(text):
        any_field = Q()
        for field in kind.fields:
            any_field |= Q(**{f"folded_{field.replace('__', '_')}__contains": word})
        condition &= any_field
    folded = {f"folded_{field.replace('__', '_')}": Fold(field) for field in kind.fields}
    passage = kind.fields[-1]  # the excerpt is cut in Python
    return (
        _only_shown(queryset, (*kind.shown, passage))
        .alias(**folded)
        .filter(condition)
        .order_by("-pk")
    )


# Stands for the search text in SQL compiled once per process (see ``_shown_sql``).
_TEXT = object()


@functools.cache
def _shown_sql(key: str, model: type[Model]) -> tuple[str, list]:
    """The subquery that loads what a hit of ``kind`` shows, its passage highlighted.

    It reads the row by the pk the ranking chose, and the ranking only ever holds rows the person
    may see; no person's rule is in it, so it is compiled once, the text a parameter.
    """
    kind = KINDS_BY_KEY[key]
    columns = search_sql.columns_for(model, kind.shown)
    queryset = model._base_manager.annotate(search_headline=_headline(kind, _TEXT))
    return search_sql.shown_row_sql(queryset, columns, "search_headline")


def _matches(kind: Kind, visible: QuerySet, text: str) -> tuple[str, tuple]:
    """The SQL of the rows of ``visible`` that match ``text``, as (pk, rank) (PostgreSQL).

    Raises ``EmptyResultSet`` for a kind the person may not see at all.
    """
    document = _document(kind)
    matches = (
        visible.filter(Matches(document, text))
        .annotate(search_rank=Rank(document, text))
        .order_by()
        .values_list("pk", "search_rank")
    )
    return matches.query.sql_with_params()


# Stands for the search text while a branch is compiled to be kept; no search text is this long.
_TEXT_STAND_IN = "\u27e8search text\u27e9" * (MAX_QUERY_LENGTH // 10)
# What the search itself adds as parameters: the text, the configuration, a vector's blanks.
_SEARCH_PARAMS = (_TEXT_STAND_IN, SEARCH_CONFIG, "")


@dataclass(frozen=True)
class _Kept:
    """A kind's branch for those who see every row of it, compiled once."""

    sql: str
    params: tuple  # ``_TEXT`` where the search text goes
    model: type[Model]
    # What its matches and shown rows read, when every one is a model's table: its results can
    # then be kept for as long as those tables stay as they were (``_overview``).
    tables: frozenset[str] | None


# Per database and kind; ``None`` for a kind whose SQL could not be kept.
_kept_matches: dict[tuple[str, str], _Kept | None] = {}


@dataclass(frozen=True)
class _Branch:
    kind: Kind
    matches: tuple[str, list]  # ``_matches`` of what the person may see
    model: type[Model]
    tables: frozenset[str] | None  # set for a kept branch (see ``_Kept.tables``)


def _branch(kind: Kind, user: User, text: str) -> _Branch:
    """``_matches`` of what ``user`` may see of ``kind``.

    A person who sees every row of the kind sees the same rows as anyone else who does: that
    SQL is compiled once, with a stand-in for the text, and kept. It is kept only if nothing but
    the text and constants of the search itself became its parameters (nothing of the person).
    """
    kept = None
    if kind.sees_all is not None and kind.sees_all(user):
        slot = (connection.alias, kind.key)
        if slot not in _kept_matches:
            _kept_matches[slot] = _kept(kind, kind.visible(user))
        kept = _kept_matches[slot]
    if kept is None:
        visible = kind.visible(user)
        sql, params = _matches(kind, visible, text)
        return _Branch(kind, (sql, list(params)), visible.model, None)
    params = [text if param is _TEXT else param for param in kept.params]
    return _Branch(kind, (kept.sql, params), kept.model, kept.tables)


def _kept(kind: Kind, visible: QuerySet) -> _Kept | None:
    sql, params = _matches(kind, visible, _TEXT_STAND_IN)
    if not all(param in _SEARCH_PARAMS for param in params):
        return None
    kept = tuple(_TEXT if param == _TEXT_STAND_IN else param for param in params)
    tables = search_sql.tables_read(sql, _shown_sql(kind.key, visible.model)[0])
    return _Kept(sql, kept, visible.model, tables)


def _results_key(branch: _Branch, text: str, states: dict[str, str]) -> str:
    """Where a kept branch's results for ``text`` are kept while its tables are in ``states``."""
    tables = sorted(branch.tables or ())
    return fragments.content_key(
        "search",
        connection.alias,
        branch.kind.key,
        branch.matches[0],
        text,
        [(table, states[table]) for table in tables],
    )


def _overview(user: User, text: str) -> list[tuple[Kind, int, list]]:
    """Each kind with matches: how many, and the first ``PER_GROUP`` rows with their passage,
    all in one query (PostgreSQL).

    Each kind's branch is its permission-aware queryset narrowed to the matches: what a person
    may not see is neither counted nor ranked nor shown. A kind the person may not see at all
    compiles to nothing and is left out.

    The results of a kept branch, the same for everyone who sees every row of the kind, are
    kept under the state of the tables it reads (``search_sql.table_states``): a search of the
    same words while no one has written to them costs that one cheap read, and a write to one
    kind's tables leaves the others' results kept.
    """
    branches = []
    for kind in KINDS:
        try:
            branches.append(_branch(kind, user, text))
        except EmptyResultSet:
            continue
    tables = {table for branch in branches for table in branch.tables or ()}
    states = search_sql.table_states(tables) if tables else None
    keys = {}
    if states is not None:
        keys = {b.kind.key: _results_key(b, text, states) for b in branches if b.tables}
    kept = cache.get_many(keys.values())
    results = {key: kept[keys[key]] for key in keys if keys[key] in kept}
    stale = [branch for branch in branches if branch.kind.key not in results]
    sql_branches = [_sql_branch(branch, text) for branch in stale]
    found = search_sql.overview(sql_branches, PER_GROUP)
    fresh = {branch.kind.key: found.get(index, (0, [])) for index, branch in enumerate(stale)}
    cache.set_many(
        {keys[key]: value for key, value in fresh.items() if key in keys},
        fragments.FRAGMENT_SECONDS,
    )
    results |= fresh
    groups = []
    for branch in branches:
        total, rows = results[branch.kind.key]
        if total:
            columns = search_sql.columns_for(branch.model, branch.kind.shown)
            groups.append((branch.kind, total, search_sql.shown_rows(columns, rows)))
    return groups


def _sql_branch(branch: _Branch, text: str) -> search_sql.Branch:
    sql, params = _shown_sql(branch.kind.key, branch.model)
    shown = (sql, [text if param is _TEXT else param for param in params])
    columns = search_sql.columns_for(branch.model, branch.kind.shown)
    return search_sql.Branch(branch.matches, shown, columns)


def _highlighted(raw: str) -> SafeString:
    """Escape a ``ts_headline`` passage, then mark its matches."""
    marked = escape(raw).replace(_START, "<mark>").replace(_STOP, "</mark>")
    return mark_safe(marked)  # noqa: S308 — every character of the text was escaped above


def _excerpt(text: str, words: list[str]) -> SafeString:
    """The passage around the first match, with every match marked (SQLite)."""
    plain = re.sub(r"\s+", " ", text or "").strip()
    folded = fold(plain)
    # fold() keeps one character per character for Latin text, so positions line up.
    if len(folded) != len(plain):
        return escape(plain[:200])
    first = min((folded.find(w) for w in words if folded.find(w) >= 0), default=0)
    start = max(0, plain.rfind(" ", 0, max(0, first - 80)) + 1)
    end = min(len(plain), start + 240)
    pieces, cursor = [], start
    pattern = re.compile("|".join(re.escape(w) for w in words)) if words else None
    for found in pattern.finditer(folded, start, end) if pattern else []:
        pieces.append(escape(plain[cursor : found.start()]))
        pieces.append(f"<mark>{escape(plain[found.start() : found.end()])}</mark>")
        cursor = found.end()
    pieces.append(escape(plain[cursor:end]))
    prefix, suffix = ("… " if start else ""), (" …" if end < len(plain) else "")
    return mark_safe(prefix + "".join(pieces) + suffix)  # noqa: S308 — pieces escaped above


def _hit(kind: Kind, row, user: User, words: list[str], headline: str | None = None) -> Hit:
    if headline is not None or hasattr(row, "search_headline"):
        excerpt = _highlighted(headline or getattr(row, "search_headline", "") or "")
    else:
        field = kind.fields[-1]
        value = row
        for part in field.split("__"):
            value = getattr(value, part)
        excerpt = _excerpt(str(value or ""), words)
    return Hit(title=kind.title(row), link=kind.link(row, user), excerpt=excerpt)


def search(user: User, text: str, *, kind: str = "", page: str | None = None) -> list[Group]:
    """The matches of ``text`` the person may see, grouped by kind: a few of each, or one kind
    page by page."""
    text = text.strip()[:MAX_QUERY_LENGTH]
    words = _words(text)
    if not words:
        return []
    if kind in KINDS_BY_KEY:
        candidate = KINDS_BY_KEY[kind]
        matches = _matching(candidate, candidate.visible(user), text)
        current = Paginator(matches, PER_PAGE).get_page(page)
        hits = [_hit(candidate, row, user, words) for row in current]
        return [Group(candidate, current.paginator.count, hits, current)]
    if connection.vendor == "postgresql":
        return [
            Group(
                candidate,
                total,
                [_hit(candidate, row, user, words, passage) for row, passage in rows],
            )
            for candidate, total, rows in _overview(user, text)
        ]
    groups = []
    for candidate in KINDS:
        matches = _matching(candidate, candidate.visible(user), text)
        # The total rides along on each row, so a kind costs one query whatever its matches.
        rows = list(matches.annotate(search_total=Window(Count("*")))[:PER_GROUP])
        if rows:
            hits = [_hit(candidate, row, user, words) for row in rows]
            groups.append(Group(candidate, rows[0].search_total, hits))
    return groups


def shown(text: str, kind: str, groups: list[Group]) -> tuple:
    """Every value the results show, as plain values: the key they are kept rendered under."""
    return (
        text,
        kind,
        PER_GROUP,
        [
            (
                group.kind.key,
                group.kind.label,
                group.count,
                (group.page.number, group.page.paginator.num_pages) if group.page else None,
                [(hit.title, hit.link, str(hit.excerpt)) for hit in group.hits],
            )
            for group in groups
        ],
    )
