"""Two-factor sign-in (django-otp): enrol, verify, recovery codes, required for staff roles."""

import time

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from governance.models import AuditEvent
from tests import factories

# Explicit: personas come from request.getfixturevalue, which pytest-django cannot see when it
# orders the database tests before the transactional ones.
pytestmark = pytest.mark.django_db


def code_for(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():06d}"


def sign_in(client, user, next_url: str = ""):
    return client.post(
        f"/conta/entrar/{'?next=' + next_url if next_url else ''}",
        {"username": user.email, "password": factories.PASSWORD},
    )


def enrol(client, user) -> list[str]:
    """Enrol through the pages and return the recovery codes shown."""
    client.get("/conta/segundo-fator/ativar/")
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post("/conta/segundo-fator/ativar/", {"token": code_for(device)}, follow=True)
    return response.context["codes"]


@pytest.fixture
def required(settings):
    settings.SECOND_FACTOR_REQUIRED = True


def test_the_enrolment_page_shows_a_qr_code_as_svg_and_the_key(client, representative):
    client.force_login(representative)
    page = client.get("/conta/segundo-fator/ativar/").content.decode()
    assert "<svg" in page
    assert "Chave" in page
    assert TOTPDevice.objects.filter(user=representative, confirmed=False).count() == 1


def test_a_representative_enrols_and_gets_recovery_codes(client, representative):
    client.force_login(representative)
    codes = enrol(client, representative)
    assert len(codes) == 10
    assert TOTPDevice.objects.get(user=representative).confirmed
    assert StaticToken.objects.filter(device__user=representative).count() == 10
    assert AuditEvent.objects.filter(
        kind=AuditEvent.Kind.SECOND_FACTOR_CHANGED, actor=representative
    ).exists()
    # The codes are shown once only.
    assert "<code>" not in client.get("/conta/segundo-fator/codigos/").content.decode()


def test_a_wrong_code_does_not_enrol(client, representative):
    client.force_login(representative)
    client.get("/conta/segundo-fator/ativar/")
    response = client.post("/conta/segundo-fator/ativar/", {"token": "000000x"})
    assert response.status_code == 200
    assert "não é o que a aplicação mostra" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=representative, confirmed=True).exists()


def test_after_enrolling_a_sign_in_asks_for_the_code_before_anything_else(client, representative):
    client.force_login(representative)
    enrol(client, representative)
    client.logout()
    response = sign_in(client, representative, next_url="/grupo/")
    assert response.status_code == 302
    response = client.get("/painel/")
    assert response.status_code == 302
    assert response["Location"].startswith("/conta/segundo-fator/verificar/")
    device = TOTPDevice.objects.get(user=representative)
    response = client.post(
        "/conta/segundo-fator/verificar/?next=/painel/", {"token": code_for(device, steps_ahead=1)}
    )
    assert response.status_code == 302
    assert response["Location"] == "/painel/"
    assert client.get("/painel/").status_code == 200


def test_a_wrong_code_is_refused_with_a_message_and_logged(client, representative):
    client.force_login(representative)
    enrol(client, representative)
    client.logout()
    sign_in(client, representative)
    response = client.post("/conta/segundo-fator/verificar/", {"token": "123456"})
    assert response.status_code == 200
    assert "está errado ou já foi usado" in response.content.decode()
    assert client.get("/painel/").status_code == 302
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.SECOND_FACTOR_FAILED).exists()


def test_a_recovery_code_works_once(client, representative):
    client.force_login(representative)
    codes = enrol(client, representative)
    client.logout()
    sign_in(client, representative)
    response = client.post("/conta/segundo-fator/verificar/", {"token": codes[0].upper()})
    assert response.status_code == 302
    assert client.get("/painel/").status_code == 200
    client.logout()
    sign_in(client, representative)
    response = client.post("/conta/segundo-fator/verificar/", {"token": codes[0]})
    assert response.status_code == 200
    assert client.get("/painel/").status_code == 302
    assert StaticToken.objects.filter(device__user=representative).count() == 9


@pytest.mark.parametrize("persona", ["secretariat", "government"])
def test_staff_roles_must_enrol_when_debug_is_off(client, persona, request, required):
    user = request.getfixturevalue(persona)
    sign_in(client, user)
    response = client.get("/painel/")
    assert response.status_code == 302
    assert response["Location"].startswith("/conta/segundo-fator/ativar/")
    enrol(client, user)
    assert client.get("/painel/").status_code == 200


def test_a_superuser_must_enrol_when_debug_is_off(client, db, required):
    admin = factories.SecretariatFactory(email="admin@portal.example")
    admin.is_superuser = admin.is_staff = True
    admin.save(update_fields=["is_superuser", "is_staff"])
    client.force_login(admin)
    assert client.get("/admin/").status_code == 302


@pytest.mark.parametrize("persona", ["representative", "specialist", "organisation_contact"])
def test_other_roles_may_go_without_a_second_factor(client, persona, request, required):
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/painel/").status_code == 200


def test_in_debug_the_second_factor_is_optional_for_staff(client, secretariat, settings):
    settings.SECOND_FACTOR_REQUIRED = False
    client.force_login(secretariat)
    assert client.get("/painel/").status_code == 200


def test_the_requirement_follows_the_group_permission(client, secretariat, required):
    """Moving the permission in the admin changes the rule: no role string decides it."""
    from django.contrib.auth.models import Group, Permission

    Group.objects.get(name="secretariat").permissions.remove(
        Permission.objects.get(codename="require_second_factor")
    )
    client.force_login(secretariat)
    assert client.get("/painel/").status_code == 200


def test_the_second_factor_pages_need_a_sign_in(client):
    response = client.get("/conta/segundo-fator/verificar/")
    assert response.status_code == 302
    assert response["Location"].startswith("/conta/entrar/")


def test_an_unverified_session_cannot_turn_the_second_factor_off(client, representative):
    client.force_login(representative)
    enrol(client, representative)
    client.logout()
    sign_in(client, representative)
    client.post("/conta/segundo-fator/desativar/")
    assert TOTPDevice.objects.filter(user=representative).exists()


def test_a_verified_session_turns_it_off(client, representative):
    client.force_login(representative)
    enrol(client, representative)
    response = client.post("/conta/segundo-fator/desativar/")
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=representative).exists()
    assert not StaticToken.objects.filter(device__user=representative).exists()


def test_the_account_page_offers_the_second_factor(client, representative):
    client.force_login(representative)
    page = client.get("/conta/").content.decode()
    assert "/conta/segundo-fator/ativar/" in page
