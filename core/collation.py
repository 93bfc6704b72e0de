"""Sort people-readable names the way a Portuguese reader expects, not by code point.

Byte order puts «Arménia» before «Arábia Saudita» and «Butão» before «Bélgica»; the Unicode
Collation Algorithm (pyuca, pure Python, with the DUCET table that Portuguese uses untailored)
compares letters first and accents only to break ties.
"""

from collections.abc import Callable, Iterable
from functools import cache

from pyuca import Collator


@cache
def _collator() -> Collator:
    return Collator()


def collation_key(text: str) -> tuple[int, ...]:
    """The key that sorts ``text`` by Portuguese collation (case and accents break ties)."""
    return _collator().sort_key(text or "")


def collated[T](items: Iterable[T], *, key: Callable[[T], str] = str) -> list[T]:
    """Return ``items`` sorted by the collation of the name ``key`` gives each one."""
    return sorted(items, key=lambda item: collation_key(key(item)))
