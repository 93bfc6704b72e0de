import pytest

from tests import factories


@pytest.fixture
def vision(secretariat, representative):
    """A section of the strategy that the representative edits."""
    return factories.section(
        actor=secretariat, title="Visão", body="Territórios inteligentes e coesos.", editors=[representative]
    )
