"""Put right background work whose worker died (see core/work.py); safe to run at any time."""

from django.core.management.base import BaseCommand

from core.work import recover_stale_work


class Command(BaseCommand):
    help = "Mark tasks whose worker was lost as failed and queue again what may be retried."

    def handle(self, *args, **options) -> None:
        counts = recover_stale_work()
        summary = ", ".join(f"{name}: {count}" for name, count in counts.items())
        self.stdout.write(f"Recovered stale work — {summary}.")
