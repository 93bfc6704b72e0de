"""E-mails about meetings: the notice that convenes, its updates and cancellation, each with an
iCalendar part. Sent by a background task queued in ``transaction.on_commit``, one connection
for the whole batch.

Each person receives only the agenda items they may see: members the whole agenda, admitted
specialists (n.º 5) and invited organisations (n.º 6) their named items. Every notice says that
taking part is unpaid (n.º 7).
"""

from collections import defaultdict
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from governance import ical, permissions
from governance.models import (
    AgendaItem,
    GuestInvitation,
    Meeting,
    SpecialistRequest,
    User,
)
from governance.notification_mail import send_batch

NOTICE = "notice"
UPDATE = "update"
CANCELLATION = "cancellation"


def recipients(meeting: Meeting) -> list[tuple[User, list[AgendaItem]]]:
    """Everyone the meeting's notice goes to, each with the agenda items they may see."""
    items = list(meeting.items.order_by("position", "pk"))
    by_person: dict[int, tuple[User, list[AgendaItem]]] = {}
    for member in User.objects.active_members().select_related("entity").order_by("full_name"):
        by_person[member.pk] = (member, items)
    granted: dict[int, set[int]] = defaultdict(set)
    people: dict[int, User] = {}
    admitted = SpecialistRequest.objects.filter(
        meeting=meeting,
        state=SpecialistRequest.State.ADMITTED,
        specialist__is_active=True,
        specialist__is_superuser=False,
    ).select_related("specialist")
    guests = GuestInvitation.objects.filter(
        meeting=meeting, contact__is_active=True, contact__is_superuser=False
    )
    for record, person in [(r, r.specialist) for r in admitted.prefetch_related("items")] + [
        (g, g.contact) for g in guests.select_related("contact").prefetch_related("items")
    ]:
        people[person.pk] = person
        granted[person.pk] |= {item.pk for item in record.items.all()}
    for person_id, item_ids in granted.items():
        if person_id not in by_person:
            by_person[person_id] = (
                people[person_id],
                [item for item in items if item.pk in item_ids],
            )
    return list(by_person.values())


def send_meeting_notice(
    meeting_id: int,
    *,
    kind: str,
    url_builder: Callable[[str], str] = str,
    language: str | None = None,
    only: Iterable[int] | None = None,
) -> int:
    """Send the notice, update or cancellation of a meeting; return how many were sent."""
    meeting = Meeting.objects.get(pk=meeting_id)
    method = ical.CANCEL if kind == CANCELLATION else ical.REQUEST
    wanted = set(only) if only is not None else None
    messages = []
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = {
            NOTICE: _("Meeting convened: %(title)s"),
            UPDATE: _("Meeting changed: %(title)s"),
            CANCELLATION: _("Meeting cancelled: %(title)s"),
        }[kind] % {"title": meeting.title}
        invited = recipients(meeting)
        everyone = [person for person, _items in invited]
        for person, items in invited:
            if wanted is not None and person.pk not in wanted:
                continue
            # Members see who else is invited (as on the meeting's page); a specialist or a
            # guest sees only themselves.
            attendees = everyone if permissions.sees_every_meeting(person) else [person]
            context = {
                "meeting": meeting,
                "person": person,
                "items": items,
                "kind": kind,
                "meeting_url": url_builder(meeting.get_absolute_url()),
            }
            message = EmailMessage(
                subject=subject,
                body=render_to_string("governance/email/meeting_notice.txt", context),
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[person.email],
            )
            message.attach(
                "reuniao.ics",
                ical.invitation(
                    meeting,
                    method=method,
                    items=items,
                    url_builder=url_builder,
                    attendees=attendees,
                ),
                f"text/calendar; method={method}",
            )
            messages.append(message)
    return send_batch(messages)
