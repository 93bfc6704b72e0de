"""iCalendar (RFC 5545) for meetings: invitations (REQUEST), updates (higher SEQUENCE),
cancellations (CANCEL) and the subscription feeds, all made with the ``icalendar`` library.

A meeting keeps one UID for its whole life and raises its SEQUENCE with every change that was
sent, so calendar programs update or remove the event they already hold.
"""

from collections.abc import Callable, Iterable
from datetime import UTC

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from governance.models import AgendaItem, Meeting

PRODUCT_ID = "-//Grupo de Trabalho da Estrategia Nacional de Smart Cities//Portal//PT"
CONTENT_TYPE = "text/calendar; charset=utf-8"
REQUEST = "REQUEST"
CANCEL = "CANCEL"


def _utc(moment):
    return moment.astimezone(UTC)


def _organizer() -> vCalAddress:
    address = vCalAddress(f"mailto:{_address(settings.DEFAULT_FROM_EMAIL)}")
    address.params["CN"] = vText("Secretariado (EMPD)")
    return address


def _address(from_email: str) -> str:
    """Take the bare address out of «Name <address>»."""
    if "<" in from_email:
        return from_email.split("<", 1)[1].rstrip(">").strip()
    return from_email.strip()


def meeting_event(
    meeting: Meeting,
    *,
    items: Iterable[AgendaItem] = (),
    url_builder: Callable[[str], str] = str,
    cancelled: bool | None = None,
) -> Event:
    """One VEVENT for a meeting, listing the agenda items the reader may see."""
    event = Event()
    event.add("uid", meeting.calendar_uid)
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", _utc(timezone.now()))
    event.add("dtstart", _utc(meeting.starts_at))
    event.add("dtend", _utc(meeting.ends_at))
    event.add("summary", meeting.title)
    location = ", ".join(part for part in (meeting.place, meeting.video_url) if part)
    if location:
        event.add("location", location)
    url = url_builder(meeting.get_absolute_url())
    event.add("url", url)
    lines = [f"{position}. {item.title}" for position, item in enumerate(items, start=1)]
    if meeting.video_url:
        lines.append(meeting.video_url)
    lines.append(url)
    event.add("description", "\n".join(lines))
    event.add("organizer", _organizer())
    is_cancelled = meeting.state == Meeting.State.CANCELLED if cancelled is None else cancelled
    event.add("status", "CANCELLED" if is_cancelled else "CONFIRMED")
    return event


def _calendar(method: str | None = None) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    return calendar


def invitation(
    meeting: Meeting,
    *,
    method: str,
    items: Iterable[AgendaItem] = (),
    url_builder: Callable[[str], str] = str,
) -> bytes:
    """A calendar with METHOD:REQUEST (new or changed meeting) or METHOD:CANCEL."""
    calendar = _calendar(method)
    calendar.add_component(
        meeting_event(meeting, items=items, url_builder=url_builder, cancelled=method == CANCEL)
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
