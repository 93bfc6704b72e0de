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

``read.later(...)`` sends a read without waiting for its rows; in a ``together()`` block the reads
sent leave one after the other and their answers come back in one round trip (PostgreSQL).

What the function must keep to, most of it checked when it is compiled:

- it returns a ``values(...)`` queryset (rows as dicts);
- each placeholder reaches the SQL as a parameter of its own, compared as it is
  (``author_id=user_id``, ``ends_at__gte=now``). The function runs twice when compiled, with
  two sets of stand-ins: a parameter that follows them is the placeholder, one that stays the
  same is a constant, and a placeholder that a lookup transforms (``__contains``), works out
  or drops is refused with a ``ValueError``, as is SQL that changes with them;
- it does not read the database: what it read would be frozen into the SQL (refused);
- the SQL's shape does not depend on the values, which it never sees: no lists of placeholders,
  no ``None``, no ``if`` on a placeholder. Slices are fixed in the function (``[:10]``).

The kept SQL lives as long as the process. Nothing in it may come from a setting that changes
while the process runs (the time zone of a date lookup, say).
"""

import contextlib
import datetime
import functools
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model, QuerySet
from django.db.models.query import ValuesIterable

#: The kinds a placeholder may be, each with a stand-in maker (from the placeholder's index and
#: the compilation, 0 or 1). Integers stay within every integer field's range (a small
#: positive one's too): Django drops a lookup on a value out of its field's range.
_STAND_INS: dict[type, Callable[[int, int], Any]] = {
    int: lambda index, compilation: 32_000 - 1_000 * compilation - index,
    str: lambda index, compilation: f"\u27e8compiled read placeholder {index}.{compilation}\u27e9",
    datetime.datetime: lambda index, compilation: datetime.datetime(
        1901 + compilation, 2, 3, 4, 5, 6, 7 + index, tzinfo=datetime.UTC
    ),
    datetime.date: lambda index, compilation: (
        datetime.date(1901 + compilation, 2, 3) + datetime.timedelta(days=index)
    ),
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
        return self.later(using=using, **values).result()

    def later(self, *, using: str = DEFAULT_DB_ALIAS, **values: Any) -> "Later[list[dict]]":
        """The read sent: in a ``together()`` block it leaves with the block's other reads, and
        its rows are read when ``result()`` is first called."""
        if values.keys() != self.placeholders.keys():
            raise TypeError(f"Give exactly these values: {', '.join(self.placeholders)}.")
        compiled = self._compiled.get(using) or self._compile(using)
        params = [param(values) for param in compiled.params]
        cursor = connections[using].cursor()
        try:
            cursor.execute(compiled.sql, params)
        except BaseException:
            cursor.close()
            raise
        return Later(functools.partial(_rows, compiled, cursor))

    def _compile(self, using: str) -> _Compiled:
        with self._lock:
            if using in self._compiled:
                return self._compiled[using]
            connection = connections[using]
            # Compiled twice with different stand-ins: a parameter that is each compilation's
            # stand-in is that placeholder; one that is the same in both is a constant (even if
            # it happens to equal a stand-in); anything else, or different SQL, is refused.
            queryset, compiler, sql, params_0, stand_ins_0 = self._with_stand_ins(using, 0)
            *_, sql_1, params_1, stand_ins_1 = self._with_stand_ins(using, 1)
            if sql != sql_1 or len(params_0) != len(params_1):
                raise ValueError("The SQL of a compiled read depends on its placeholders' values.")
            params, found = [], set()
            for raw_0, raw_1 in zip(params_0, params_1, strict=True):
                placeholder = self._placeholder_in(raw_0, stand_ins_0, connection)
                again = self._placeholder_in(raw_1, stand_ins_1, connection)
                if placeholder is not None and again is not None and placeholder[0] == again[0]:
                    name, adapter = placeholder
                    params.append(lambda values, name=name, adapter=adapter: adapter(values[name]))
                    found.add(name)
                elif raw_0 == raw_1:
                    params.append(lambda values, constant=raw_0: constant)
                else:
                    raise ValueError(
                        "A parameter of a compiled read is worked out from a placeholder: "
                        "give the worked-out value as the placeholder instead."
                    )
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

    def _with_stand_ins(self, using: str, compilation: int):
        """The queryset built with the stand-ins of ``compilation``, its compiler, SQL and
        parameters, and the stand-ins."""
        connection = connections[using]
        stand_ins = {
            name: _STAND_INS[kind](index, compilation)
            for index, (name, kind) in enumerate(self.placeholders.items())
        }
        with connection.execute_wrapper(_refuse_reads):
            queryset = self.build(**stand_ins).using(using)
            if queryset._iterable_class is not ValuesIterable:
                raise TypeError("A compiled read returns a values(...) queryset.")
            compiler = queryset.query.get_compiler(using=using)
            sql, params = compiler.as_sql()
        return queryset, compiler, sql, params, stand_ins

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


def _rows(compiled: _Compiled, cursor) -> list[dict]:
    with cursor:
        rows = cursor.fetchall()
    compiler = compiled.compiler
    if compiler.has_extra_select:  # columns added for the ordering only
        rows = [row[: compiler.col_count] for row in rows]
    names = compiled.names
    return [dict(zip(names, row, strict=True)) for row in compiler.results_iter(results=[rows])]


class Later[T]:
    """What a read gives, once it is read: ``result()`` reads it the first time."""

    def __init__(self, read: Callable[[], T]) -> None:
        self._read: Callable[[], T] | None = read
        self._result: T | None = None

    def result(self) -> T:
        if self._read is not None:
            self._result, self._read = self._read(), None
        return self._result

    def then[U](self, work: Callable[[T], U]) -> "Later[U]":
        """What ``work`` makes of the result, worked out when it is asked for."""
        return Later(lambda: work(self.result()))


@contextlib.contextmanager
def together(using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """Reads sent in the block (``CompiledRead.later``) travel to PostgreSQL one after the
    other without waiting for each answer (psycopg's pipeline mode): the first ``result()``
    waits for one round trip, and the others' rows are on their way by then. Any other query
    in the block waits for its own answer, as outside it. Elsewhere each read runs when sent.
    """
    connection = connections[using]
    if connection.vendor != "postgresql":
        yield
        return
    connection.ensure_connection()
    with connection.wrap_database_errors, connection.connection.pipeline():
        yield


def instance_from[M: Model](model: type[M], row: Mapping[str, Any], prefix: str = "") -> M:
    """The instance a read of only the columns in ``row`` gives, as ``only()`` does (the rest
    deferred): its keys are ``prefix`` and the fields' attribute names (``deliverable__slug``)."""
    names = [f.attname for f in model._meta.concrete_fields if prefix + f.attname in row]
    return model.from_db(DEFAULT_DB_ALIAS, names, [row[prefix + name] for name in names])


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
