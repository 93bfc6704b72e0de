"""The reminder of a call for contributions closing within three days, sent once per call to
the organisations' contacts (see ``governance.services.reminders``)."""

from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from contributions.models import Call
from governance import selectors as governance_selectors
from governance.services.reminders import remind_once

CALL_DAYS_AHEAD = 3


def remind_calls_closing(now: datetime) -> int:
    sent = 0
    closing = Call.objects.filter(
        opens_at__lte=now, closes_at__gt=now, closes_at__lte=now + timedelta(days=CALL_DAYS_AHEAD)
    )
    contacts = list(governance_selectors.people_with_permission("contributions.add_contribution"))
    for call in closing:
        text = _("The call «%(title)s» closes on %(date)s") % {
            "title": call.title,
            "date": date_format(timezone.localtime(call.closes_at), "DATETIME_FORMAT"),
        }
        sent += remind_once(
            key=f"call-closing:{call.pk}:{call.closes_at.date().isoformat()}",
            recipients=contacts,
            text=text,
            link=call.get_absolute_url(),
        )
    return sent
