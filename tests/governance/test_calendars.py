"""Calendars: an .ics per meeting and a private, revocable feed per person (parsed by icalendar)."""

import pytest
from icalendar import Calendar

from governance import services
from governance.models import CalendarFeed
from tests import factories
from tests.governance.conftest import items_of

pytestmark = pytest.mark.django_db


def events(response) -> list:
    return list(Calendar.from_ical(response.content).walk("VEVENT"))


def test_a_meeting_downloads_as_an_ics(client, representative, convened_meeting):
    client.force_login(representative)
    response = client.get(f"/reunioes/{convened_meeting.pk}/reuniao.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert response["Content-Disposition"].startswith("attachment")
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["METHOD"]) == "REQUEST"
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == convened_meeting.calendar_uid
    assert event.decoded("DTSTART") == convened_meeting.starts_at
    assert event.decoded("DTEND") == convened_meeting.ends_at
    assert "Visão" in str(event["DESCRIPTION"])


def test_a_hidden_meeting_has_no_ics(client, specialist, convened_meeting):
    client.force_login(specialist)
    assert client.get(f"/reunioes/{convened_meeting.pk}/reuniao.ics").status_code == 404


def create_feed(client, person) -> str:
    client.force_login(person)
    response = client.post("/reunioes/calendario/", {"operacao": "criar"})
    assert response.status_code == 200
    client.logout()
    return response.context["feed_url"].split("testserver", 1)[1]


def test_a_person_subscribes_to_a_private_feed_of_the_meetings_they_see(
    client, secretariat, representative, convened_meeting
):
    other = factories.approved_meeting(actor=secretariat, title="Segunda", days_ahead=15)
    path = create_feed(client, representative)
    response = client.get(path)  # no session: calendar programs bring only the token
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    uids = {str(event["UID"]) for event in events(response)}
    assert uids == {convened_meeting.calendar_uid, other.calendar_uid}
    feed = CalendarFeed.objects.get()
    assert path.split("/")[-1].removesuffix(".ics") not in feed.token_hash


def test_a_specialist_feed_holds_only_their_meeting_and_items(
    client, secretariat, dgt_representative, specialist, convened_meeting
):
    factories.approved_meeting(actor=secretariat, title="Sem especialista", days_ahead=15)
    request = services.specialist_request_create(
        actor=dgt_representative,
        meeting=convened_meeting,
        specialist=specialist,
        items=[items_of(convened_meeting)[1]],
    )
    services.specialist_request_decide(actor=secretariat, request=request, admit=True)
    (event,) = events(client.get(create_feed(client, specialist)))
    assert str(event["UID"]) == convened_meeting.calendar_uid
    assert "Visão" in str(event["DESCRIPTION"])
    assert "Abertura" not in str(event["DESCRIPTION"])


def test_a_revoked_or_replaced_feed_stops_working(client, representative, convened_meeting):
    first = create_feed(client, representative)
    second = create_feed(client, representative)
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200
    client.force_login(representative)
    client.post("/reunioes/calendario/", {"operacao": "revogar"})
    client.logout()
    assert client.get(second).status_code == 404


def test_a_made_up_token_is_a_404(client, convened_meeting):
    assert client.get("/reunioes/calendario/inventado.ics").status_code == 404


def test_a_deactivated_persons_feed_stops_working(client, secretariat, representative):
    path = create_feed(client, representative)
    services.user_deactivate(actor=secretariat, user=representative)
    assert client.get(path).status_code == 404


def test_the_government_has_no_feed(client, government):
    client.force_login(government)
    assert client.get("/reunioes/calendario/").status_code == 403
    assert client.post("/reunioes/calendario/", {"operacao": "criar"}).status_code == 403
    assert not CalendarFeed.objects.exists()
