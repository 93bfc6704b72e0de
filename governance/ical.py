"""iCalendar (RFC 5545) for meetings: invitations (REQUEST), updates (higher SEQUENCE),
cancellations (CANCEL) and the subscription feeds, all made with the ``icalendar`` library.

A meeting keeps one UID for its whole life and raises its SEQUENCE with every change that was
sent, so calendar programs update or remove the event they already hold. Times are written in
Lisbon time (``TZID=Europe/Lisbon``) with the VTIMEZONE that defines it, so a client abroad or
one that ignores UTC shows the hour the convocation says; the ORGANIZER is the secretariat,
each invited person an ATTENDEE; a meeting not yet convened is TENTATIVE.
"""

from collections.abc import Callable, Iterable
from datetime import UTC
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, Timezone, vCalAddress, vText

from governance.models import AgendaItem, Meeting, Role, User

PRODUCT_ID = "-//Grupo de Trabalho da Estrategia Nacional de Smart Cities//Portal//PT"
CONTENT_TYPE = "text/calendar; charset=utf-8"
REQUEST = "REQUEST"
CANCEL = "CANCEL"


LISBON = "Europe/Lisbon"

#: Portugal's rule since 1996 (EU summer time): WEST from the last Sunday of March at 01:00
#: UTC, WET from the last Sunday of October. One compact rule, as Outlook and Google write it,
#: instead of a list of every change since 1970.
VTIMEZONE_LISBON = """BEGIN:VTIMEZONE
TZID:Europe/Lisbon
BEGIN:STANDARD
DTSTART:19701025T020000
TZOFFSETFROM:+0100
TZOFFSETTO:+0000
TZNAME:WET
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:19700329T010000
TZOFFSETFROM:+0000
TZOFFSETTO:+0100
TZNAME:WEST
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
END:VTIMEZONE
"""


def _utc(moment):
    return moment.astimezone(UTC)


def _lisbon(moment):
    return moment.astimezone(ZoneInfo(LISBON))


def _organizer() -> vCalAddress:
    address = vCalAddress(f"mailto:{settings.SECRETARIAT_EMAIL}")
    address.params["CN"] = vText("Secretariado (EMPD)")
    return address


def _attendee(person: User) -> vCalAddress:
    """An invited person: members are required, everyone else takes part in some items."""
    address = vCalAddress(f"mailto:{person.email}")
    address.params["CN"] = vText(person.full_name or person.email)
    address.params["CUTYPE"] = "INDIVIDUAL"
    address.params["ROLE"] = (
        "REQ-PARTICIPANT" if person.role == Role.REPRESENTATIVE else "OPT-PARTICIPANT"
    )
    address.params["PARTSTAT"] = "NEEDS-ACTION"
    address.params["RSVP"] = "FALSE"
    return address


def _status(meeting: Meeting, *, cancelled: bool) -> str:
    if cancelled:
        return "CANCELLED"
    if meeting.state == Meeting.State.PLANNED:
        return "TENTATIVE"  # not convened yet: the date may still move
    return "CONFIRMED"


def meeting_event(
    meeting: Meeting,
    *,
    items: Iterable[AgendaItem] = (),
    url_builder: Callable[[str], str] = str,
    cancelled: bool | None = None,
    attendees: Iterable[User] = (),
) -> Event:
    """One VEVENT for a meeting, listing the agenda items the reader may see.

    Items keep the numbers they have on the meeting's page and in the notice, even when the
    reader sees only some of them.
    """
    event = Event()
    event.add("uid", meeting.calendar_uid)
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", _utc(timezone.now()))
    event.add("dtstart", _lisbon(meeting.starts_at))
    event.add("dtend", _lisbon(meeting.ends_at))
    event.add("summary", meeting.title)
    location = ", ".join(part for part in (meeting.place, meeting.video_url) if part)
    if location:
        event.add("location", location)
    url = url_builder(meeting.get_absolute_url())
    event.add("url", url)
    lines = [f"{item.position}. {item.title}" for item in items]
    if meeting.video_url:
        lines.append(meeting.video_url)
    lines.append(url)
    event.add("description", "\n".join(lines))
    event.add("organizer", _organizer())
    for person in attendees:
        event.add("attendee", _attendee(person))
    is_cancelled = meeting.state == Meeting.State.CANCELLED if cancelled is None else cancelled
    event.add("status", _status(meeting, cancelled=is_cancelled))
    return event


def _calendar(method: str | None = None) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    calendar.add_component(Timezone.from_ical(VTIMEZONE_LISBON))
    return calendar


def invitation(
    meeting: Meeting,
    *,
    method: str,
    items: Iterable[AgendaItem] = (),
    url_builder: Callable[[str], str] = str,
    attendees: Iterable[User] = (),
) -> bytes:
    """A calendar with METHOD:REQUEST (new or changed meeting) or METHOD:CANCEL.

    iTIP (RFC 5546) wants the invited people as ATTENDEEs in both: a client matches its
    user against them to show the invitation, and the cancellation, as theirs.
    """
    calendar = _calendar(method)
    calendar.add_component(
        meeting_event(
            meeting,
            items=items,
            url_builder=url_builder,
            cancelled=method == CANCEL,
            attendees=attendees,
        )
    )
    return calendar.to_ical()


def feed(
    entries: Iterable[tuple[Meeting, list[AgendaItem]]],
    *,
    name: str,
    url_builder: Callable[[str], str] = str,
) -> bytes:
    """A subscription calendar (no METHOD) holding the meetings a person may see."""
    calendar = _calendar()
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for meeting, items in entries:
        calendar.add_component(meeting_event(meeting, items=items, url_builder=url_builder))
    return calendar.to_ical()
