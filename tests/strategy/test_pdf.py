"""The deliverables' PDFs, read back: cover, contents, headings, watermark, metadata, archive."""

import io
import json
import re
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from strategy import pdf

SECTIONS = [
    ("1", "Enquadramento", "O Plano de Ação para a Transição Digital.\n\n" + "Texto. " * 400, "bc"),
    ("1.1", "Contexto europeu", "Mecanismos Mínimos de Interoperabilidade.", "d"),
    ("2", "Visão", "Territórios inteligentes, do litoral ao Interior.", "g"),
    ("3", "Objetivos estratégicos", "| Objetivo | Meta |\n|---|---|\n| Dados | 2025 |", ""),
]


def snapshot(*, final: bool) -> dict:
    return {
        "layout": "1",
        "group": "Grupo de Trabalho da Estratégia Nacional de Smart Cities",
        "legal_basis": "Despacho n.º 1369-A/2022",
        "deliverable": {
            "slug": "estrategia",
            "letter": "a",
            "title": "Proposta de Estratégia Nacional de Smart Cities",
            "short_title": "Estratégia Nacional de Smart Cities",
        },
        "label": "v1.0" if final else "v0.1",
        "final": final,
        "issued_on": "2022-04-30",
        "principles": [{"letter": letter, "title": f"Princípio {letter}"} for letter in "abcdefg"],
        "sections": [
            {
                "id": index,
                "number": number,
                "depth": number.count("."),
                "title": title,
                "body": body,
                "revision": 1,
                "status": "approved",
                "principles": list(letters),
            }
            for index, (number, title, body, letters) in enumerate(SECTIONS, start=1)
        ],
    }


@pytest.fixture(scope="module")
def draft_pdf() -> bytes:
    return pdf.render(snapshot(final=False)).content


@pytest.fixture(scope="module")
def final_pdf() -> bytes:
    return pdf.render(snapshot(final=True)).content


def pages_text(content: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


def test_the_cover_names_the_group_title_version_state_and_date_in_pt_pt(draft_pdf):
    cover = " ".join(pages_text(draft_pdf)[0].split())
    assert "Grupo de Trabalho da Estratégia Nacional de Smart Cities" in cover
    assert "Proposta de Estratégia Nacional de Smart Cities" in cover
    assert "v0.1" in cover
    assert "Versão de trabalho" in cover
    assert "30 de abril de 2022" in cover


def test_headings_follow_the_portal_numbering_in_order(draft_pdf):
    text = "\n".join(pages_text(draft_pdf)[2:])
    positions = [text.index(f"{number} {title}") for number, title, _, _ in SECTIONS]
    assert positions == sorted(positions)


def test_the_table_of_contents_gives_the_pages_the_headings_are_on(draft_pdf):
    pages = pages_text(draft_pdf)
    toc = pages[1]
    for number, title, _, _ in SECTIONS:
        match = re.search(
            rf"^{re.escape(number)}\s+{re.escape(title)}[ .]*?(\d+)\s*$", toc, re.MULTILINE
        )
        assert match, f"{number} {title} is not in the contents:\n{toc}"
        listed = int(match.group(1))
        heading_pages = [
            index + 1
            for index, text in enumerate(pages)
            if index > 1
            and re.search(rf"^{re.escape(number)}\s+{re.escape(title)}\s*$", text, re.MULTILINE)
        ]
        assert heading_pages and heading_pages[0] == listed


def test_every_page_but_the_cover_says_page_x_of_y(draft_pdf):
    pages = pages_text(draft_pdf)
    for number, text in enumerate(pages[1:], start=2):
        assert f"Página {number} de {len(pages)}" in text


def test_a_working_version_carries_the_watermark_on_every_page(draft_pdf):
    assert all("VERSÃO DE TRABALHO" in text for text in pages_text(draft_pdf))


def test_a_final_release_has_no_watermark(final_pdf):
    assert not any("VERSÃO DE TRABALHO" in text for text in pages_text(final_pdf))
    assert "Versão final" in pages_text(final_pdf)[0]


def test_the_running_header_carries_the_deliverable_title(draft_pdf):
    assert "Estratégia Nacional de Smart Cities" in pages_text(draft_pdf)[3]


def test_the_metadata_name_title_author_and_language(draft_pdf):
    reader = PdfReader(io.BytesIO(draft_pdf))
    assert reader.metadata.title == "Estratégia Nacional de Smart Cities — v0.1"
    assert reader.metadata.author == "Grupo de Trabalho da Estratégia Nacional de Smart Cities"
    assert reader.trailer["/Root"]["/Lang"] == "pt-PT"


def test_it_is_pdf_a_3_tagged_with_its_source_embedded_as_json(draft_pdf):
    reader = PdfReader(io.BytesIO(draft_pdf))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root  # tagged
    xmp = root["/Metadata"].get_object().get_data()
    assert b'pdfaid:part="3"' in xmp
    source = json.loads(reader.attachments["fonte.json"][0])
    assert [s["title"] for s in source["sections"]] == [title for _, title, _, _ in SECTIONS]


def test_the_principle_annex_is_included(draft_pdf):
    annex = pages_text(draft_pdf)[-1]
    assert "Anexo — Princípios servidos" in annex


@pytest.mark.skipif(
    shutil.which("qpdf") is None, reason="qpdf is not installed (apt-get install qpdf)"
)
def test_qpdf_finds_no_error(draft_pdf, tmp_path):
    path = tmp_path / "estrategia.pdf"
    path.write_bytes(draft_pdf)
    result = subprocess.run(
        ["qpdf", "--check", str(path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
