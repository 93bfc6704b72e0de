"""The Django admin refuses a full seat with a clear message and keeps its history pages."""

import pytest

from governance.models import Entity, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, secretariat):
    secretariat.is_staff = secretariat.is_superuser = True
    secretariat.save(update_fields=["is_staff", "is_superuser"])
    client.force_login(secretariat)
    return client


def test_adding_a_representative_to_a_full_seat_is_refused(admin_client, representative):
    before = User.objects.count()
    response = admin_client.post(
        "/admin/governance/user/add/",
        {
            "email": "segundo@ama.example",
            "full_name": "Segundo",
            "role": "representative",
            "entity": representative.entity_id,
            "usable_password": "true",
            "password1": "uma-palavra-longa-42",
            "password2": "uma-palavra-longa-42",
        },
    )
    assert response.status_code == 200
    assert "AMA" in response.content.decode()
    assert response.context["adminform"].form.errors["entity"]
    assert User.objects.count() == before


def test_a_person_added_in_the_admin_gets_their_role_group(admin_client):
    response = admin_client.post(
        "/admin/governance/user/add/",
        {
            "email": "novo@dgal.example",
            "full_name": "Novo",
            "role": "representative",
            "entity": Entity.objects.get(code="dgal").pk,
            "usable_password": "true",
            "password1": "uma-palavra-longa-42",
            "password2": "uma-palavra-longa-42",
        },
    )
    assert response.status_code == 302
    assert list(
        User.objects.get(email="novo@dgal.example").groups.values_list("name", flat=True)
    ) == ["representative"]


@pytest.mark.parametrize("model", ["user", "entity", "workinggroup", "invitation"])
def test_every_model_has_an_admin_list(admin_client, model):
    assert admin_client.get(f"/admin/governance/{model}/").status_code == 200


def test_an_entity_shows_its_history(admin_client):
    entity = Entity.objects.get(code="dgt")
    assert admin_client.get(f"/admin/governance/entity/{entity.pk}/history/").status_code == 200
