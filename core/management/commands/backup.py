"""``manage.py backup``: the database and the media files in one dated archive (core/backups)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backups import BackupError, create_backup


class Command(BaseCommand):
    help = "Write the database and the uploaded files into var/backups/portal-<time>.tar.gz."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--output", type=Path, help="folder for the archive (var/backups)")

    def handle(self, *args, output: Path | None = None, **options) -> None:
        try:
            result = create_backup(destination=output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{result.archive} ({result.media_files} media file(s))")
