import pytest

from tests import factories


@pytest.fixture
def vision(secretariat, representative):
    """A section of the strategy that the representative edits."""
    return factories.section(
        actor=secretariat,
        title="Visão",
        body="Territórios inteligentes e coesos.",
        editors=[representative],
    )


@pytest.fixture
def co_editor(secretariat, vision):
    """A second editor of the vision section (the DGT's representative)."""
    from strategy import services

    person = factories.RepresentativeFactory(
        email="duarte@dgt.example", full_name="Duarte DGT", entity=factories.entity("dgt")
    )
    services.section_editor_assign(actor=secretariat, section=vision, person=person)
    return person
