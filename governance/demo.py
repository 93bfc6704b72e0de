"""Demo accounts of the working group (used by ``manage.py seed_demo``)."""

from dataclasses import dataclass

from django.db import transaction

from governance.models import Entity, Role, User
from governance.services import role_group_sync


@dataclass(frozen=True)
class DemoAccount:
    email: str
    full_name: str
    role: str
    entity_code: str | None = None
    superuser: bool = False


def demo_accounts() -> list[DemoAccount]:
    """List the demo accounts: secretariat, a representative per seat, one of each other role."""
    accounts = [
        DemoAccount("secretariado@empd.example", "Secretariado EMPD", Role.SECRETARIAT, "empd")
    ]
    for entity in Entity.objects.order_by("paragraph"):
        for seat in range(1, entity.seats + 1):
            suffix = f".{seat}" if entity.seats > 1 else ""
            accounts.append(
                DemoAccount(
                    f"representante.{entity.code}{suffix}@{entity.code}.example",
                    f"Representante {entity.short_name}{f' {seat}' if entity.seats > 1 else ''}",
                    Role.REPRESENTATIVE,
                    entity.code,
                )
            )
    accounts += [
        DemoAccount("especialista@dgt.example", "Especialista DGT", Role.SPECIALIST, "dgt"),
        DemoAccount("contacto@organizacao.example", "Contacto da Organização", Role.ORGANISATION),
        DemoAccount("gabinete@governo.example", "Gabinete do Governo", Role.GOVERNMENT),
        DemoAccount(
            "admin@portal.example",
            "Administração do Portal",
            Role.SECRETARIAT,
            "empd",
            superuser=True,
        ),
    ]
    return accounts


@transaction.atomic
def seed_demo_accounts(*, password: str) -> tuple[list[DemoAccount], int]:
    """Create missing demo accounts and reset all their passwords; return them and the new count."""
    entities = {entity.code: entity for entity in Entity.objects.all()}
    accounts = demo_accounts()
    created = 0
    for account in accounts:
        user = User.objects.filter(email=account.email).first()
        if user is None:
            user = User(email=account.email)
            created += 1
        user.full_name = account.full_name
        user.role = account.role
        user.entity = entities.get(account.entity_code) if account.entity_code else None
        user.is_active = True
        user.is_staff = user.is_superuser = account.superuser
        user.set_password(password)
        user.full_clean()
        user.save()
        role_group_sync(user=user)
    return accounts, created
