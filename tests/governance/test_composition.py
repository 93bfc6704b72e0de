"""The composition of n.º 4 holds at every door: model, services, admin and raw writes."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from governance.models import Entity, Role, User
from governance.services.people import entity_set_seats, user_change_role
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, secretariat):
    secretariat.is_staff = secretariat.is_superuser = True
    secretariat.save(update_fields=["is_staff", "is_superuser"])
    client.force_login(secretariat)
    return client


@pytest.fixture
def modernizacao_full():
    modernizacao = Entity.objects.get(code="modernizacao")
    factories.RepresentativeFactory.create_batch(2, entity=modernizacao)
    return modernizacao


def _entity_admin_data(entity: Entity, **changes) -> dict:
    data = {
        "code": entity.code,
        "paragraph": entity.paragraph,
        "name": entity.name,
        "short_name": entity.short_name,
        "seats": entity.seats,
    }
    if entity.is_secretariat:
        data["is_secretariat"] = "on"
    return {**data, **changes}


# Model validation (every ModelForm and full_clean path) ----------------------------------------


def test_full_clean_refuses_fewer_seats_than_active_representatives(modernizacao_full):
    modernizacao_full.seats = 1
    with pytest.raises(ValidationError) as caught:
        modernizacao_full.full_clean()
    assert caught.value.error_dict["seats"][0].code == "seats_below_holders"


def test_full_clean_accepts_as_many_seats_as_representatives(modernizacao_full):
    modernizacao_full.seats = 2
    modernizacao_full.full_clean()


# Services ----------------------------------------------------------------------------------------


def test_the_seat_service_refuses_going_below_the_holders_and_changes_nothing(
    secretariat, modernizacao_full
):
    with pytest.raises(ValidationError):
        entity_set_seats(actor=secretariat, entity=modernizacao_full, seats=1)
    modernizacao_full.refresh_from_db()
    assert modernizacao_full.seats == 2


def test_the_seat_service_raises_the_count(secretariat, modernizacao_full):
    entity_set_seats(actor=secretariat, entity=modernizacao_full, seats=3)
    modernizacao_full.refresh_from_db()
    assert modernizacao_full.seats == 3


def test_moving_a_representative_to_a_full_entity_is_refused(secretariat, representative):
    ama = representative.entity
    other = factories.RepresentativeFactory(entity=Entity.objects.get(code="dgt"))
    with pytest.raises(ValidationError) as caught:
        user_change_role(actor=secretariat, user=other, role=Role.REPRESENTATIVE, entity=ama)
    assert caught.value.error_dict["entity"][0].code == "seat_full"
    other.refresh_from_db()
    assert other.entity.code == "dgt"


def test_making_a_specialist_a_representative_of_a_full_entity_is_refused(
    secretariat, representative
):
    specialist = factories.SpecialistFactory(entity=representative.entity)
    with pytest.raises(ValidationError):
        user_change_role(
            actor=secretariat,
            user=specialist,
            role=Role.REPRESENTATIVE,
            entity=representative.entity,
        )
    specialist.refresh_from_db()
    assert specialist.role == Role.SPECIALIST


def test_a_representative_moves_to_an_entity_with_a_free_seat(secretariat, representative):
    dgt = Entity.objects.get(code="dgt")
    moved = user_change_role(
        actor=secretariat, user=representative, role=Role.REPRESENTATIVE, entity=dgt
    )
    assert moved.entity == dgt
    assert list(moved.groups.values_list("name", flat=True)) == [Role.REPRESENTATIVE]


def test_only_the_secretariat_changes_roles(representative):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        user_change_role(
            actor=representative,
            user=representative,
            role=Role.GOVERNMENT,
            entity=None,
        )


# The admin ---------------------------------------------------------------------------------------


def test_the_admin_refuses_lowering_seats_below_the_holders(admin_client, modernizacao_full):
    response = admin_client.post(
        f"/admin/governance/entity/{modernizacao_full.pk}/change/",
        _entity_admin_data(modernizacao_full, seats=1),
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["seats"]
    assert "2" in errors[0]
    modernizacao_full.refresh_from_db()
    assert modernizacao_full.seats == 2


def test_the_admin_refuses_moving_a_representative_to_a_full_entity(admin_client, representative):
    other = factories.RepresentativeFactory(entity=Entity.objects.get(code="dgt"))
    response = admin_client.post(
        f"/admin/governance/user/{other.pk}/change/",
        {
            "email": other.email,
            "full_name": other.full_name,
            "role": Role.REPRESENTATIVE,
            "entity": representative.entity_id,
            "is_active": "on",
            "date_joined_0": "2022-02-01",
            "date_joined_1": "10:00:00",
        },
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["entity"][0].startswith("AMA")
    other.refresh_from_db()
    assert other.entity.code == "dgt"


def test_the_admin_refuses_turning_a_specialist_into_a_representative_of_a_full_entity(
    admin_client, representative
):
    specialist = factories.SpecialistFactory(entity=representative.entity)
    response = admin_client.post(
        f"/admin/governance/user/{specialist.pk}/change/",
        {
            "email": specialist.email,
            "full_name": specialist.full_name,
            "role": Role.REPRESENTATIVE,
            "entity": representative.entity_id,
            "is_active": "on",
            "date_joined_0": "2022-02-01",
            "date_joined_1": "10:00:00",
        },
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["entity"]
    specialist.refresh_from_db()
    assert specialist.role == Role.SPECIALIST


# Writes that skip validation (a shell, a command, bulk imports) ---------------------------------


def test_the_database_refuses_a_representative_beyond_the_seats(representative):
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user(
            "terceiro@ama.example",
            full_name="Terceiro",
            role=Role.REPRESENTATIVE,
            entity=representative.entity,
        )
    assert representative.entity.members.filter(role=Role.REPRESENTATIVE).count() == 1


def test_the_database_refuses_lowering_seats_below_the_holders(modernizacao_full):
    with pytest.raises(IntegrityError), transaction.atomic():
        Entity.objects.filter(pk=modernizacao_full.pk).update(seats=1)
    modernizacao_full.refresh_from_db()
    assert modernizacao_full.seats == 2


def test_the_database_refuses_reactivating_a_representative_into_a_taken_seat(representative):
    representative.is_active = False
    representative.save(update_fields=["is_active"])
    factories.RepresentativeFactory(entity=representative.entity)
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.filter(pk=representative.pk).update(is_active=True)


def test_a_management_command_creating_a_person_obeys_the_seats(representative):
    from django.core.management import call_command

    with pytest.raises(IntegrityError), transaction.atomic():
        call_command(
            "shell",
            command=(
                "from governance.models import User, Entity;"
                "User.objects.create_user('x@ama.example', full_name='X', role='representative',"
                " entity=Entity.objects.get(code='ama'))"
            ),
        )


# The page ----------------------------------------------------------------------------------------


def test_the_working_group_page_never_counts_more_filled_seats_than_seats(client, secretariat):
    for entity in Entity.objects.all():
        factories.RepresentativeFactory.create_batch(entity.seats, entity=entity)
    total = sum(Entity.objects.values_list("seats", flat=True))
    response = client.get("/grupo/")
    assert response.context["filled_seats"] == total
    assert response.context["total_seats"] == total
