"""``manage.py seed_demo`` gives the demo contact an organisation, a call and contributions."""

from io import StringIO

import pytest
from django.core.management import call_command

from contributions import permissions
from contributions.models import Call, Contribution
from governance.models import User

pytestmark = pytest.mark.django_db


def test_the_demo_contact_has_an_organisation_an_open_call_and_three_contributions():
    call_command("seed_demo", stdout=StringIO())
    contact = User.objects.get(email="contacto@organizacao.example")
    organisation = permissions.organisation_of(contact)
    assert organisation is not None and organisation.nif
    assert [call.is_open() for call in Call.objects.all()] == [True]
    states = dict(Contribution.objects.values_list("kind", "state"))
    assert states == {
        "initiative": "submitted",
        "best_practice": "partly_accepted",
        "principle": "draft",
    }


def test_running_it_twice_adds_nothing():
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())
    assert Contribution.objects.count() == 3
    assert Call.objects.count() == 1
