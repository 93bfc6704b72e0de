"""Members, secretariat staff and the superuser are told apart wherever people are listed."""

import pytest
from django.core.exceptions import ValidationError

from governance import services
from governance.forms.choosers import PersonChoiceField
from governance.models import MEMBER_ROLES, Attendance, Role, User
from tests import factories
from tests.governance.conftest import items_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("admin@portal.example", "x", full_name="Administração")


@pytest.fixture
def started_meeting(convened_meeting):
    return factories.move_to_past(convened_meeting, days_ago=0)


@pytest.fixture
def meeting_with_everyone(
    secretariat, representative, specialist, dgt_representative, organisation_contact, superuser
):
    meeting = factories.approved_meeting(actor=secretariat, titles=("Abertura", "Visão", "Dados"))
    _first, second, third = items_of(meeting)
    request = services.specialist_request_create(
        actor=dgt_representative, meeting=meeting, specialist=specialist, items=[second]
    )
    services.specialist_request_decide(actor=secretariat, request=request, admit=True)
    services.guest_invite(
        actor=secretariat, meeting=meeting, contact=organisation_contact, items=[third]
    )
    services.meeting_convene(actor=secretariat, meeting=meeting)
    return factories.move_to_past(meeting, days_ago=0)


def test_members_are_the_seat_holders_and_the_secretariat_is_apart(
    meeting_with_everyone, secretariat, representative, specialist, organisation_contact
):
    capacities = {
        row.person: row.capacity for row in services.expected_attendees(meeting_with_everyone)
    }
    assert capacities[representative] == Attendance.Capacity.MEMBER
    assert capacities[secretariat] == Attendance.Capacity.SECRETARIAT
    assert capacities[specialist] == Attendance.Capacity.SPECIALIST
    assert capacities[organisation_contact] == Attendance.Capacity.GUEST


def test_the_superuser_is_never_expected_at_a_meeting(meeting_with_everyone, superuser):
    people = [row.person for row in services.expected_attendees(meeting_with_everyone)]
    assert superuser not in people


def test_specialists_and_guests_are_listed_with_their_items(
    meeting_with_everyone, specialist, organisation_contact
):
    rows = {row.person: row for row in services.expected_attendees(meeting_with_everyone)}
    assert [item.title for item in rows[specialist].items] == ["Visão"]
    assert [item.title for item in rows[organisation_contact].items] == ["Dados"]


def test_the_attendance_page_lists_each_capacity_in_its_own_table(
    client, secretariat, meeting_with_everyone
):
    client.force_login(secretariat)
    page = client.get(f"/reunioes/{meeting_with_everyone.pk}/presencas/").content.decode()
    members = page.index('id="presencas-member"')
    staff = page.index('id="presencas-secretariat"')
    specialists = page.index('id="presencas-specialist"')
    guests = page.index('id="presencas-guest"')
    assert members < staff < specialists < guests
    assert "Administração" not in page
    assert page.index("Rita Representante") < staff < page.index("Sara Secretariado")
    assert "2. Visão" in page[specialists:guests]


def test_the_secretariat_is_not_counted_among_the_members_present(
    client, secretariat, representative, meeting_with_everyone
):
    services.attendance_record(
        actor=secretariat,
        meeting=meeting_with_everyone,
        rows=[(secretariat, "present", ""), (representative, "present", "")],
    )
    assert Attendance.objects.get(person=secretariat).capacity == Attendance.Capacity.SECRETARIAT
    client.force_login(secretariat)
    response = client.get(f"/reunioes/{meeting_with_everyone.pk}/")
    assert response.context["detail"].members_in_attendance == 1
    assert response.context["detail"].seats == 11


def test_the_superuser_cannot_be_recorded(secretariat, superuser, started_meeting):
    with pytest.raises(ValidationError) as refused:
        services.attendance_record(
            actor=secretariat, meeting=started_meeting, rows=[(superuser, "present", "")]
        )
    assert refused.value.code == "not_expected"


# Attendance only once the meeting started (point 3) ---------------------------------------------


def test_attendance_is_refused_before_a_convened_meeting_starts(
    secretariat, representative, convened_meeting
):
    with pytest.raises(ValidationError) as refused:
        services.attendance_record(
            actor=secretariat, meeting=convened_meeting, rows=[(representative, "present", "")]
        )
    assert refused.value.code == "meeting_state"
    assert not Attendance.objects.exists()


def test_the_attendance_page_of_a_future_meeting_says_why_and_goes_back(
    client, secretariat, representative, convened_meeting
):
    client.force_login(secretariat)
    url = f"/reunioes/{convened_meeting.pk}/presencas/"
    response = client.post(url, {f"estado_{representative.pk}": "present"}, follow=True)
    assert "A presença regista-se depois de a reunião convocada começar." in (
        response.content.decode()
    )
    assert not Attendance.objects.exists()
    assert not response.context["may_record_attendance"]


def test_attendance_is_recorded_once_the_meeting_started(
    secretariat, representative, started_meeting
):
    services.attendance_record(
        actor=secretariat, meeting=started_meeting, rows=[(representative, "present", "")]
    )
    assert Attendance.objects.get().status == Attendance.Status.PRESENT


# One person chooser ----------------------------------------------------------------------------


def test_the_chooser_groups_people_by_entity_in_the_order_of_n4(
    secretariat, representative, dgt_representative, superuser
):
    field = PersonChoiceField(roles=MEMBER_ROLES)
    groups = [label for label, _options in field.choices if label]
    assert groups.index("AMA") < groups.index("DGT") < groups.index("EMPD")
    options = dict(field.choices)
    assert [name for _pk, name in options["AMA"]] == ["Rita Representante (Representante)"]
    every_pk = [pk for _label, group in field.choices[1:] for pk, _name in group]
    assert superuser.pk not in every_pk


def test_the_chooser_renders_optgroups(representative):
    from django import forms

    class Form(forms.Form):
        person = PersonChoiceField(roles={Role.REPRESENTATIVE})

    html = str(Form()["person"])
    assert '<optgroup label="AMA">' in html
    assert ">Rita Representante</option>" in html


def test_the_chooser_sorts_names_by_portuguese_collation():
    ama = factories.entity("modernizacao")
    factories.RepresentativeFactory(full_name="Óscar Ramos", entity=ama)
    factories.RepresentativeFactory(full_name="Olga Matos", entity=ama)
    field = PersonChoiceField(roles={Role.REPRESENTATIVE})
    names = [name for _pk, name in dict(field.choices)[ama.short_name]]
    assert names == ["Olga Matos", "Óscar Ramos"]


def test_the_chooser_refuses_the_superuser_as_a_value(superuser):
    field = PersonChoiceField(roles=MEMBER_ROLES)
    with pytest.raises(ValidationError):
        field.clean(superuser.pk)


@pytest.mark.parametrize(
    ("form_path", "field_name", "kwargs"),
    [
        ("governance.forms.meetings.AgendaItemForm", "presenter", {}),
        ("governance.forms.meetings.ActionItemForm", "owner", {}),
        ("contributions.forms.ReviewerForm", "person", {}),
        ("strategy.forms.PersonChoiceForm", "person", {}),
    ],
)
def test_every_person_chooser_is_the_shared_field(form_path, field_name, kwargs):
    from django.utils.module_loading import import_string

    form = import_string(form_path)(**kwargs)
    assert isinstance(form.fields[field_name], PersonChoiceField)


def test_the_superuser_cannot_be_made_an_action_owner_through_the_service(
    secretariat, superuser, started_meeting
):
    from datetime import date

    services.meeting_mark_held(actor=secretariat, meeting=started_meeting)
    minutes = services.minutes_save(
        actor=secretariat, meeting=started_meeting, body="Ata", base_revision=0
    )
    with pytest.raises(ValidationError):
        services.action_item_add(
            actor=secretariat,
            minutes=minutes,
            description="Rever",
            owner=superuser,
            due_on=date(2030, 1, 1),
        )
