"""The search overview in one PostgreSQL statement: every kind ranked and counted, and the few
rows shown loaded with their highlighted passage, whatever the number of kinds or matches.

``overview`` takes, for each kind, the SQL of its permission-aware matches reduced to (pk, rank)
and the SQL that loads one shown row; it knows nothing of the kinds themselves. Its rows are
plain values, so they can be kept (``table_states`` says when they may be); ``shown_rows``
makes model instances of them the way ``select_related`` builds them, with only the columns
shown loaded: reading any other column would cost a query, which the query-count tests catch.
"""

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from django.apps import apps
from django.db import connection
from django.db.models import Field, IntegerField, Model, QuerySet
from django.db.models.expressions import RawSQL

# The row of the outer query a shown row is loaded for (see ``shown_row_sql``).
_RANKED_PK = RawSQL('"ranked"."pk"', (), output_field=IntegerField())


@dataclass(frozen=True)
class Columns:
    """What to load of a model to show a row: its own columns (in field order, keys included)
    and, for each relation followed, the same of the related model."""

    model: type[Model]
    own: tuple[Field, ...]  # in ``concrete_fields`` order, as ``from_db`` wants them
    related: tuple[tuple[Field, "Columns"], ...]

    def lookups(self, prefix: str = "") -> list[str]:
        """The ``values_list`` lookups, in the order ``build`` reads them."""
        names = [prefix + field.attname for field in self.own]
        for relation, columns in self.related:
            names += columns.lookups(f"{prefix}{relation.name}__")
        return names

    def build(self, values: Iterator, db: str) -> Model | None:
        """A model instance of the next values; ``None`` for a relation that is not set."""
        own = [None if (v := next(values)) is None else f.to_python(v) for f in self.own]
        related = [(relation, columns.build(values, db)) for relation, columns in self.related]
        if own[self.own.index(self.model._meta.pk)] is None:
            return None
        instance = self.model.from_db(db, [field.attname for field in self.own], own)
        for relation, value in related:
            relation.set_cached_value(instance, value)
        return instance


@cache
def columns_for(model: type[Model], names: tuple[str, ...]) -> Columns:
    """The columns that load ``names`` (``"title"``, ``"deliverable__slug"``) and the keys that
    join them."""
    meta = model._meta
    wanted, followed = {meta.pk.attname}, {}
    for name in names:
        head, _, rest = name.partition("__")
        field = meta.get_field(head)
        wanted.add(field.attname)
        if rest:
            followed.setdefault(field, []).append(rest)
    own = tuple(field for field in meta.concrete_fields if field.attname in wanted)
    related = tuple(
        (field, columns_for(field.related_model, tuple(rests))) for field, rests in followed.items()
    )
    return Columns(model, own, related)


def shown_row_sql(queryset: QuerySet, columns: Columns, extra: str) -> tuple[str, list]:
    """A scalar subquery that loads the ``columns`` (and the annotation ``extra``) of the row
    the outer query stands on, as one JSON array."""
    lookups = [*columns.lookups(), extra]
    sql, params = (
        queryset.filter(pk=_RANKED_PK).order_by().values_list(*lookups).query.sql_with_params()
    )
    names = ", ".join(f"c{n}" for n in range(len(lookups)))
    # Only generated names and Django's compiled SQL make up the text.
    subquery = f"(SELECT json_build_array({names}) FROM ({sql}) AS shown ({names}) LIMIT 1)"  # noqa: S608
    return subquery, list(params)


@dataclass(frozen=True)
class Branch:
    """One kind in the overview: its matches as (pk, rank), and the row shown for a pk."""

    matches: tuple[str, Sequence]  # SQL selecting (pk, rank) and its parameters
    shown: tuple[str, Sequence]  # from ``shown_row_sql``
    columns: Columns


def overview(branches: Sequence[Branch], per_group: int) -> dict[int, tuple[int, list[list]]]:
    """For each branch (by position) with matches: how many, and the first ``per_group`` rows,
    best ranked first (ties: the newest first), each the plain values ``shown_rows`` reads."""
    if not branches:
        return {}
    # Only positions, generated names and Django's compiled SQL make up the text; the search
    # words and the person's ids are parameters.
    union = " UNION ALL ".join(
        f"SELECT {index} AS kind, pk, rank FROM ({branch.matches[0]}) AS kind_{index} (pk, rank)"  # noqa: S608
        for index, branch in enumerate(branches)
    )
    # A CASE runs only the subquery of the row's own kind, and only for the rows kept.
    shown = " ".join(
        f"WHEN {index} THEN {branch.shown[0]}" for index, branch in enumerate(branches)
    )
    # Every match is ranked once; each kind then keeps its best few (a top-N sort of its own
    # matches), its count from the same rows.
    sql = (
        f"WITH matches AS MATERIALIZED ({union}),"  # noqa: S608
        " counts AS (SELECT kind, COUNT(*) AS total FROM matches GROUP BY kind)"
        f" SELECT ranked.kind, ranked.total, CASE ranked.kind {shown} END"
        " FROM counts CROSS JOIN LATERAL ("
        "  SELECT counts.kind, counts.total, matches.pk, matches.rank FROM matches"
        "  WHERE matches.kind = counts.kind ORDER BY matches.rank DESC, matches.pk DESC LIMIT %s"
        " ) AS ranked ORDER BY ranked.kind, ranked.rank DESC, ranked.pk DESC"
    )
    params = [param for branch in branches for param in branch.matches[1]]
    params += [param for branch in branches for param in branch.shown[1]]
    groups: dict[int, tuple[int, list[list]]] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, per_group])
        rows = cursor.fetchall()
    for index, total, values in rows:  # one statement, one snapshot: every ranked row loads
        groups.setdefault(index, (total, []))[1].append(values)
    return groups


def shown_rows(columns: Columns, rows: Iterable[list]) -> list[tuple[Model, str]]:
    """The ``(instance, passage)`` of each row ``overview`` gave for a branch of ``columns``."""
    return [(columns.build(iter(values), connection.alias), values[-1]) for values in rows]


# Every table a query reads is named after FROM or JOIN in the SQL Django compiles.
_TABLE = re.compile(r'\b(?:FROM|JOIN) "([^"]+)"')


def tables_read(*sqls: str) -> frozenset[str] | None:
    """The tables the SQL reads, or ``None`` when one is not a model's table (a view, say, whose
    own tables it cannot see)."""
    tables = frozenset(name for sql in sqls for name in _TABLE.findall(sql))
    known = {model._meta.db_table for model in apps.get_models(include_auto_created=True)}
    return tables if tables <= known else None


def table_states(tables: Iterable[str]) -> dict[str, str] | None:
    """A value per table that any committed write to it changes: how many rows it has and the
    sum of a 64-bit hash of each row version's ``xmin``, the transaction that wrote it.

    An insert, an update or a delete changes the versions there are: a new one is written by a
    transaction other than the one that wrote the version it replaces, and a delete lowers the
    count. Two sets of versions with the same count and sum are as likely as two 64-bit hashes
    alike. ``None`` when this transaction has itself written: a version it rewrites keeps its
    ``xmin``, so the state cannot tell (and what it reads is not yet anyone else's anyway).
    """
    names = sorted(tables)
    # Only the models' own table names, quoted, make up the text.
    sql = " UNION ALL ".join(
        f"SELECT %s, COUNT(*), SUM(hashtextextended(xmin::text, 0))::text,"  # noqa: S608
        f" pg_current_xact_id_if_assigned() IS NOT NULL FROM {connection.ops.quote_name(name)}"
        for name in names
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, names)
        rows = cursor.fetchall()
    if any(written for *_state, written in rows):
        return None
    return {name: f"{count}:{total}" for name, count, total, _written in rows}
