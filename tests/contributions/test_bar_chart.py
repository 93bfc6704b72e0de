"""Chart labels are never clipped: each stands above its bar and long ones wrap."""

import re

from django.template.loader import render_to_string

from contributions.selectors import Bar


def _render(bars):
    return render_to_string(
        "contributions/_bar_chart.html",
        {"bars": bars, "chart_id": "c", "chart_title": "Por região"},
    )


def test_a_long_label_wraps_onto_lines_that_fit_the_chart():
    long = "Área Metropolitana do Porto e Região Autónoma dos Açores, com os municípios do interior"
    svg = _render([Bar(long, 3, 100.0), Bar("Algarve", 1, 33.3)])
    lines = re.findall(r"<tspan[^>]*>([^<]*)</tspan>", svg)
    assert " ".join(lines[:-1]) == long
    assert all(len(line) <= Bar.LINE_LENGTH for line in lines)
    assert lines[-1] == "Algarve"


def test_every_label_starts_at_the_left_edge_so_nothing_falls_outside():
    svg = _render([Bar("Mobilidade", 2, 100.0)])
    assert 'text-anchor="end" class="bar-label"' not in svg
    assert re.search(r'<text x="0" y="14" class="bar-label">', svg)
    (height,) = re.findall(r'viewBox="0 0 560 (\d+)"', svg)
    assert int(height) >= 17 + 2 + 16


def test_the_rows_do_not_overlap():
    svg = _render([Bar("A " * 40, 1, 50.0), Bar("B", 2, 100.0)])
    tops = [int(t) for t in re.findall(r"translate\(0 (\d+)\)", svg)]
    assert tops[0] == 0
    assert tops[1] >= 17 * 2 + 2 + 16
