"""``manage.py send_reminders``: a meeting tomorrow, an action item due within three days or
overdue, a call closing within three days, minutes circulating a week unapproved — each once."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from governance import services
from governance.models import Minutes, Notification, SentReminder
from tests import factories

pytestmark = pytest.mark.django_db


def run(django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", stdout=StringIO())


def reminders_of(person) -> list[str]:
    return [n.text for n in Notification.objects.filter(recipient=person, kind="reminder")]


def test_a_meeting_tomorrow_is_reminded_once(
    secretariat, representative, mailoutbox, django_capture_on_commit_callbacks
):
    meeting = factories.approved_meeting(actor=secretariat, title="Plenário", days_ahead=1)
    services.meeting_convene(actor=secretariat, meeting=meeting)
    run(django_capture_on_commit_callbacks)
    run(django_capture_on_commit_callbacks)
    assert len(reminders_of(representative)) == 1
    assert "Plenário" in reminders_of(representative)[0]
    assert [m.to for m in mailoutbox].count([representative.email]) == 1


def test_a_meeting_next_week_or_only_planned_is_not_reminded(
    secretariat, representative, django_capture_on_commit_callbacks
):
    later = factories.approved_meeting(actor=secretariat, days_ahead=7)
    services.meeting_convene(actor=secretariat, meeting=later)
    factories.approved_meeting(actor=secretariat, days_ahead=1)  # never convened
    run(django_capture_on_commit_callbacks)
    assert reminders_of(representative) == []


@pytest.fixture
def circulated_minutes(secretariat, representative):
    meeting = factories.approved_meeting(actor=secretariat)
    services.meeting_convene(actor=secretariat, meeting=meeting)
    factories.move_to_past(meeting, days_ago=10)
    services.meeting_mark_held(actor=secretariat, meeting=meeting)
    minutes = services.minutes_save(actor=secretariat, meeting=meeting, body="Ata", base_revision=0)
    return services.minutes_circulate(actor=secretariat, minutes=minutes)


def test_action_items_due_soon_and_then_overdue_are_reminded_once_each(
    secretariat, representative, circulated_minutes, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    item = services.action_item_add(
        actor=secretariat,
        minutes=circulated_minutes,
        description="Rever o capítulo 2",
        owner=representative,
        due_on=today + timedelta(days=3),
    )
    services.action_item_add(
        actor=secretariat,
        minutes=circulated_minutes,
        description="Mais tarde",
        owner=representative,
        due_on=today + timedelta(days=10),
    )
    run(django_capture_on_commit_callbacks)
    run(django_capture_on_commit_callbacks)
    assert len(reminders_of(representative)) == 1
    assert "Rever o capítulo 2" in reminders_of(representative)[0]
    type(item).objects.filter(pk=item.pk).update(due_on=today - timedelta(days=1))
    run(django_capture_on_commit_callbacks)
    run(django_capture_on_commit_callbacks)
    assert len(reminders_of(representative)) == 2


def test_minutes_circulating_a_week_remind_the_secretariat(
    secretariat, circulated_minutes, django_capture_on_commit_callbacks
):
    run(django_capture_on_commit_callbacks)
    assert reminders_of(secretariat) == []
    Minutes.objects.filter(pk=circulated_minutes.pk).update(
        circulated_at=timezone.now() - timedelta(days=8)
    )
    run(django_capture_on_commit_callbacks)
    run(django_capture_on_commit_callbacks)
    assert len(reminders_of(secretariat)) == 1


def test_a_call_closing_in_three_days_reminds_the_contacts_once(
    secretariat, organisation_contact, django_capture_on_commit_callbacks
):
    factories.call_for_contributions(actor=secretariat, title="Boas práticas", days_open=2)
    factories.call_for_contributions(actor=secretariat, title="Longa", days_open=30)
    run(django_capture_on_commit_callbacks)
    run(django_capture_on_commit_callbacks)
    assert [t for t in reminders_of(organisation_contact) if "Boas práticas" in t] != []
    assert len(reminders_of(organisation_contact)) == 1
    assert SentReminder.objects.filter(key__startswith="call-closing:").count() == 1


def test_the_command_says_what_it_sent(capsys, db):
    call_command("send_reminders")
    assert "Reminders sent" in capsys.readouterr().out
