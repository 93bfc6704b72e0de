"""Reads whose SQL the ORM builds once: a ``values()`` queryset compiled per database, then run
again with new values.

On the busiest pages most of a read's time is Django building and compiling the queryset, not
the database answering it: the home page's thirteen lists took 14 ms, of which the database
spent 4.5 ms. A ``CompiledRead`` is still written as an ordinary queryset, by a function of its
placeholders. The function runs once per database connection with a stand-in for each
placeholder; the SQL is kept, with the parameter positions where each stand-in landed; every
call sends that SQL with the real values and turns the rows into what ``values()`` would have
given, through the compiler's own converters. ``@compiled_read(user_id=int)`` on the function
that builds the queryset makes it such a read.

What the function must keep to, most of it checked when it is compiled:

- it returns a ``values(...)`` queryset (rows as dicts);
- each placeholder reaches the SQL as a parameter of its own, compared as it is
  (``author_id=user_id``, ``ends_at__gte=now``); a placeholder that a lookup transforms
  (``__contains``) or drops is refused with a ``ValueError``;
- it does not read the database: what it read would be frozen into the SQL (refused);
- the SQL's shape does not depend on the values, which it never sees: no lists of placeholders,
  no ``None``, no ``if`` on a placeholder. Slices are fixed in the function (``[:10]``).

The kept SQL lives as long as the process. Nothing in it may come from a setting that changes
while the process runs (the time zone of a date lookup, say).
"""

import datetime
import functools
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet
from django.db.models.query import ValuesIterable

#: The kinds a placeholder may be, each with a stand-in maker (from the placeholder's index).
_STAND_INS: dict[type, Callable[[int], Any]] = {
    int: lambda index: -7_340_032_000_001 - index,
    str: lambda index: f"\u27e8compiled read placeholder {index}\u27e9",
    datetime.datetime: lambda index: datetime.datetime(
        1901, 2, 3, 4, 5, 6, 7 + index, tzinfo=datetime.UTC
    ),
    datetime.date: lambda index: datetime.date(1901, 2, 3) + datetime.timedelta(days=index),
}


def _adapters(kind: type, connection) -> list[Callable[[Any], Any]]:
    """How the ORM may have turned a value of ``kind`` into a parameter (as is, or as the
    backend stores a date or a time)."""
    ops = connection.ops
    if kind is datetime.datetime:
        return [lambda value: value, ops.adapt_datetimefield_value]
    if kind is datetime.date:
        return [lambda value: value, ops.adapt_datefield_value]
    return [lambda value: value]


@dataclass(frozen=True)
class _Compiled:
    compiler: Any
    sql: str
    #: For each parameter, what gives it from the call's values: a constant or a placeholder.
    params: tuple[Callable[[dict], Any], ...]
    names: tuple[str, ...]


class CompiledRead:
    """A ``values()`` read built by ``build(**placeholders)`` and compiled once per database.

    ``placeholders`` names each keyword of ``build`` and its kind (``int``, ``str``,
    ``datetime.datetime`` or ``datetime.date``). Call it with those keywords to get the rows.
    """

    def __init__(self, build: Callable[..., QuerySet], **placeholders: type) -> None:
        unknown = [name for name, kind in placeholders.items() if kind not in _STAND_INS]
        if unknown:
            raise TypeError(f"Placeholders of an unsupported kind: {', '.join(unknown)}.")
        self.build = build
        self.placeholders = placeholders
        self._compiled: dict[str, _Compiled] = {}
        self._lock = threading.Lock()

    def __call__(self, *, using: str = DEFAULT_DB_ALIAS, **values: Any) -> list[dict]:
        if values.keys() != self.placeholders.keys():
            raise TypeError(f"Give exactly these values: {', '.join(self.placeholders)}.")
        compiled = self._compiled.get(using) or self._compile(using)
        params = [param(values) for param in compiled.params]
        compiler = compiled.compiler
        with connections[using].cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchall()
        if compiler.has_extra_select:  # columns added for the ordering only
            rows = [row[: compiler.col_count] for row in rows]
        names = compiled.names
        return [dict(zip(names, row, strict=True)) for row in compiler.results_iter(results=[rows])]

    def _compile(self, using: str) -> _Compiled:
        with self._lock:
            if using in self._compiled:
                return self._compiled[using]
            connection = connections[using]
            stand_ins = {
                name: _STAND_INS[kind](index)
                for index, (name, kind) in enumerate(self.placeholders.items())
            }
            with connection.execute_wrapper(_refuse_reads):
                queryset = self.build(**stand_ins).using(using)
                if queryset._iterable_class is not ValuesIterable:
                    raise TypeError("A compiled read returns a values(...) queryset.")
                compiler = queryset.query.get_compiler(using=using)
                sql, raw_params = compiler.as_sql()
            params, found = [], set()
            for raw in raw_params:
                placeholder = self._placeholder_in(raw, stand_ins, connection)
                if placeholder is None:
                    params.append(lambda values, constant=raw: constant)
                    continue
                name, adapter = placeholder
                params.append(lambda values, name=name, adapter=adapter: adapter(values[name]))
                found.add(name)
            missing = [name for name in self.placeholders if name not in found]
            if missing:
                raise ValueError(
                    f"Placeholders that do not reach the SQL as parameters: {', '.join(missing)}."
                )
            query = queryset.query
            names = (
                tuple(query.selected)
                if query.selected
                else (*query.extra_select, *query.values_select, *query.annotation_select)
            )
            compiled = _Compiled(compiler, sql, tuple(params), names)
            self._compiled[using] = compiled
            return compiled

    def _placeholder_in(self, raw, stand_ins: dict, connection):
        """The placeholder whose stand-in became the parameter ``raw``, and how to turn a value
        into that parameter the same way (psycopg's ``Int8`` wrapper of a bigint, say)."""
        for name, stand_in in stand_ins.items():
            for adapter in _adapters(self.placeholders[name], connection):
                expected = adapter(stand_in)
                if isinstance(raw, type(expected)) and raw == expected:
                    wrap = type(raw)
                    if wrap is type(expected):
                        return name, adapter
                    return name, lambda value, adapter=adapter, wrap=wrap: wrap(adapter(value))
        return None


def compiled_read(**placeholders: type) -> Callable[[Callable[..., QuerySet]], CompiledRead]:
    """Make the decorated queryset builder a ``CompiledRead``: calling it gives the rows."""

    def decorate(build: Callable[..., QuerySet]) -> CompiledRead:
        return functools.update_wrapper(CompiledRead(build, **placeholders), build)

    return decorate


def _refuse_reads(execute, sql, params, many, context):
    raise RuntimeError(
        "A compiled read's queryset is built without reading the database; this read would be "
        f"frozen into its SQL: {sql[:120]}"
    )
