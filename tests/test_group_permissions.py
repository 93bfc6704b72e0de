"""Moving a permission between role groups (in the admin or in code) changes what a role may do.

One permission of each app: nothing in the portal reads the role itself to decide.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client

from governance.models import User

pytestmark = pytest.mark.django_db


def permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def group(name: str) -> Group:
    return Group.objects.get(name=name)


@pytest.fixture
def admin_client(db):
    """A superuser in the Django admin, in a browser of their own."""
    admin = User.objects.create_superuser("raiz@portal.example", "x", full_name="Raiz")
    client = Client()
    client.force_login(admin)
    return client


def move_in_the_admin(admin_client, *, dotted: str, source: str, target: str) -> None:
    """Take ``dotted`` from the ``source`` group and give it to ``target`` through the admin."""
    moved = permission(dotted)
    for name, change in ((source, "remove"), (target, "add")):
        chosen = set(group(name).permissions.values_list("pk", flat=True))
        chosen = chosen - {moved.pk} if change == "remove" else chosen | {moved.pk}
        response = admin_client.post(
            f"/admin/auth/group/{group(name).pk}/change/",
            {"name": name, "permissions": sorted(chosen)},
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        assert response["Location"] == "/admin/auth/group/"
    assert moved not in group(source).permissions.all()
    assert moved in group(target).permissions.all()


def test_publishing_moves_with_add_release_from_the_secretariat_to_the_representatives(
    client, admin_client, portal_world
):
    """strategy: publishing a release is ``strategy.add_release``, not being the secretariat."""
    url = "/documentos/estrategia/nova-versao/"
    client.force_login(portal_world.secretariat)
    assert client.get(url).status_code == 200
    client.force_login(portal_world.representative)
    assert client.get(url).status_code == 403

    move_in_the_admin(
        admin_client, dotted="strategy.add_release", source="secretariat", target="representative"
    )

    client.force_login(portal_world.secretariat)
    assert client.get(url).status_code == 403
    client.force_login(portal_world.representative)
    assert client.get(url).status_code == 200


def test_a_specialist_reads_granted_sections_only_while_the_group_holds_the_permission(
    client, portal_world
):
    """strategy: the granted section is read through ``read_granted_sections`` + the grant."""
    section = portal_world.granted_section
    client.force_login(portal_world.specialist)
    assert client.get(section.get_absolute_url()).status_code == 200
    group("specialist").permissions.remove(permission("strategy.read_granted_sections"))
    assert client.get(section.get_absolute_url()).status_code == 404


def test_the_government_downloads_shared_releases_only_while_its_group_holds_the_permission(
    client, portal_world
):
    release = portal_world.government_release
    client.force_login(portal_world.government)
    assert client.get(release.get_absolute_url()).status_code == 200
    group("government").permissions.remove(permission("strategy.view_government_release"))
    assert client.get(release.get_absolute_url()).status_code == 404


def test_assigning_reviewers_moves_with_its_permission(client, portal_world):
    """contributions: ``assign_reviewers`` given to the representatives lets them assign."""
    url = f"/contributos/{portal_world.submitted_contribution.pk}/revisores/"
    data = {"person": portal_world.representative.pk}
    client.force_login(portal_world.representative)
    assert client.post(url, data).status_code == 403
    group("representative").permissions.add(permission("contributions.assign_reviewers"))
    assert client.post(url, data).status_code == 302
    assert portal_world.representative.has_perm(
        "contributions.review_contribution", portal_world.submitted_contribution
    )
    group("secretariat").permissions.remove(permission("contributions.assign_reviewers"))
    client.force_login(portal_world.secretariat)
    assert client.post(url, data).status_code == 403


def test_an_organisation_contact_acts_for_it_only_while_the_group_holds_the_permission(
    client, portal_world
):
    draft = portal_world.draft_contribution
    client.force_login(portal_world.organisation_contact)
    assert client.get(draft.get_absolute_url()).status_code == 200
    group("organisation").permissions.remove(permission("contributions.act_for_organisation"))
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_approving_agendas_moves_with_change_meeting(client, portal_world):
    """governance: approving an agenda is ``change_meeting``, not being the secretariat."""
    from governance import services

    meeting = portal_world.planned_meeting
    services.agenda_item_add(actor=portal_world.secretariat, meeting=meeting, title="Ponto")
    services.agenda_submit(actor=portal_world.secretariat, meeting=meeting)
    url = f"/reunioes/{meeting.pk}/ordem-de-trabalhos/aprovar/"
    client.force_login(portal_world.representative)
    assert client.post(url).status_code == 403
    group("representative").permissions.add(permission("governance.change_meeting"))
    assert client.post(url).status_code == 302
    meeting.refresh_from_db()
    assert meeting.agenda_state == meeting.AgendaState.APPROVED


def test_a_specialist_sees_admitted_items_only_while_the_group_holds_attend_as_specialist(
    client, portal_world
):
    item = portal_world.admitted_item
    url = f"/reunioes/{item.meeting_id}/pontos/{item.pk}/"
    client.force_login(portal_world.specialist)
    assert client.get(url).status_code == 200
    group("specialist").permissions.remove(permission("governance.attend_as_specialist"))
    assert client.get(url).status_code == 404
