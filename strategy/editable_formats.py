"""A release as an editable document, ODT (OpenDocument) and DOCX, from its frozen snapshot.

Both carry the same structure as the PDF: the title page facts, the numbered sections as
headings (their Markdown as paragraphs, lists, quotes and tables), and the annexes (principles
served, the action plan as a table, the contributions). The Markdown is read once into simple
blocks that each writer lays out.
"""

from dataclasses import dataclass, field
from datetime import date
from io import BytesIO

import docx
import odfdo
from docx.shared import Pt
from markdown_it import MarkdownIt

_parser = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])

ODT_MEDIA_TYPE = "application/vnd.oasis.opendocument.text"
DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Block:
    kind: str  # paragraph, heading, bullet, numbered, quote, code, table
    runs: list[Run] = field(default_factory=list)
    level: int = 0
    rows: list[list[str]] = field(default_factory=list)  # tables: the header row first

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


def _inline_runs(token) -> list[Run]:
    runs: list[Run] = []
    bold = italic = False
    for child in token.children or []:
        match child.type:
            case "strong_open" | "strong_close":
                bold = child.type == "strong_open"
            case "em_open" | "em_close":
                italic = child.type == "em_open"
            case "text" | "code_inline":
                runs.append(Run(child.content, bold, italic))
            case "softbreak" | "hardbreak":
                runs.append(Run(" " if child.type == "softbreak" else "\n", bold, italic))
    return runs


def markdown_blocks(text: str) -> list[Block]:
    """Read Markdown into blocks (raw HTML is off, as on the portal)."""
    blocks: list[Block] = []
    lists: list[str] = []
    quote = False
    table: list[list[str]] | None = None
    heading_level = 0
    for token in _parser.parse(text or ""):
        match token.type:
            case "bullet_list_open" | "ordered_list_open":
                lists.append("bullet" if token.type == "bullet_list_open" else "numbered")
            case "bullet_list_close" | "ordered_list_close":
                lists.pop()
            case "blockquote_open" | "blockquote_close":
                quote = token.type == "blockquote_open"
            case "heading_open":
                heading_level = int(token.tag[1])
            case "table_open":
                table = []
            case "tr_open" if table is not None:
                table.append([])
            case "inline" if table is not None and table:
                table[-1].append(token.content)
            case "table_close":
                blocks.append(Block("table", rows=table or []))
                table = None
            case "inline":
                runs = _inline_runs(token)
                if heading_level:
                    blocks.append(Block("heading", runs, level=heading_level))
                    heading_level = 0
                elif lists:
                    blocks.append(Block(lists[-1], runs, level=len(lists)))
                else:
                    blocks.append(Block("quote" if quote else "paragraph", runs))
            case "fence" | "code_block":
                blocks.append(Block("code", [Run(token.content.rstrip("\n"))]))
    return blocks


def _facts(snapshot: dict) -> list[tuple[str, str]]:
    issued = date.fromisoformat(snapshot["issued_on"]).strftime("%d/%m/%Y")
    return [
        ("Versão", snapshot["label"]),
        ("Estado", "Versão final" if snapshot.get("final") else "Versão de trabalho"),
        ("Data", issued),
    ]


def _annex_letters(snapshot: dict) -> dict[str, str]:
    present = ["principles"]
    present += ["actions"] if snapshot.get("actions") else []
    present += ["contributions"] if snapshot.get("contributions") else []
    return dict(zip(present, "ABCDEFG", strict=False))


def _coverage_rows(snapshot: dict) -> list[list[str]]:
    letters = [principle["letter"] for principle in snapshot.get("principles", [])]
    rows = [["Secção", *[f"{letter})" for letter in letters]]]
    for section in snapshot["sections"]:
        served = set(section.get("principles", []))
        rows.append(
            [f"{section['number']} {section['title']}"]
            + ["●" if letter in served else "" for letter in letters]
        )
    return rows


ACTION_COLUMNS = [
    "Código",
    "Ação",
    "Objetivo estratégico",
    "Entidade responsável",
    "Entidades envolvidas",
    "Início",
    "Fim",
    "Indicadores e metas",
    "Financiamento",
    "Estado",
]


def action_table_rows(actions: list[dict]) -> list[list[str]]:
    """The action plan as rows of text (also the API's CSV)."""
    return [
        [
            action["code"],
            action["title"],
            action["objective"],
            action["responsible"],
            ", ".join(action["involved"]),
            date.fromisoformat(action["start"]).strftime("%d/%m/%Y"),
            date.fromisoformat(action["end"]).strftime("%d/%m/%Y"),
            "; ".join(
                f"{item['name']}: {item['target']}{' ' + item['unit'] if item.get('unit') else ''}"
                for item in action["indicators"]
            ),
            action["funding"],
            action["state"],
        ]
        for action in actions
    ]


def _contribution_rows(snapshot: dict) -> list[list[str]]:
    rows = [["Secção", "Contributo", "Organização", "Tipo", "Nota"]]
    rows += [
        [
            f"{link['section_number']} {link['section_title']}",
            link["title"],
            link["organisation"],
            link["kind"],
            link.get("note") or "—",
        ]
        for link in snapshot.get("contributions", [])
    ]
    return rows


def document_outline(snapshot: dict) -> list[Block]:
    """The whole release as blocks, in reading order: the same for ODT and DOCX."""
    blocks = [Block("title", [Run(snapshot["deliverable"]["title"])])]
    blocks.append(Block("paragraph", [Run(snapshot.get("group", ""), bold=True)]))
    blocks.append(Block("paragraph", [Run(snapshot.get("legal_basis", ""))]))
    blocks += [
        Block("paragraph", [Run(f"{name}: ", bold=True), Run(value)])
        for name, value in _facts(snapshot)
    ]
    for section in snapshot["sections"]:
        level = min(section.get("depth", 0) + 1, 6)
        title = f"{section['number']} {section['title']}"
        blocks.append(Block("section", [Run(title)], level=level))
        for block in markdown_blocks(section.get("body", "")):
            if block.kind == "heading":  # headings inside a text sit below the section's own
                block.level = min(level + 1, 6)
            blocks.append(block)
    letters = _annex_letters(snapshot)
    blocks.append(Block("section", [Run(f"{letters['principles']} Anexo — Princípios")], level=1))
    blocks.append(Block("table", rows=_coverage_rows(snapshot)))
    blocks += [
        Block("paragraph", [Run(f"{principle['letter']}) ", bold=True), Run(principle["title"])])
        for principle in snapshot.get("principles", [])
    ]
    if snapshot.get("actions"):
        blocks.append(Block("section", [Run(f"{letters['actions']} Anexo — Plano de ação")], 1))
        blocks.append(
            Block("table", rows=[ACTION_COLUMNS, *action_table_rows(snapshot["actions"])])
        )
    if snapshot.get("contributions"):
        heading = f"{letters['contributions']} Anexo — Contributos que informaram o texto"
        blocks.append(Block("section", [Run(heading)], level=1))
        blocks.append(Block("table", rows=_contribution_rows(snapshot)))
    return blocks


# ODT --------------------------------------------------------------------------------------------


def _odt_paragraph(runs: list[Run], style: str | None = None) -> odfdo.Paragraph:
    paragraph = odfdo.Paragraph("", style=style)
    for run in runs:
        if run.bold or run.italic:
            paragraph.append(odfdo.Span(run.text, style="Strong" if run.bold else "Emphasis"))
        else:
            paragraph.append(run.text)
    return paragraph


def _odt_table(rows: list[list[str]], name: str) -> odfdo.Table:
    width = max((len(row) for row in rows), default=1)
    table = odfdo.Table(name, width=width, height=len(rows))
    for y, row in enumerate(rows):
        for x, value in enumerate(row):
            table.set_value((x, y), value)
    return table


def release_odt(snapshot: dict) -> bytes:
    """The release as an OpenDocument text (ODT)."""
    document = odfdo.Document("text")
    body = document.body
    body.clear()
    document.insert_style(odfdo.Style("text", name="Strong", bold=True), automatic=False)
    document.insert_style(odfdo.Style("text", name="Emphasis", italic=True), automatic=False)
    tables = 0
    for block in document_outline(snapshot):
        match block.kind:
            case "title":
                body.append(odfdo.Paragraph(block.text, style="Title"))
            case "section" | "heading":
                body.append(odfdo.Header(block.level, block.text))
            case "bullet" | "numbered":
                item = odfdo.ListItem()
                item.append(_odt_paragraph(block.runs))
                body.append(odfdo.List([item]))
            case "table":
                tables += 1
                body.append(_odt_table(block.rows, f"Tabela{tables}"))
            case "code":
                body.append(odfdo.Paragraph(block.text, style="Preformatted_20_Text"))
            case "quote":
                body.append(_odt_paragraph(block.runs, style="Quotations"))
            case _:
                body.append(_odt_paragraph(block.runs))
    meta = document.meta
    meta.set_title(f"{snapshot['deliverable']['short_title']} — {snapshot['label']}")
    meta.set_language("pt-PT")
    output = BytesIO()
    document.save(output)
    return output.getvalue()


# DOCX -------------------------------------------------------------------------------------------


def _docx_runs(paragraph, runs: list[Run]) -> None:
    for run in runs:
        written = paragraph.add_run(run.text)
        written.bold, written.italic = run.bold or None, run.italic or None


def release_docx(snapshot: dict) -> bytes:
    """The release as a Word document (DOCX)."""
    document = docx.Document()
    document.styles["Normal"].font.size = Pt(11)
    for block in document_outline(snapshot):
        match block.kind:
            case "title":
                document.add_heading(block.text, level=0)
            case "section" | "heading":
                document.add_heading(block.text, level=block.level)
            case "bullet" | "numbered":
                style = "List Bullet" if block.kind == "bullet" else "List Number"
                _docx_runs(document.add_paragraph(style=style), block.runs)
            case "table":
                width = max((len(row) for row in block.rows), default=1)
                table = document.add_table(rows=len(block.rows), cols=width)
                table.style = "Table Grid"
                for y, row in enumerate(block.rows):
                    for x, value in enumerate(row):
                        table.cell(y, x).text = value
                for cell in table.rows[0].cells:
                    for run in cell.paragraphs[0].runs:
                        run.bold = True
            case "code":
                document.add_paragraph(block.text, style="No Spacing")
            case "quote":
                _docx_runs(document.add_paragraph(style="Quote"), block.runs)
            case _:
                _docx_runs(document.add_paragraph(), block.runs)
    properties = document.core_properties
    properties.title = f"{snapshot['deliverable']['short_title']} — {snapshot['label']}"
    properties.language = "pt-PT"
    properties.author = snapshot.get("group", "")
    output = BytesIO()
    document.save(output)
    return output.getvalue()
