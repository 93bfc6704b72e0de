"""Accent- and case-insensitive text matching shared by every app's search.

On PostgreSQL the search uses full-text search with the ``pt_unaccent`` configuration (see
``governance`` migration 0008). On SQLite, ``FOLD`` (registered on every connection) lowers the
case and strips the accents, so that a plain ``contains`` on folded text finds «Estratégia» for
«estrategia».
"""

import unicodedata

from django.db.backends.signals import connection_created
from django.db.models import Func, TextField

SEARCH_CONFIG = "pt_unaccent"


def fold(text: str | None) -> str:
    """Lower-case ``text`` and take its accents off («Estratégia» → «estrategia»)."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class Fold(Func):
    """The SQL side of ``fold`` (SQLite only)."""

    function = "FOLD"
    output_field = TextField()


def _register_fold(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function("FOLD", 1, fold, deterministic=True)


def connect() -> None:
    connection_created.connect(_register_fold, dispatch_uid="core.text_search.fold")
