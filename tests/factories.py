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
