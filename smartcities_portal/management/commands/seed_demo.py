"""Create (or refresh) the demo accounts and the demo outline; safe to run again."""

import os

from django.conf import settings
from django.core.management.base import BaseCommand

from contributions.demo import seed_demo_contributions
from governance.demo import seed_demo_accounts, seed_demo_meetings
from strategy.demo import seed_demo_actions, seed_demo_sections

DEFAULT_DEMO_PASSWORD = "demo-portal-2022"  # noqa: S105 -- documented demo password


class Command(BaseCommand):
    help = "Create the demo accounts (password from DEMO_PASSWORD) and demo content. Idempotent."

    def handle(self, *args, **options) -> None:
        password = os.environ.get("DEMO_PASSWORD") or DEFAULT_DEMO_PASSWORD
        accounts, created = seed_demo_accounts(password=password)
        sections = seed_demo_sections()
        actions = seed_demo_actions()
        contributions = seed_demo_contributions()
        meetings = seed_demo_meetings()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {created} new account(s), {len(accounts)} in all; "
                f"{sections} new section(s); {actions} new action(s); "
                f"{contributions} new contribution(s)."
            )
        )
        self.stdout.write(self.style.SUCCESS(f"{meetings} new meeting(s)."))
        self.stdout.write(
            f"Sign in at http://127.0.0.1:8000/conta/entrar/ with password {password!r} as:"
        )
        width = max(len(a.email) for a in accounts)
        for account in accounts:
            entity = f" ({account.entity_code})" if account.entity_code else ""
            label = "superuser" if account.superuser else account.role
            self.stdout.write(f"  {account.email.ljust(width)}  {label}{entity}")
        self.stdout.write(self.second_factor_note())

    @staticmethod
    def second_factor_note() -> str:
        """How the demo accounts meet the two-factor rule (issue 11)."""
        if not settings.SECOND_FACTOR_REQUIRED:
            return (
                "Second factor: optional here (DJANGO_DEBUG is on): the password alone signs "
                "in; anyone may turn it on at /conta/."
            )
        return (
            "Second factor: required for the secretariat, government and admin accounts "
            "(DJANGO_DEBUG is off): the first sign-in asks them to scan a QR code with an "
            "authenticator app and keep their recovery codes."
        )
