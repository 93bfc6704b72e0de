"""Render a deliverable snapshot to an archivable, tagged PDF with WeasyPrint.

The renderer fetches nothing outside the portal: its URL fetcher serves the portal's own static
files and ``data:`` URIs, and refuses everything else (file://, http(s)://, redirects).
"""

import base64
import mimetypes
from dataclasses import dataclass
from datetime import date
from io import BytesIO
from urllib.parse import unquote, urlsplit

import weasyprint
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation

from core.markup import render_markdown
from strategy.documents import compare_snapshots, snapshot_json

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


TEMPLATES = {
    "deliverable": "strategy/pdf/deliverable.html",
    "comparison": "strategy/pdf/comparison.html",
}


def document_html(snapshot: dict, *, layout: str = "deliverable") -> str:
    """The HTML that WeasyPrint lays out: cover, contents, numbered sections and annexes."""
    sections = [
        {**section, "html": render_markdown(section.get("body", ""))}
        for section in snapshot.get("sections", [])
    ]
    actions = [
        {
            **action,
            "start_date": date.fromisoformat(action["start"]),
            "end_date": date.fromisoformat(action["end"]),
        }
        for action in snapshot.get("actions", [])
    ]
    contributions = snapshot.get("contributions", [])
    rows = []
    if layout == "comparison":
        rows = compare_snapshots(snapshot["old"], snapshot["new"])
    # Annexes are lettered in order, skipping those this document does not have.
    present = [
        "principles",
        "actions" if actions else None,
        "contributions" if contributions else None,
    ]
    letters = dict(zip([name for name in present if name], "ABCDEFG", strict=False))
    with translation.override("pt-pt"):
        return render_to_string(
            TEMPLATES[layout],
            {
                "snapshot": snapshot,
                "sections": sections,
                "actions": actions,
                "contributions": contributions,
                "annex": letters,
                "rows": rows,
                "issued_on": date.fromisoformat(snapshot["issued_on"]),
                "static_prefix": STATIC_URL_PREFIX,
            },
        )


def render(snapshot: dict, *, layout: str = "deliverable", html: str | None = None) -> RenderedPDF:
    """Lay out the snapshot and write a PDF/A-3 with tags and the snapshot embedded as JSON."""
    html = html if html is not None else document_html(snapshot, layout=layout)
    fetcher = PortalOnlyURLFetcher()
    document = weasyprint.HTML(string=html, base_url=STATIC_URL_PREFIX, url_fetcher=fetcher).render(
        pdf_variant=PDF_VARIANT
    )
    source = weasyprint.Attachment(
        string=snapshot_json(snapshot),
        name="fonte.json",
        description="Secções e metadados desta versão (JSON)",
        relationship="Source",
        url_fetcher=fetcher,
    )
    output = BytesIO()
    document.write_pdf(output, pdf_variant=PDF_VARIANT, attachments=[source])
    return RenderedPDF(content=output.getvalue(), pages=len(document.pages))
