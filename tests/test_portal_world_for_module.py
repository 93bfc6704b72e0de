"""The module-wide fixture world: built once, rendered PDFs, each test's changes rolled back.

Kept apart from test_portal_world.py: a module uses one world or the other (the same personas).
"""

import pytest

from contributions.models import Contribution
from strategy.models import PdfRender, Release

pytestmark = pytest.mark.django_db


def test_the_module_world_renders_the_release_pdfs(portal_world_for_module):
    assert {r.render.state for r in Release.objects.all()} == {PdfRender.State.READY}


def test_the_module_world_is_shared_by_the_tests_of_a_module(portal_world_for_module):
    assert Release.objects.count() == 4
    Contribution.objects.update(title="Mudado")


def test_what_a_test_changes_in_the_module_world_is_gone_for_the_next(portal_world_for_module):
    assert not Contribution.objects.filter(title="Mudado").exists()
