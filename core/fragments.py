"""Cached page fragments, keyed by a digest of everything they show.

A fragment cached under ``content_key(...)`` of every value it shows can never be stale: when a
value changes, so does the key, and the next request renders afresh; an old one just expires.
The language and the time zone it is written in are part of every key. Only plain values go in,
never model instances, whose ``repr`` hides their fields: a part of another kind is refused with
a ``TypeError``. What a key cannot see is a new translation catalogue or new formatting code
with the same template; after such a deploy the old text lasts at most ``FRAGMENT_SECONDS``.

Keep a cached fragment the same for everyone who may see its values: nothing in it may depend on
who asks (links to actions, per-person notes), or that too must be part of the key.

Two ways in: ``{% cache fragment_seconds name content_key %}`` in a template, with the view
passing ``content_key(...)`` (every page's context has ``fragment_seconds``, this module's
``FRAGMENT_SECONDS``); or ``render_fragment`` for a whole template rendered in the view.
"""

import datetime
import decimal
import hashlib
from collections.abc import Callable, Mapping
from typing import Any

from django.core.cache import cache
from django.template.loader import get_template
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe

FRAGMENT_SECONDS = 10 * 60
_PLAIN = (str, int, float, bool, decimal.Decimal, datetime.date, datetime.time, type(None))


_EXACTLY_PLAIN = frozenset(_PLAIN)  # a key holds hundreds of these: asked of their type first


def _plain(value):
    kind = type(value)
    if kind in _EXACTLY_PLAIN:
        return value
    if kind is tuple or kind is list:
        return tuple(map(_plain, value))
    if isinstance(value, Promise):  # a lazy translation: the text it stands for now
        return str(value)
    if isinstance(value, (list, tuple)):
        return tuple(map(_plain, value))
    if isinstance(value, _PLAIN):
        return value
    raise TypeError(f"A fragment key is made of plain values, not {type(value).__name__}.")


def content_key(*parts) -> str:
    """A key that changes whenever one of ``parts``, the language or the time zone does."""
    material = (translation.get_language(), timezone.get_current_timezone_name(), _plain(parts))
    return hashlib.sha256(repr(material).encode()).hexdigest()


def render_fragment(
    template_name: str,
    context: Mapping[str, Any],
    *,
    shows: object,
    prepare: Callable[[], None] | None = None,
) -> SafeString:
    """Render ``template_name`` with ``context``, or take the same rendering from the cache.

    ``shows`` holds every value the fragment prints, as plain values (see ``content_key``); the
    template's own source is part of the key too. ``prepare`` runs only when the fragment is
    rendered: the formatting that only the rendering needs.
    """
    template = get_template(template_name)
    source = getattr(getattr(template, "template", None), "source", template_name)
    key = "fragment:" + content_key(template_name, source, shows)
    html = cache.get(key)
    if html is None:
        if prepare is not None:
            prepare()
        html = template.render(dict(context))
        cache.set(key, str(html), FRAGMENT_SECONDS)
    return mark_safe(html)  # noqa: S308 -- the template's own (autoescaped) rendering
