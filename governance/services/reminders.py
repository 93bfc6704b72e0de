"""Reminders, each sent once (``SentReminder`` keeps its key): a meeting tomorrow, an action item
due within three days or overdue, minutes circulating for a week without approval. Run by
``manage.py send_reminders`` on a schedule; running it again sends nothing twice."""

from collections.abc import Iterable
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from governance import meeting_notices, selectors
from governance.models import ActionItem, Meeting, Minutes, Notification, SentReminder, User
from governance.services.notifications import notify

ACTION_ITEM_DAYS_AHEAD = 3
MINUTES_STALE_AFTER = timedelta(days=7)


def remind_once(*, key: str, recipients: Iterable[User], text: str, link: str) -> bool:
    """Send the reminder unless one with this key went out already; say whether it was sent."""
    try:
        with transaction.atomic():
            SentReminder.objects.create(key=key)
            people = list(recipients)
            transaction.on_commit(
                lambda: notify(
                    recipients=people, kind=Notification.Kind.REMINDER, text=text, link=link
                )
            )
    except IntegrityError:
        return False
    return True


def remind_meetings_tomorrow(today: date) -> int:
    """Convened meetings starting tomorrow (or later today, if the reminder was missed)."""
    sent = 0
    meetings = Meeting.objects.filter(
        state=Meeting.State.CONVENED,
        starts_at__gt=timezone.now(),
        starts_at__date__lte=today + timedelta(days=1),
    )
    for meeting in meetings:
        start = timezone.localtime(meeting.starts_at)
        text = _("Meeting tomorrow: %(title)s, %(start)s") % {
            "title": meeting.title,
            "start": date_format(start, "DATETIME_FORMAT"),
        }
        people = [person for person, _items in meeting_notices.recipients(meeting)]
        key = f"meeting-tomorrow:{meeting.pk}:{start.date().isoformat()}"
        sent += remind_once(key=key, recipients=people, text=text, link=meeting.get_absolute_url())
    return sent


def remind_action_items(today: date) -> int:
    """Open action items due within three days (once) and overdue ones (once more)."""
    sent = 0
    items = ActionItem.objects.filter(
        status=ActionItem.Status.OPEN, due_on__lte=today + timedelta(days=ACTION_ITEM_DAYS_AHEAD)
    ).select_related("owner", "minutes")
    for item in items:
        overdue = item.due_on < today
        text = (
            _("Action item overdue since %(date)s: %(action)s")
            if overdue
            else _("Action item due on %(date)s: %(action)s")
        ) % {"date": date_format(item.due_on, "SHORT_DATE_FORMAT"), "action": item.description}
        key = f"action-{'overdue' if overdue else 'due'}:{item.pk}:{item.due_on.isoformat()}"
        link = item.minutes.get_absolute_url() + "#acoes"
        sent += remind_once(key=key, recipients=[item.owner], text=text, link=link)
    return sent


def remind_minutes_awaiting_approval(now) -> int:
    """Minutes circulated a week ago and not yet approved: remind who approves them."""
    sent = 0
    stale = Minutes.objects.filter(
        state=Minutes.State.CIRCULATED, circulated_at__lte=now - MINUTES_STALE_AFTER
    ).select_related("meeting")
    approvers = list(selectors.people_with_permission("governance.change_minutes"))
    for minutes in stale:
        text = _("The minutes of «%(title)s» have circulated for a week without approval") % {
            "title": minutes.meeting.title
        }
        key = f"minutes-stale:{minutes.pk}:{minutes.circulated_at.date().isoformat()}"
        sent += remind_once(
            key=key, recipients=approvers, text=text, link=minutes.get_absolute_url()
        )
    return sent
