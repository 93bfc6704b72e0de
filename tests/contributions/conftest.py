"""Fixtures of the contributions tests: two organisations with a contact each, calls, drafts."""

import pytest

from contributions import services
from tests import factories


@pytest.fixture
def organisation(secretariat):
    return factories.organisation(actor=secretariat)


@pytest.fixture
def contact(secretariat, organisation, organisation_contact):
    """Olga speaks for the Câmara Municipal de Exemplo."""
    services.organisation_contact_add(
        actor=secretariat, organisation=organisation, person=organisation_contact
    )
    return organisation_contact


@pytest.fixture
def other_organisation(secretariat):
    return factories.organisation(
        actor=secretariat,
        name="Associação Cidades do Futuro",
        nif="502000007",
        kind="association",
    )


@pytest.fixture
def other_contact(secretariat, other_organisation):
    person = factories.OrganisationContactFactory(
        email="otto@futuro.example", full_name="Otto Outra"
    )
    services.organisation_contact_add(
        actor=secretariat, organisation=other_organisation, person=person
    )
    return person


@pytest.fixture
def open_call(secretariat):
    return factories.call_for_contributions(actor=secretariat)


@pytest.fixture
def closed_call(secretariat):
    return factories.call_for_contributions(
        actor=secretariat, title="Chamada encerrada", days_open=-1
    )


@pytest.fixture
def draft(contact, open_call):
    return factories.initiative(actor=contact, call=open_call)


@pytest.fixture
def submitted(contact, open_call):
    return factories.initiative(actor=contact, call=open_call, submit=True)
