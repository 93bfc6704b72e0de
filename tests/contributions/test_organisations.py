"""The secretariat records organisations (NIF checked) and invites their contacts by e-mail."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from contributions import permissions
from contributions.models import Organisation, OrganisationContact
from governance.models import Invitation, Role, User

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "um-passeio-no-parque-2022"
VALID = {
    "name": "Universidade do Exemplo",
    "kind": "academia",
    "scope": "national",
    "country": "PT",
    "nif": "503 000 000",
}


def test_secretariat_records_a_portuguese_organisation_with_its_nif(client, secretariat):
    client.force_login(secretariat)
    response = client.post("/contributos/organizacoes/nova/", VALID)
    organisation = Organisation.objects.get()
    assert response.status_code == 302
    assert response.url == f"/contributos/organizacoes/{organisation.pk}/"
    assert (organisation.nif, organisation.kind) == ("503000000", "academia")
    assert organisation.history.count() == 1


def test_a_european_organisation_needs_no_nif(client, secretariat):
    client.force_login(secretariat)
    data = {**VALID, "name": "Eurocities", "scope": "international", "country": "BE", "nif": ""}
    assert client.post("/contributos/organizacoes/nova/", data).status_code == 302
    assert Organisation.objects.get().country_name


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"nif": "503000001"}, "nif", "invalid_nif"),
        ({"nif": "12345"}, "nif", "invalid_nif"),
        ({"nif": ""}, None, None),  # a Portuguese organisation without a NIF
        ({"country": "ES", "nif": ""}, None, None),  # «national» but not Portuguese
        ({"name": "<script>alert(1)</script>"}, "name", "markup"),
        ({"kind": "seita"}, "kind", "invalid_choice"),
    ],
)
def test_bad_organisation_data_is_refused_and_nothing_stored(
    client, secretariat, changes, field, code
):
    client.force_login(secretariat)
    response = client.post("/contributos/organizacoes/nova/", {**VALID, **changes})
    assert response.status_code == 200
    form = response.context["form"]
    if field:
        assert code in [error.code for error in form.errors.as_data()[field]]
    else:
        assert form.non_field_errors()
    assert not Organisation.objects.exists()


def test_two_organisations_cannot_share_a_nif(client, secretariat, organisation):
    client.force_login(secretariat)
    response = client.post("/contributos/organizacoes/nova/", {**VALID, "nif": organisation.nif})
    assert response.status_code == 200
    assert Organisation.objects.count() == 1


def test_secretariat_changes_an_organisation(client, secretariat, organisation):
    client.force_login(secretariat)
    url = f"/contributos/organizacoes/{organisation.pk}/editar/"
    assert client.get(url).status_code == 200
    response = client.post(url, {**VALID, "nif": organisation.nif, "name": "CM Exemplo"})
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "CM Exemplo"
    assert organisation.history.count() == 2


@pytest.mark.parametrize("persona", ["representative", "organisation_contact", "government"])
def test_only_the_secretariat_manages_organisations(client, request, persona, organisation):
    client.force_login(request.getfixturevalue(persona))
    for url in [
        "/contributos/organizacoes/",
        "/contributos/organizacoes/nova/",
        f"/contributos/organizacoes/{organisation.pk}/",
        f"/contributos/organizacoes/{organisation.pk}/editar/",
    ]:
        assert client.get(url).status_code == 404, url
    response = client.post(
        f"/contributos/organizacoes/{organisation.pk}/convidar/",
        {"full_name": "X", "email": "x@x.example"},
    )
    assert response.status_code == 404
    assert not Invitation.objects.exists()


def test_the_organisation_pages_list_and_show_it(client, secretariat, organisation, contact):
    client.force_login(secretariat)
    listing = client.get("/contributos/organizacoes/")
    assert organisation.name in listing.content.decode()
    page = client.get(f"/contributos/organizacoes/{organisation.pk}/")
    assert contact.email in page.content.decode()


def invite(client, secretariat, organisation, capture, email="nova@exemplo.example"):
    client.force_login(secretariat)
    with capture(execute=True):
        return client.post(
            f"/contributos/organizacoes/{organisation.pk}/convidar/",
            {"full_name": "Nádia Nova", "email": email},
        )


def accept_link(mail) -> str:
    return re.search(r"https?://\S+/conta/convite/\S+/", mail.body).group(0)


def test_the_secretariat_invites_a_contact_through_the_governance_invitation(
    client, secretariat, organisation, mailoutbox, django_capture_on_commit_callbacks
):
    response = invite(client, secretariat, organisation, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role, invitation.entity) == (
        "nova@exemplo.example",
        Role.ORGANISATION,
        None,
    )
    contact = OrganisationContact.objects.get()
    assert (contact.organisation, contact.invitation, contact.user) == (
        organisation,
        invitation,
        None,
    )
    assert [m.to for m in mailoutbox] == [["nova@exemplo.example"]]


def test_accepting_the_invitation_makes_the_person_the_organisations_contact(
    client, secretariat, organisation, open_call, mailoutbox, django_capture_on_commit_callbacks
):
    invite(client, secretariat, organisation, django_capture_on_commit_callbacks)
    client.logout()
    link = accept_link(mailoutbox[0])
    response = client.post(link, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    person = User.objects.get(email="nova@exemplo.example")
    assert permissions.organisation_of(person) == organisation
    home = client.get("/contributos/")
    assert home.context["organisation"] == organisation
    assert home.context["may_contribute"]


def test_the_invitation_link_is_single_use_and_expires(
    client, secretariat, organisation, mailoutbox, django_capture_on_commit_callbacks
):
    invite(client, secretariat, organisation, django_capture_on_commit_callbacks)
    client.logout()
    link = accept_link(mailoutbox[0])
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    assert client.get(link).status_code == 410
    assert not User.objects.filter(email="nova@exemplo.example").exists()


def test_inviting_an_address_that_has_an_account_is_refused_and_nothing_stored(
    client, secretariat, organisation, contact, django_capture_on_commit_callbacks
):
    response = invite(
        client, secretariat, organisation, django_capture_on_commit_callbacks, email=contact.email
    )
    assert response.status_code == 400
    assert response.context["invite_form"].errors
    assert not Invitation.objects.exists()
    assert OrganisationContact.objects.count() == 1


def test_a_person_can_speak_for_one_organisation_only(secretariat, contact, other_organisation):
    from django.core.exceptions import ValidationError

    from contributions import services

    with pytest.raises(ValidationError) as caught:
        services.organisation_contact_add(
            actor=secretariat, organisation=other_organisation, person=contact
        )
    assert caught.value.code == "already_contact"


def test_an_organisation_account_without_an_organisation_cannot_contribute(
    client, organisation_contact, open_call
):
    client.force_login(organisation_contact)
    home = client.get("/contributos/")
    assert home.status_code == 200
    assert not home.context["may_contribute"]
    url = f"/contributos/chamadas/{open_call.pk}/contribuir/iniciativa/"
    assert client.get(url).status_code == 403
