"""``manage.py seed_demo`` creates the demo accounts once, whatever how often it runs."""

from io import StringIO

import pytest
from django.core.management import call_command

from governance.models import Role, User

pytestmark = pytest.mark.django_db


def test_it_creates_one_representative_per_seat_and_one_account_per_other_role(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "palavra-de-demonstracao")
    call_command("seed_demo", stdout=StringIO())
    representatives = set(
        User.objects.filter(role=Role.REPRESENTATIVE).values_list("email", flat=True)
    )
    assert len(representatives) == 11
    assert {
        "representante.ama@ama.example",
        "representante.modernizacao.1@modernizacao.example",
        "representante.modernizacao.2@modernizacao.example",
    } <= representatives
    for email, role in [
        ("secretariado@empd.example", Role.SECRETARIAT),
        ("especialista@dgt.example", Role.SPECIALIST),
        ("contacto@organizacao.example", Role.ORGANISATION),
        ("gabinete@governo.example", Role.GOVERNMENT),
    ]:
        person = User.objects.get(email=email)
        assert person.role == role
        assert person.check_password("palavra-de-demonstracao")
    assert User.objects.get(email="admin@portal.example").is_superuser


def test_running_it_twice_changes_nothing(capsys):
    call_command("seed_demo")
    first = set(User.objects.values_list("email", "role", "entity__code"))
    call_command("seed_demo")
    assert set(User.objects.values_list("email", "role", "entity__code")) == first
    assert "0 new account(s)" in capsys.readouterr().out


def test_the_default_password_is_the_documented_one(monkeypatch):
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    call_command("seed_demo", stdout=StringIO())
    assert User.objects.get(email="gabinete@governo.example").check_password("demo-portal-2022")


def test_seed_demo_says_how_the_demo_accounts_meet_the_second_factor_rule(db, settings):
    settings.SECOND_FACTOR_REQUIRED = False
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert "Second factor: optional here" in out.getvalue()
    settings.SECOND_FACTOR_REQUIRED = True
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert "Second factor: required for the secretariat" in out.getvalue()
