"""A status message that reports an error is an alert; the others are polite statuses."""

import pytest

pytestmark = pytest.mark.django_db


def test_an_error_message_has_the_alert_role(client, secretariat):
    from governance import services
    from tests import factories

    convened_meeting = services.meeting_convene(
        actor=secretariat, meeting=factories.approved_meeting(actor=secretariat)
    )
    client.force_login(secretariat)
    response = client.get(f"/reunioes/{convened_meeting.pk}/presencas/", follow=True)
    page = response.content.decode()
    assert 'class="message message-error" role="alert"' in page


def test_a_success_message_has_the_status_role(client, secretariat):
    client.force_login(secretariat)
    response = client.post(
        "/reunioes/nova/",
        {
            "title": "Reunião",
            "starts_at": "2031-03-03T10:00",
            "ends_at": "2031-03-03T12:00",
            "place": "Lisboa",
        },
        follow=True,
    )
    assert 'class="message message-success" role="status"' in response.content.decode()
