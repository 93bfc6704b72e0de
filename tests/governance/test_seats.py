"""A seat cannot be filled beyond the entity's count (n.º 4), wherever the person is created."""

import pytest
from django.core.exceptions import ValidationError

from governance.models import Entity, Role, User
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_second_representative_of_a_one_seat_entity_is_refused(representative):
    newcomer = User(
        email="outro@ama.example",
        full_name="Outro",
        role=Role.REPRESENTATIVE,
        entity=representative.entity,
    )
    with pytest.raises(ValidationError) as caught:
        newcomer.full_clean(exclude=["password"])
    assert caught.value.error_dict["entity"][0].code == "seat_full"


def test_modernizacao_takes_two_representatives_and_refuses_a_third():
    modernizacao = Entity.objects.get(code="modernizacao")
    factories.RepresentativeFactory.create_batch(2, entity=modernizacao)
    third = User(
        email="terceiro@mod.example",
        full_name="Terceiro",
        role=Role.REPRESENTATIVE,
        entity=modernizacao,
    )
    with pytest.raises(ValidationError) as caught:
        third.full_clean(exclude=["password"])
    assert caught.value.error_dict["entity"][0].code == "seat_full"


def test_a_representative_can_be_edited_without_counting_against_their_own_seat(representative):
    representative.full_name = "Rita R."
    representative.full_clean()


def test_an_inactive_representative_frees_the_seat(representative):
    representative.is_active = False
    representative.save(update_fields=["is_active"])
    newcomer = User(
        email="nova@ama.example",
        full_name="Nova",
        role=Role.REPRESENTATIVE,
        entity=representative.entity,
    )
    newcomer.full_clean(exclude=["password"])


def test_specialists_and_secretariat_staff_do_not_take_seats(representative):
    factories.SpecialistFactory(entity=representative.entity).full_clean()
    factories.SecretariatFactory().full_clean()


@pytest.mark.parametrize(
    ("role", "entity_code", "code"),
    [
        (Role.REPRESENTATIVE, None, "entity_required"),
        (Role.SPECIALIST, None, "entity_required"),
        (Role.GOVERNMENT, "dgt", "entity_not_allowed"),
        (Role.SECRETARIAT, "dgt", "secretariat_entity"),
    ],
)
def test_role_and_entity_must_go_together(role, entity_code, code):
    entity = Entity.objects.get(code=entity_code) if entity_code else None
    person = User(email="x@example.pt", full_name="X", role=role, entity=entity)
    with pytest.raises(ValidationError) as caught:
        person.full_clean()
    assert caught.value.error_dict["entity"][0].code == code
