"""Settings come from the environment; a bad value stops the process and names the variable."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from smartcities_portal.environment import database_from_url, env_bool, mailers_from_url

ROOT = Path(__file__).resolve().parents[2]


def run_check(**env: str) -> subprocess.CompletedProcess:
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_off():
    result = run_check(DJANGO_DEBUG="false")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_it_starts_with_a_secret_key():
    result = run_check(DJANGO_DEBUG="false", DJANGO_SECRET_KEY="a-real-secret-from-the-vault")
    assert result.returncode == 0, result.stderr


def test_a_bad_boolean_names_its_variable(monkeypatch):
    monkeypatch.setenv("DJANGO_DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="DJANGO_DEBUG"):
        env_bool("DJANGO_DEBUG", default=False)


def test_database_url_switches_to_postgresql(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://portal:segredo@db:5432/portal")
    config = database_from_url("DATABASE_URL", "sqlite:///unused.db")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["NAME"], config["HOST"], config["USER"]) == ("portal", "db", "portal")


def test_the_default_database_is_a_sqlite_file(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    config = database_from_url("DATABASE_URL", f"sqlite:///{tmp_path / 'var' / 'portal.db'}")
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert (tmp_path / "var").is_dir()


def test_an_unsupported_database_url_names_its_variable(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "mysql://x@y/z")
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        database_from_url("DATABASE_URL", "sqlite:///x.db")


def test_email_url_configures_smtp_with_starttls(monkeypatch):
    monkeypatch.setenv("EMAIL_URL", "submission://portal%40gov.pt:p%40ss@smtp.gov.pt")
    mailer = mailers_from_url("EMAIL_URL", "console://")["default"]
    assert mailer["BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert mailer["OPTIONS"] == {
        "host": "smtp.gov.pt",
        "port": 587,
        "username": "portal@gov.pt",
        "password": "p@ss",
        "use_ssl": False,
        "use_tls": True,
    }


def test_email_defaults_to_the_console(monkeypatch):
    monkeypatch.delenv("EMAIL_URL", raising=False)
    assert mailers_from_url("EMAIL_URL", "console://")["default"]["BACKEND"].endswith(
        "console.EmailBackend"
    )


def test_a_bad_email_url_names_its_variable(monkeypatch):
    monkeypatch.setenv("EMAIL_URL", "carrier-pigeon://loft")
    with pytest.raises(ImproperlyConfigured, match="EMAIL_URL"):
        mailers_from_url("EMAIL_URL", "console://")
