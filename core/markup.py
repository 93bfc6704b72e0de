"""Markdown to safe HTML, for every text people write in the portal.

It lives in core, the bottom layer, because sections (strategy), contributions, minutes and
diffs all render Markdown and every app may import core.

Raw HTML is off in the parser, and the output then goes through an allowlist sanitiser
(nh3): no script, event handler, style, ``javascript:`` or ``data:`` URL survives, and links
keep only http(s) and mailto.

Text that never changes under a name (a section's revision) is rendered once and kept in the
cache (``render_markdown_kept``).
"""

import hashlib
import re
from importlib.metadata import version
from pathlib import Path

import nh3
from django.core.cache import cache
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


#: How long a rendering is kept: what it is kept under never goes stale, so this only lets
#: renderings of old revisions leave the cache.
KEPT_FOR = 7 * 24 * 3600

#: The rules the HTML depends on (this module, the parser, the sanitiser): a deployment that
#: changes any of them makes new keys, so HTML made under the old rules is never served.
RULES = hashlib.sha256(
    Path(__file__).read_bytes() + version("markdown-it-py").encode() + version("nh3").encode()
).hexdigest()[:12]


def digest(text: str) -> str:
    """A short fingerprint of a text, for cache keys that must change with the text."""
    return hashlib.sha256((text or "").encode()).hexdigest()


def render_markdown_kept(text: str, *, name: tuple) -> SafeString:
    """``render_markdown``, kept in the cache for text that ``name`` always names (e.g. a
    section's pk and revision, whose text never changes).

    The key also holds a digest of the text itself: a database restored from a backup, or a
    test database rolled back, can give the same name to other text, and that text must not
    get the old rendering.
    """
    key = ":".join(["markup", RULES, *map(str, name), digest(text)])
    html = cache.get_or_set(key, lambda: str(render_markdown(text)), KEPT_FOR)
    return mark_safe(html)  # noqa: S308 -- rendered and sanitised by render_markdown


def count_words(text: str) -> int:
    return len(_WORD.findall(text or ""))
