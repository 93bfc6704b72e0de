"""``manage.py restore ARCHIVE``: replace the database and media with a backup's (core/backups)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backups import BackupError, restore_archive


class Command(BaseCommand):
    help = "Replace the database and the uploaded files with those of a backup archive."

    def add_arguments(self, parser) -> None:
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--no-input", action="store_false", dest="interactive", help="do not ask to confirm"
        )

    def handle(self, *args, archive: Path, interactive: bool = True, **options) -> None:
        if interactive:
            answer = input(f"Replace the database and the media files with {archive}? [y/N] ")
            if answer.strip().lower() not in {"y", "yes", "s", "sim"}:
                raise CommandError("Nothing restored.")
        try:
            manifest = restore_archive(archive)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored the {manifest['engine']} database of {manifest['created_at']} and "
            f"{manifest['media_files']} media file(s)."
        )
