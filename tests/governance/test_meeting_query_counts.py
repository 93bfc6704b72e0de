"""Meeting pages cost the same queries however many meetings, items and attendees there are."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from governance import services
from governance.models import Meeting
from tests import factories

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def queries(client, url: str) -> int:
    client.get(url)  # warm the session, content-type and permission caches
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def grow(meeting, secretariat, representative, *, items: int, guests: int, specialists: int):
    """Add items (each with a material), invited contacts, admitted specialists, attendance."""
    for n in range(items):
        item = factories.agenda_item(
            actor=secretariat, meeting=meeting, title=f"Ponto {n}", presenter=representative
        )
        services.material_add(
            actor=secretariat, item=item, upload=SimpleUploadedFile(f"m{n}.pdf", PDF)
        )
    meeting.refresh_from_db()
    if meeting.agenda_state == Meeting.AgendaState.DRAFT:
        meeting = services.agenda_submit(actor=secretariat, meeting=meeting)
    if meeting.agenda_state == Meeting.AgendaState.SUBMITTED:
        meeting = services.agenda_approve(actor=secretariat, meeting=meeting)
    all_items = list(meeting.items.all())
    rows = []
    for _ in range(guests):
        contact = factories.OrganisationContactFactory()
        services.guest_invite(
            actor=secretariat, meeting=meeting, contact=contact, items=all_items[:2]
        )
        rows.append((contact, "present", ""))
    for _ in range(specialists):
        person = factories.SpecialistFactory(entity=factories.entity("ama"))
        request = services.specialist_request_create(
            actor=representative, meeting=meeting, specialist=person, items=all_items[:2]
        )
        services.specialist_request_decide(actor=secretariat, request=request, admit=True)
        rows.append((person, "present", ""))
    meeting.refresh_from_db()
    if meeting.state == Meeting.State.PLANNED:
        services.meeting_convene(actor=secretariat, meeting=meeting)
    if not meeting.has_started:
        meeting = factories.move_to_past(meeting, days_ago=0)  # attendance waits for the start
    services.attendance_record(actor=secretariat, meeting=meeting, rows=rows)
    return meeting


def add_meetings(secretariat, count: int, offset: int) -> None:
    for n in range(count):
        factories.approved_meeting(actor=secretariat, title=f"R{n}", days_ahead=offset + n)
        past = factories.meeting(actor=secretariat, title=f"P{n}", days_ahead=offset + n)
        factories.move_to_past(past, days_ago=n + 1)


def test_the_list_does_not_grow_with_meetings(client, secretariat, specialist, representative):
    add_meetings(secretariat, 3, 10)
    for person in (representative, secretariat):
        client.force_login(person)
        few = queries(client, "/reunioes/")
        add_meetings(secretariat, 25, 100)
        assert queries(client, "/reunioes/") == few


def test_the_meeting_page_does_not_grow_with_items_or_attendees(
    client, secretariat, representative
):
    meeting = factories.meeting(actor=secretariat)
    grow(meeting, secretariat, representative, items=2, guests=1, specialists=1)
    url = meeting.get_absolute_url()
    client.force_login(secretariat)
    few = queries(client, url)
    grow(meeting, secretariat, representative, items=20, guests=12, specialists=12)
    assert queries(client, url) == few


def test_a_guests_pages_do_not_grow_with_items(client, secretariat, representative):
    meeting = factories.meeting(actor=secretariat)
    grow(meeting, secretariat, representative, items=3, guests=0, specialists=0)
    contact = factories.OrganisationContactFactory()
    items = list(meeting.items.all())
    services.guest_invite(actor=secretariat, meeting=meeting, contact=contact, items=items)
    client.force_login(contact)
    few_page, few_list = queries(client, meeting.get_absolute_url()), queries(client, "/reunioes/")
    grow(meeting, secretariat, representative, items=20, guests=0, specialists=0)
    services.guest_invite(
        actor=secretariat, meeting=meeting, contact=contact, items=list(meeting.items.all())
    )
    assert queries(client, meeting.get_absolute_url()) == few_page
    assert queries(client, "/reunioes/") == few_list


def test_the_item_page_does_not_grow_with_materials(client, secretariat, representative):
    meeting = factories.approved_meeting(actor=secretariat)
    item = meeting.items.first()
    upload = lambda n: SimpleUploadedFile(f"d{n}.pdf", PDF)  # noqa: E731
    services.material_add(actor=secretariat, item=item, upload=upload(0))
    client.force_login(representative)
    few = queries(client, item.get_absolute_url())
    for n in range(1, 15):
        services.material_add(actor=secretariat, item=item, upload=upload(n))
    assert queries(client, item.get_absolute_url()) == few


def test_the_attendance_page_does_not_grow_with_attendees(client, secretariat, representative):
    meeting = factories.meeting(actor=secretariat)
    grow(meeting, secretariat, representative, items=2, guests=1, specialists=1)
    url = f"/reunioes/{meeting.pk}/presencas/"
    client.force_login(secretariat)
    few = queries(client, url)
    grow(meeting, secretariat, representative, items=0, guests=12, specialists=12)
    assert queries(client, url) == few


def test_the_minutes_page_does_not_grow_with_decisions_or_actions(
    client, secretariat, representative
):
    meeting = factories.approved_meeting(actor=secretariat)
    services.meeting_convene(actor=secretariat, meeting=meeting)
    factories.move_to_past(meeting)
    services.meeting_mark_held(actor=secretariat, meeting=meeting)
    minutes = services.minutes_save(actor=secretariat, meeting=meeting, body="Ata", base_revision=0)
    item = meeting.items.first()

    def record(count):
        for n in range(count):
            services.decision_add(actor=secretariat, minutes=minutes, text=f"D{n}", item=item)
            services.action_item_add(
                actor=secretariat,
                minutes=minutes,
                description=f"A{n}",
                owner=representative,
                due_on=date.today() + timedelta(days=n),
            )

    record(2)
    url = f"/reunioes/{meeting.pk}/ata/"
    client.force_login(representative)
    few, few_home = queries(client, url), queries(client, "/painel/")
    record(20)
    assert queries(client, url) == few
    assert queries(client, "/painel/") == few_home


def test_the_feed_does_not_grow_with_meetings(client, secretariat, representative):
    add_meetings(secretariat, 3, 10)
    client.force_login(representative)
    response = client.post("/reunioes/calendario/", {"operacao": "criar"})
    path = response.context["feed_url"].split("testserver", 1)[1]
    client.logout()
    few = queries(client, path)
    add_meetings(secretariat, 25, 100)
    assert queries(client, path) == few


def test_the_meeting_page_stays_within_its_query_budget(client, secretariat, representative):
    """The budget reached (issue 12): materials are counted, not fetched."""
    meeting = factories.meeting(actor=secretariat)
    grow(meeting, secretariat, representative, items=2, guests=1, specialists=1)
    client.force_login(secretariat)
    assert queries(client, meeting.get_absolute_url()) <= 16
