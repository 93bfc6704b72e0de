"""Agenda items are proposed, the agenda approved beforehand, and convening sends the notice."""

import pytest
from django.core.exceptions import ValidationError
from icalendar import Calendar

from governance import services
from governance.models import AgendaItem, Meeting
from tests import factories
from tests.governance.conftest import items_of

pytestmark = pytest.mark.django_db


def calendar_of(message) -> Calendar:
    (_name, content, mimetype) = next(a for a in message.attachments if a[0].endswith(".ics"))
    assert mimetype.startswith("text/calendar")
    return Calendar.from_ical(content)


def event_of(calendar: Calendar):
    return next(iter(calendar.walk("VEVENT")))


def test_a_representative_proposes_an_item(client, representative, planned_meeting):
    client.force_login(representative)
    url = f"/reunioes/{planned_meeting.pk}/pontos/novo/"
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"title": "Interoperabilidade", "description": "MIMs", "duration_minutes": "20"}
    )
    assert response.status_code == 302
    item = AgendaItem.objects.get()
    assert (item.title, item.position, item.proposed_by) == (
        "Interoperabilidade",
        1,
        representative,
    )


@pytest.mark.parametrize("persona", ["specialist", "organisation_contact", "government"])
def test_others_cannot_propose_items(client, request, persona, planned_meeting):
    client.force_login(request.getfixturevalue(persona))
    response = client.post(
        f"/reunioes/{planned_meeting.pk}/pontos/novo/", {"title": "x", "duration_minutes": "5"}
    )
    assert response.status_code == 404  # they do not see the meeting at all
    assert not AgendaItem.objects.exists()


@pytest.mark.parametrize("duration", ["0", "481", "muito", ""])
def test_a_bad_duration_is_refused(client, representative, planned_meeting, duration):
    client.force_login(representative)
    response = client.post(
        f"/reunioes/{planned_meeting.pk}/pontos/novo/",
        {"title": "Ponto", "duration_minutes": duration},
    )
    assert response.context["form"].errors["duration_minutes"]
    assert not AgendaItem.objects.exists()


def test_an_item_without_a_title_is_refused(client, representative, planned_meeting):
    client.force_login(representative)
    response = client.post(
        f"/reunioes/{planned_meeting.pk}/pontos/novo/", {"title": "", "duration_minutes": "10"}
    )
    assert response.context["form"].errors["title"]
    assert not AgendaItem.objects.exists()


def test_the_agenda_moves_draft_submitted_approved(client, secretariat, representative):
    meeting = factories.meeting(actor=secretariat)
    factories.agenda_item(actor=representative, meeting=meeting, title="Visão")
    client.force_login(representative)
    client.post(f"/reunioes/{meeting.pk}/ordem-de-trabalhos/submeter/")
    meeting.refresh_from_db()
    assert meeting.agenda_state == Meeting.AgendaState.SUBMITTED
    assert client.post(f"/reunioes/{meeting.pk}/ordem-de-trabalhos/aprovar/").status_code == 403
    client.force_login(secretariat)
    client.post(f"/reunioes/{meeting.pk}/ordem-de-trabalhos/aprovar/")
    meeting.refresh_from_db()
    assert meeting.agenda_state == Meeting.AgendaState.APPROVED
    assert meeting.agenda_approved_by == secretariat


def test_an_empty_agenda_cannot_be_submitted(secretariat, planned_meeting):
    with pytest.raises(ValidationError) as refused:
        services.agenda_submit(actor=secretariat, meeting=planned_meeting)
    assert refused.value.code == "empty_agenda"


def test_a_draft_agenda_cannot_be_approved(secretariat, planned_meeting):
    factories.agenda_item(actor=secretariat, meeting=planned_meeting)
    with pytest.raises(ValidationError) as refused:
        services.agenda_approve(actor=secretariat, meeting=planned_meeting)
    assert refused.value.code == "agenda_transition"


def test_any_change_to_an_approved_agenda_returns_it_to_submitted(
    secretariat, representative, approved_meeting
):
    first = items_of(approved_meeting)[0]
    services.agenda_item_update(
        actor=secretariat, item=first, title="Abertura e boas-vindas", duration_minutes=10
    )
    approved_meeting.refresh_from_db()
    assert approved_meeting.agenda_state == Meeting.AgendaState.SUBMITTED
    assert approved_meeting.agenda_approved_by is None
    services.agenda_approve(actor=secretariat, meeting=approved_meeting)
    factories.agenda_item(actor=representative, meeting=approved_meeting, title="Outro")
    approved_meeting.refresh_from_db()
    assert approved_meeting.agenda_state == Meeting.AgendaState.SUBMITTED


def test_a_representative_edits_only_their_own_items(
    client, secretariat, representative, planned_meeting
):
    own = factories.agenda_item(actor=representative, meeting=planned_meeting, title="Meu")
    other = factories.agenda_item(actor=secretariat, meeting=planned_meeting, title="Dela")
    client.force_login(representative)
    base = f"/reunioes/{planned_meeting.pk}/pontos/"
    data = {"title": "Alterado", "duration_minutes": "5", "position": "1"}
    assert client.post(f"{base}{own.pk}/editar/", data).status_code == 302
    assert client.post(f"{base}{other.pk}/editar/", data).status_code == 403
    other.refresh_from_db()
    assert other.title == "Dela"


def test_an_item_is_removed_after_confirmation(client, secretariat, planned_meeting):
    item = factories.agenda_item(actor=secretariat, meeting=planned_meeting)
    client.force_login(secretariat)
    url = f"/reunioes/{planned_meeting.pk}/pontos/{item.pk}/remover/"
    assert client.get(url).status_code == 200
    assert AgendaItem.objects.exists()
    assert client.post(url).status_code == 302
    assert not AgendaItem.objects.exists()


def test_a_meeting_is_convened_only_with_an_approved_agenda(client, secretariat, planned_meeting):
    factories.agenda_item(actor=secretariat, meeting=planned_meeting)
    with pytest.raises(ValidationError) as refused:
        services.meeting_convene(actor=secretariat, meeting=planned_meeting)
    assert refused.value.code == "agenda_not_approved"
    client.force_login(secretariat)
    client.post(f"/reunioes/{planned_meeting.pk}/convocar/")
    planned_meeting.refresh_from_db()
    assert planned_meeting.state == Meeting.State.PLANNED


def test_a_representative_cannot_convene(client, representative, approved_meeting):
    client.force_login(representative)
    assert client.post(f"/reunioes/{approved_meeting.pk}/convocar/").status_code == 403


def test_convening_sends_the_notice_after_commit_with_a_calendar_request(
    client,
    secretariat,
    representative,
    approved_meeting,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    client.force_login(secretariat)
    assert client.get(f"/reunioes/{approved_meeting.pk}/convocar/").status_code == 200
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(f"/reunioes/{approved_meeting.pk}/convocar/")
    assert mailoutbox == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    approved_meeting.refresh_from_db()
    assert approved_meeting.state == Meeting.State.CONVENED
    assert sorted(m.to[0] for m in mailoutbox) == sorted([secretariat.email, representative.email])
    message = next(m for m in mailoutbox if m.to == [representative.email])
    assert "n.º 7" in message.body
    assert "Abertura" in message.body and "Visão" in message.body
    calendar = calendar_of(message)
    assert str(calendar["METHOD"]) == "REQUEST"
    event = event_of(calendar)
    assert str(event["UID"]) == approved_meeting.calendar_uid
    assert int(event["SEQUENCE"]) == approved_meeting.sequence
    assert event.decoded("DTSTART") == approved_meeting.starts_at


def test_a_change_to_a_convened_meeting_sends_an_update_with_a_higher_sequence(
    secretariat, convened_meeting, mailoutbox, django_capture_on_commit_callbacks
):
    before = convened_meeting.sequence
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_update(
            actor=secretariat,
            meeting=convened_meeting,
            title=convened_meeting.title,
            starts_at=convened_meeting.starts_at,
            ends_at=convened_meeting.ends_at,
            place="Outra sala",
        )
    event = event_of(calendar_of(mailoutbox[0]))
    assert str(event["UID"]) == convened_meeting.calendar_uid
    assert int(event["SEQUENCE"]) > before
    assert str(event["LOCATION"]) == "Outra sala"


def test_cancelling_a_convened_meeting_sends_a_cancel(
    secretariat, convened_meeting, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_cancel(actor=secretariat, meeting=convened_meeting)
    calendar = calendar_of(mailoutbox[0])
    assert str(calendar["METHOD"]) == "CANCEL"
    event = event_of(calendar)
    assert str(event["UID"]) == convened_meeting.calendar_uid
    assert str(event["STATUS"]) == "CANCELLED"
    assert int(event["SEQUENCE"]) == convened_meeting.sequence + 1


def test_cancelling_a_planned_meeting_sends_nothing(
    secretariat, planned_meeting, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_cancel(actor=secretariat, meeting=planned_meeting)
    assert mailoutbox == []


def test_a_convened_meetings_changed_agenda_goes_out_again_once_approved(
    secretariat, representative, convened_meeting, mailoutbox, django_capture_on_commit_callbacks
):
    before = convened_meeting.sequence
    with django_capture_on_commit_callbacks(execute=True):
        factories.agenda_item(actor=representative, meeting=convened_meeting, title="Novo ponto")
    assert [m for m in mailoutbox if m.attachments] == []  # a submitted agenda is not sent
    with django_capture_on_commit_callbacks(execute=True):
        services.agenda_approve(actor=secretariat, meeting=convened_meeting)
    message = next(m for m in mailoutbox if m.to == [representative.email])
    assert "Novo ponto" in message.body
    event = event_of(calendar_of(message))
    assert str(event["UID"]) == convened_meeting.calendar_uid
    assert int(event["SEQUENCE"]) == before + 1
