"""Rendering fetches nothing outside the portal: only its static files and data: URIs."""

import io
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from pypdf import PdfReader

from strategy import pdf
from tests.strategy.test_pdf import snapshot


class CountingHandler(BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self):
        CountingHandler.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def local_server():
    CountingHandler.requests = []
    server = HTTPServer(("127.0.0.1", 0), CountingHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_the_fetcher_refuses_files_and_network_and_serves_static_and_data():
    fetcher = pdf.PortalOnlyURLFetcher()
    for url in [
        "file:///etc/passwd",
        "http://127.0.0.1:9/",
        "https://example.org/x.css",
        "ftp://x/y",
    ]:
        with pytest.raises(pdf.RefusedResource):
            fetcher.fetch(url)
    with pytest.raises(pdf.RefusedResource):
        fetcher.fetch("portal-static:/../../settings.py")
    assert fetcher.fetch("portal-static:/pdf/print.css").status == 200
    assert fetcher.fetch("data:text/plain,ol%C3%A1").status == 200


def test_a_section_cannot_make_the_renderer_fetch_anything(local_server):
    hostile = snapshot(final=False)
    hostile["sections"][0]["body"] = (
        "![x](file:///etc/passwd)\n\n"
        f'<img src="{local_server}/markdown.png">\n\n'
        f"![y]({local_server}/image.png)"
    )
    content = pdf.render(hostile).content
    assert CountingHandler.requests == []
    assert b"root:x:0:0" not in content


def test_html_and_css_urls_are_refused_even_if_they_reach_the_template(local_server):
    html = (
        pdf.document_html(snapshot(final=False))
        .replace(
            "</head>",
            f"<style>body {{ background: url('{local_server}/css.png') }}</style>"
            f'<link rel="stylesheet" href="{local_server}/x.css"></head>',
        )
        .replace(
            "<main>",
            f'<main><img src="{local_server}/img.png" alt=""><img src="file:///etc/passwd" alt="">',
        )
    )
    content = pdf.render(snapshot(final=False), html=html).content
    assert CountingHandler.requests == []
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    assert "root:x" not in text
