"""Text people write is rendered from Markdown and sanitised before anyone sees it."""

from html.parser import HTMLParser

import pytest

from core.markup import count_words, render_markdown


class Elements(HTMLParser):
    """Collect the elements and attributes a browser would build from the HTML."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: dict[str, str] = {}
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes.update({name: value or "" for name, value in attrs})


def test_it_renders_the_editor_s_formatting():
    html = render_markdown(
        "# Visão\n\n**forte** e *leve*\n\n- um\n- dois\n\n> citação\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |"
    )
    for tag in ["<h1>", "<strong>", "<em>", "<ul>", "<blockquote>", "<table>", "<td>"]:
        assert tag in html


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        '<p style="color:red" onclick="x()">a</p>',
        "[clica](javascript:alert(1))",
        "[dados](data:text/html;base64,PHNjcmlwdD4=)",
        "![img](data:image/png;base64,AAAA)",
        "[ficheiro](file:///etc/passwd)",
        '<a href="https://ok.pt" onmouseover="x()">a</a>',
    ],
)
def test_no_script_handler_style_or_dangerous_url_survives(source):
    elements = Elements(render_markdown(source))
    assert not {"script", "img", "style", "iframe"} & set(elements.tags)
    assert not [name for name in elements.attributes if name.startswith("on") or name == "style"]
    href = elements.attributes.get("href", "https:")
    assert href.startswith(("https:", "http:", "mailto:"))


def test_links_keep_http_https_and_mailto_only():
    html = render_markdown(
        "[a](https://www.portugal.gov.pt) [b](mailto:empd@example.pt) [c](ftp://x)"
    )
    assert 'href="https://www.portugal.gov.pt"' in html
    assert 'href="mailto:empd@example.pt"' in html
    assert 'href="ftp' not in html


def test_links_do_not_leak_the_referrer():
    assert 'rel="noopener noreferrer nofollow"' in render_markdown("[a](https://x.pt)")


def test_words_are_counted_with_hyphens_and_accents():
    assert count_words("A ação é bem-vinda: 2022–2025.") == 6


def test_a_kept_rendering_is_made_once_for_its_name(monkeypatch):
    from django.core.cache import cache

    from core import markup

    cache.clear()
    rendered = []
    real = markup.render_markdown
    monkeypatch.setattr(markup, "render_markdown", lambda text: rendered.append(text) or real(text))
    first = markup.render_markdown_kept("**forte**", name=("section", 1, 3))
    again = markup.render_markdown_kept("**forte**", name=("section", 1, 3))
    assert first == again == real("**forte**")
    assert rendered == ["**forte**"]


def test_other_text_under_the_same_name_is_rendered_anew():
    """A restored backup or a rolled-back test database may give a name other text."""
    from django.core.cache import cache

    from core.markup import render_markdown_kept

    cache.clear()
    assert "<strong>" in render_markdown_kept("**forte**", name=("section", 1, 3))
    assert "<em>" in render_markdown_kept("*leve*", name=("section", 1, 3))


def test_a_kept_rendering_is_sanitised_like_any_other():
    from core.markup import render_markdown_kept

    html = render_markdown_kept("[x](javascript:alert(1)) <script>alert(1)</script>", name=("t", 1))
    assert 'href="javascript' not in html and "<script" not in html
