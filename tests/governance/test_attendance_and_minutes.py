"""Attendance is recorded per person; minutes keep every version, circulate, and once approved
are read-only; their action items show on their owners' home pages."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from governance import services
from governance.models import ActionItem, Attendance, Decision, Meeting, Minutes
from tests import factories
from tests.governance.conftest import items_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def convened_meeting(convened_meeting):
    """The convened meeting once it has started: attendance is recorded from then on."""
    return factories.move_to_past(convened_meeting, days_ago=0)


def test_the_secretariat_records_attendance(
    client, secretariat, representative, organisation_contact, convened_meeting
):
    services.guest_invite(
        actor=secretariat,
        meeting=convened_meeting,
        contact=organisation_contact,
        items=items_of(convened_meeting)[:1],
    )
    client.force_login(secretariat)
    url = f"/reunioes/{convened_meeting.pk}/presencas/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            f"estado_{secretariat.pk}": "present",
            f"estado_{representative.pk}": "represented",
            f"representante_{representative.pk}": "Ana Substituta",
            f"estado_{organisation_contact.pk}": "present",
        },
    )
    assert response.status_code == 302
    rows = {row.person: row for row in Attendance.objects.all()}
    assert rows[secretariat].capacity == Attendance.Capacity.SECRETARIAT
    assert rows[representative].capacity == Attendance.Capacity.MEMBER
    assert rows[representative].status == Attendance.Status.REPRESENTED
    assert rows[representative].represented_by == "Ana Substituta"
    assert rows[organisation_contact].capacity == Attendance.Capacity.GUEST


def test_represented_needs_a_name(client, secretariat, representative, convened_meeting):
    client.force_login(secretariat)
    response = client.post(
        f"/reunioes/{convened_meeting.pk}/presencas/",
        {f"estado_{representative.pk}": "represented"},
    )
    assert response.context["form"].errors[f"representante_{representative.pk}"]
    assert not Attendance.objects.exists()


def test_a_guest_cannot_be_represented(secretariat, organisation_contact, convened_meeting):
    services.guest_invite(
        actor=secretariat,
        meeting=convened_meeting,
        contact=organisation_contact,
        items=items_of(convened_meeting)[:1],
    )
    with pytest.raises(ValidationError) as refused:
        services.attendance_record(
            actor=secretariat,
            meeting=convened_meeting,
            rows=[(organisation_contact, "represented", "Alguém")],
        )
    assert refused.value.code == "attendance_invalid"
    assert not Attendance.objects.exists()


def test_a_person_not_expected_is_refused(secretariat, specialist, convened_meeting):
    with pytest.raises(ValidationError) as refused:
        services.attendance_record(
            actor=secretariat, meeting=convened_meeting, rows=[(specialist, "present", "")]
        )
    assert refused.value.code == "not_expected"


def test_attendance_waits_for_the_convening(secretariat, representative, approved_meeting):
    with pytest.raises(ValidationError) as refused:
        services.attendance_record(
            actor=secretariat, meeting=approved_meeting, rows=[(representative, "present", "")]
        )
    assert refused.value.code == "meeting_state"


def test_a_representative_cannot_record_attendance(client, representative, convened_meeting):
    client.force_login(representative)
    assert client.get(f"/reunioes/{convened_meeting.pk}/presencas/").status_code == 403


def test_minutes_are_written_after_the_meeting_and_keep_every_version(
    client, secretariat, held_meeting
):
    client.force_login(secretariat)
    url = f"/reunioes/{held_meeting.pk}/ata/editar/"
    assert client.get(url).status_code == 200
    client.post(url, {"body": "Primeira versão", "base_revision": "0"})
    client.post(url, {"body": "Segunda versão", "base_revision": "1", "change_note": "Revisão"})
    minutes = Minutes.objects.get()
    assert (minutes.revision, minutes.body) == (2, "Segunda versão")
    assert minutes.history.count() == 2
    assert client.get(f"/reunioes/{held_meeting.pk}/ata/historico/").status_code == 200


def test_a_stale_save_of_the_minutes_is_refused(client, secretariat, minutes):
    client.force_login(secretariat)
    url = f"/reunioes/{minutes.meeting_id}/ata/editar/"
    client.post(url, {"body": "Versão nova", "base_revision": "1"})
    response = client.post(url, {"body": "Versão antiga", "base_revision": "1"})
    assert response.status_code == 409
    minutes.refresh_from_db()
    assert minutes.body == "Versão nova"


def test_minutes_wait_for_the_meeting_to_be_held(secretariat, convened_meeting):
    with pytest.raises(ValidationError) as refused:
        services.minutes_save(
            actor=secretariat, meeting=convened_meeting, body="x", base_revision=0
        )
    assert refused.value.code == "meeting_state"
    assert not Minutes.objects.exists()


def test_minutes_are_circulated_then_approved_and_become_read_only(
    client, secretariat, representative, minutes, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(secretariat)
    meeting_id = minutes.meeting_id
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/reunioes/{meeting_id}/ata/circular/")
    minutes.refresh_from_db()
    assert minutes.state == Minutes.State.CIRCULATED
    assert representative.email in [m.to[0] for m in mailoutbox]
    assert client.get(f"/reunioes/{meeting_id}/ata/aprovar/").status_code == 200
    client.post(f"/reunioes/{meeting_id}/ata/aprovar/")
    minutes.refresh_from_db()
    assert minutes.state == Minutes.State.APPROVED
    assert Meeting.objects.get(pk=meeting_id).state == Meeting.State.CLOSED
    response = client.post(
        f"/reunioes/{meeting_id}/ata/editar/", {"body": "Mudado", "base_revision": "1"}
    )
    assert response.status_code == 302
    minutes.refresh_from_db()
    assert minutes.body.startswith("# Ata")
    with pytest.raises(ValidationError) as refused:
        services.decision_add(actor=secretariat, minutes=minutes, text="Tarde demais")
    assert refused.value.code == "minutes_approved"


def test_draft_minutes_cannot_be_approved_directly(secretariat, minutes):
    with pytest.raises(ValidationError) as refused:
        services.minutes_approve(actor=secretariat, minutes=minutes)
    assert refused.value.code == "minutes_transition"


def test_representatives_read_minutes_but_do_not_write_them(client, representative, minutes):
    client.force_login(representative)
    assert client.get(f"/reunioes/{minutes.meeting_id}/ata/").status_code == 200
    assert client.get(f"/reunioes/{minutes.meeting_id}/ata/editar/").status_code == 403
    assert client.post(f"/reunioes/{minutes.meeting_id}/ata/circular/").status_code == 403


def test_decisions_and_action_items_are_recorded(client, secretariat, representative, minutes):
    client.force_login(secretariat)
    meeting_id = minutes.meeting_id
    item = items_of(minutes.meeting)[1]
    client.post(
        f"/reunioes/{meeting_id}/ata/decisoes/", {"text": "Aprovar a visão", "item": item.pk}
    )
    due = (date.today() + timedelta(days=10)).isoformat()
    client.post(
        f"/reunioes/{meeting_id}/ata/acoes/",
        {"description": "Rever o capítulo 2", "owner": representative.pk, "due_on": due},
    )
    assert Decision.objects.get().item == item
    action = ActionItem.objects.get()
    assert (action.owner, action.status) == (representative, ActionItem.Status.OPEN)


def test_an_action_item_needs_an_owner_and_a_date(client, secretariat, minutes):
    client.force_login(secretariat)
    response = client.post(
        f"/reunioes/{minutes.meeting_id}/ata/acoes/", {"description": "Algo", "due_on": "ontem"}
    )
    assert response.status_code == 400
    form = response.context["action_form"]
    assert form.errors["owner"] and form.errors["due_on"]
    assert not ActionItem.objects.exists()


def test_open_action_items_show_on_their_owners_home_page_until_done(
    client, secretariat, representative, minutes
):
    action = services.action_item_add(
        actor=secretariat,
        minutes=minutes,
        description="Enviar contributos da AMA",
        owner=representative,
        due_on=date.today() + timedelta(days=5),
    )
    client.force_login(representative)
    home = client.get("/painel/")
    assert [row["id"] for row in home.context["open_action_items"]] == [action.pk]
    assert "Enviar contributos da AMA" in home.content.decode()
    client.post(f"/reunioes/acoes/{action.pk}/estado/", {"status": "done", "seguinte": "painel"})
    action.refresh_from_db()
    assert action.status == ActionItem.Status.DONE
    assert client.get("/painel/").context["open_action_items"] == []


def test_someone_else_cannot_update_an_action_item(
    client, secretariat, representative, specialist, minutes
):
    other = factories.RepresentativeFactory(
        email="duarte@dgt.example", entity=factories.entity("dgt")
    )
    action = services.action_item_add(
        actor=secretariat,
        minutes=minutes,
        description="Tarefa",
        owner=representative,
        due_on=date.today(),
    )
    client.force_login(other)
    assert (
        client.post(f"/reunioes/acoes/{action.pk}/estado/", {"status": "done"}).status_code == 403
    )
    client.force_login(specialist)
    assert (
        client.post(f"/reunioes/acoes/{action.pk}/estado/", {"status": "done"}).status_code == 404
    )
    action.refresh_from_db()
    assert action.status == ActionItem.Status.OPEN


def test_edits_to_different_paragraphs_of_the_minutes_merge(client, secretariat, minutes):
    client.force_login(secretariat)
    url = f"/reunioes/{minutes.meeting_id}/ata/editar/"
    client.post(url, {"body": "# Ata da reunião\n\nAprovada a visão.", "base_revision": "1"})
    response = client.post(
        url, {"body": "# Ata\n\nAprovada a visão por todos.", "base_revision": "1"}
    )
    assert response.status_code == 302
    minutes.refresh_from_db()
    assert minutes.body == "# Ata da reunião\n\nAprovada a visão por todos."
    assert minutes.revision == 3
    assert "combinada com a revisão 2" in minutes.history.latest().history_change_reason.lower()


def test_the_same_paragraph_of_the_minutes_is_resolved_on_the_conflict_page(
    client, secretariat, minutes
):
    client.force_login(secretariat)
    url = f"/reunioes/{minutes.meeting_id}/ata/editar/"
    client.post(
        url, {"body": "# Ata\n\nAprovada a visão, com uma abstenção.", "base_revision": "1"}
    )
    mine = {"body": "# Ata\n\nAprovada a visão por unanimidade.", "base_revision": "1"}
    shown = client.post(url, mine)
    assert shown.status_code == 409
    fingerprint = shown.context["conflict"]["fingerprint"]
    response = client.post(url, {**mine, "conflict": fingerprint, "passage-1": "theirs"})
    assert response.status_code == 302
    minutes.refresh_from_db()
    assert minutes.body == "# Ata\n\nAprovada a visão, com uma abstenção."


def test_the_minutes_history_shows_what_each_version_changed(client, secretariat, minutes):
    services.minutes_save(
        actor=secretariat,
        meeting=minutes.meeting,
        body="# Ata\n\nAprovada a visão e o plano.",
        base_revision=1,
    )
    client.force_login(secretariat)
    page = client.get(f"/reunioes/{minutes.meeting_id}/ata/historico/").content.decode()
    assert "<ins>" in page and "plano" in page
    assert "<h1>Ata</h1>" in page  # formatted, not raw Markdown
