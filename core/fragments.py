"""A page's bulky part rendered once for what it shows, then taken from the cache.

The cache key is a digest of everything the fragment prints (``shows``), of the template's own
source and of the reader's language and time zone. Nothing is ever invalidated by hand: a change
to any value shown is a new key, so a stale fragment cannot be served; an old one just expires.
What the key cannot see is a new translation catalogue or new formatting code with the same
template; after such a deploy the old text lasts at most ``FRAGMENT_SECONDS``.
"""

import hashlib
from collections.abc import Callable, Mapping
from typing import Any

from django.core.cache import cache
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import get_current_timezone_name
from django.utils.translation import get_language

FRAGMENT_SECONDS = 10 * 60


def render_fragment(
    template_name: str,
    context: Mapping[str, Any],
    *,
    shows: object,
    prepare: Callable[[], None] | None = None,
) -> SafeString:
    """Render ``template_name`` with ``context``, or take the same rendering from the cache.

    ``shows`` holds every value the fragment prints, as plain data whose ``repr`` says it all
    (strings, numbers, datetimes, tuples). ``prepare`` runs only when the fragment is rendered:
    the formatting that only the rendering needs.
    """
    template = get_template(template_name)
    source = getattr(getattr(template, "template", None), "source", template_name)
    key_text = repr((template_name, source, get_language(), get_current_timezone_name(), shows))
    key = "fragment:" + hashlib.sha256(key_text.encode()).hexdigest()
    html = cache.get(key)
    if html is None:
        if prepare is not None:
            prepare()
        html = template.render(dict(context))
        cache.set(key, str(html), FRAGMENT_SECONDS)
    return mark_safe(html)  # noqa: S308 -- the template's own (autoescaped) rendering
