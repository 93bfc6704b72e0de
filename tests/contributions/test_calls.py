"""The secretariat opens calls; outside a call's window the form is closed."""

from datetime import timedelta

import pytest
from django.utils import timezone

from contributions.models import Call

pytestmark = pytest.mark.django_db


def call_data(**changes) -> dict:
    data = {
        "title": "Boas práticas europeias",
        "description": "Envie **boas práticas**.",
        "opens_at": "2022-02-10T09:00",
        "closes_at": "2022-03-15T18:00",
        "accepts_best_practices": "on",
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def test_secretariat_opens_a_call_in_lisbon_time(client, secretariat):
    client.force_login(secretariat)
    response = client.post("/contributos/chamadas/nova/", call_data())
    call = Call.objects.get()
    assert response.status_code == 302
    assert response.url == f"/contributos/chamadas/{call.pk}/"
    # 09:00 in Lisbon in February (WET, UTC+0) and 18:00 in March are stored in UTC.
    assert call.opens_at.isoformat() == "2022-02-10T09:00:00+00:00"
    assert timezone.localtime(call.closes_at).hour == 18
    assert [kind.value for kind in call.accepted_kinds] == ["best_practice"]


def test_summer_time_is_taken_into_account(client, secretariat):
    client.force_login(secretariat)
    client.post(
        "/contributos/chamadas/nova/",
        call_data(opens_at="2022-06-01T09:00", closes_at="2022-06-30T18:00"),
    )
    assert Call.objects.get().opens_at.isoformat() == "2022-06-01T08:00:00+00:00"


@pytest.mark.parametrize(
    "changes",
    [
        {"closes_at": "2022-02-01T09:00"},  # closes before it opens
        {"accepts_best_practices": None},  # takes no kind
        {"title": "<script>alert(1)</script>"},
        {"description": "<img src=x onerror=alert(1)>"},
        {"opens_at": "amanhã"},
    ],
)
def test_a_bad_call_is_refused_and_nothing_stored(client, secretariat, changes):
    client.force_login(secretariat)
    response = client.post("/contributos/chamadas/nova/", call_data(**changes))
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Call.objects.exists()


def test_secretariat_changes_a_call_and_its_versions_are_kept(client, secretariat, open_call):
    client.force_login(secretariat)
    url = f"/contributos/chamadas/{open_call.pk}/editar/"
    assert client.get(url).status_code == 200
    response = client.post(url, call_data(title="Chamada alargada", closes_at="2030-01-01T00:00"))
    assert response.status_code == 302
    open_call.refresh_from_db()
    assert open_call.title == "Chamada alargada"
    assert open_call.history.count() == 2


@pytest.mark.parametrize("persona", ["representative", "organisation_contact"])
def test_only_the_secretariat_opens_or_changes_calls(client, request, persona, open_call):
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/contributos/chamadas/nova/").status_code == 404
    assert client.post("/contributos/chamadas/nova/", call_data()).status_code == 404
    assert client.get(f"/contributos/chamadas/{open_call.pk}/editar/").status_code == 404
    assert Call.objects.count() == 1


def test_the_contributions_page_lists_open_calls_only(client, contact, open_call, closed_call):
    client.force_login(contact)
    response = client.get("/contributos/")
    assert response.status_code == 200
    assert list(response.context["open_calls"]) == [open_call]


def test_a_call_not_yet_open_is_not_listed(client, secretariat, contact):
    from tests import factories

    later = timezone.now() + timedelta(days=3)
    factories.call_for_contributions(
        actor=secretariat, opens_at=later, closes_at=later + timedelta(days=10)
    )
    client.force_login(contact)
    assert client.get("/contributos/").context["open_calls"] == []


def test_an_open_call_offers_the_contact_each_kind_it_accepts(client, contact, secretariat):
    from tests import factories

    call = factories.call_for_contributions(
        actor=secretariat, accepts_principles=False, accepts_best_practices=False
    )
    client.force_login(contact)
    page = client.get(f"/contributos/chamadas/{call.pk}/").content.decode()
    assert f"/contributos/chamadas/{call.pk}/contribuir/iniciativa/" in page
    assert "contribuir/principio/" not in page
    assert client.get(f"/contributos/chamadas/{call.pk}/contribuir/principio/").status_code == 404


def test_a_closed_call_shows_a_closed_form(client, contact, closed_call):
    client.force_login(contact)
    page = client.get(f"/contributos/chamadas/{closed_call.pk}/")
    assert "contribuir/iniciativa/" not in page.content.decode()
    response = client.get(f"/contributos/chamadas/{closed_call.pk}/contribuir/iniciativa/")
    assert response.status_code == 200
    assert response.context["closed"]
    assert b'id="chamada-fechada"' in response.content
    assert b"<textarea" not in response.content


@pytest.mark.parametrize("persona", ["specialist", "government"])
def test_people_outside_the_group_and_the_organisations_do_not_see_calls(
    client, request, persona, open_call
):
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/contributos/").status_code == 404
    assert client.get("/contributos/chamadas/").status_code == 404
    assert client.get(f"/contributos/chamadas/{open_call.pk}/").status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, open_call):
    response = client.get("/contributos/")
    assert response.status_code == 302
    assert response.url.startswith("/conta/entrar/")


def test_the_calls_list_counts_submitted_contributions(client, secretariat, submitted, draft):
    client.force_login(secretariat)
    response = client.get("/contributos/chamadas/")
    assert [call.contribution_count for call in response.context["page"]] == [1]


def test_the_home_page_shows_a_contact_the_open_calls(client, contact, open_call):
    client.force_login(contact)
    response = client.get("/painel/")
    assert [row["id"] for row in response.context["open_calls"]] == [open_call.pk]
    assert open_call.get_absolute_url() in response.content.decode()


def test_the_home_page_shows_a_reviewer_what_to_review(
    client, secretariat, representative, submitted
):
    from contributions import services

    services.reviewer_assign(actor=secretariat, contribution=submitted, person=representative)
    client.force_login(representative)
    response = client.get("/painel/")
    assert [row["id"] for row in response.context["contributions_to_review"]] == [submitted.pk]
    assert submitted.get_absolute_url() in response.content.decode()
