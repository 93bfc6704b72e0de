"""The e-mail side of notifications, run by background tasks after the commit.

Each batch goes out over one connection to the mail server (``send_messages``), not one
connection per message.
"""

from collections.abc import Callable, Sequence
from urllib.parse import urljoin

from django.conf import settings
from django.core import mail
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone, translation

from governance.models import Notification


def absolute_url_builder(base_url: str) -> Callable[[str], str]:
    """Turn a site path into a full address under ``base_url`` (for links in e-mail)."""
    return lambda path: urljoin(base_url, path) if base_url else path


def send_batch(messages: Sequence[EmailMessage]) -> int:
    """Send the messages over one connection; return how many went out."""
    if not messages:
        return 0
    with mail.mailers.default as connection:
        return connection.send_messages(list(messages)) or 0


def send_notification_emails(
    notification_ids: Sequence[int], *, language: str | None = None
) -> int:
    """E-mail the notifications not yet e-mailed; mark them so a retry sends each once."""
    notifications = list(
        Notification.objects.filter(pk__in=notification_ids, emailed_at__isnull=True)
        .select_related("recipient")
        .order_by("pk")
    )
    link = absolute_url_builder(settings.PORTAL_URL + "/")
    messages = []
    with translation.override(language or settings.LANGUAGE_CODE):
        for notification in notifications:
            context = {
                "notification": notification,
                "person": notification.recipient,
                "link": link(notification.link) if notification.link else "",
                "preferences_url": link("/conta/notificacoes/"),
            }
            messages.append(
                EmailMessage(
                    subject=notification.text[:150],
                    body=render_to_string("governance/email/notification.txt", context),
                    from_email=settings.DEFAULT_FROM_EMAIL,
                    to=[notification.recipient.email],
                )
            )
    sent = send_batch(messages)
    Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(
        emailed_at=timezone.now()
    )
    return sent
