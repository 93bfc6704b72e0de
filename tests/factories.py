"""Test data factories."""

import factory
from django.contrib.auth.hashers import make_password

from governance.models import Entity, Role, User
from governance.services import role_group_sync

PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"pessoa{n}@exemplo.pt")
    full_name = factory.Faker("name", locale="pt_PT")
    role = Role.GOVERNMENT
    password = factory.LazyFunction(lambda: make_password(PASSWORD))

    @factory.post_generation
    def role_group(obj, create, extracted, **kwargs):
        if create:
            role_group_sync(user=obj)


def entity(code: str) -> Entity:
    return Entity.objects.get(code=code)


class SecretariatFactory(UserFactory):
    role = Role.SECRETARIAT
    entity = factory.LazyFunction(lambda: entity("empd"))


class RepresentativeFactory(UserFactory):
    """A representative of the AMA (one seat) unless told otherwise."""

    role = Role.REPRESENTATIVE
    entity = factory.LazyFunction(lambda: entity("ama"))


class SpecialistFactory(UserFactory):
    role = Role.SPECIALIST
    entity = factory.LazyFunction(lambda: entity("dgt"))


class OrganisationContactFactory(UserFactory):
    role = Role.ORGANISATION


class GovernmentFactory(UserFactory):
    role = Role.GOVERNMENT


def deliverable(slug: str = "estrategia"):
    from strategy.models import Deliverable

    return Deliverable.objects.get(slug=slug)


def section(*, actor, title="Visão", parent=None, body="", slug="estrategia", editors=()):
    """Create a section through the service, as the secretariat does, and give it editors."""
    from strategy import services

    created = services.section_create(
        actor=actor, deliverable=deliverable(slug), parent=parent, title=title
    )
    for person in editors:
        services.section_editor_assign(actor=actor, section=created, person=person)
    if body:
        writer = editors[0] if editors else actor
        if not editors:
            services.section_editor_assign(actor=actor, section=created, person=actor)
        created = services.section_update(
            actor=writer, section=created, base_revision=created.revision, title=title, body=body
        )
    return created


def approve(section, *, editor, approver):
    """Take a section through review: its editor submits it, the secretariat approves it."""
    from strategy import services

    if section.status == "draft":
        section = services.section_change_status(actor=editor, section=section, status="in_review")
    return services.section_change_status(actor=approver, section=section, status="approved")


# Meetings (governance) ----------------------------------------------------------------------------


def meeting(*, actor, title="Reunião plenária", days_ahead=7, hours=2, place="EMPD, Lisboa"):
    """Plan a meeting through the service, a week from now unless told otherwise."""
    from datetime import timedelta

    from django.utils import timezone

    from governance import services

    start = (timezone.now() + timedelta(days=days_ahead)).replace(second=0, microsecond=0)
    return services.meeting_create(
        actor=actor,
        title=title,
        starts_at=start,
        ends_at=start + timedelta(hours=hours),
        place=place,
        confirm_overlap=True,
    )


def agenda_item(*, actor, meeting, title="Ponto", duration_minutes=30, presenter=None):
    from governance import services

    return services.agenda_item_add(
        actor=actor,
        meeting=meeting,
        title=title,
        duration_minutes=duration_minutes,
        presenter=presenter,
    )


def approved_meeting(*, actor, titles=("Abertura", "Visão"), **meeting_fields):
    """A meeting whose agenda (one item per title) is submitted and approved."""
    from governance import services

    planned = meeting(actor=actor, **meeting_fields)
    for title in titles:
        agenda_item(actor=actor, meeting=planned, title=title)
    services.agenda_submit(actor=actor, meeting=planned)
    return services.agenda_approve(actor=actor, meeting=planned)


def move_to_past(meeting, *, days_ago=1):
    """Put a meeting in the past (as if time went by): only tests write dates directly."""
    from datetime import timedelta

    from django.utils import timezone

    from governance.models import Meeting

    start = timezone.now().replace(second=0, microsecond=0) - timedelta(days=days_ago)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=start, ends_at=start + (meeting.ends_at - meeting.starts_at)
    )
    meeting.refresh_from_db()
    return meeting


# --- contributions ---


def organisation(*, actor, name="Câmara Municipal de Exemplo", nif="501000003", **fields):
    """Record an organisation through the service, as the secretariat does."""
    from contributions import services

    data = {"kind": "municipality", "scope": "national", "country": "PT", "nif": nif}
    data.update(fields)
    return services.organisation_create(actor=actor, name=name, **data)


def call_for_contributions(
    *, actor, title="Iniciativas de territórios inteligentes", days_open=30, **fields
):
    """A call open from yesterday for ``days_open`` days (negative: closed already)."""
    from datetime import timedelta

    from django.utils import timezone

    from contributions import services

    now = timezone.now()
    data = {
        "description": "Partilhe **iniciativas**, boas práticas e princípios.",
        "opens_at": now - timedelta(days=1) if days_open > 0 else now - timedelta(days=60),
        "closes_at": now + timedelta(days=days_open),
        "accepts_initiatives": True,
        "accepts_best_practices": True,
        "accepts_principles": True,
    }
    data.update(fields)
    return services.call_create(actor=actor, title=title, **data)


INITIATIVE = {
    "title": "Plataforma de gestão urbana de Exemplo",
    "summary": "Uma plataforma aberta que integra sensores de mobilidade e ambiente.",
    "body": "## Objetivo\n\nGerir a cidade com **dados abertos**.",
    "municipality": "Exemplo",
    "domain": "mobilidade",
    "maturity": "operating",
    "technologies": "FIWARE, NGSI-LD",
    "results": "Menos 12 % de tempo de espera nos semáforos.",
    "link": "https://exemplo.pt/plataforma",
}


def initiative(*, actor, call, region_code="PT11A", submit=False, **fields):
    """A contribution of the kind «existing initiative or solution», drafted through the service."""
    from contributions import services
    from contributions.models import Region

    data = {**INITIATIVE, "region": Region.objects.get(code=region_code), **fields}
    created = services.contribution_create(actor=actor, call=call, kind="initiative", **data)
    if submit:
        created = services.contribution_submit(actor=actor, contribution=created)
    return created


def best_practice(*, actor, call, submit=False, **fields):
    """A contribution of the kind «international best practice», drafted through the service."""
    from contributions import services

    data = {
        "summary": "Modelo 3D aberto da cidade.",
        "country": "FI",
        "place": "Helsínquia",
        "transferability": "Serve os planos diretores municipais.",
        **fields,
    }
    created = services.contribution_create(actor=actor, call=call, kind="best_practice", **data)
    if submit:
        created = services.contribution_submit(actor=actor, contribution=created)
    return created


# --- action plan ---


def plan_action(
    *,
    actor,
    code="A1.1",
    title="Catálogo nacional de modelos de dados",
    responsible="ama",
    involved=("dgt", "empd"),
    start="2022-06-01",
    end="2023-12-31",
    indicators=(("Modelos de dados publicados", "50"),),
    **fields,
):
    """Add an action to the action plan through the service, as the secretariat does."""
    from datetime import date

    from strategy import services

    data = {"objective": "oe2", "funding": "PRR", **fields}
    return services.action_create(
        actor=actor,
        code=code,
        title=title,
        responsible=entity(responsible),
        involved_entities=[entity(code) for code in involved],
        start=date.fromisoformat(start),
        end=date.fromisoformat(end),
        indicators=[{"name": name, "target": target} for name, target in indicators],
        **data,
    )
