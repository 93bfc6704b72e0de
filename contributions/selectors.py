"""Reads of contributions, shaped for the pages that show them, in a fixed number of queries."""

import textwrap
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from contributions import permissions
from contributions.models import (
    Call,
    Contribution,
    ContributionUserObjectPermission,
    Organisation,
    OrganisationContact,
    Region,
)
from core.collation import collated
from core.compiled_reads import Later, compiled_read, instance_from
from governance.models import User

#: A page of the catalogue: the first one, unfiltered, is a compiled read of this many rows.
CATALOGUE_PER_PAGE = 25
CATALOGUE_EXPORT_RELATED = ("call", "organisation", "region__parent")
CATALOGUE_PAGE_RELATED = ("organisation", "region__parent")
#: What a row of the catalogue page shows: its link, title, summary, kind, organisation, domain
#: and region (or country), state and date.
CATALOGUE_PAGE_FIELDS = (
    "id",
    "title",
    "summary",
    "kind",
    "organisation__name",
    "organisation__kind",
    "domain",
    "region__name",
    "region__parent__name",
    "country",
    "state",
    "submitted_at",
)


def open_calls() -> QuerySet[Call]:
    return Call.objects.open_at(timezone.now()).order_by("closes_at")


def calls_for_management() -> QuerySet[Call]:
    return Call.objects.annotate(
        contribution_count=Count(
            "contributions", filter=Q(contributions__submitted_at__isnull=False)
        )
    ).order_by("-opens_at", "-id")


def organisations_for_management() -> list[Organisation]:
    """Every organisation with its counts, by name in Portuguese collation («Águeda» with A)."""
    organisations = Organisation.objects.annotate(
        contact_count=Count("contacts"),
        contribution_count=Count(
            "contributions", filter=Q(contributions__submitted_at__isnull=False), distinct=True
        ),
    )
    return collated(organisations, key=lambda organisation: organisation.name)


def organisation_contacts(organisation: Organisation) -> list[OrganisationContact]:
    return list(
        organisation.contacts.select_related("user", "invitation__user").order_by("added_at")
    )


def organisation_contributions(organisation: Organisation) -> QuerySet[Contribution]:
    """An organisation's contributions, every state, newest change first."""
    return (
        Contribution.objects.filter(organisation=organisation)
        .select_related("call")
        .defer("body")
        .order_by("-updated_at", "-id")
    )


def contribution_detail(contribution: Contribution) -> Contribution:
    """The contribution with what its page lists: attachments and the sections it informed."""
    return (
        Contribution.objects.select_related(
            "call", "organisation", "region__parent", "district", "created_by", "decided_by"
        )
        .prefetch_related(
            "attachments",
            # Declared by strategy.SectionContribution (the upper layer); read by reverse name.
            "section_links__section__deliverable",
            "section_links__linked_by",
        )
        .get(pk=contribution.pk)
    )


def reviewers(contribution: Contribution) -> list[User]:
    grants = (
        ContributionUserObjectPermission.objects.filter(
            content_object=contribution, permission__codename="review_contribution"
        )
        .select_related("user", "user__entity")
        .order_by("user__full_name")
    )
    return [grant.user for grant in grants]


def _assigned_to_review(user_id: int) -> QuerySet[Contribution]:
    return Contribution.objects.filter(
        contributionuserobjectpermission__user_id=user_id,
        contributionuserobjectpermission__permission__codename="review_contribution",
        state__in=[Contribution.State.SUBMITTED, Contribution.State.UNDER_REVIEW],
    ).order_by("submitted_at")


def reviews_assigned_to(user: User, limit: int = 10) -> QuerySet[Contribution]:
    """Contributions awaiting a decision that the person was asked to review (the first
    ``limit``)."""
    return (
        _assigned_to_review(user.pk)
        .select_related("organisation")
        .only("id", "title", "state", "organisation__name")[:limit]
    )


@compiled_read(user_id=int)
def _review_rows_assigned_to(*, user_id: int) -> QuerySet[Contribution]:
    return _assigned_to_review(user_id).values("id", "title", "state", "organisation__name")[:10]


def review_rows_assigned_to(user: User) -> Later[list[dict]]:
    """``reviews_assigned_to`` as rows for the home page: ``id``, ``title``, ``state``,
    ``organisation__name``."""
    return _review_rows_assigned_to.later(user_id=user.pk)


def awaiting_review(limit: int = 10) -> list[Contribution]:
    """Submitted contributions nobody has started to review yet (for the secretariat)."""
    return list(
        Contribution.objects.filter(state=Contribution.State.SUBMITTED)
        .select_related("organisation")
        .defer("body")
        .order_by("submitted_at")[:limit]
    )


# --- the members' catalogue ---------------------------------------------------------------------


@dataclass(frozen=True)
class CatalogueFilters:
    kind: str = ""
    domain: str = ""
    nuts2: Region | None = None
    nuts3: Region | None = None
    maturity: str = ""
    state: str = ""
    call: Call | None = None
    organisation_kind: str = ""
    text: str = ""


SEARCHED_FIELDS = (
    "title",
    "summary",
    "body",
    "municipality",
    "technologies",
    "results",
    "place",
    "source",
    "transferability",
    "statement",
    "rationale",
    "organisation__name",
)


def _text_search(contributions: QuerySet[Contribution], text: str) -> QuerySet[Contribution]:
    """Full-text search with Portuguese stemming on PostgreSQL; a plain substring on SQLite."""
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = SearchVector(*SEARCHED_FIELDS, config="portuguese")
        query = SearchQuery(text, config="portuguese", search_type="websearch")
        # Aliases, not annotations: they filter and order without being sent back on every row.
        return (
            contributions.alias(search=vector, rank=SearchRank(vector, query))
            .filter(search=query)
            .order_by("-rank", "-submitted_at", "-id")
        )
    condition = Q()
    for name in SEARCHED_FIELDS:
        condition |= Q(**{f"{name}__icontains": text})
    return contributions.filter(condition)


def catalogue(base: QuerySet[Contribution], filters: CatalogueFilters) -> QuerySet[Contribution]:
    """The contributions the filters select, newest submission first (best match first when
    searching); ``catalogue_page_rows`` and ``catalogue_export_rows`` say what a row reads."""
    exact = {
        "kind": filters.kind,
        "domain": filters.domain,
        "maturity": filters.maturity,
        "state": filters.state,
        "organisation__kind": filters.organisation_kind,
    }
    contributions = base.filter(**{name: value for name, value in exact.items() if value})
    if filters.nuts2 is not None:
        contributions = contributions.filter(region__parent=filters.nuts2)
    if filters.nuts3 is not None:
        contributions = contributions.filter(region=filters.nuts3)
    if filters.call is not None:
        contributions = contributions.filter(call=filters.call)
    contributions = contributions.order_by("-submitted_at", "-id")
    if filters.text.strip():
        contributions = _text_search(contributions, filters.text.strip())
    return contributions


def catalogue_is_every_submitted(user: User, filters: CatalogueFilters) -> bool:
    """Say whether the catalogue ``user`` asks for is every submitted contribution: they read
    them all and no filter narrows them (a blank search is no search, as ``catalogue`` has it)."""
    return permissions.reads_every_contribution(user) and (
        replace(filters, text=filters.text.strip()) == CatalogueFilters()
    )


def catalogue_page_rows(
    contributions: QuerySet[Contribution], *, every_submitted: bool = False
) -> QuerySet[Contribution] | Sequence[Contribution]:
    """The columns the catalogue page shows, and nothing else, fetched in the same query, for a
    paginator to slice. ``every_submitted`` (``catalogue_is_every_submitted``) says that
    ``contributions`` are every submitted one: their first page is then a compiled read."""
    rows = contributions.select_related(*CATALOGUE_PAGE_RELATED).only(*CATALOGUE_PAGE_FIELDS)
    return _EverySubmittedPageRows(rows) if every_submitted else rows


#: The first page's columns: ``CATALOGUE_PAGE_FIELDS`` and the keys that build its instances as
#: ``catalogue_page_rows`` builds them (``select_related`` with ``only()``).
_FIRST_PAGE_COLUMNS = (
    *CATALOGUE_PAGE_FIELDS,
    "organisation_id",
    "region_id",
    "organisation__id",
    "region__id",
    "region__parent_id",
    "region__parent__id",
)


@compiled_read()
def _first_page_of_every_submitted() -> QuerySet[Contribution]:
    every_submitted = catalogue(permissions.every_submitted_contribution(), CatalogueFilters())
    return every_submitted.values(*_FIRST_PAGE_COLUMNS)[:CATALOGUE_PER_PAGE]


def _contribution_of_page_row(row: dict) -> Contribution:
    contribution = instance_from(Contribution, row)
    contribution.organisation = instance_from(Organisation, row, prefix="organisation__")
    region = None
    if row["region_id"] is not None:
        region = instance_from(Region, row, prefix="region__")
        parent = None
        if row["region__parent_id"] is not None:
            parent = instance_from(Region, row, prefix="region__parent__")
        region.parent = parent
    contribution.region = region
    return contribution


class _EverySubmittedPageRows(Sequence):
    """Every submitted contribution's page rows for a paginator (given its count): the first
    page a compiled read, any other the ORM's slice of ``rows``."""

    def __init__(self, rows: QuerySet[Contribution]) -> None:
        self.rows = rows
        self.ordered = rows.ordered  # for the paginator's check

    def __getitem__(self, index):
        if isinstance(index, slice) and index.step is None and not index.start:
            stop = index.stop
            if stop is not None and 0 <= stop <= CATALOGUE_PER_PAGE:
                return _FirstPage(_first_page_of_every_submitted()[:stop])
        return self.rows[index]

    def __len__(self) -> int:
        return self.rows.count()


def catalogue_export_rows(contributions: QuerySet[Contribution]) -> QuerySet[Contribution]:
    """Every field an export writes, fetched in the same query (the long text stays out)."""
    return contributions.select_related(*CATALOGUE_EXPORT_RELATED).defer("body")


class _FirstPage(Sequence):
    """The compiled first page's rows, made instances only when the page is shown (a page
    served from its cache needs no more than ``catalogue_page_values`` of the rows)."""

    def __init__(self, rows: list[dict]) -> None:
        self.rows = rows

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [_contribution_of_page_row(row) for row in self.rows[index]]
        return _contribution_of_page_row(self.rows[index])

    def __len__(self) -> int:
        return len(self.rows)


def catalogue_page_values(rows: Sequence[Contribution]) -> list[tuple]:
    """What each row of the page (its ``object_list``) shows, as plain values (for the page's
    cache key)."""
    if isinstance(rows, _FirstPage):
        return [tuple(row[path] for path in CATALOGUE_PAGE_FIELDS) for row in rows.rows]
    return [tuple(_value_at(row, path) for path in CATALOGUE_PAGE_FIELDS) for row in rows]


def _value_at(contribution: Contribution, path: str):
    value = contribution
    for name in path.split("__"):
        value = getattr(value, name) if value is not None else None
    return value


@compiled_read()
def _region_rows() -> QuerySet[Region]:
    return Region.objects.order_by("code").values(
        *(field.attname for field in Region._meta.concrete_fields)
    )


def regions() -> list[Region]:
    """Every NUTS II and NUTS III region by code, read once for a page's choices and charts
    (a compiled read: the catalogue asks on every visit)."""
    return [instance_from(Region, row) for row in _region_rows()]


@compiled_read()
def _call_rows() -> QuerySet[Call]:
    return Call.objects.order_by("-opens_at", "-id").values("id", "title")


def calls_to_filter_by() -> list[Call]:
    """Every call, newest first, as the catalogue's filter lists them (only their titles
    read)."""
    return [instance_from(Call, row) for row in _call_rows()]


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    percent: float  # of the longest bar, for the chart's width

    #: Characters of a label line: the chart is 560 units wide and its text 14 units high.
    LINE_LENGTH = 56

    @property
    def label_lines(self) -> list[str]:
        """The label cut at spaces into lines that fit the chart's width, never clipped."""
        return textwrap.wrap(self.label, self.LINE_LENGTH, break_long_words=True) or [""]


def _bars(pairs: list[tuple[str, int]]) -> list[Bar]:
    longest = max((count for _, count in pairs), default=0) or 1
    return [Bar(label, count, round(100 * count / longest, 1)) for label, count in pairs]


@dataclass(frozen=True)
class CatalogueCounts:
    total: int
    by_domain: list[Bar]
    by_region: list[Bar]


def _counted_by_domain_and_region(contributions: QuerySet[Contribution]) -> QuerySet:
    return (
        contributions.order_by()
        .values("domain", "region_id")
        .annotate(n=Count("*"))  # not of a column: the index of these two has no other
        .values("domain", "region_id", "n")
    )


@compiled_read()
def _every_submitted_counted() -> QuerySet[Contribution]:
    return _counted_by_domain_and_region(permissions.every_submitted_contribution())


def catalogue_counts(
    contributions: QuerySet[Contribution],
    all_regions: Sequence[Region] | None = None,
    *,
    every_submitted: bool = False,
) -> CatalogueCounts:
    """How many contributions are selected, and how many fall in each of the six domains and in
    each NUTS II region, from one grouped query (``all_regions`` as ``regions()`` gives them, read
    here when not given). ``every_submitted`` (``catalogue_is_every_submitted``) says that
    ``contributions`` are every submitted one: the query is then a compiled read."""
    if all_regions is None:
        all_regions = regions()
    parent_of = {region.pk: region.parent_id for region in all_regions}
    by_domain: dict[str, int] = defaultdict(int)
    by_region: dict[int, int] = defaultdict(int)
    total = 0
    counted = (
        _every_submitted_counted()
        if every_submitted
        else _counted_by_domain_and_region(contributions)
    )
    for row in counted:
        domain, region_id, n = row["domain"], row["region_id"], row["n"]
        total += n
        if domain:
            by_domain[domain] += n
        if parent_of.get(region_id) is not None:
            by_region[parent_of[region_id]] += n
    return CatalogueCounts(
        total=total,
        by_domain=_bars(
            [(label, by_domain.get(value, 0)) for value, label in Contribution.Domain.choices]
        ),
        by_region=_bars(
            [
                (region.name, by_region.get(region.pk, 0))
                for region in all_regions
                if region.level == Region.Level.NUTS2
            ]
        ),
    )


def submitted_without_reviewers() -> Later[list[dict]]:
    """Submitted contributions no one was asked to review yet (for the secretariat's home
    page): ``id``, ``title``, ``organisation__name``."""
    return _submitted_without_reviewers.later()


@compiled_read()
def _submitted_without_reviewers() -> QuerySet[Contribution]:
    return (
        Contribution.objects.filter(state=Contribution.State.SUBMITTED)
        .exclude(contributionuserobjectpermission__permission__codename="review_contribution")
        .order_by("submitted_at")
        .values("id", "title", "organisation__name")[:10]
    )


def counts_by_region(contributions: QuerySet[Contribution]) -> list[Bar]:
    """How many of the selected contributions fall in each NUTS II region."""
    return catalogue_counts(contributions).by_region
