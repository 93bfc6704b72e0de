"""Writes of notifications: ``notify`` (called in ``transaction.on_commit`` by the services of
every app where something happens), reading them, and each person's e-mail preferences."""

from collections.abc import Iterable, Mapping

from django.db import transaction
from django.utils import timezone, translation

from governance.models import Notification, NotificationPreference, User
from governance.tasks import send_notification_emails_task

Kind = Notification.Kind


def _email_off(people: list[User], kind: str) -> set[int]:
    return set(
        NotificationPreference.objects.filter(user__in=people, kind=kind, email=False).values_list(
            "user_id", flat=True
        )
    )


def notify(
    *,
    recipients: Iterable[User | None],
    kind: str,
    text: str,
    link: str = "",
    exclude: User | None = None,
    email: bool = True,
) -> list[Notification]:
    """Tell each active recipient (once, never ``exclude``, usually the actor) in the portal,
    and queue the e-mail to those who want this kind by e-mail.

    Call it from ``transaction.on_commit``: nothing is said about a write that was rolled back.
    """
    people: dict[int, User] = {}
    for person in recipients:
        if person is None or not person.is_active:
            continue
        if exclude is not None and person.pk == exclude.pk:
            continue
        people.setdefault(person.pk, person)
    if not people:
        return []
    now = timezone.now()
    created = Notification.objects.bulk_create(
        Notification(recipient=person, kind=kind, text=text[:300], link=link, created=now)
        for person in people.values()
    )
    if email:
        off = _email_off(list(people.values()), kind)
        to_email = [n.pk for n in created if n.recipient_id not in off]
        if to_email:
            language = translation.get_language()
            transaction.on_commit(
                lambda: send_notification_emails_task.enqueue(
                    notification_ids=to_email, language=language
                )
            )
    return created


def notification_mark_read(*, actor: User, notification_id: int) -> int:
    """Mark one of the person's own notifications read; return how many changed (0 or 1)."""
    return Notification.objects.filter(
        pk=notification_id, recipient=actor, read_at__isnull=True
    ).update(read_at=timezone.now())


def notifications_mark_all_read(*, actor: User) -> int:
    """Mark every unread notification of the person read; return how many changed."""
    return Notification.objects.unread().filter(recipient=actor).update(read_at=timezone.now())


@transaction.atomic
def notification_preferences_save(*, actor: User, email_by_kind: Mapping[str, bool]) -> None:
    """Record, kind by kind, whether the person wants e-mail."""
    for kind in Kind.values:
        NotificationPreference.objects.update_or_create(
            user=actor, kind=kind, defaults={"email": bool(email_by_kind.get(kind, False))}
        )
