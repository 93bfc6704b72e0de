"""Settings come from the environment; a bad value stops the process and names the variable."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from smartcities_portal.environment import database_from_url, env_bool, mailers_from_url

ROOT = Path(__file__).resolve().parents[2]


def run_check(*options: str, **env: str) -> subprocess.CompletedProcess:
    environment = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_URL", "EMAIL_URL"))
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", "check", *options],
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
    result = run_check(
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY="a-real-secret-from-the-vault",
        EMAIL_URL="smtp://mail.gov.pt",
    )
    assert result.returncode == 0, result.stderr


PRODUCTION = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": "q3Vb-7Zt9LkP0xWm2sRf8YhNc4JdGa6TuEo1iQv5BnXzKwSy-Hd3Lr8Ux0Mp",
    "DJANGO_ALLOWED_HOSTS": "smartcities.gov.pt",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://smartcities.gov.pt",
    "DJANGO_SSL_REDIRECT": "true",
    "DJANGO_HSTS_PRELOAD": "true",
    "EMAIL_URL": "submission://portal:segredo@smtp.gov.pt",
}


def test_the_deployment_check_reports_nothing_with_production_variables():
    result = run_check("--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout, result.stdout + result.stderr


def test_the_deployment_check_warns_without_the_ssl_redirect():
    result = run_check("--deploy", **{**PRODUCTION, "DJANGO_SSL_REDIRECT": "false"})
    assert "security.W008" in result.stderr + result.stdout


def test_hsts_is_configured_from_the_environment():
    result = run_check(
        "--deploy",
        **{
            **PRODUCTION,
            "DJANGO_HSTS_SECONDS": "0",
            "DJANGO_HSTS_INCLUDE_SUBDOMAINS": "false",
        },
    )
    assert "security.W004" in result.stderr + result.stdout


def test_debug_off_without_a_mail_server_names_email_url():
    environment = {k: v for k, v in PRODUCTION.items() if k != "EMAIL_URL"}
    result = run_check(**environment)
    assert result.returncode != 0
    assert "EMAIL_URL" in result.stderr


def test_debug_off_refuses_the_console_mail_back_end():
    result = run_check(**{**PRODUCTION, "EMAIL_URL": "console://"})
    assert result.returncode != 0
    assert "EMAIL_URL" in result.stderr


def test_debug_on_keeps_the_console_default():
    result = run_check(DJANGO_DEBUG="true")
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


def test_postgresql_keeps_prepared_statements_unless_told_not_to(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://portal@db:5432/portal")
    monkeypatch.delenv("DATABASE_PREPARED_STATEMENTS", raising=False)
    options = database_from_url("DATABASE_URL", "sqlite:///unused.db")["OPTIONS"]
    assert options == {"server_side_binding": True, "prepare_threshold": 2}
    monkeypatch.setenv("DATABASE_URL", "postgres://portal@db:5432/portal?sslmode=require")
    options = database_from_url("DATABASE_URL", "sqlite:///unused.db")["OPTIONS"]
    assert options["sslmode"] == "require" and options["server_side_binding"] is True
    monkeypatch.setenv("DATABASE_PREPARED_STATEMENTS", "off")
    options = database_from_url("DATABASE_URL", "sqlite:///unused.db")["OPTIONS"]
    assert options == {"sslmode": "require"}


def test_on_postgresql_statements_run_prepared_with_server_side_values(db):
    """The suite's own connection is configured as production's (on PostgreSQL)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    for _ in range(3):
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM django_content_type WHERE app_label = %s", ["x"])
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements")
        assert cursor.fetchone()[0] >= 1


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
