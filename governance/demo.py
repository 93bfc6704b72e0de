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


DEMO_MEETING_TITLE = "Reunião plenária de arranque"


@transaction.atomic
def seed_demo_meetings() -> int:
    """Plan a demo meeting a week ahead with an approved agenda, an admitted DGT specialist for
    one item (n.º 5) and an invited organisation for another (n.º 6); return how many were made.

    It is not convened, so seeding sends no e-mail. Run after ``seed_demo_accounts``.
    """
    from datetime import datetime, time, timedelta

    from django.utils import timezone

    from governance import services
    from governance.models import Meeting

    if Meeting.objects.filter(title=DEMO_MEETING_TITLE).exists():
        return 0
    people = {user.email: user for user in User.objects.filter(is_active=True)}
    secretariat = people.get("secretariado@empd.example")
    ama = people.get("representante.ama@ama.example")
    dgt = people.get("representante.dgt@dgt.example")
    specialist = people.get("especialista@dgt.example")
    contact = people.get("contacto@organizacao.example")
    if None in (secretariat, ama, dgt, specialist, contact):
        return 0
    day = timezone.localdate() + timedelta(days=7)
    starts_at = timezone.make_aware(datetime.combine(day, time(10, 0)))
    meeting = services.meeting_create(
        actor=secretariat,
        title=DEMO_MEETING_TITLE,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
        place="Estrutura de Missão Portugal Digital, Lisboa",
        video_url="https://videochamada.example/gt-smart-cities",
        notes="Primeira reunião do grupo de trabalho.",
        confirm_overlap=True,
    )
    services.agenda_item_add(
        actor=secretariat,
        meeting=meeting,
        title="Abertura e método de trabalho",
        duration_minutes=15,
        presenter=secretariat,
    )
    services.agenda_item_add(
        actor=ama,
        meeting=meeting,
        title="Visão e objetivos estratégicos",
        duration_minutes=45,
        presenter=ama,
    )
    interoperability = services.agenda_item_add(
        actor=dgt,
        meeting=meeting,
        title="Quadro de interoperabilidade (MIMs da OASC)",
        description="Modelos de dados FIWARE, NGSI-LD e metadados DCAT-AP.",
        duration_minutes=45,
        presenter=dgt,
    )
    services.agenda_submit(actor=ama, meeting=meeting)
    services.agenda_approve(actor=secretariat, meeting=meeting)
    request = services.specialist_request_create(
        actor=dgt, meeting=meeting, specialist=specialist, items=[interoperability]
    )
    services.specialist_request_decide(actor=secretariat, request=request, admit=True)
    services.guest_invite(
        actor=secretariat, meeting=meeting, contact=contact, items=[interoperability]
    )
    return 1
