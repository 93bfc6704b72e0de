"""A meeting page's compiled reads: the agenda rows are the items each person may see, as the
ORM reads them, and the member-only parts are read only when the meeting has them."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from governance import permissions, selectors, services
from tests import factories
from tests.governance.test_meeting_query_counts import grow

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def agenda(secretariat, representative):
    """A meeting of three items (one with two materials, one with a presenter, two discussed by
    sections), a guest invited to the first two and a grant on another meeting's item."""
    meeting = factories.meeting(actor=secretariat)
    items = [
        factories.agenda_item(actor=secretariat, meeting=meeting, title=title)
        for title in ("Abertura", "Visão", "Encerramento")
    ]
    services.agenda_item_update(
        actor=secretariat,
        item=items[1],
        title="Visão",
        duration_minutes=45,
        presenter=representative,
        base_revision=items[1].revision,
    )
    for n in range(2):
        services.material_add(
            actor=secretariat, item=items[0], upload=SimpleUploadedFile(f"m{n}.pdf", PDF)
        )
    later = factories.section(actor=secretariat, title="Zeta")
    earlier = factories.section(actor=secretariat, title="Alfa")
    later.agenda_items.add(items[0], items[2])
    earlier.agenda_items.add(items[0])
    guest = factories.OrganisationContactFactory()
    services.guest_invite(actor=secretariat, meeting=meeting, contact=guest, items=items[:2])
    other = factories.meeting(actor=secretariat, title="Outra", days_ahead=20)
    elsewhere = factories.agenda_item(actor=secretariat, meeting=other, title="Noutra")
    services.guest_invite(actor=secretariat, meeting=other, contact=guest, items=[elsewhere])
    meeting.refresh_from_db()
    return meeting, guest


def rows_the_orm_reads(user, meeting):
    """The agenda as the page read it before its reads were compiled (model instances)."""
    return [
        {
            "id": item.pk,
            "meeting_id": item.meeting_id,
            "position": item.position,
            "title": item.title,
            "duration_minutes": item.duration_minutes,
            "presenter__full_name": item.presenter.full_name if item.presenter else None,
            "material_count": item.materials.count(),
            "sections": [section.title for section in item.sections.all()],
        }
        for item in permissions.items_visible_to(user, meeting).order_by("position", "pk")
    ]


def test_the_agenda_rows_are_the_items_each_person_may_see(
    agenda, secretariat, representative, specialist, government
):
    meeting, guest = agenda
    for person in (secretariat, representative, guest, specialist, government):
        assert selectors.agenda_rows(person, meeting) == rows_the_orm_reads(person, meeting)


def test_members_see_every_item_and_a_guest_only_those_invited_to(
    agenda, secretariat, representative, specialist
):
    meeting, guest = agenda
    titles = lambda person: [row["title"] for row in selectors.agenda_rows(person, meeting)]  # noqa: E731
    assert titles(secretariat) == titles(representative) == ["Abertura", "Visão", "Encerramento"]
    assert titles(guest) == ["Abertura", "Visão"]
    assert titles(specialist) == []


def test_an_items_row_has_its_presenter_materials_and_sections_in_their_order(agenda, secretariat):
    meeting, _guest = agenda
    opening, vision, closing = selectors.agenda_rows(secretariat, meeting)
    assert (opening["material_count"], opening["presenter__full_name"]) == (2, None)
    assert opening["sections"] == ["Zeta", "Alfa"]  # the sections' own order: created first
    assert (vision["duration_minutes"], vision["presenter__full_name"]) == (
        45,
        "Rita Representante",
    )
    assert (vision["sections"], closing["sections"]) == ([], ["Zeta"])


def test_an_empty_agenda_is_one_query(secretariat):
    meeting = factories.meeting(actor=secretariat)
    selectors.agenda_rows(secretariat, meeting)
    with CaptureQueriesContext(connection) as queries:
        assert selectors.agenda_rows(secretariat, meeting) == []
    assert len(queries) == 1


def test_the_parts_recorded_say_which_member_only_parts_a_meeting_has(secretariat, representative):
    meeting = factories.meeting(actor=secretariat)
    nothing = {
        "has_specialist_requests": False,
        "has_guests": False,
        "has_attendance": False,
        "has_minutes": False,
    }
    assert selectors.PARTS_RECORDED(meeting_id=meeting.pk) == [nothing]
    meeting = grow(meeting, secretariat, representative, items=2, guests=1, specialists=1)
    assert selectors.PARTS_RECORDED(meeting_id=meeting.pk) == [
        {**nothing, "has_specialist_requests": True, "has_guests": True, "has_attendance": True}
    ]
    services.meeting_mark_held(actor=secretariat, meeting=meeting)
    services.minutes_save(actor=secretariat, meeting=meeting, body="Ata", base_revision=0)
    assert selectors.PARTS_RECORDED(meeting_id=meeting.pk)[0]["has_minutes"] is True


def test_a_meeting_without_member_only_parts_reads_none_of_them(secretariat, representative):
    bare = factories.meeting(actor=secretariat)
    selectors.meeting_page(secretariat, bare)
    with CaptureQueriesContext(connection) as queries:
        page = selectors.meeting_page(secretariat, bare)
    assert len(queries) == 2  # the agenda, which parts are recorded
    assert (page.specialist_requests, page.guests, page.attendance, page.minutes) == (
        [],
        [],
        [],
        None,
    )
    full = grow(
        factories.meeting(actor=secretariat, title="Cheia", days_ahead=9),
        secretariat,
        representative,
        items=2,
        guests=1,
        specialists=1,
    )
    page = selectors.meeting_page(secretariat, full)
    assert (len(page.specialist_requests), len(page.guests), len(page.attendance)) == (1, 1, 2)
    assert page.seats > 0
