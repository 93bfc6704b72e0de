"""Keys of cached page fragments: a digest of everything the fragment shows.

A fragment cached under ``content_key(...)`` of every value it shows can never be stale: when a
value changes, so does the key, and the next request renders afresh. The language and the time
zone it is written in are part of every key. Only plain values go in, never model instances,
whose ``repr`` hides their fields: a part of another kind is refused with a ``TypeError``.

Keep a cached fragment the same for everyone who may see its values: nothing in it may depend on
who asks (links to actions, per-person notes), or that too must be part of the key.
"""

import datetime
import decimal
import hashlib

from django.utils import timezone, translation
from django.utils.functional import Promise

_PLAIN = (str, int, float, bool, decimal.Decimal, datetime.date, datetime.time, type(None))


def _plain(value):
    if isinstance(value, Promise):  # a lazy translation: the text it stands for now
        return str(value)
    if isinstance(value, (list, tuple)):
        return tuple(_plain(item) for item in value)
    if isinstance(value, _PLAIN):
        return value
    raise TypeError(f"A fragment key is made of plain values, not {type(value).__name__}.")


def content_key(*parts) -> str:
    """A key that changes whenever one of ``parts``, the language or the time zone does."""
    material = (translation.get_language(), timezone.get_current_timezone_name(), _plain(parts))
    return hashlib.sha256(repr(material).encode()).hexdigest()
