"""Send the reminders that are due, each once: run it on a schedule (the compose ``reminders``
service runs it every hour); running it again sends nothing twice."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from contributions.reminders import remind_calls_closing
from governance.services import reminders


class Command(BaseCommand):
    help = "Send due reminders (meetings tomorrow, action items, calls closing, stale minutes)."

    def handle(self, *args, **options) -> None:
        now, today = timezone.now(), timezone.localdate()
        sent = {
            "meetings": reminders.remind_meetings_tomorrow(today),
            "action items": reminders.remind_action_items(today),
            "calls": remind_calls_closing(now),
            "minutes": reminders.remind_minutes_awaiting_approval(now),
        }
        summary = ", ".join(f"{what}: {count}" for what, count in sent.items())
        self.stdout.write(f"Reminders sent — {summary}")
