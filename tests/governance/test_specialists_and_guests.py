"""Specialists come for named items of an approved agenda (n.º 5); invited organisations see
only the items they were invited to (n.º 6); anything else is a 404."""

import pytest
from django.core.exceptions import ValidationError

from governance import services
from governance.models import SpecialistRequest
from tests import factories
from tests.governance.conftest import items_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def admitted(secretariat, dgt_representative, specialist, approved_meeting):
    """The DGT's specialist admitted to the second item («Visão») only."""
    request = services.specialist_request_create(
        actor=dgt_representative,
        meeting=approved_meeting,
        specialist=specialist,
        items=[items_of(approved_meeting)[1]],
    )
    return services.specialist_request_decide(actor=secretariat, request=request, admit=True)


def test_a_representative_asks_for_a_specialist_of_their_entity(
    client, dgt_representative, specialist, approved_meeting
):
    client.force_login(dgt_representative)
    url = f"/reunioes/{approved_meeting.pk}/especialistas/pedir/"
    assert client.get(url).status_code == 200
    second = items_of(approved_meeting)[1]
    response = client.post(url, {"specialist": specialist.pk, "items": [second.pk]})
    assert response.status_code == 302
    request = SpecialistRequest.objects.get()
    assert request.state == SpecialistRequest.State.REQUESTED
    assert list(request.items.all()) == [second]


def test_a_specialist_of_another_entity_is_refused(
    client, representative, specialist, approved_meeting
):
    client.force_login(representative)  # AMA; the specialist is of the DGT
    response = client.post(
        f"/reunioes/{approved_meeting.pk}/especialistas/pedir/",
        {"specialist": specialist.pk, "items": [items_of(approved_meeting)[0].pk]},
    )
    assert response.context["form"].errors["specialist"]
    assert not SpecialistRequest.objects.exists()
    with pytest.raises(ValidationError) as refused:
        services.specialist_request_create(
            actor=representative,
            meeting=approved_meeting,
            specialist=specialist,
            items=items_of(approved_meeting),
        )
    assert refused.value.error_dict["specialist"][0].code == "other_entity"


def test_a_request_names_at_least_one_item(
    client, dgt_representative, specialist, approved_meeting
):
    client.force_login(dgt_representative)
    response = client.post(
        f"/reunioes/{approved_meeting.pk}/especialistas/pedir/", {"specialist": specialist.pk}
    )
    assert response.context["form"].errors["items"]
    assert not SpecialistRequest.objects.exists()


def test_an_item_of_another_meeting_is_refused(
    secretariat, dgt_representative, specialist, approved_meeting
):
    other = factories.approved_meeting(actor=secretariat, days_ahead=20, titles=["Outro"])
    with pytest.raises(ValidationError) as refused:
        services.specialist_request_create(
            actor=dgt_representative,
            meeting=approved_meeting,
            specialist=specialist,
            items=items_of(other),
        )
    assert refused.value.error_dict["items"][0].code == "other_meeting"
    assert not SpecialistRequest.objects.exists()


def test_specialists_are_asked_for_only_on_an_approved_agenda(
    client, secretariat, dgt_representative, specialist, planned_meeting
):
    item = factories.agenda_item(actor=secretariat, meeting=planned_meeting)
    with pytest.raises(ValidationError) as refused:
        services.specialist_request_create(
            actor=dgt_representative, meeting=planned_meeting, specialist=specialist, items=[item]
        )
    assert refused.value.code == "agenda_not_approved"
    assert not SpecialistRequest.objects.exists()


@pytest.mark.parametrize("persona", ["specialist", "organisation_contact"])
def test_guests_cannot_ask_for_specialists(client, request, persona, approved_meeting):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(f"/reunioes/{approved_meeting.pk}/especialistas/pedir/").status_code == 404


def test_the_same_specialist_is_not_asked_for_twice(
    secretariat, dgt_representative, specialist, approved_meeting
):
    items = items_of(approved_meeting)
    services.specialist_request_create(
        actor=dgt_representative, meeting=approved_meeting, specialist=specialist, items=items
    )
    with pytest.raises(ValidationError):
        services.specialist_request_create(
            actor=dgt_representative, meeting=approved_meeting, specialist=specialist, items=items
        )
    assert SpecialistRequest.objects.count() == 1


def test_only_the_secretariat_decides(
    client, secretariat, dgt_representative, specialist, approved_meeting
):
    request = services.specialist_request_create(
        actor=dgt_representative,
        meeting=approved_meeting,
        specialist=specialist,
        items=items_of(approved_meeting),
    )
    url = f"/reunioes/{approved_meeting.pk}/especialistas/{request.pk}/decidir/"
    client.force_login(dgt_representative)
    assert client.post(url, {"decisao": "admitir"}).status_code == 403
    client.force_login(secretariat)
    assert client.get(url).status_code == 405
    client.post(url, {"decisao": "recusar"})
    request.refresh_from_db()
    assert request.state == SpecialistRequest.State.REFUSED
    client.post(url, {"decisao": "admitir"})  # already decided: refused, stays refused
    request.refresh_from_db()
    assert request.state == SpecialistRequest.State.REFUSED


def test_a_refused_specialist_sees_nothing(
    client, secretariat, dgt_representative, specialist, approved_meeting
):
    request = services.specialist_request_create(
        actor=dgt_representative,
        meeting=approved_meeting,
        specialist=specialist,
        items=items_of(approved_meeting),
    )
    services.specialist_request_decide(actor=secretariat, request=request, admit=False)
    client.force_login(specialist)
    assert client.get(f"/reunioes/{approved_meeting.pk}/").status_code == 404


def test_an_admitted_specialist_sees_only_their_meeting_and_item(
    client, secretariat, specialist, approved_meeting, admitted
):
    other_meeting = factories.approved_meeting(actor=secretariat, days_ahead=20)
    first, second = items_of(approved_meeting)
    client.force_login(specialist)
    listing = client.get("/reunioes/")
    assert list(listing.context["upcoming"]) == [approved_meeting]
    page = client.get(f"/reunioes/{approved_meeting.pk}/")
    assert page.status_code == 200
    assert [row["id"] for row in page.context["detail"].items] == [second.pk]
    assert page.context["detail"].specialist_requests == []
    assert "Abertura" not in page.content.decode()
    assert client.get(second.get_absolute_url()).status_code == 200
    assert client.get(first.get_absolute_url()).status_code == 404
    assert client.get(f"/reunioes/{other_meeting.pk}/").status_code == 404
    assert client.get(f"/reunioes/{approved_meeting.pk}/ata/").status_code == 404
    assert client.get(f"/reunioes/{approved_meeting.pk}/presencas/").status_code == 403


def test_an_admitted_specialist_of_a_convened_meeting_receives_the_notice(
    secretariat,
    dgt_representative,
    specialist,
    convened_meeting,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    request = services.specialist_request_create(
        actor=dgt_representative,
        meeting=convened_meeting,
        specialist=specialist,
        items=[items_of(convened_meeting)[1]],
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.specialist_request_decide(actor=secretariat, request=request, admit=True)
    notices = [m for m in mailoutbox if m.attachments]  # the requester's notice has no calendar
    assert [m.to for m in notices] == [[specialist.email]]
    body = notices[0].body
    assert "Visão" in body and "Abertura" not in body
    assert "n.º 7" in body


def test_the_secretariat_invites_an_organisation_to_named_items(
    client, secretariat, organisation_contact, approved_meeting
):
    first, second = items_of(approved_meeting)
    client.force_login(secretariat)
    url = f"/reunioes/{approved_meeting.pk}/convidados/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"contact": organisation_contact.pk, "items": [first.pk]})
    assert response.status_code == 302
    client.force_login(organisation_contact)
    page = client.get(f"/reunioes/{approved_meeting.pk}/")
    assert [row["id"] for row in page.context["detail"].items] == [first.pk]
    assert client.get(first.get_absolute_url()).status_code == 200
    assert client.get(second.get_absolute_url()).status_code == 404


def test_only_organisation_contacts_are_invited(
    client, secretariat, specialist, representative, approved_meeting
):
    client.force_login(secretariat)
    response = client.post(
        f"/reunioes/{approved_meeting.pk}/convidados/",
        {"contact": specialist.pk, "items": [items_of(approved_meeting)[0].pk]},
    )
    assert response.context["form"].errors["contact"]
    client.force_login(representative)
    assert client.get(f"/reunioes/{approved_meeting.pk}/convidados/").status_code == 403


def test_an_invited_organisation_of_a_convened_meeting_is_told_it_is_unpaid(
    secretariat,
    organisation_contact,
    convened_meeting,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        services.guest_invite(
            actor=secretariat,
            meeting=convened_meeting,
            contact=organisation_contact,
            items=[items_of(convened_meeting)[0]],
        )
    assert [m.to for m in mailoutbox] == [[organisation_contact.email]]
    assert "n.º 7" in mailoutbox[0].body
    assert "Visão" not in mailoutbox[0].body


def test_a_specialist_sees_only_their_item_after_the_secretariat_saw_the_page(
    client, secretariat, specialist, approved_meeting, admitted
):
    """The agenda is a cached fragment: the specialist's has only their item, whoever came first."""
    url = f"/reunioes/{approved_meeting.pk}/"
    client.force_login(secretariat)
    assert "Abertura" in client.get(url).content.decode()
    client.force_login(specialist)
    html = client.get(url).content.decode()
    assert "Abertura" not in html and "Visão" in html
    assert f"/reunioes/{approved_meeting.pk}/atividade/" not in html
