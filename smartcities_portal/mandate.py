"""The mandate tracker (``/mandato/``): the deadlines of n.º 9 and n.º 10 against today and
against the final releases, each deliverable's progress, principle coverage, contributions and
meetings — every chart with the same numbers in a table."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Min, Q, Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from contributions import selectors as contribution_selectors
from contributions.models import Contribution
from contributions.selectors import Bar
from governance import selectors as governance_selectors
from governance.models import Meeting
from strategy.models import Deliverable, Principle, Release, Section

#: The deliverable whose final release sets up the governance structure of n.º 10.
GOVERNANCE_DELIVERABLE = "plano-de-acao"


def _bars(pairs: list[tuple[str, int]]) -> list[Bar]:
    longest = max((count for _, count in pairs), default=0) or 1
    return [Bar(label, count, round(100 * count / longest, 1)) for label, count in pairs]


def relative_to_today(due: date, today: date) -> str:
    days = (due - today).days
    if days > 0:
        return ngettext("in %(n)d day", "in %(n)d days", days) % {"n": days}
    if days == 0:
        return _("today")
    return ngettext("passed %(n)d day ago", "passed %(n)d days ago", -days) % {"n": -days}


@dataclass(frozen=True)
class Delivery:
    deliverable: Deliverable
    delivered_on: date | None
    late_days: int  # 0 when on time (or not yet due)
    state: str  # a sentence saying what happened, never a colour alone


def delivery(deliverable: Deliverable, final_on: date | None, due: date, today: date) -> Delivery:
    if final_on is not None:
        late, on = (final_on - due).days, date_format(final_on, "SHORT_DATE_FORMAT")
        if late <= 0:
            state = _("Delivered on %(date)s") % {"date": on}
        else:
            state = ngettext(
                "Delivered on %(date)s, late by %(n)d day",
                "Delivered on %(date)s, late by %(n)d days",
                late,
            ) % {"date": on, "n": late}
        return Delivery(deliverable, final_on, max(late, 0), state)
    late = (today - due).days
    if late > 0:
        state = ngettext(
            "Not delivered yet: late by %(n)d day", "Not delivered yet: late by %(n)d days", late
        ) % {"n": late}
    else:
        state = _("Not delivered yet")
    return Delivery(deliverable, None, max(late, 0), state)


@dataclass(frozen=True)
class Deadline:
    paragraph: str
    label: str
    due: date
    today_state: str
    deliveries: list[Delivery]


def deadlines(today: date) -> list[Deadline]:
    group = governance_selectors.working_group()
    if group is None:
        return []
    deliverables = list(
        Deliverable.objects.annotate(
            final_on=Min("releases__issued_on", filter=Q(releases__kind=Release.Kind.FINAL))
        ).order_by("letter")
    )
    proposals = [delivery(d, d.final_on, group.proposals_due, today) for d in deliverables]
    governance = [
        delivery(d, d.final_on, group.governance_due, today)
        for d in deliverables
        if d.slug == GOVERNANCE_DELIVERABLE
    ]
    return [
        Deadline(
            "9",
            _("Final proposals to the Government (n.º 9)"),
            group.proposals_due,
            relative_to_today(group.proposals_due, today),
            proposals,
        ),
        Deadline(
            "10",
            _("Governance structure in place; the group ends (n.º 10)"),
            group.governance_due,
            relative_to_today(group.governance_due, today),
            governance,
        ),
    ]


@dataclass(frozen=True)
class Progress:
    deliverable: Deliverable
    bars: list[Bar]
    words: int


def progress() -> list[Progress]:
    """Sections by state and words, per deliverable (one query)."""
    states = Section.Status
    rows = Deliverable.objects.annotate(
        words=Sum("sections__word_count"),
        **{
            f"n_{value}": Count("sections", filter=Q(sections__status=value))
            for value in states.values
        },
    ).order_by("letter")
    return [
        Progress(
            row,
            _bars([(label, getattr(row, f"n_{value}")) for value, label in states.choices]),
            row.words or 0,
        )
        for row in rows
    ]


def principle_coverage() -> list[Bar]:
    """How many sections serve each principle (one query)."""
    principles = Principle.objects.annotate(n=Count("sections")).order_by("letter")
    return _bars([(str(p), p.n) for p in principles])


def contributions_by(field: str, choices) -> list[Bar]:
    counts = dict(
        Contribution.objects.filter(submitted_at__isnull=False)
        .order_by()
        .values_list(field)
        .annotate(n=Count("id"))
        .values_list(field, "n")
    )
    return _bars([(label, counts.get(value, 0)) for value, label in choices])


def meetings_summary() -> list[Bar]:
    now = timezone.now()
    counts = Meeting.objects.aggregate(
        held=Count("id", filter=Q(state__in=[Meeting.State.HELD, Meeting.State.CLOSED])),
        planned=Count(
            "id",
            filter=Q(state__in=[Meeting.State.PLANNED, Meeting.State.CONVENED], ends_at__gte=now),
        ),
        cancelled=Count("id", filter=Q(state=Meeting.State.CANCELLED)),
    )
    return _bars(
        [
            (pgettext("meetings", "Held"), counts["held"]),
            (_("Planned or convened"), counts["planned"]),
            (pgettext("meetings", "Cancelled"), counts["cancelled"]),
        ]
    )


def tracker() -> dict:
    today = timezone.localdate()
    submitted = Contribution.objects.filter(submitted_at__isnull=False)
    return {
        "today": today,
        "deadlines": deadlines(today),
        "progress": progress(),
        "coverage": principle_coverage(),
        "by_kind": contributions_by("kind", Contribution.Kind.choices),
        "by_state": contributions_by("state", Contribution.State.choices[1:]),
        "by_region": contribution_selectors.counts_by_region(submitted),
        "meetings": meetings_summary(),
    }
