"""Background work of governance: the e-mail of notifications and meeting notices, sent after
the commit and outside the request. Each task calls a plain function (no services here)."""

from django.tasks import task

from governance import meeting_notices, notification_mail


@task()
def send_notification_emails_task(notification_ids: list[int], language: str | None = None) -> int:
    return notification_mail.send_notification_emails(notification_ids, language=language)


@task()
def send_meeting_notice_task(
    meeting_id: int,
    kind: str,
    base_url: str = "",
    language: str | None = None,
    only: list[int] | None = None,
) -> int:
    return meeting_notices.send_meeting_notice(
        meeting_id,
        kind=kind,
        url_builder=notification_mail.absolute_url_builder(base_url),
        language=language,
        only=only,
    )
