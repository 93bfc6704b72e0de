"""The secretariat invites people by e-mail; the link is single-use and expires."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from governance.models import Entity, Invitation, User
from tests import factories

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "um-passeio-no-parque-2022"


def invite(client, secretariat, django_capture_on_commit_callbacks, **overrides):
    data = {"full_name": "Daniel DGAL", "email": "daniel@dgal.example", "role": "representative"}
    data["entity"] = Entity.objects.get(code="dgal").pk
    data.update(overrides)
    client.force_login(secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        return client.post("/equipa/convidar/", data)


def accept_link(mail) -> str:
    return re.search(r"https?://\S+/conta/convite/\S+/", mail.body).group(0)


def test_secretariat_invites_a_representative_by_e_mail(
    client, secretariat, mailoutbox, django_capture_on_commit_callbacks
):
    response = invite(client, secretariat, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role, invitation.entity.code) == (
        "daniel@dgal.example",
        "representative",
        "dgal",
    )
    assert [m.to for m in mailoutbox] == [["daniel@dgal.example"]]
    assert "n.º 7" in mailoutbox[0].body  # participation is unpaid
    assert invitation.token_hash not in mailoutbox[0].body  # only the token travels, never its hash


def test_the_invited_person_sets_a_password_and_is_signed_in(
    client, secretariat, mailoutbox, django_capture_on_commit_callbacks
):
    invite(client, secretariat, django_capture_on_commit_callbacks)
    client.logout()
    link = accept_link(mailoutbox[0])
    response = client.post(link, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    person = User.objects.get(email="daniel@dgal.example")
    assert person.check_password(NEW_PASSWORD)
    assert list(person.groups.values_list("name", flat=True)) == ["representative"]
    assert client.get("/painel/").status_code == 200


def test_the_link_works_only_once(
    client, secretariat, mailoutbox, django_capture_on_commit_callbacks
):
    invite(client, secretariat, django_capture_on_commit_callbacks)
    client.logout()
    link = accept_link(mailoutbox[0])
    client.post(link, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    client.logout()
    response = client.post(link, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 410
    assert User.objects.filter(email="daniel@dgal.example").count() == 1


def test_an_expired_link_is_refused_with_a_clear_message(
    client, secretariat, mailoutbox, django_capture_on_commit_callbacks
):
    invite(client, secretariat, django_capture_on_commit_callbacks)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    client.logout()
    response = client.get(accept_link(mailoutbox[0]))
    assert response.status_code == 410
    assert "expirou" in response.content.decode()
    assert not User.objects.filter(email="daniel@dgal.example").exists()


def test_an_unknown_token_is_refused(client):
    response = client.get("/conta/convite/nao-existe/")
    assert response.status_code == 410


def test_different_passwords_are_refused_and_nothing_is_created(
    client, secretariat, mailoutbox, django_capture_on_commit_callbacks
):
    invite(client, secretariat, django_capture_on_commit_callbacks)
    client.logout()
    response = client.post(
        accept_link(mailoutbox[0]), {"password1": NEW_PASSWORD, "password2": "outra-coisa-qualquer"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["password2"]
    assert not User.objects.filter(email="daniel@dgal.example").exists()


def test_a_weak_password_is_refused_with_the_validators_message(
    client, secretariat, mailoutbox, django_capture_on_commit_callbacks
):
    invite(client, secretariat, django_capture_on_commit_callbacks)
    client.logout()
    response = client.post(
        accept_link(mailoutbox[0]), {"password1": "12345678", "password2": "12345678"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["password1"]
    assert Invitation.objects.get().accepted_at is None


def test_a_seat_filled_after_the_invitation_is_refused_at_acceptance(
    client, secretariat, mailoutbox, django_capture_on_commit_callbacks
):
    invite(client, secretariat, django_capture_on_commit_callbacks)
    factories.RepresentativeFactory(entity=Entity.objects.get(code="dgal"))
    client.logout()
    response = client.post(
        accept_link(mailoutbox[0]), {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert response.status_code == 200
    assert "DGAL" in str(response.context["form"].non_field_errors())
    assert not User.objects.filter(email="daniel@dgal.example").exists()
    assert Invitation.objects.get().accepted_at is None


def test_inviting_to_a_full_seat_is_refused(
    client, secretariat, representative, mailoutbox, django_capture_on_commit_callbacks
):
    response = invite(
        client,
        secretariat,
        django_capture_on_commit_callbacks,
        email="outro@ama.example",
        entity=representative.entity_id,
    )
    assert response.status_code == 200
    assert "lugares" in response.content.decode()
    assert not Invitation.objects.exists()
    assert mailoutbox == []


def test_inviting_an_existing_address_is_refused(
    client, secretariat, representative, mailoutbox, django_capture_on_commit_callbacks
):
    response = invite(
        client,
        secretariat,
        django_capture_on_commit_callbacks,
        email="RITA@ama.example",
        role="government",
        entity="",
    )
    assert response.status_code == 200
    assert "já tem uma conta" in response.content.decode()
    assert not Invitation.objects.exists()


def test_a_second_pending_invitation_to_the_same_address_is_refused(
    client, secretariat, mailoutbox, django_capture_on_commit_callbacks
):
    invite(client, secretariat, django_capture_on_commit_callbacks)
    response = invite(client, secretariat, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert Invitation.objects.count() == 1
    assert len(mailoutbox) == 1


def test_a_government_member_needs_no_entity(
    client, secretariat, mailoutbox, django_capture_on_commit_callbacks
):
    response = invite(
        client,
        secretariat,
        django_capture_on_commit_callbacks,
        role="government",
        entity="",
        email="g@gov.example",
    )
    assert response.status_code == 302


def test_a_specialist_needs_an_entity(
    client, secretariat, mailoutbox, django_capture_on_commit_callbacks
):
    response = invite(
        client,
        secretariat,
        django_capture_on_commit_callbacks,
        role="specialist",
        entity="",
        email="s@dgt.example",
    )
    assert response.status_code == 200
    assert response.context["form"].errors["entity"]
    assert not Invitation.objects.exists()


def test_a_revoked_invitation_no_longer_opens(
    client, secretariat, mailoutbox, django_capture_on_commit_callbacks
):
    invite(client, secretariat, django_capture_on_commit_callbacks)
    invitation = Invitation.objects.get()
    assert client.post(f"/equipa/convites/{invitation.pk}/revogar/").status_code == 302
    client.logout()
    assert client.get(accept_link(mailoutbox[0])).status_code == 410


def test_revoking_it_twice_says_so(
    client, secretariat, mailoutbox, django_capture_on_commit_callbacks
):
    invite(client, secretariat, django_capture_on_commit_callbacks)
    invitation = Invitation.objects.get()
    client.post(f"/equipa/convites/{invitation.pk}/revogar/")
    response = client.post(f"/equipa/convites/{invitation.pk}/revogar/", follow=True)
    assert "pendente" in response.content.decode()


@pytest.mark.parametrize(
    "persona", ["representative", "specialist", "organisation_contact", "government"]
)
def test_only_the_secretariat_may_invite(client, persona, request, mailoutbox):
    client.force_login(request.getfixturevalue(persona))
    response = client.post(
        "/equipa/convidar/", {"full_name": "X", "email": "x@x.example", "role": "government"}
    )
    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_it_rejects_a_get_on_revoke(client, secretariat):
    client.force_login(secretariat)
    assert client.get("/equipa/convites/1/revogar/").status_code == 405
