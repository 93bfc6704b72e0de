"""The action plan's calendar as an SVG drawn on the server: one bar per action across 2022–2025.

One function draws it for the portal page and for the PDF (WeasyPrint lays out inline SVG), from
the actions as plain data (``documents.action_rows``), so both show the same picture. The SVG is
an image with a title and a description listing every action's dates; the actions table next to
it is the full text alternative.
"""

from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from strategy.models import PLAN_FIRST_DAY, PLAN_LAST_DAY

WIDTH = 720
LABEL_WIDTH = 64  # the column of action codes
RIGHT_MARGIN = 8
HEADER = 26  # the row of year labels
ROW = 22
BAR = 12
CHART_LEFT, CHART_RIGHT = LABEL_WIDTH, WIDTH - RIGHT_MARGIN
PLAN_DAYS = (PLAN_LAST_DAY - PLAN_FIRST_DAY).days + 1


def _x(day: date) -> float:
    """The horizontal position of the start of ``day``, clamped to the plan's period."""
    offset = min(max((day - PLAN_FIRST_DAY).days, 0), PLAN_DAYS)
    return round(CHART_LEFT + offset * (CHART_RIGHT - CHART_LEFT) / PLAN_DAYS, 1)


def _day(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


def _short(day: date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


def timeline_svg(
    actions: Sequence[Mapping], *, svg_id: str = "calendario-acoes", alt_in_title: bool = False
) -> SafeString:
    """Draw the actions (``code``, ``title``, ``start``, ``end``) as bars on the years 2022–2025.

    ``alt_in_title`` puts the description in the title too: a PDF figure's alternative text is
    taken from the title alone, and it must give every action's dates.
    """
    if not actions:
        return mark_safe("")
    height = HEADER + ROW * len(actions) + 6
    title = _("Calendar of the actions, 2022–2025")
    description = "; ".join(
        _("%(code)s %(title)s: from %(start)s to %(end)s")
        % {
            "code": action["code"],
            "title": action["title"],
            "start": _short(_day(action["start"])),
            "end": _short(_day(action["end"])),
        }
        for action in actions
    )
    if alt_in_title:
        title = f"{title}: {description}"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" id="{escape(svg_id)}" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="img" '
        f'aria-labelledby="{escape(svg_id)}-title" aria-describedby="{escape(svg_id)}-desc" '
        f'focusable="false" font-family="Liberation Sans, Arial, sans-serif" font-size="11">',
        f'<title id="{escape(svg_id)}-title">{escape(title)}</title>',
        f'<desc id="{escape(svg_id)}-desc">{escape(description)}</desc>',
    ]
    for year in range(PLAN_FIRST_DAY.year, PLAN_LAST_DAY.year + 2):
        x = _x(date(year, 1, 1))
        parts.append(
            f'<line class="timeline-grid" x1="{x}" y1="4" x2="{x}" y2="{height - 2}" '
            'stroke="#8a939e" stroke-width="1"/>'
        )
        if year <= PLAN_LAST_DAY.year:
            middle = (x + _x(date(year + 1, 1, 1))) / 2
            parts.append(
                f'<text class="timeline-year" x="{round(middle, 1)}" y="18" '
                f'text-anchor="middle" font-weight="bold" fill="#1b1f24">{year}</text>'
            )
    for index, action in enumerate(actions):
        start, end = _day(action["start"]), _day(action["end"])
        top = HEADER + index * ROW
        left = _x(start)
        width = max(_x(end + timedelta(days=1)) - left, 2)
        label = _("%(code)s %(title)s: from %(start)s to %(end)s") % {
            "code": action["code"],
            "title": action["title"],
            "start": _short(start),
            "end": _short(end),
        }
        state = escape(action.get("state_code", ""))
        parts.append(
            f'<g class="timeline-row timeline-{state}"><title>{escape(label)}</title>'
            f'<text x="{LABEL_WIDTH - 6}" y="{top + ROW / 2 + 4}" text-anchor="end" '
            f'fill="#1b1f24">{escape(action["code"])}</text>'
            f'<rect x="{left}" y="{top + (ROW - BAR) / 2}" width="{round(width, 1)}" '
            f'height="{BAR}" rx="2" fill="#0b3d6e"/></g>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 -- every text above is escaped
