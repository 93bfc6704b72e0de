"""Who else has a meeting's minutes open for editing, and the notice that someone saved them."""

import time

import pytest
from django.contrib.contenttypes.models import ContentType

from core.models import Presence, StashedForm
from core.presence import present_others
from governance import middleware, services
from governance.models import Meeting, Minutes
from tests import factories

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true", middleware.BACKGROUND_HEADER: "presence"}


@pytest.fixture
def clerk(db):
    """A second member of the secretariat, who writes the minutes too."""
    return factories.SecretariatFactory(email="carla@empd.example", full_name="Carla Secretária")


def presence_url(meeting) -> str:
    return f"/reunioes/{meeting.pk}/ata/presenca/"


def edit_url(meeting) -> str:
    return f"/reunioes/{meeting.pk}/ata/editar/"


def beat(client, meeting, base_revision, seen_revision=""):
    return client.post(
        presence_url(meeting),
        {"base_revision": base_revision, "seen_revision": seen_revision},
        headers=HTMX,
    )


def test_opening_the_minutes_form_shows_me_to_the_other_writers(
    client, secretariat, clerk, minutes
):
    meeting = minutes.meeting
    client.force_login(secretariat)
    client.get(edit_url(meeting))
    client.force_login(clerk)
    page = client.get(edit_url(meeting))
    assert [p.user for p in page.context["present"]] == [secretariat]
    html = page.content.decode()
    assert "Sara Secretariado" in html
    assert f'hx-post="{presence_url(meeting)}"' in html
    assert "X-Portal-Background" in html  # the heartbeat says it is not the person's activity
    minutes_page = client.get(f"/reunioes/{meeting.pk}/ata/")
    assert [p.user for p in minutes_page.context["present"]] == [secretariat]  # not me


def test_a_heartbeat_records_the_writer_and_answers_with_the_others(
    client, secretariat, clerk, minutes
):
    client.force_login(clerk)
    assert beat(client, minutes.meeting, minutes.revision).status_code == 200
    client.force_login(secretariat)
    response = beat(client, minutes.meeting, minutes.revision)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Carla Secretária" in html and "<html" not in html
    rows = Presence.objects.filter(content_type=ContentType.objects.get_for_model(Meeting))
    assert sorted(rows.values_list("user__email", flat=True)) == [
        "carla@empd.example",
        secretariat.email,
    ]


def test_the_heartbeat_tells_me_once_that_someone_saved_newer_minutes(
    client, secretariat, clerk, minutes
):
    meeting, base = minutes.meeting, minutes.revision
    client.force_login(secretariat)
    assert "hx-swap-oob" not in beat(client, meeting, base).content.decode()
    newer = services.minutes_save(
        actor=clerk,
        meeting=meeting,
        body="# Ata\n\nAprovada a visão e o plano.",
        base_revision=base,
    )
    html = beat(client, meeting, base, seen_revision=0).content.decode()
    notice = html[html.index('hx-swap-oob="innerHTML"') :]
    assert f"Carla Secretária guardou a revisão {newer.revision}" in notice
    written = newer.history.filter(revision=newer.revision).earliest("history_id")
    link = f"/reunioes/{meeting.pk}/ata/historico/#versao-{written.history_id}"
    assert f'href="{link}"' in notice
    history = client.get(f"/reunioes/{meeting.pk}/ata/historico/").content.decode()
    assert f'id="versao-{written.history_id}"' in history
    again = beat(client, meeting, base, seen_revision=newer.revision)
    assert "hx-swap-oob" not in again.content.decode()


def test_a_form_opened_before_the_first_save_is_told_of_it(
    client, secretariat, clerk, held_meeting
):
    client.force_login(secretariat)
    page = client.get(edit_url(held_meeting))
    assert "Mais ninguém tem esta ata aberta para edição" in page.content.decode()
    assert "hx-swap-oob" not in beat(client, held_meeting, 0).content.decode()
    services.minutes_save(actor=clerk, meeting=held_meeting, body="Primeira.", base_revision=0)
    html = beat(client, held_meeting, 0).content.decode()
    assert "Carla Secretária guardou a revisão 1" in html


def test_a_representative_sees_the_list_but_cannot_send_a_heartbeat(
    client, representative, minutes
):
    client.force_login(representative)
    assert client.get(presence_url(minutes.meeting), headers=HTMX).status_code == 200
    assert beat(client, minutes.meeting, minutes.revision).status_code == 403
    assert not Presence.objects.exists()


@pytest.mark.parametrize("persona", ["specialist", "organisation_contact", "government"])
def test_people_who_cannot_read_the_minutes_get_a_404_and_store_nothing(
    client, request, minutes, persona
):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(presence_url(minutes.meeting), headers=HTMX).status_code == 404
    assert beat(client, minutes.meeting, minutes.revision).status_code == 404
    assert not Presence.objects.exists()


def test_no_heartbeat_for_approved_minutes(client, secretariat, minutes):
    minutes = services.minutes_circulate(actor=secretariat, minutes=minutes)
    services.minutes_approve(actor=secretariat, minutes=minutes)
    client.force_login(secretariat)
    assert beat(client, minutes.meeting, minutes.revision).status_code == 403
    assert not Presence.objects.exists()


@pytest.mark.parametrize("base_revision", ["", "abc", "-1", "1.5", "2", "999"])
def test_a_forged_base_revision_is_refused_and_stores_nothing(
    client, secretariat, minutes, base_revision
):
    client.force_login(secretariat)
    response = beat(client, minutes.meeting, base_revision)
    assert response.status_code == 400
    assert response.content.decode() == "Esta revisão não existe."
    assert not Presence.objects.exists()


def test_a_meeting_id_that_is_not_a_number_is_not_found(client, secretariat):
    client.force_login(secretariat)
    response = client.post("/reunioes/abc/ata/presenca/", {"base_revision": 1}, headers=HTMX)
    assert response.status_code == 404
    assert not Presence.objects.exists()


def test_the_minutes_page_list_is_read_only(client, secretariat, minutes):
    client.force_login(secretariat)
    assert client.get(presence_url(minutes.meeting), headers=HTMX).status_code == 200
    assert client.get(f"/reunioes/{minutes.meeting_id}/ata/").status_code == 200
    assert not Presence.objects.exists()


def test_a_heartbeat_after_the_session_ended_says_so_and_stops_polling(client, minutes):
    response = beat(client, minutes.meeting, minutes.revision)
    assert response.status_code == 286
    assert response["HX-Retarget"] == "#aviso-revisao"
    assert "/conta/entrar/?next=" in response.content.decode()
    without_htmx = client.post(presence_url(minutes.meeting), {"base_revision": 1})
    assert without_htmx.status_code == 302
    assert not Presence.objects.exists()


def test_heartbeats_do_not_keep_an_idle_session_alive(client, secretariat, minutes, monkeypatch):
    now = [time.time()]
    monkeypatch.setattr(middleware.time, "time", lambda: now[0])
    client.force_login(secretariat)
    client.get(edit_url(minutes.meeting))
    for _ in range(3):  # 30 minutes of heartbeats: the secretariat's idle limit
        now[0] += 10 * 60
        assert beat(client, minutes.meeting, minutes.revision).status_code == 200
    now[0] += 60
    assert beat(client, minutes.meeting, minutes.revision).status_code == 286


def test_saving_takes_me_off_the_list(client, secretariat, clerk, minutes):
    client.force_login(secretariat)
    client.get(edit_url(minutes.meeting))
    response = client.post(
        edit_url(minutes.meeting), {"body": "Novo texto.", "base_revision": minutes.revision}
    )
    assert response.status_code == 302
    assert Minutes.objects.get(pk=minutes.pk).body == "Novo texto."
    assert present_others(minutes.meeting, clerk) == []


def test_a_save_after_the_session_ended_keeps_the_text_for_after_signing_in(
    client, secretariat, minutes
):
    url = edit_url(minutes.meeting)
    response = client.post(url, {"body": "Escrito sem sessão.", "base_revision": minutes.revision})
    assert response.url.startswith("/conta/entrar/?next=")
    token = StashedForm.objects.get().token
    client.force_login(secretariat)
    page = client.get(f"{url}?rascunho={token}")
    assert page.status_code == 200
    assert page.context["form"]["body"].value() == "Escrito sem sessão."
    assert Minutes.objects.get(pk=minutes.pk).body == minutes.body
