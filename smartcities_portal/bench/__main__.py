"""Run ``make bench`` or ``make load`` against a throwaway database, never the configured one.

``python -m smartcities_portal.bench bench|load``. With ``DATABASE_URL`` pointing at PostgreSQL,
a database ``<name>_bench`` is created on that server, used and dropped at the end; otherwise a
SQLite file ``var/bench.db`` (``make load`` needs PostgreSQL: gunicorn's workers write
concurrently). Everything runs on this machine's loopback interface.
"""

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parents[2]
VAR_DIR = BASE_DIR / "var"


@contextlib.contextmanager
def throwaway_database(url: str) -> Iterator[str]:
    """Yield the URL of an empty database beside ``url``'s (or a fresh SQLite file)."""
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql", "pgsql"}:
        VAR_DIR.mkdir(exist_ok=True)
        path = VAR_DIR / "bench.db"
        path.unlink(missing_ok=True)
        yield f"sqlite:///{path}"
        return
    import psycopg
    from psycopg import sql

    name = f"{parts.path.lstrip('/') or 'portal'}_bench"
    admin = urlunsplit(parts._replace(path="/postgres"))

    def run(statement: sql.Composable) -> None:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(statement)

    drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
    run(drop)
    run(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        run(drop)


def environment(database_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "smartcities_portal.bench.settings",
        "DJANGO_SECRET_KEY": "bench-only-secret-key-of-a-throwaway-database",
        "DJANGO_DEBUG": "false",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(VAR_DIR / "bench-media"),
        "DJANGO_LOG_LEVEL": "WARNING",
        # Nothing a bench does may leave the machine: mail is kept in memory.
        "EMAIL_URL": "locmem://",
    }


def manage(env: dict[str, str], *arguments: str) -> None:
    command = [sys.executable, "manage.py", *arguments]
    subprocess.run(command, cwd=BASE_DIR, env=env, check=True)  # noqa: S603 -- our own manage.py


def main(command: str, arguments: list[str]) -> int:
    with throwaway_database(os.environ.get("DATABASE_URL", "")) as url:
        env = environment(url)
        manage(env, "migrate", "--no-input", "-v", "0")
        if command == "bench":
            manage(env, "bench", *arguments)
            return 0
        if command == "load":
            from smartcities_portal.bench.load import run_load

            return run_load(env, arguments)
    print(f"unknown command {command!r}: use bench or load", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]) if len(sys.argv) > 1 else main("", []))
