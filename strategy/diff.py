"""Word-level comparison of two texts, for the history and the edit-conflict pages.

Changes are marked with ``ins``/``del`` and a hidden text label, so they are not told by
colour alone (WCAG 1.4.1) and screen readers announce them.
"""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


@dataclass(frozen=True)
class WordDiff:
    inline: SafeString
    old: SafeString  # the old text with deletions marked (left column)
    new: SafeString  # the new text with insertions marked (right column)
    insertions: int
    deletions: int

    @property
    def has_changes(self) -> bool:
        return bool(self.insertions or self.deletions)


def _marked(tag: str, tokens: list[str]) -> str:
    label = _("inserted:") if tag == "ins" else _("deleted:")
    text = escape("".join(tokens))
    hidden = '<span class="visually-hidden">'
    return f"<{tag}>{hidden}[{label} </span>{text}{hidden}]</span></{tag}>"


def word_diff(old: str, new: str) -> WordDiff:
    """Compare ``old`` and ``new`` word by word."""
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
            deletions += sum(1 for t in removed if not t.isspace())
            inline.append(_marked("del", removed))
            left.append(_marked("del", removed))
        if added:
            insertions += sum(1 for t in added if not t.isspace())
            inline.append(_marked("ins", added))
            right.append(_marked("ins", added))
    return WordDiff(
        inline=mark_safe("".join(inline)),  # noqa: S308 -- every piece is escaped above
        old=mark_safe("".join(left)),  # noqa: S308
        new=mark_safe("".join(right)),  # noqa: S308
        insertions=insertions,
        deletions=deletions,
    )
