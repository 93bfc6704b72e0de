"""The demo meeting: an approved agenda, an admitted specialist and an invited organisation."""

import pytest

from governance.demo import seed_demo_accounts, seed_demo_meetings
from governance.models import Meeting, SpecialistRequest

pytestmark = pytest.mark.django_db


def test_it_plans_one_demo_meeting_and_is_safe_to_run_again(mailoutbox):
    seed_demo_accounts(password="palavra-de-demonstracao")
    assert seed_demo_meetings() == 1
    assert seed_demo_meetings() == 0
    meeting = Meeting.objects.get()
    assert meeting.agenda_state == Meeting.AgendaState.APPROVED
    assert meeting.items.count() == 3
    assert meeting.specialist_requests.get().state == SpecialistRequest.State.ADMITTED
    assert meeting.guests.count() == 1
    assert mailoutbox == []


def test_it_waits_for_the_demo_accounts():
    assert seed_demo_meetings() == 0
    assert not Meeting.objects.exists()
