"""Accent- and case-insensitive text matching shared by every app's search.

On PostgreSQL the search uses full-text search with the ``pt_unaccent`` configuration (see
``governance`` migration 0008). The kinds with long text keep their vector in a
``search_document`` column that PostgreSQL itself fills (``AddSearchDocument``), so a search
reads it through a GIN index instead of parsing every row's text. On SQLite, ``FOLD``
(registered on every connection) lowers the case and strips the accents, so that a plain
``contains`` on folded text finds «Estratégia» for «estrategia».
"""

import unicodedata

from django.contrib.postgres.search import SearchVectorField
from django.db.backends.signals import connection_created
from django.db.migrations.operations.base import Operation
from django.db.models import BooleanField, CharField, Expression, F, FloatField, Func, TextField

SEARCH_CONFIG = "pt_unaccent"
SEARCH_DOCUMENT = "search_document"


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


class StoredSearchDocument(Expression):
    """The ``search_document`` column of the queried table (PostgreSQL, after
    ``AddSearchDocument``).

    The column is deliberately not a model field: Django then never selects it (every page that
    loads a section would carry its vector along), never writes it (no stale in-memory value can
    reach the database) and the history tables do not copy it.
    """

    output_field = SearchVectorField()

    def as_sql(self, compiler, connection):
        table = compiler.quote_name(compiler.query.base_table)
        return f"{table}.{compiler.quote_name(SEARCH_DOCUMENT)}", []


class Vector(Expression):
    """The vector of text columns computed on the fly: the very SQL of ``SearchVector(*fields,
    config=SEARCH_CONFIG)``, compiled in one step (see ``_AgainstWebSearch``)."""

    output_field = SearchVectorField()

    def __init__(self, *fields: str) -> None:
        super().__init__()
        self.fields = [F(field) for field in fields]

    def get_source_expressions(self):
        return self.fields

    def set_source_expressions(self, expressions) -> None:
        self.fields = list(expressions)

    def as_sql(self, compiler, connection):
        parts, params = [], [SEARCH_CONFIG]
        for field in self.fields:
            sql, field_params = compiler.compile(field)
            if not isinstance(field.output_field, (CharField, TextField)):
                sql = f"({sql})::text"
            parts.append(f"COALESCE({sql}, %s)")
            params += [*field_params, ""]
        return f"to_tsvector(%s::regconfig, {" || ' ' || ".join(parts)})", params


class _AgainstWebSearch(Expression):
    """An expression and ``websearch_to_tsquery(SEARCH_CONFIG, text)``, compiled in one step.

    Django's SearchQuery, SearchRank and SearchHeadline nest half a dozen expressions each, and a
    search over every kind of object compiles a score of them per request: building and hashing
    those trees cost the search page more than its queries did. These render the same SQL.
    """

    def __init__(self, expression, text: str) -> None:
        super().__init__()
        self.expression, self.text = expression, text

    def get_source_expressions(self):
        return [self.expression]

    def set_source_expressions(self, expressions) -> None:
        (self.expression,) = expressions

    def _compiled(self, compiler) -> tuple[str, list, str, list]:
        sql, params = compiler.compile(self.expression)
        # A sub-select is worked out once per statement. Bare, the call would be worked out for
        # every row in the generic plan that PostgreSQL keeps for a prepared statement, where
        # the text is a parameter rather than a constant it can fold.
        query = "(SELECT websearch_to_tsquery(%s::regconfig, %s))"
        return sql, list(params), query, [SEARCH_CONFIG, self.text]


class Matches(_AgainstWebSearch):
    """Whether the document (a ``tsvector``) matches the query: ``document @@ query``."""

    conditional = True
    output_field = BooleanField()

    def as_sql(self, compiler, connection):
        document, params, query, query_params = self._compiled(compiler)
        return f"{document} @@ {query}", [*params, *query_params]


class Rank(_AgainstWebSearch):
    """How well the document matches the query (``ts_rank``), for ``order_by``."""

    output_field = FloatField()

    def as_sql(self, compiler, connection):
        document, params, query, query_params = self._compiled(compiler)
        return f"ts_rank({document}, {query})", [*params, *query_params]


class Headline(_AgainstWebSearch):
    """The passage of ``expression`` (text) around the query's matches (``ts_headline``)."""

    output_field = TextField()

    def __init__(self, expression, text: str, *, options: str) -> None:
        super().__init__(expression, text)
        self.options = options

    def as_sql(self, compiler, connection):
        passage, params, query, query_params = self._compiled(compiler)
        sql = f"ts_headline(%s::regconfig, {passage}, {query}, %s)"
        return sql, [SEARCH_CONFIG, *params, *query_params, self.options]


def _index_name(table: str) -> str:
    return f"{table}_{SEARCH_DOCUMENT}_gin"


class AddSearchDocument(Operation):
    """Give a model's table a ``search_document`` of ``fields`` that PostgreSQL keeps current.

    A trigger BEFORE INSERT OR UPDATE computes the very vector ``SearchVector(*fields,
    config=config)`` would compute on the fly (so ranking is unchanged), whatever writes the row:
    a save, ``bulk_create``, ``bulk_update``, ``QuerySet.update``, raw SQL. An update that leaves
    the text as it was keeps the stored vector (nothing to parse again, and a write of the column
    itself is undone). A GIN index serves ``@@``. Nothing happens on SQLite.

    Renaming or dropping one of ``fields`` later needs this operation reversed first: the
    trigger names the columns.
    """

    reversible = True

    def __init__(self, model_name: str, fields: list[str], config: str) -> None:
        self.model_name, self.fields, self.config = model_name, list(fields), config

    def state_forwards(self, app_label, state) -> None:
        pass  # the column is not part of the model (see StoredSearchDocument)

    def database_forwards(self, app_label, schema_editor, from_state, to_state) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        table, columns = self._table_and_columns(to_state, app_label)
        config = self._qualified_config(schema_editor)
        quote = schema_editor.quote_name
        function, document = quote(f"{table}_{SEARCH_DOCUMENT}"), quote(SEARCH_DOCUMENT)

        def vector(row: str) -> str:
            text = " || ' ' || ".join(f"COALESCE({row}{quote(c)}, '')" for c in columns)
            return f"to_tsvector('{config}'::regconfig, {text})"

        def values(row: str) -> str:
            return "ROW(" + ", ".join(f"{row}{quote(c)}" for c in columns) + ")"

        schema_editor.execute(f"ALTER TABLE {quote(table)} ADD COLUMN {document} tsvector")
        # Every identifier is quoted and the configuration comes from pg_ts_config: no user input.
        schema_editor.execute(f"UPDATE {quote(table)} SET {document} = {vector('')}")  # noqa: S608
        schema_editor.execute(
            f"""
            CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'UPDATE' AND {values("NEW.")} IS NOT DISTINCT FROM {values("OLD.")}
                THEN
                    NEW.{document} := OLD.{document};
                ELSE
                    NEW.{document} := {vector("NEW.")};
                END IF;
                RETURN NEW;
            END $$
            """
        )
        watched = ", ".join([*(quote(c) for c in columns), document])
        schema_editor.execute(
            f"CREATE TRIGGER {function} BEFORE INSERT OR UPDATE OF {watched} ON {quote(table)} "
            f"FOR EACH ROW EXECUTE FUNCTION {function}()"
        )
        schema_editor.execute(
            f"CREATE INDEX {quote(_index_name(table))} ON {quote(table)} "
            f"USING gin ({document}) WITH (fastupdate = off)"  # see SearchIndexWithoutPendingList
        )

    def database_backwards(self, app_label, schema_editor, from_state, to_state) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        table, _columns = self._table_and_columns(from_state, app_label)
        quote = schema_editor.quote_name
        function = quote(f"{table}_{SEARCH_DOCUMENT}")
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {function} ON {quote(table)}")
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {function}()")
        schema_editor.execute(
            f"ALTER TABLE {quote(table)} DROP COLUMN IF EXISTS {quote(SEARCH_DOCUMENT)}"
        )

    def describe(self) -> str:
        return f"Stored search document of {self.model_name} ({', '.join(self.fields)})"

    @property
    def migration_name_fragment(self) -> str:
        return f"{self.model_name}_{SEARCH_DOCUMENT}"

    def _table_and_columns(self, state, app_label: str) -> tuple[str, list[str]]:
        meta = state.apps.get_model(app_label, self.model_name)._meta
        return meta.db_table, [meta.get_field(name).column for name in self.fields]

    def _qualified_config(self, schema_editor) -> str:
        """The configuration with its schema, so the trigger does not depend on search_path."""
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(
                "SELECT quote_ident(n.nspname) || '.' || quote_ident(c.cfgname) "
                "FROM pg_ts_config c JOIN pg_namespace n ON n.oid = c.cfgnamespace "
                "WHERE c.oid = %s::regconfig",  # fails, naming it, if governance 0008 did not run
                [self.config],
            )
            return cursor.fetchone()[0]


class SearchIndexWithoutPendingList(Operation):
    """Make the GIN index of a model's ``search_document`` take each write at once.

    By default a GIN index parks new entries in a pending list that only a vacuum merges, and
    every search reads that whole list, row by row (up to ``gin_pending_list_limit``, 4 MB): after
    a bulk load a search that matches nothing scanned thousands of rows. Searches far outnumber
    writes of searched text, so each write pays instead (``fastupdate = off``); the list already
    parked is merged now. Nothing happens on SQLite.
    """

    reversible = True

    def __init__(self, model_name: str) -> None:
        self.model_name = model_name

    def state_forwards(self, app_label, state) -> None:
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state) -> None:
        self._set_fastupdate(app_label, schema_editor, to_state, on=False)

    def database_backwards(self, app_label, schema_editor, from_state, to_state) -> None:
        self._set_fastupdate(app_label, schema_editor, from_state, on=True)

    def describe(self) -> str:
        return f"Search index of {self.model_name} written at once"

    @property
    def migration_name_fragment(self) -> str:
        return f"{self.model_name}_search_index_fastupdate_off"

    def _set_fastupdate(self, app_label, schema_editor, state, *, on: bool) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        table = state.apps.get_model(app_label, self.model_name)._meta.db_table
        index = schema_editor.quote_name(_index_name(table))
        schema_editor.execute(f"ALTER INDEX {index} SET (fastupdate = {'on' if on else 'off'})")
        if not on:
            schema_editor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
