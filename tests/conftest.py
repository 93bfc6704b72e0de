"""Fixtures shared by every test: the fixed personas of the portal."""

import os
import tempfile

import pytest

from tests import factories
from tests.portal_world import portal_world, portal_world_for_module  # noqa: F401 (fixtures)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix) -> None:
    """On SQLite the test database is a file, as in production, so that the threads of the
    concurrency tests share it under SQLite's real file locks (in memory-backed /dev/shm where
    the machine has it, so the suite stays fast)."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        shm = "/dev/shm"  # noqa: S108 -- a test database named per process, not a secret
        folder = shm if os.path.isdir(shm) else tempfile.gettempdir()
        name = os.path.join(folder, f"smartcities-test-{os.getpid()}.sqlite3")
        database.setdefault("TEST", {})["NAME"] = name


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _second_factor_optional(settings):
    """Tests run with debug off, where staff accounts must enrol a second factor; the tests of
    that rule (tests/governance/test_second_factor.py) turn it back on."""
    settings.SECOND_FACTOR_REQUIRED = False


@pytest.fixture
def secretariat(db):
    return factories.SecretariatFactory(
        email="secretariado@empd.example", full_name="Sara Secretariado"
    )


@pytest.fixture
def representative(db):
    return factories.RepresentativeFactory(email="rita@ama.example", full_name="Rita Representante")


@pytest.fixture
def specialist(db):
    return factories.SpecialistFactory(email="eva@dgt.example", full_name="Eva Especialista")


@pytest.fixture
def organisation_contact(db):
    return factories.OrganisationContactFactory(
        email="olga@organizacao.example", full_name="Olga Organização"
    )


@pytest.fixture
def government(db):
    return factories.GovernmentFactory(email="gil@governo.example", full_name="Gil Governo")


@pytest.fixture(autouse=True)
def _static_files_without_collectstatic(settings):
    """Serve static files from the source tree: tests do not run collectstatic."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
