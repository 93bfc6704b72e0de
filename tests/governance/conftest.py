"""Meetings shared by the governance tests."""

import pytest

from governance import services
from tests import factories


@pytest.fixture
def planned_meeting(secretariat):
    return factories.meeting(actor=secretariat)


@pytest.fixture
def approved_meeting(secretariat):
    """A planned meeting whose agenda «Abertura», «Visão» is approved."""
    return factories.approved_meeting(actor=secretariat)


@pytest.fixture
def convened_meeting(secretariat, approved_meeting):
    return services.meeting_convene(actor=secretariat, meeting=approved_meeting)


@pytest.fixture
def held_meeting(secretariat, convened_meeting):
    factories.move_to_past(convened_meeting)
    return services.meeting_mark_held(actor=secretariat, meeting=convened_meeting)


@pytest.fixture
def minutes(secretariat, held_meeting):
    return services.minutes_save(
        actor=secretariat, meeting=held_meeting, body="# Ata\n\nAprovada a visão.", base_revision=0
    )


@pytest.fixture
def dgt_representative(db):
    """The DGT's representative: the fixed specialist belongs to the DGT."""
    return factories.RepresentativeFactory(
        email="duarte@dgt.example", full_name="Duarte DGT", entity=factories.entity("dgt")
    )


def items_of(meeting):
    return list(meeting.items.order_by("position"))
