"""Members link a section to the agenda items where it is discussed; the item's page lists it."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(secretariat):
    return factories.approved_meeting(actor=secretariat, titles=["Abertura", "Visão"])


def url(section) -> str:
    return f"/documentos/estrategia/{section.pk}/reunioes/"


def test_a_member_links_a_section_to_an_agenda_item(client, representative, vision, meeting):
    item = meeting.items.get(title="Visão")
    client.force_login(representative)
    assert client.get(url(vision)).status_code == 200
    response = client.post(url(vision), {"agenda_items": [item.pk]})
    assert response.status_code == 302
    assert list(vision.agenda_items.all()) == [item]
    page = client.get(item.get_absolute_url())
    assert list(page.context["item"].sections.all()) == [vision]
    assert vision.get_absolute_url() in page.content.decode()


def test_links_can_be_removed(client, representative, vision, meeting):
    vision.agenda_items.set(meeting.items.all())
    client.force_login(representative)
    client.post(url(vision), {})
    assert not vision.agenda_items.exists()


def test_an_unknown_item_is_refused_and_nothing_stored(client, representative, vision, meeting):
    client.force_login(representative)
    response = client.post(url(vision), {"agenda_items": ["999999"]})
    assert response.status_code == 200
    assert response.context["form"].errors["agenda_items"]
    assert not vision.agenda_items.exists()


def test_a_granted_specialist_cannot_link(client, secretariat, specialist, vision, meeting):
    from strategy import services

    services.section_reader_grant(actor=secretariat, section=vision, person=specialist)
    client.force_login(specialist)
    assert client.get(url(vision)).status_code == 403
    item = meeting.items.first()
    assert client.post(url(vision), {"agenda_items": [item.pk]}).status_code == 403
    assert not vision.agenda_items.exists()


@pytest.mark.parametrize("persona", ["organisation_contact", "government"])
def test_others_do_not_see_the_page(client, request, persona, vision):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(url(vision)).status_code == 404
