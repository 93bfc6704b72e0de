"""Render a deliverable snapshot to an archivable, tagged PDF with WeasyPrint.

The renderer fetches nothing outside the portal: its URL fetcher serves the portal's own static
files and ``data:`` URIs, and refuses everything else (file://, http(s)://, redirects).
"""

import base64
import mimetypes
import re
from dataclasses import dataclass
from datetime import date
from io import BytesIO
from urllib.parse import unquote, urlsplit

import weasyprint
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from weasyprint.formatting_structure import boxes as wp_boxes

from core.markup import render_markdown
from strategy import redline
from strategy.documents import snapshot_json

STATIC_URL_PREFIX = "portal-static:/"
PDF_VARIANT = "pdf/a-3a"  # PDF/A-3 (archival, allows the embedded JSON source) with tags


class RefusedResource(ValueError):
    """A resource the PDF renderer may not fetch."""


class PortalOnlyURLFetcher(weasyprint.URLFetcher):
    """Serve the portal's static files and data: URIs; refuse every other URL."""

    def fetch(self, url: str, headers=None) -> weasyprint.urls.URLFetcherResponse:
        if url.startswith("data:"):
            return self._data(url)
        if url.startswith(STATIC_URL_PREFIX):
            return self._static(url)
        raise RefusedResource(
            f"The PDF renderer only reads the portal's own files, not {url[:80]!r}."
        )

    @staticmethod
    def _data(url: str) -> weasyprint.urls.URLFetcherResponse:
        header, _, payload = url[5:].partition(",")
        media_type = header.split(";")[0] or "text/plain"
        body = (
            base64.b64decode(payload) if header.endswith(";base64") else unquote(payload).encode()
        )
        return weasyprint.urls.URLFetcherResponse(url, body, {"Content-Type": media_type})

    @staticmethod
    def _static(url: str) -> weasyprint.urls.URLFetcherResponse:
        relative = urlsplit(url).path.lstrip("/")
        found = finders.find(relative) if ".." not in relative.split("/") else None
        if not found:
            raise RefusedResource(f"No such static file: {relative!r}.")
        with open(found, "rb") as handle:
            body = handle.read()
        media_type = mimetypes.guess_type(found)[0] or "application/octet-stream"
        return weasyprint.urls.URLFetcherResponse(url, body, {"Content-Type": media_type})


@dataclass(frozen=True)
class RenderedPDF:
    content: bytes
    pages: int
    #: The long chapters that flow on, as judged on this layout (the next render's start).
    flow_on: frozenset[str] = frozenset()
    #: How many times the document was laid out (1 when the decisions it started from held).
    layouts: int = 1


TEMPLATES = {
    "deliverable": "strategy/pdf/deliverable.html",
    "comparison": "strategy/pdf/comparison.html",
}


# A chapter (a top-level section with its subsections) longer than this starts a page; shorter
# ones flow on after the previous one. About two thirds of an A4 page of text at 10.5 pt.
LONG_CHAPTER_CHARS = 2500
LONG_ANNEX_ROWS = 25
_HEADING = re.compile(r"<(/?)h[1-6]>")


def _demote_headings(html: str) -> SafeString:
    """Headings written inside a section's text become bold paragraphs: the PDF's headings (and
    so its bookmarks and tags) are the numbered sections of the contents, and nothing else."""
    return mark_safe(  # noqa: S308 -- only the (already sanitised) tag names change
        _HEADING.sub(lambda m: "</p>" if m.group(1) else '<p class="body-heading">', html)
    )


def _long_chapters(sections: list[dict]) -> set[str]:
    """The anchors of the chapters that start a page: the long ones (a chapter's text counts its
    subsections)."""
    long, chapter = set(), []
    for section in [*sections, None]:
        if section is None or section.get("depth", 0) == 0:
            if chapter and sum(len(part.get("body", "")) for part in chapter) > LONG_CHAPTER_CHARS:
                long.add(f"s{chapter[0]['id']}")
            chapter = []
        if section is not None:
            chapter.append(section)
    return long


def document_html(
    snapshot: dict, *, layout: str = "deliverable", flow_on: frozenset[str] = frozenset()
) -> str:
    """The HTML that WeasyPrint lays out: cover, contents, numbered sections and annexes.

    Long chapters and long annexes start a page, except those named in ``flow_on`` (anchors).
    """
    sections = [
        {**section, "html": _demote_headings(render_markdown(section.get("body", "")))}
        for section in snapshot.get("sections", [])
    ]
    breaks = _long_chapters(sections) - flow_on
    for section in sections:
        section["starts_page"] = f"s{section['id']}" in breaks
    actions = [
        {
            **action,
            "start_date": date.fromisoformat(action["start"]),
            "end_date": date.fromisoformat(action["end"]),
        }
        for action in snapshot.get("actions", [])
    ]
    contributions = snapshot.get("contributions", [])
    # Annexes are lettered in order, skipping those this document does not have.
    present = [
        "principles",
        "actions" if actions else None,
        "contributions" if contributions else None,
    ]
    letters = dict(zip([name for name in present if name], "ABCDEFG", strict=False))
    with translation.override("pt-pt"):
        changes = None
        if layout == "comparison":
            changes = redline.compare(snapshot["old"], snapshot["new"])
        return render_to_string(
            TEMPLATES[layout],
            {
                "snapshot": snapshot,
                "sections": sections,
                "actions": actions,
                "contributions": contributions,
                "annex": letters,
                "annex_breaks": {
                    "principles": len(sections) > LONG_ANNEX_ROWS,
                    "contributions": len(contributions) > LONG_ANNEX_ROWS,
                },
                "redline": changes,
                "issued_on": date.fromisoformat(snapshot["issued_on"]),
                "static_prefix": STATIC_URL_PREFIX,
            },
        )


MOSTLY_EMPTY = 0.5  # a page filled less than this before a chapter's break is «mostly empty»
# A render lays the document out again only while a judgement proves wrong, at most this often.
MAX_LAYOUTS = 6


def _filled_to(box) -> float | None:
    """The bottom of the lowest line of text in a box (the running header, foot and watermark
    do not count)."""
    if isinstance(box, wp_boxes.MarginBox) or box.style["position"] in {"fixed", "absolute"}:
        return None
    if isinstance(box, wp_boxes.LineBox):
        return box.position_y + box.height
    bottoms = [_filled_to(child) for child in getattr(box, "children", [])]
    return max((bottom for bottom in bottoms if bottom is not None), default=None)


def _content_top_and_height(page) -> tuple[float, float]:
    box = page._page_box  # WeasyPrint has no public API for the laid-out boxes
    return box.content_box_y(), box.height


def page_fill(page) -> float:
    """How much of a laid-out page's content area its text fills (0 to 1)."""
    top, height = _content_top_and_height(page)
    return max(((_filled_to(page._page_box) or top) - top) / height, 0)


def _depth_on_page(page, y: float) -> float:
    """How far down its page's content area a point lies (0 to 1)."""
    top, height = _content_top_and_height(page)
    return max((y - top) / height, 0)


def flow_on_judged(document, long_chapters: set[str], flow_on: frozenset[str]) -> frozenset[str]:
    """Which long chapters should flow on, judged on a document laid out with ``flow_on``.

    A chapter that started a page flows on when the page before it was left mostly empty. One
    that flowed on starts a page again when it began in the lower half of its page: the text
    before a chapter lays out the same whether or not the chapter breaks, so a break there
    leaves that page well filled. The cover and the contents end with breaks of their own.

    The chapters are judged in order, each where the decisions before it will put it: a chapter
    that now flows on moves the text after it up the page, until the next break puts the text
    back where this layout had it. So one layout judges every chapter, not only the first whose
    decision changes (the next layout checks the guess).
    """
    judged = set(flow_on & long_chapters)
    pages = document.pages
    moved = 0.0  # how far down its page the text now starts, against this layout (0 to 1)
    for index, name, y in _chapter_starts(pages, long_chapters):
        if name in flow_on:
            depth = (_depth_on_page(pages[index], y) + moved) % 1
            if depth >= MOSTLY_EMPTY:
                judged.discard(name)
                moved = 0.0  # a break starts the text where this layout had it
            continue
        if index <= 2:
            continue
        fill = (page_fill(pages[index - 1]) + moved) % 1
        if fill < MOSTLY_EMPTY:
            judged.add(name)
            moved = fill  # the chapter now starts there instead of at the top of a page
        else:
            moved = 0.0
    return frozenset(judged)


def _chapter_starts(pages, long_chapters: set[str]):
    """Each long chapter's page index, anchor and height on its page, in the document's order."""
    for index in range(2, len(pages)):
        anchors = pages[index].anchors.items()
        starts = sorted((y, name) for name, (_x, y, *_end) in anchors if name in long_chapters)
        for y, name in starts:
            yield index, name, y


def _lay_out(html: str, fetcher: "PortalOnlyURLFetcher"):
    return weasyprint.HTML(string=html, base_url=STATIC_URL_PREFIX, url_fetcher=fetcher).render(
        pdf_variant=PDF_VARIANT
    )


def render(
    snapshot: dict,
    *,
    layout: str = "deliverable",
    html: str | None = None,
    flow_on: frozenset[str] = frozenset(),
) -> RenderedPDF:
    """Lay out the snapshot and write a PDF/A-3 with tags and the snapshot embedded as JSON.

    A long chapter starts a page unless that would leave the page before it mostly empty. The
    layout starts from ``flow_on`` (the previous render's decisions; none: every long chapter
    breaks) and is judged: only while a decision proves wrong is the document laid out again (at
    most ``MAX_LAYOUTS`` times in all; the next render goes on from the last judgement).
    """
    fetcher = PortalOnlyURLFetcher()
    layouts = 1
    if html is not None:
        document = _lay_out(html, fetcher)
    else:
        long_chapters = _long_chapters(snapshot.get("sections", []))
        flow_on = frozenset(flow_on & long_chapters) if layout == "deliverable" else frozenset()
        document = _lay_out(document_html(snapshot, layout=layout, flow_on=flow_on), fetcher)
        judged = flow_on
        if layout == "deliverable":
            judged = flow_on_judged(document, long_chapters, flow_on)
        while judged != flow_on and layouts < MAX_LAYOUTS:
            flow_on, layouts = judged, layouts + 1
            document = _lay_out(document_html(snapshot, layout=layout, flow_on=flow_on), fetcher)
            judged = flow_on_judged(document, long_chapters, flow_on)
        flow_on = judged  # where the next render of this text starts
    source = weasyprint.Attachment(
        string=snapshot_json(snapshot),
        name="fonte.json",
        description="Secções e metadados desta versão (JSON)",
        relationship="Source",
        url_fetcher=fetcher,
    )
    output = BytesIO()
    document.write_pdf(output, pdf_variant=PDF_VARIANT, attachments=[source])
    return RenderedPDF(
        content=output.getvalue(), pages=len(document.pages), flow_on=flow_on, layouts=layouts
    )
