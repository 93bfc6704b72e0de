"""One dated archive of the database and the uploaded files, and its restore.

The database is copied while the portal runs: SQLite through its online backup API (a
consistent copy even with writers), PostgreSQL through ``pg_dump --format=custom``. The archive
(``var/backups/portal-<UTC time>.tar.gz``) holds that copy, the media folder and a manifest
with what was copied; ``restore_archive`` puts both back.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

SQLITE_NAME = "database.sqlite3"
PG_NAME = "database.pgdump"
MEDIA_NAME = "media"
MANIFEST_NAME = "manifest.json"


class BackupError(Exception):
    """The backup or restore cannot be made; the message says why."""


@dataclass(frozen=True)
class BackupResult:
    archive: Path
    media_files: int


def _engine() -> str:
    engine = connection.settings_dict["ENGINE"]
    if engine.endswith("sqlite3"):
        return "sqlite"
    if engine.endswith("postgresql"):
        return "postgresql"
    raise BackupError(f"No backup method for the database engine {engine}.")


def _pg_environment() -> dict[str, str]:
    db = connection.settings_dict
    environment = dict(os.environ)
    environment.update(
        {
            "PGHOST": str(db.get("HOST") or "localhost"),
            "PGPORT": str(db.get("PORT") or 5432),
            "PGUSER": str(db.get("USER") or ""),
            "PGDATABASE": str(db["NAME"]),
        }
    )
    if db.get("PASSWORD"):
        environment["PGPASSWORD"] = str(db["PASSWORD"])
    return environment


def _run(command: list[str]) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(
            f"{command[0]} is not installed (Debian: apt-get install postgresql-client)."
        )
    result = subprocess.run(  # noqa: S603 -- fixed programs, arguments from settings
        command, env=_pg_environment(), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def _copy_database(folder: Path) -> str:
    engine = _engine()
    if engine == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(folder / SQLITE_NAME)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
        return SQLITE_NAME
    _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(folder / PG_NAME)])
    return PG_NAME


def create_backup(*, destination: Path | None = None) -> BackupResult:
    """Write the database and the media files into one dated archive; return where."""
    destination = Path(destination or settings.VAR_DIR / "backups")
    destination.mkdir(parents=True, exist_ok=True)
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    archive = destination / f"portal-{stamp}.tar.gz"
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        database_file = _copy_database(folder)
        media_files = (
            [path for path in media_root.rglob("*") if path.is_file()]
            if media_root.is_dir()
            else []
        )
        manifest = {
            "created_at": timezone.now().isoformat(),
            "engine": _engine(),
            "database": database_file,
            "media_files": len(media_files),
        }
        (folder / MANIFEST_NAME).write_text(json.dumps(manifest, indent=2))
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(folder / MANIFEST_NAME, arcname=MANIFEST_NAME)
            tar.add(folder / database_file, arcname=database_file)
            for path in media_files:
                tar.add(path, arcname=f"{MEDIA_NAME}/{path.relative_to(media_root)}")
    return BackupResult(archive=archive, media_files=len(media_files))


def restore_archive(archive: Path) -> dict:
    """Replace the database and the media files with those of an archive; return its manifest."""
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(f"There is no archive at {archive}.")
    with tempfile.TemporaryDirectory() as work, tarfile.open(archive, "r:gz") as tar:
        folder = Path(work)
        tar.extractall(folder, filter="data")  # refuses absolute paths and «..» escapes
        manifest = json.loads((folder / MANIFEST_NAME).read_text())
        if manifest["engine"] != _engine():
            raise BackupError(
                f"This archive holds a {manifest['engine']} database; the portal uses {_engine()}."
            )
        _restore_database(folder / manifest["database"])
        _restore_media(folder / MEDIA_NAME)
    return manifest


def _restore_database(copy: Path) -> None:
    if _engine() == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(copy)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
        return
    connection.close()
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--dbname",
            str(connection.settings_dict["NAME"]),
            str(copy),
        ]
    )


def _restore_media(folder: Path) -> None:
    media_root = Path(settings.MEDIA_ROOT)
    media_root.mkdir(parents=True, exist_ok=True)
    for child in media_root.iterdir():
        shutil.rmtree(child) if child.is_dir() else child.unlink()
    if folder.is_dir():
        shutil.copytree(folder, media_root, dirs_exist_ok=True)
