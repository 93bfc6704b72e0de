"""Markdown to safe HTML, for every text people write in the portal.

It lives in core, the bottom layer, because sections (strategy), contributions, minutes and
diffs all render Markdown and every app may import core.

Raw HTML is off in the parser, and the output then goes through an allowlist sanitiser
(nh3): no script, event handler, style, ``javascript:`` or ``data:`` URL survives, and links
keep only http(s) and mailto.
"""

import re

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

_parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable(
    ["table", "strikethrough"]
)

_TAGS = {
    "p",
    "br",
    "hr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "strong",
    "em",
    "s",
    "del",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}
_SCHEMES = {"http", "https", "mailto"}
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def render_markdown(text: str) -> SafeString:
    """Render Markdown written by a person into HTML that is safe to show to others."""
    html = _parser.render(text or "")
    clean = nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    return mark_safe(clean)  # noqa: S308 -- sanitised by nh3 with an allowlist just above


def count_words(text: str) -> int:
    return len(_WORD.findall(text or ""))
