"""Every meeting model is in the Django admin, with its list, change and history pages."""

import pytest

from governance import services
from tests import factories

pytestmark = pytest.mark.django_db

MODELS = [
    "meeting",
    "agendaitem",
    "material",
    "specialistrequest",
    "guestinvitation",
    "attendance",
    "minutes",
    "decision",
    "actionitem",
    "calendarfeed",
]


@pytest.fixture
def admin_client(client, secretariat):
    secretariat.is_staff = secretariat.is_superuser = True
    secretariat.save(update_fields=["is_staff", "is_superuser"])
    client.force_login(secretariat)
    return client


@pytest.mark.parametrize("model", MODELS)
def test_the_list_opens(admin_client, secretariat, model):
    factories.approved_meeting(actor=secretariat)
    services.calendar_feed_create(actor=secretariat)
    assert admin_client.get(f"/admin/governance/{model}/").status_code == 200


def test_a_meeting_shows_its_items_and_history(admin_client, secretariat):
    meeting = factories.approved_meeting(actor=secretariat)
    assert admin_client.get(f"/admin/governance/meeting/{meeting.pk}/change/").status_code == 200
    history = admin_client.get(f"/admin/governance/meeting/{meeting.pk}/history/")
    assert history.status_code == 200
