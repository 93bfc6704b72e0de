"""The iCalendar files read correctly in real clients: checked with icalendar and with vobject,
two parsers written independently of each other."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import vobject
from icalendar import Calendar

from governance import ical, services
from governance.models import Meeting
from tests import factories
from tests.governance.conftest import items_of

pytestmark = pytest.mark.django_db

LISBON = ZoneInfo("Europe/Lisbon")


def _at(meeting: Meeting, starts_at: datetime) -> Meeting:
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=starts_at, ends_at=starts_at + timedelta(hours=2)
    )
    meeting.refresh_from_db()
    return meeting


def _parse_both(content: bytes):
    calendar = Calendar.from_ical(content)
    second = vobject.readOne(content.decode())
    return calendar, second


@pytest.mark.parametrize(
    ("local", "utc_hour"),
    [(datetime(2030, 7, 4, 10, 0), 9), (datetime(2030, 1, 10, 10, 0), 10)],
    ids=["summer (WEST)", "winter (WET)"],
)
def test_times_are_in_lisbon_time_with_a_vtimezone_both_parsers_read(
    client, representative, convened_meeting, local, utc_hour
):
    meeting = _at(convened_meeting, local.replace(tzinfo=LISBON))
    client.force_login(representative)
    content = client.get(f"/reunioes/{meeting.pk}/reuniao.ics").content
    assert b"DTSTART;TZID=Europe/Lisbon:" in content
    calendar, second = _parse_both(content)
    (zone,) = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Lisbon"
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("DTSTART").astimezone(UTC).hour == utc_hour
    # vobject builds its own time zone from our VTIMEZONE, not from the system's database
    start = second.vevent.dtstart.value
    assert start.astimezone(UTC) == meeting.starts_at.astimezone(UTC)
    assert start.astimezone(UTC).hour == utc_hour


def test_the_organizer_is_the_secretariat_and_the_invited_are_attendees(
    client, settings, secretariat, representative, organisation_contact, convened_meeting
):
    settings.SECRETARIAT_EMAIL = "secretariado@empd.example"
    services.guest_invite(
        actor=secretariat,
        meeting=convened_meeting,
        contact=organisation_contact,
        items=items_of(convened_meeting)[1:],
    )
    client.force_login(representative)
    content = client.get(f"/reunioes/{convened_meeting.pk}/reuniao.ics").content
    calendar, second = _parse_both(content)
    assert str(calendar["METHOD"]) == "REQUEST"
    (event,) = calendar.walk("VEVENT")
    assert str(event["ORGANIZER"]) == "mailto:secretariado@empd.example"
    assert event["ORGANIZER"].params["CN"] == "Secretariado (EMPD)"
    attendees = {str(a).removeprefix("mailto:"): a.params for a in event["ATTENDEE"]}
    assert attendees[representative.email]["ROLE"] == "REQ-PARTICIPANT"
    assert attendees[organisation_contact.email]["ROLE"] == "OPT-PARTICIPANT"
    assert attendees[representative.email]["CN"] == "Rita Representante"
    assert second.method.value == "REQUEST"
    second_attendees = {a.value.removeprefix("mailto:") for a in second.vevent.attendee_list}
    assert second_attendees == set(attendees)


def test_a_guest_file_lists_only_the_guest(
    client, secretariat, representative, organisation_contact, convened_meeting
):
    services.guest_invite(
        actor=secretariat,
        meeting=convened_meeting,
        contact=organisation_contact,
        items=items_of(convened_meeting)[1:],
    )
    client.force_login(organisation_contact)
    content = client.get(f"/reunioes/{convened_meeting.pk}/reuniao.ics").content
    (event,) = Calendar.from_ical(content).walk("VEVENT")
    attendee = event["ATTENDEE"]
    assert str(attendee) == f"mailto:{organisation_contact.email}"


def test_a_planned_meeting_is_tentative_and_a_convened_one_confirmed(secretariat, approved_meeting):
    content = ical.invitation(approved_meeting, method=ical.REQUEST)
    calendar, second = _parse_both(content)
    assert str(calendar.walk("VEVENT")[0]["STATUS"]) == "TENTATIVE"
    assert second.vevent.status.value == "TENTATIVE"
    convened = services.meeting_convene(actor=secretariat, meeting=approved_meeting)
    assert (
        str(
            Calendar.from_ical(ical.invitation(convened, method=ical.REQUEST)).walk("VEVENT")[0][
                "STATUS"
            ]
        )
        == "CONFIRMED"
    )


def test_the_cancellation_e_mail_carries_a_cancel_with_status_cancelled(
    secretariat, representative, convened_meeting, mailoutbox, django_capture_on_commit_callbacks
):
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_cancel(actor=secretariat, meeting=convened_meeting)
    mail = next(m for m in mailoutbox if m.to == [representative.email])
    _name, content, mimetype = mail.attachments[0]
    assert mimetype == "text/calendar; method=CANCEL"
    calendar, second = _parse_both(content if isinstance(content, bytes) else content.encode())
    assert str(calendar["METHOD"]) == "CANCEL"
    (event,) = calendar.walk("VEVENT")
    assert str(event["STATUS"]) == "CANCELLED"
    assert second.vevent.status.value == "CANCELLED"
    assert str(event["UID"]) == convened_meeting.calendar_uid


def test_items_keep_their_numbers_in_the_e_mail_the_calendar_and_the_page(
    client,
    secretariat,
    dgt_representative,
    specialist,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    meeting = factories.approved_meeting(actor=secretariat, titles=("Abertura", "Visão", "Dados"))
    third = items_of(meeting)[2]
    request = services.specialist_request_create(
        actor=dgt_representative, meeting=meeting, specialist=specialist, items=[third]
    )
    services.specialist_request_decide(actor=secretariat, request=request, admit=True)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_convene(actor=secretariat, meeting=meeting)
    mail = next(m for m in mailoutbox if m.to == [specialist.email])
    assert "3. Dados" in mail.body
    assert "1. Dados" not in mail.body
    _name, content, _type = mail.attachments[0]
    calendar, second = _parse_both(content if isinstance(content, bytes) else content.encode())
    assert "3. Dados" in str(calendar.walk("VEVENT")[0]["DESCRIPTION"])
    assert "3. Dados" in second.vevent.description.value
    client.force_login(specialist)
    page = client.get(f"/reunioes/{meeting.pk}/").content.decode()
    assert '">3</td>' in page
    assert '">1</td>' not in page
