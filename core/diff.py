"""Readable, fast comparison of two Markdown texts: formatted, grouped by paragraph.

How it stays fast: the paragraphs (blocks separated by blank lines) are aligned first, with
difflib on the list of paragraphs; words are compared only inside paragraphs that changed. The
cost grows with the length of the text and with the size of the changes, not with their
product, so two 10,000-word versions compare in about the time difflib takes on their words.

How it stays readable: each paragraph is rendered as Markdown (headings, bold, lists) with the
changed words marked by ``ins``/``del`` and a hidden «inserted:»/«deleted:» label, so a change
is never told by colour alone (WCAG 1.4.1). A paragraph rewritten for the most part shows as the
old one struck and the new one inserted, not as interleaved words. ``source`` is the same
comparison on the Markdown source, for the «ver Markdown» switch.

Used by section comparison, the conflict page, minutes history and the release redline.
``text_diff_kept`` keeps a comparison in the cache for pages that compare versions which never
change.
"""

import hashlib
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cached_property
from pathlib import Path

import nh3
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core import markup
from core.markup import render_markdown

#: Longest text (characters, each side) the portal compares; longer input is refused.
MAX_DIFF_LENGTH = 400_000
#: Below this share of common words a changed paragraph shows as replaced, not word by word.
REWRITE_THRESHOLD = 0.5

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n+")
_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")
_BLOCK_MARKER = re.compile(r"^\s*(?:[-*+]|\d+[.)]|#{1,6}|>)\s+")
# Private-use characters mark changes inside the Markdown source; after rendering they become
# tags. Markdown leaves them alone and people do not type them.
_INS_OPEN, _INS_CLOSE, _DEL_OPEN, _DEL_CLOSE = "\ue000", "\ue001", "\ue002", "\ue003"
_SPANS_TAG = re.compile("\ue000[^\ue001]*<|\ue002[^\ue003]*<")
_MARKERS = _INS_OPEN + _INS_CLOSE + _DEL_OPEN + _DEL_CLOSE
_CLEAN_TAGS = nh3.ALLOWED_TAGS | {"ins", "del", "span", "div"}


class DiffTooLarge(ValidationError):
    def __init__(self) -> None:
        super().__init__(
            _("These texts are too long to compare (more than %(limit)s characters).")
            % {"limit": f"{MAX_DIFF_LENGTH:,}".replace(",", " ")},
            code="diff_too_large",
        )


@dataclass(frozen=True)
class TextDiff:
    inline: SafeString  # formatted, changes marked in place
    source: SafeString  # the Markdown source with changes marked («ver Markdown»)
    insertions: int
    deletions: int
    #: The two columns of the side-by-side view, rendered only when a page asks for them.
    _old: list = field(default_factory=list, repr=False)
    _new: list = field(default_factory=list, repr=False)

    @cached_property
    def old(self) -> SafeString:
        """The old text with deletions marked (left column)."""
        return mark_safe("".join(_render_piece(piece) for piece in self._old))  # noqa: S308

    @cached_property
    def new(self) -> SafeString:
        """The new text with insertions marked (right column)."""
        return mark_safe("".join(_render_piece(piece) for piece in self._new))  # noqa: S308

    @property
    def has_changes(self) -> bool:
        return bool(self.insertions or self.deletions)


def _label(tag: str) -> str:
    label = _("inserted:") if tag == "ins" else _("deleted:")
    hidden = '<span class="visually-hidden">'
    return f"{hidden}[{label} </span>"


def _close_label() -> str:
    return '<span class="visually-hidden">]</span>'


def _tags(html: str) -> str:
    html = html.replace(_INS_OPEN, f"<ins>{_label('ins')}").replace(
        _INS_CLOSE, f"{_close_label()}</ins>"
    )
    html = html.replace(_DEL_OPEN, f"<del>{_label('del')}").replace(
        _DEL_CLOSE, f"{_close_label()}</del>"
    )
    if not _SPANS_TAG.search(html):
        return html
    # Re-parse so a change that spanned an element boundary still nests correctly.
    return nh3.clean(
        html,
        tags=_CLEAN_TAGS,
        attributes={"a": {"href", "title"}, "span": {"class"}, "ol": {"start"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


def _render(markdown: str) -> str:
    return _tags(str(render_markdown(markdown))) if markdown.strip() else ""


def _block(tag: str, markdown: str) -> str:
    """A whole paragraph inserted or deleted: its rendering, wrapped and labelled."""
    body = f"{_label(tag)}{_render_plain(markdown)}{_close_label()}"
    return f'<div class="diff-block diff-{tag}"><{tag}>{body}</{tag}></div>'


def _render_plain(markdown: str) -> str:
    return str(render_markdown(markdown.translate({ord(c): None for c in _MARKERS})))


def _render_piece(piece: tuple[str, str]) -> str:
    kind, content = piece
    return content if kind == "html" else _render(content)


def _paragraphs(text: str) -> list[str]:
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    return [part for part in _PARAGRAPH_BREAK.split(text) if part.strip()] if text else []


def _words(tokens: list[str]) -> int:
    return sum(1 for token in tokens if not token.isspace())


def _marked(tokens: list[str], opener: str, closer: str) -> str:
    """Wrap a run of tokens line by line, leaving spaces and block markers (``-``, ``1.``,
    ``#``, ``>``) outside the mark so the Markdown structure survives."""
    lines = "".join(tokens).split("\n")
    wrapped = []
    for line in lines:
        marker = _BLOCK_MARKER.match(line)
        head = marker.group(0) if marker else ""
        rest = line[len(head) :]
        stripped = rest.strip()
        if not stripped:
            wrapped.append(line)
            continue
        start = rest.index(stripped[0])
        end = start + len(stripped)
        wrapped.append(f"{head}{rest[:start]}{opener}{stripped}{closer}{rest[end:]}")
    return "\n".join(wrapped)


@dataclass
class _Parts:
    inline: list[str]
    old: list[str]
    new: list[str]
    source: list[str]
    insertions: int = 0
    deletions: int = 0


def _source_mark(tag: str, text: str) -> str:
    return f"<{tag}>{_label(tag)}{escape(text)}{_close_label()}</{tag}>"


def _changed_paragraph(old: str, new: str, parts: _Parts) -> None:
    old_tokens, new_tokens = _TOKEN.findall(old), _TOKEN.findall(new)
    matcher = SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    common = sum(size for _, _, size in matcher.get_matching_blocks())
    if matcher.quick_ratio() < REWRITE_THRESHOLD or (
        2 * common / max(1, len(old_tokens) + len(new_tokens)) < REWRITE_THRESHOLD
    ):
        _removed(old, parts)
        _added(new, parts)
        return
    inline, left, right, source = [], [], [], []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        removed, added = old_tokens[i1:i2], new_tokens[j1:j2]
        if op == "equal":
            same = "".join(removed)
            inline.append(same)
            left.append(same)
            right.append(same)
            source.append(escape(same))
            continue
        if removed and "".join(removed).strip():
            parts.deletions += _words(removed)
            inline.append(_marked(removed, _DEL_OPEN, _DEL_CLOSE))
            left.append(_marked(removed, _DEL_OPEN, _DEL_CLOSE))
            source.append(_source_mark("del", "".join(removed)))
        elif removed:
            left.append("".join(removed))
        if added and "".join(added).strip():
            parts.insertions += _words(added)
            inline.append(_marked(added, _INS_OPEN, _INS_CLOSE))
            right.append(_marked(added, _INS_OPEN, _INS_CLOSE))
            source.append(_source_mark("ins", "".join(added)))
        elif added:
            inline.append("".join(added))
            right.append("".join(added))
            source.append(escape("".join(added)))
    parts.inline.append(_render("".join(inline)))
    parts.old.append(("markdown", "".join(left)))
    parts.new.append(("markdown", "".join(right)))
    parts.source.append(f'<p class="diff-source">{"".join(source)}</p>')


def _removed(paragraph: str, parts: _Parts) -> None:
    parts.deletions += _words(_TOKEN.findall(paragraph))
    block = _block("del", paragraph)
    parts.inline.append(block)
    parts.old.append(("html", block))
    parts.source.append(f'<p class="diff-source">{_source_mark("del", paragraph)}</p>')


def _added(paragraph: str, parts: _Parts) -> None:
    parts.insertions += _words(_TOKEN.findall(paragraph))
    block = _block("ins", paragraph)
    parts.inline.append(block)
    parts.new.append(("html", block))
    parts.source.append(f'<p class="diff-source">{_source_mark("ins", paragraph)}</p>')


def text_diff(old: str, new: str, *, max_length: int = MAX_DIFF_LENGTH) -> TextDiff:
    """Compare two Markdown texts paragraph by paragraph, then word by word where they differ."""
    old, new = old or "", new or ""
    if len(old) > max_length or len(new) > max_length:
        raise DiffTooLarge()
    old_paragraphs, new_paragraphs = _paragraphs(old), _paragraphs(new)
    parts = _Parts([], [], [], [])
    matcher = SequenceMatcher(None, old_paragraphs, new_paragraphs, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for paragraph in old_paragraphs[i1:i2]:
                rendered = _render_plain(paragraph)
                parts.inline.append(rendered)
                parts.old.append(("html", rendered))
                parts.new.append(("html", rendered))
                parts.source.append(f'<p class="diff-source">{escape(paragraph)}</p>')
            continue
        removed, added = old_paragraphs[i1:i2], new_paragraphs[j1:j2]
        for index in range(max(len(removed), len(added))):
            before = removed[index] if index < len(removed) else None
            after = added[index] if index < len(added) else None
            if before is not None and after is not None:
                _changed_paragraph(before, after, parts)
            elif before is not None:
                _removed(before, parts)
            else:
                _added(after, parts)
    return TextDiff(
        inline=mark_safe("".join(parts.inline)),  # noqa: S308 -- rendered and sanitised above
        source=mark_safe("".join(parts.source)),  # noqa: S308 -- every piece escaped
        insertions=parts.insertions,
        deletions=parts.deletions,
        _old=parts.old,
        _new=parts.new,
    )


#: The rules a comparison depends on: this module and Markdown's (``core.markup.RULES``).
RULES = hashlib.sha256(Path(__file__).read_bytes() + markup.RULES.encode()).hexdigest()[:12]


def text_diff_kept(old: str, new: str) -> TextDiff:
    """``text_diff``, kept in the cache: a comparison depends only on the two texts, the
    language of its «inserted»/«deleted» labels and the rules, which together make its key.

    Versions never change, so the pages that compare two of them ask for the same comparison
    again and again.
    """
    key = ":".join(["diff", RULES, get_language() or "", markup.digest(old), markup.digest(new)])
    return cache.get_or_set(key, lambda: text_diff(old, new), markup.KEPT_FOR)


def word_diff(old: str, new: str) -> TextDiff:
    """Compare two short plain texts (a title, a note) word by word, without Markdown."""
    old, new = old or "", new or ""
    if len(old) > MAX_DIFF_LENGTH or len(new) > MAX_DIFF_LENGTH:
        raise DiffTooLarge()
    old_tokens, new_tokens = _TOKEN.findall(old), _TOKEN.findall(new)
    matcher = SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    inline, left, right = [], [], []
    insertions = deletions = 0
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        removed, added = old_tokens[i1:i2], new_tokens[j1:j2]
        if op == "equal":
            same = escape("".join(removed))
            inline.append(same)
            left.append(same)
            right.append(same)
            continue
        if removed:
            deletions += _words(removed)
            mark = _source_mark("del", "".join(removed))
            inline.append(mark)
            left.append(mark)
        if added:
            insertions += _words(added)
            mark = _source_mark("ins", "".join(added))
            inline.append(mark)
            right.append(mark)
    joined = "".join(inline)
    return TextDiff(
        inline=mark_safe(joined),  # noqa: S308 -- every piece is escaped above
        source=mark_safe(joined),  # noqa: S308
        insertions=insertions,
        deletions=deletions,
        _old=[("html", "".join(left))],
        _new=[("html", "".join(right))],
    )
