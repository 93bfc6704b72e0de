"""The fixture world holds what the permission tests rely on."""

from contributions.models import Contribution
from governance import permissions as governance_permissions
from strategy import permissions as strategy_permissions
from strategy.models import Release


def test_it_has_contributions_of_two_organisations_in_several_states(portal_world):
    states = set(Contribution.objects.values_list("state", flat=True))
    assert {"draft", "submitted", "under_review", "accepted", "withdrawn"} <= states
    assert Contribution.objects.values("organisation").distinct().count() == 2


def test_the_specialist_sees_only_the_admitted_item_and_the_granted_section(portal_world):
    specialist = portal_world.specialist
    assert list(governance_permissions.granted_items(specialist)) == [portal_world.admitted_item]
    assert list(strategy_permissions.sections_visible_to(specialist)) == [
        portal_world.granted_section
    ]


def test_the_organisation_contact_is_invited_to_one_item(portal_world):
    assert list(governance_permissions.granted_items(portal_world.organisation_contact)) == [
        portal_world.invited_item
    ]
    assert not governance_permissions.granted_items(portal_world.other_contact).exists()


def test_it_has_a_release_of_every_visibility(portal_world):
    releases = Release.objects.all()
    assert {r.visibility for r in releases} == set(Release.Visibility.values)
    assert {r.kind for r in releases} == set(Release.Kind.values)


def test_its_ids_name_every_object(portal_world):
    ids = portal_world.ids
    assert ids["meeting"] == portal_world.meeting.pk
    assert ids["granted_section"] == portal_world.granted_section.pk
    assert ids["other_contact_user"] == portal_world.other_contact.pk
    assert ids["calendar_token"]
