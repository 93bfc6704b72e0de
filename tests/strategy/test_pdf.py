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


ACTIONS = [
    {
        "code": "A1.1",
        "title": "Catálogo nacional de modelos de dados",
        "objective": "Colaboração multinível e interoperabilidade",
        "objective_code": "oe2",
        "responsible": "AMA",
        "involved": ["DGT", "EMPD"],
        "start": "2022-06-01",
        "end": "2023-12-31",
        "indicators": [{"name": "Modelos de dados publicados", "target": "50", "unit": ""}],
        "funding": "PRR",
        "state": "Em curso",
        "state_code": "in_progress",
    },
    {
        "code": "A1.2",
        "title": "Programa de replicação de projetos-piloto",
        "objective": "Territórios sustentáveis e ação climática",
        "objective_code": "oe1",
        "responsible": "Coesão Territorial",
        "involved": [],
        "start": "2022-09-01",
        "end": "2025-06-30",
        "indicators": [
            {"name": "Projetos-piloto replicados", "target": "20", "unit": "projetos"},
            {"name": "Municípios do Interior abrangidos", "target": "10", "unit": ""},
        ],
        "funding": "Portugal 2030",
        "state": "Planeada",
        "state_code": "planned",
    },
]


@pytest.fixture(scope="module")
def plan_pdf() -> bytes:
    plan = snapshot(final=False)
    plan["deliverable"] = {
        "slug": "plano-de-acao",
        "letter": "b",
        "title": "Proposta de plano de ação e modelo de governança",
        "short_title": "Plano de ação e modelo de governança 2022–2025",
    }
    plan["actions"] = ACTIONS
    return pdf.render(plan).content


def test_the_action_plan_annex_gives_the_actions_table_and_calendar(plan_pdf):
    pages = pages_text(plan_pdf)
    listed = re.search(r"^B\s+Anexo — Plano de ação[ .]*?(\d+)\s*$", pages[1], re.MULTILINE)
    assert listed, f"The action plan annex is not in the contents:\n{pages[1]}"
    annex_page = int(listed.group(1))
    assert re.search(r"^B\s+Anexo — Plano de ação\s*$", pages[annex_page - 1], re.MULTILINE)
    annex = " ".join(" ".join(pages[annex_page - 1 :]).split())
    for row in (
        "A1.1 Catálogo nacional de modelos de dados Colaboração multinível e interoperabilidade "
        "AMA DGT, EMPD 01/06/2022 31/12/2023 Modelos de dados publicados: 50 PRR Em curso",
        "A1.2 Programa de replicação de projetos-piloto",
        "Projetos-piloto replicados: 20 projetos",
        "Municípios do Interior abrangidos: 10",
        "Portugal 2030 Planeada",
        "Calendário das ações",
    ):
        assert row in annex
    assert annex.index("A1.1 Catálogo") < annex.index("A1.2 Programa")
    assert all("VERSÃO DE TRABALHO" in text for text in pages)
    assert all(f"Página {n} de {len(pages)}" in text for n, text in enumerate(pages[1:], 2))


def test_a_deliverable_without_actions_has_no_action_plan_annex(draft_pdf):
    assert "Plano de ação" not in pages_text(draft_pdf)[1]


@pytest.mark.skipif(
    shutil.which("qpdf") is None, reason="qpdf is not installed (apt-get install qpdf)"
)
def test_qpdf_finds_no_error_in_the_action_plan_with_its_calendar(plan_pdf, tmp_path):
    path = tmp_path / "plano-de-acao.pdf"
    path.write_bytes(plan_pdf)
    result = subprocess.run(
        ["qpdf", "--check", str(path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
