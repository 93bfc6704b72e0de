"""Repeated wrong passwords lock the account and the address (django-axes, database handler)."""

import pytest
from axes.models import AccessAttempt
from django.test import Client

from governance.models import AuditEvent
from tests import factories

# Explicit: personas come from request.getfixturevalue, which pytest-django cannot see when it
# orders the database tests before the transactional ones.
pytestmark = pytest.mark.django_db

LOGIN = "/conta/entrar/"


def sign_in(client: Client, email: str, password: str, address: str = "192.0.2.10"):
    return client.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR=address)


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_thirty_wrong_passwords_then_the_right_one_does_not_sign_in(client, representative):
    for _ in range(30):
        sign_in(client, representative.email, "not-the-password")
    response = sign_in(client, representative.email, factories.PASSWORD)
    assert not signed_in(client)
    assert response.status_code == 429
    page = response.content.decode()
    assert "<form" in page  # the sign-in page itself, not a bare text
    assert "Demasiadas tentativas" in page


def test_four_wrong_passwords_still_let_the_right_one_in(client, representative):
    for _ in range(4):
        sign_in(client, representative.email, "not-the-password")
    sign_in(client, representative.email, factories.PASSWORD)
    assert signed_in(client)


def test_the_lockout_counts_the_address_typed_in_any_case(client, representative):
    for _ in range(5):
        sign_in(client, representative.email.upper(), "not-the-password", address="192.0.2.77")
    sign_in(client, representative.email, factories.PASSWORD, address="198.51.100.5")
    assert not signed_in(client)


def test_another_account_from_another_address_is_unaffected(client, representative, government):
    for _ in range(10):
        sign_in(client, representative.email, "not-the-password")
    sign_in(client, government.email, factories.PASSWORD, address="198.51.100.9")
    assert signed_in(client)


def test_the_lockout_holds_for_another_web_process(representative):
    """The attempts live in the shared database: a fresh client (another process) sees them."""
    first = Client()
    for _ in range(5):
        sign_in(first, representative.email, "not-the-password")
    assert AccessAttempt.objects.filter(username=representative.email).exists()
    second = Client()
    sign_in(second, representative.email, factories.PASSWORD, address="203.0.113.4")
    assert not signed_in(second)


def test_the_secretariat_unlocks_an_account_from_the_lockouts_page(
    client, secretariat, representative
):
    visitor = Client()
    for _ in range(6):
        sign_in(visitor, representative.email, "not-the-password")
    client.force_login(secretariat)
    page = client.get("/equipa/bloqueios/")
    assert page.status_code == 200
    assert representative.email in page.content.decode()
    attempt = AccessAttempt.objects.get(username=representative.email)
    response = client.post(f"/equipa/bloqueios/{attempt.pk}/desbloquear/", follow=True)
    assert response.status_code == 200
    assert not AccessAttempt.objects.filter(username=representative.email).exists()
    sign_in(visitor, representative.email, factories.PASSWORD)
    assert signed_in(visitor)
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.UNLOCK, actor=secretariat).exists()


def test_the_secretariat_may_delete_lockouts_in_the_admin_too(secretariat):
    assert secretariat.has_perm("axes.delete_accessattempt")
    assert secretariat.has_perm("axes.view_accessattempt")


@pytest.mark.parametrize("persona", ["representative", "specialist", "government"])
def test_other_roles_cannot_see_or_lift_lockouts(client, persona, request, organisation_contact):
    visitor = Client()
    for _ in range(6):
        sign_in(visitor, organisation_contact.email, "not-the-password")
    attempt = AccessAttempt.objects.get(username=organisation_contact.email)
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/equipa/bloqueios/").status_code == 403
    assert client.post(f"/equipa/bloqueios/{attempt.pk}/desbloquear/").status_code == 403
    assert AccessAttempt.objects.filter(username=organisation_contact.email).exists()


def test_a_password_reset_stays_usable_and_lifts_the_lockout(client, representative, mailoutbox):
    for _ in range(6):
        sign_in(client, representative.email, "not-the-password")
    response = client.post("/conta/palavra-passe/recuperar/", {"email": representative.email})
    assert response.status_code == 302
    link = next(
        line for line in mailoutbox[0].body.splitlines() if "/conta/palavra-passe/nova/" in line
    ).strip()
    path = link[link.index("/conta/") :]
    form_page = client.get(path, follow=True)
    new_password = "um-novo-segredo-2026"
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    sign_in(client, representative.email, new_password)
    assert signed_in(client)


def test_failed_sign_ins_and_the_lockout_are_in_the_audit_log(client, representative):
    for _ in range(5):
        sign_in(client, representative.email, "not-the-password", address="192.0.2.50")
    failures = AuditEvent.objects.filter(kind=AuditEvent.Kind.SIGN_IN_FAILED)
    assert failures.count() >= 5
    assert set(failures.values_list("actor_email", flat=True)) == {representative.email}
    assert set(failures.values_list("address", flat=True)) == {"192.0.2.50"}
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.LOCKOUT).exists()
