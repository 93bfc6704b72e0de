"""Print quality, read back from the PDFs: no page left mostly empty by a forced break, one font
pairing embedded with every Portuguese glyph, alternative text for the calendar, and contents,
bookmarks and tagged headings that agree."""

import io

import pytest
from pypdf import PdfReader

from strategy import pdf

PORTUGUESE = "Ação, coração, mãe, pões; «Índice» — Évora, Ângulo, Ôlhão, Ãgueda, Çé… ª º €"
LONG_BODY = (
    "Um parágrafo com a extensão de um capítulo a sério, escrito para encher a página. " * 45
)


def snapshot(sections, actions=()):
    return {
        "deliverable": {
            "slug": "estrategia",
            "letter": "a",
            "title": "Estratégia Nacional de Smart Cities",
            "short_title": "Estratégia",
        },
        "label": "v0.1",
        "final": False,
        "issued_on": "2026-01-01",
        "group": "Grupo de Trabalho",
        "legal_basis": "Despacho n.º 1369-A/2022",
        "principles": [{"letter": "a", "title": "Centrado nas pessoas"}],
        "sections": [
            {"id": index, "principles": ["a"], **section}
            for index, section in enumerate(sections, start=1)
        ],
        "actions": list(actions),
        "contributions": [],
    }


def section(number, title, body):
    return {"number": number, "depth": number.count("."), "title": title, "body": body}


SECTIONS = [
    section("1", "Visão", "Uma linha curta."),
    section("2", "Missão", "## Um título no texto\n\nOutra linha curta."),
    section("2.1", "Objetivos", PORTUGUESE),
    section("3", "Eixos", LONG_BODY),
    section("4", "Governação", "Mais uma linha curta."),
]
ACTION = {
    "id": 1,
    "code": "A1.1",
    "title": "Catálogo nacional de modelos de dados",
    "objective": "Colaboração multinível",
    "objective_code": "oe2",
    "responsible": "AMA",
    "involved": ["DGT"],
    "start": "2022-06-01",
    "end": "2023-12-31",
    "indicators": [{"name": "Modelos publicados", "target": "50", "unit": ""}],
    "funding": "PRR",
    "state": "Planeada",
    "state_code": "planned",
}


@pytest.fixture(scope="module")
def document():
    return PdfReader(io.BytesIO(pdf.render(snapshot(SECTIONS)).content))


@pytest.fixture(scope="module")
def plan_document():
    return PdfReader(io.BytesIO(pdf.render(snapshot(SECTIONS[:1], [ACTION])).content))


def page_texts(reader):
    return [" ".join(page.extract_text().split()) for page in reader.pages]


PARAGRAPH = "Um parágrafo com a extensão de um capítulo a sério, escrito para encher a página. "


def rendered_pages(sections):
    return page_texts(PdfReader(io.BytesIO(pdf.render(snapshot(sections)).content)))


WELL_FILLED_THEN_LONG = [
    section("1", "Visão", PARAGRAPH * 28),  # fills over half its page: «2» should break
    section("2", "Eixos", LONG_BODY),
    section("3", "Fim", "Curta."),
]
LITTLE_THEN_LONG = [
    section("1", "Visão", PARAGRAPH * 20),  # fills less than half its page: «2» should flow on
    section("2", "Eixos", LONG_BODY),
]


def test_short_chapters_flow_on(document):
    texts = page_texts(document)
    # cover, contents, then the short chapters 1 and 2 (with 2.1) share one page
    assert "1 Visão" in texts[2]
    assert "2 Missão" in texts[2]
    assert "2.1 Objetivos" in texts[2]


def test_a_long_chapter_starts_a_page_after_a_well_filled_one():
    texts = rendered_pages(WELL_FILLED_THEN_LONG)
    assert texts[3].startswith("2 Eixos")
    assert "2 Eixos" not in texts[2]


def test_a_long_chapter_flows_on_rather_than_leave_the_page_before_mostly_empty():
    texts = rendered_pages(LITTLE_THEN_LONG)
    assert "1 Visão" in texts[2]
    assert "2 Eixos" in texts[2]


def test_a_layout_whose_decisions_hold_is_laid_out_once():
    rendered = pdf.render(snapshot(LITTLE_THEN_LONG), flow_on=frozenset({"s2"}))
    assert rendered.layouts == 1
    assert rendered.flow_on == {"s2"}
    assert "2 Eixos" in page_texts(PdfReader(io.BytesIO(rendered.content)))[2]


def test_a_chapter_wrongly_flowing_on_starts_a_page_again():
    rendered = pdf.render(snapshot(WELL_FILLED_THEN_LONG), flow_on=frozenset({"s2"}))
    assert rendered.layouts == 2
    assert rendered.flow_on == frozenset()
    assert page_texts(PdfReader(io.BytesIO(rendered.content)))[3].startswith("2 Eixos")


def test_a_break_that_left_the_page_mostly_empty_is_undone_and_remembered():
    rendered = pdf.render(snapshot(LITTLE_THEN_LONG))
    assert rendered.layouts == 2
    assert rendered.flow_on == {"s2"}


def test_no_page_but_the_last_is_left_mostly_empty_by_a_break(document):
    texts = page_texts(document)
    # the watermark, running title and foot that every page carries
    running = len("VERSÃO DE TRABALHO Estratégia Grupo de Trabalho da Estratégia Nacional de ")
    running += len("Smart Cities Página 9 de 9")
    for number, text in enumerate(texts[2:-1], start=3):
        assert len(text) - running > 400, f"page {number} is mostly empty: {text[:120]}"


def _fonts(reader):
    found = {}
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            descriptor = descriptor.get_object()
            embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[str(font["/BaseFont"]).split("+", 1)[-1]] = embedded
    return found


def test_one_font_pairing_embedded(document, plan_document):
    for reader in (document, plan_document):
        fonts = _fonts(reader)
        assert fonts, "no fonts found"
        families = {name.split("-")[0] + "-" + name.split("-")[1] for name in fonts}
        assert families == {"Liberation-Serif", "Liberation-Sans"}
        assert all(fonts.values()), f"not embedded: {fonts}"


def test_every_portuguese_glyph_comes_back_as_written(document):
    text = " ".join(page_texts(document))
    assert PORTUGUESE in text


def test_the_calendar_has_alternative_text_with_every_actions_dates(plan_document):
    figures = [node for node in _structure(plan_document) if node.get("/S") == "/Figure"]
    assert figures
    alt = str(figures[0]["/Alt"])
    assert "Calendário das ações" in alt
    assert "A1.1 Catálogo nacional de modelos de dados" in alt
    assert "01/06/2022" in alt
    assert "31/12/2023" in alt


def _structure(reader):
    """Every structure element of the tagged PDF, in document order."""
    found = []

    def walk(node):
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            for child in node:
                walk(child)
            return
        if not hasattr(node, "get"):
            return
        if "/S" in node:
            found.append(node)
        if "/K" in node:
            walk(node["/K"])

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


def _outline(reader):
    rows = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                rows.append((depth, " ".join(item.title.split())))

    walk(reader.outline, 0)
    return rows


def test_contents_bookmarks_and_tagged_headings_agree(document):
    expected = [
        (0, "1 Visão"),
        (0, "2 Missão"),
        (1, "2.1 Objetivos"),
        (0, "3 Eixos"),
        (0, "4 Governação"),
        (0, "A Anexo — Princípios servidos"),
    ]
    assert _outline(document) == expected
    contents = page_texts(document)[1]
    positions = [contents.index(title) for _depth, title in expected]
    assert positions == sorted(positions)
    headings = [
        str(node["/S"]) for node in _structure(document) if str(node["/S"]).startswith("/H")
    ]
    # the document's title, then one heading per entry, at the entry's level
    assert headings == ["/H1"] + [f"/H{depth + 2}" for depth, _title in expected]


# Long chapters whose lengths leave each one's last page part-filled: whether one starts a page
# moves every chapter after it, so the decisions depend on one another.
CHAINED = [section("1", "Visão", PARAGRAPH * 20)] + [
    section(str(n), f"Capítulo {n}", PARAGRAPH * (30 + 13 * n) + LONG_BODY) for n in range(2, 8)
]


def test_decisions_that_depend_on_one_another_are_found_and_then_hold():
    first = pdf.render(snapshot(CHAINED))
    assert first.layouts <= pdf.MAX_LAYOUTS
    again = pdf.render(snapshot(CHAINED), flow_on=first.flow_on)
    assert again.layouts == 1  # the decisions remembered were the ones that hold
    assert again.flow_on == first.flow_on
