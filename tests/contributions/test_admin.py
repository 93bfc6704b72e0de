"""Every contributions model is in the Django admin, with history where it is versioned."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, secretariat):
    secretariat.is_staff = secretariat.is_superuser = True
    secretariat.save(update_fields=["is_staff", "is_superuser"])
    client.force_login(secretariat)
    return client


@pytest.mark.parametrize(
    "model",
    [
        "district",
        "region",
        "organisation",
        "organisationcontact",
        "call",
        "contribution",
        "attachment",
    ],
)
def test_each_model_has_an_admin_list(admin_client, submitted, model):
    assert admin_client.get(f"/admin/contributions/{model}/").status_code == 200


def test_a_contributions_history_is_in_the_admin(admin_client, submitted):
    response = admin_client.get(f"/admin/contributions/contribution/{submitted.pk}/history/")
    assert response.status_code == 200
    assert (
        admin_client.get(f"/admin/contributions/contribution/{submitted.pk}/change/").status_code
        == 200
    )


def test_attachments_are_not_added_through_the_admin(admin_client):
    assert admin_client.get("/admin/contributions/attachment/add/").status_code == 403
