"""The secretariat plans, changes and cancels meetings; the list shows them to whoever may see."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from governance import services
from governance.models import Meeting
from tests import factories

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    start = timezone.localtime() + timedelta(days=3)
    data = {
        "title": "Reunião de arranque",
        "starts_at": start.strftime("%Y-%m-%dT10:00"),
        "ends_at": start.strftime("%Y-%m-%dT12:00"),
        "place": "EMPD, Lisboa",
        "video_url": "",
        "notes": "",
    }
    data.update(overrides)
    return data


def test_the_secretariat_plans_a_meeting(client, secretariat):
    client.force_login(secretariat)
    assert client.get("/reunioes/nova/").status_code == 200
    response = client.post("/reunioes/nova/", form_data())
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == meeting.get_absolute_url()
    assert meeting.state == Meeting.State.PLANNED
    assert meeting.agenda_state == Meeting.AgendaState.DRAFT
    assert timezone.localtime(meeting.starts_at).hour == 10  # Lisbon time, stored in UTC


@pytest.mark.parametrize("persona", ["representative", "specialist", "organisation_contact"])
def test_only_the_secretariat_plans_meetings(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/reunioes/nova/").status_code == 403
    assert client.post("/reunioes/nova/", form_data()).status_code == 403
    assert not Meeting.objects.exists()


def test_an_end_before_the_start_is_refused(client, secretariat):
    client.force_login(secretariat)
    start = timezone.localtime() + timedelta(days=3)
    response = client.post(
        "/reunioes/nova/",
        form_data(ends_at=start.strftime("%Y-%m-%dT09:00")),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["ends_at"]
    assert not Meeting.objects.exists()


def test_a_new_meeting_in_the_past_is_refused(client, secretariat):
    client.force_login(secretariat)
    past = timezone.localtime() - timedelta(days=2)
    response = client.post(
        "/reunioes/nova/",
        form_data(
            starts_at=past.strftime("%Y-%m-%dT10:00"), ends_at=past.strftime("%Y-%m-%dT11:00")
        ),
    )
    assert response.context["form"].errors["starts_at"]
    assert not Meeting.objects.exists()


def test_a_meeting_needs_a_place_or_a_link(client, secretariat):
    client.force_login(secretariat)
    response = client.post("/reunioes/nova/", form_data(place=""))
    assert response.context["form"].errors["place"]
    assert not Meeting.objects.exists()


def test_a_bad_video_link_is_refused(client, secretariat):
    client.force_login(secretariat)
    response = client.post("/reunioes/nova/", form_data(video_url="não é um endereço"))
    assert response.context["form"].errors["video_url"]
    assert not Meeting.objects.exists()


def test_an_overlap_is_a_warning_that_can_be_confirmed(client, secretariat):
    client.force_login(secretariat)
    client.post("/reunioes/nova/", form_data())
    start = timezone.localtime() + timedelta(days=3)
    clash = form_data(
        title="Outra reunião",
        starts_at=start.strftime("%Y-%m-%dT11:00"),
        ends_at=start.strftime("%Y-%m-%dT13:00"),
    )
    warned = client.post("/reunioes/nova/", clash)
    assert warned.status_code == 200
    assert warned.context["form"].non_field_errors()
    assert 'name="confirm_overlap"' in warned.content.decode()
    assert Meeting.objects.count() == 1
    confirmed = client.post("/reunioes/nova/", {**clash, "confirm_overlap": "on"})
    assert confirmed.status_code == 302
    assert Meeting.objects.count() == 2


def test_the_overlap_refusal_has_its_code(secretariat, planned_meeting):
    with pytest.raises(ValidationError) as refused:
        services.meeting_create(
            actor=secretariat,
            title="Sobreposta",
            starts_at=planned_meeting.starts_at + timedelta(minutes=30),
            ends_at=planned_meeting.ends_at + timedelta(minutes=30),
            place="Lisboa",
        )
    assert refused.value.code == "overlap"


def test_a_cancelled_meeting_does_not_count_as_an_overlap(secretariat, planned_meeting):
    services.meeting_cancel(actor=secretariat, meeting=planned_meeting)
    services.meeting_create(
        actor=secretariat,
        title="No mesmo horário",
        starts_at=planned_meeting.starts_at,
        ends_at=planned_meeting.ends_at,
        place="Lisboa",
    )
    assert Meeting.objects.count() == 2


def test_the_secretariat_edits_a_meeting(client, secretariat, planned_meeting):
    client.force_login(secretariat)
    assert client.get(f"/reunioes/{planned_meeting.pk}/editar/").status_code == 200
    start = timezone.localtime(planned_meeting.starts_at)
    response = client.post(
        f"/reunioes/{planned_meeting.pk}/editar/",
        form_data(
            title="Reunião alterada",
            starts_at=start.strftime("%Y-%m-%dT%H:%M"),
            ends_at=(start + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
        ),
    )
    assert response.status_code == 302
    planned_meeting.refresh_from_db()
    assert planned_meeting.title == "Reunião alterada"
    assert planned_meeting.sequence == 1


def test_a_representative_cannot_edit_or_cancel(client, representative, planned_meeting):
    client.force_login(representative)
    assert client.get(f"/reunioes/{planned_meeting.pk}/editar/").status_code == 403
    assert client.post(f"/reunioes/{planned_meeting.pk}/cancelar/").status_code == 403
    planned_meeting.refresh_from_db()
    assert planned_meeting.state == Meeting.State.PLANNED


def test_cancelling_asks_for_confirmation_first(client, secretariat, planned_meeting):
    client.force_login(secretariat)
    assert client.get(f"/reunioes/{planned_meeting.pk}/cancelar/").status_code == 200
    planned_meeting.refresh_from_db()
    assert planned_meeting.state == Meeting.State.PLANNED
    assert client.post(f"/reunioes/{planned_meeting.pk}/cancelar/").status_code == 302
    planned_meeting.refresh_from_db()
    assert planned_meeting.state == Meeting.State.CANCELLED


def test_a_cancelled_meeting_cannot_be_changed_or_cancelled_again(secretariat, planned_meeting):
    services.meeting_cancel(actor=secretariat, meeting=planned_meeting)
    with pytest.raises(ValidationError) as refused:
        services.meeting_cancel(actor=secretariat, meeting=planned_meeting)
    assert refused.value.code == "meeting_transition"
    with pytest.raises(ValidationError) as refused:
        services.meeting_update(
            actor=secretariat,
            meeting=planned_meeting,
            title="x",
            starts_at=planned_meeting.starts_at,
            ends_at=planned_meeting.ends_at,
            place="Lisboa",
        )
    assert refused.value.code == "meeting_closed"


def test_the_list_shows_upcoming_and_past_meetings_to_members(client, secretariat, representative):
    upcoming = factories.meeting(actor=secretariat, title="Próxima")
    past = factories.move_to_past(
        factories.meeting(actor=secretariat, title="Passada", days_ahead=9)
    )
    client.force_login(representative)
    response = client.get("/reunioes/")
    assert response.status_code == 200
    assert list(response.context["upcoming"]) == [upcoming]
    assert list(response.context["page"]) == [past]


@pytest.mark.parametrize("persona", ["specialist", "organisation_contact"])
def test_guests_see_an_empty_list_until_they_are_admitted(client, request, persona, secretariat):
    factories.meeting(actor=secretariat)
    client.force_login(request.getfixturevalue(persona))
    response = client.get("/reunioes/")
    assert response.status_code == 200
    assert list(response.context["upcoming"]) == []


def test_members_of_the_government_and_visitors_have_no_meetings(
    client, government, planned_meeting
):
    assert client.get("/reunioes/").status_code == 302  # to sign in
    client.force_login(government)
    assert client.get("/reunioes/").status_code == 404
    assert client.get(f"/reunioes/{planned_meeting.pk}/").status_code == 404


def test_a_missing_meeting_is_a_404(client, secretariat):
    client.force_login(secretariat)
    assert client.get("/reunioes/999/").status_code == 404


def test_post_only_pages_refuse_get(client, secretariat, approved_meeting):
    client.force_login(secretariat)
    for path in ["realizada/", "ordem-de-trabalhos/submeter/", "ordem-de-trabalhos/aprovar/"]:
        assert client.get(f"/reunioes/{approved_meeting.pk}/{path}").status_code == 405


def test_a_meeting_is_recorded_as_held_only_once_it_started(client, secretariat, convened_meeting):
    client.force_login(secretariat)
    client.post(f"/reunioes/{convened_meeting.pk}/realizada/")
    convened_meeting.refresh_from_db()
    assert convened_meeting.state == Meeting.State.CONVENED
    factories.move_to_past(convened_meeting)
    client.post(f"/reunioes/{convened_meeting.pk}/realizada/")
    convened_meeting.refresh_from_db()
    assert convened_meeting.state == Meeting.State.HELD


def test_the_meeting_page_renders_for_members(
    client, secretariat, representative, convened_meeting
):
    for person in (secretariat, representative):
        client.force_login(person)
        response = client.get(f"/reunioes/{convened_meeting.pk}/")
        assert response.status_code == 200
        assert len(response.context["detail"].items) == 2


def test_a_stale_meeting_edit_keeps_the_place_someone_else_changed(secretariat, planned_meeting):
    started_from = planned_meeting.revision
    fields = {
        "title": planned_meeting.title,
        "starts_at": planned_meeting.starts_at,
        "ends_at": planned_meeting.ends_at,
    }
    services.meeting_update(
        actor=secretariat,
        meeting=planned_meeting,
        place="Porto",
        base_revision=started_from,
        **fields,
    )
    services.meeting_update(
        actor=secretariat,
        meeting=planned_meeting,
        place=planned_meeting.place,
        notes="Trazer o plano.",
        base_revision=started_from,
        **fields,
    )
    planned_meeting.refresh_from_db()
    assert (planned_meeting.place, planned_meeting.notes) == ("Porto", "Trazer o plano.")


def test_a_forged_meeting_base_revision_is_refused(secretariat, planned_meeting):
    with pytest.raises(ValidationError) as refused:
        services.meeting_update(
            actor=secretariat,
            meeting=planned_meeting,
            title="Forjada",
            starts_at=planned_meeting.starts_at,
            ends_at=planned_meeting.ends_at,
            base_revision=77,
        )
    assert refused.value.code == "unknown_revision"
    planned_meeting.refresh_from_db()
    assert planned_meeting.title != "Forjada"


# The top of the meeting's page and its agenda are cached fragments (core.fragments): whatever
# they show changes them at once.


def test_a_renamed_item_shows_at_once_on_a_meeting_page_already_seen(
    client, secretariat, approved_meeting
):
    client.force_login(secretariat)
    url = f"/reunioes/{approved_meeting.pk}/"
    client.get(url)
    approved_meeting.items.filter(title="Visão").update(title="Visão e missão")
    assert "Visão e missão" in client.get(url).content.decode()


def test_a_new_duration_and_presenter_show_at_once_on_the_agenda(
    client, secretariat, representative, approved_meeting
):
    client.force_login(secretariat)
    url = f"/reunioes/{approved_meeting.pk}/"
    client.get(url)
    approved_meeting.items.filter(title="Visão").update(
        duration_minutes=45, presenter=representative
    )
    html = client.get(url).content.decode()
    assert "45 min" in html and "Rita Representante" in html
    representative.full_name = "Rita Nova"
    representative.save(update_fields=["full_name"])
    html = client.get(url).content.decode()
    assert "Rita Nova" in html and "Rita Representante" not in html


def test_a_new_place_and_the_agenda_state_show_at_once_at_the_top_of_the_page(
    client, secretariat, planned_meeting
):
    client.force_login(secretariat)
    url = f"/reunioes/{planned_meeting.pk}/"
    client.get(url)
    Meeting.objects.filter(pk=planned_meeting.pk).update(place="Porto", agenda_state="submitted")
    html = client.get(url).content.decode()
    assert "Porto" in html and "Submetida" in html
