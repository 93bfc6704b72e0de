"""``{% with chart=bars|bar_chart %}``: where each bar of a chart goes, lines of label included."""

from dataclasses import dataclass

from django import template

register = template.Library()

LINE_HEIGHT = 17  # units of the 560-wide viewBox per label line (14-unit text)
BAR_HEIGHT = 16
GAP = 12


@dataclass(frozen=True)
class ChartRow:
    bar: object
    top: int  # where the row starts
    bar_top: int  # where its bar starts, under the label's last line
    count_y: int  # baseline of the count, beside the bar


@register.filter
def bar_chart(bars) -> dict:
    rows, top = [], 0
    for bar in bars:
        label_height = LINE_HEIGHT * len(bar.label_lines)
        bar_top = label_height + 2
        rows.append(ChartRow(bar, top, bar_top, bar_top - 3))
        top += bar_top + BAR_HEIGHT + GAP
    return {"rows": rows, "height": max(top, 1)}
