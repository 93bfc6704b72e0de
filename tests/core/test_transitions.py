"""A move happens only when the table lists it and the actor may make it; it is recorded."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.transitions import Transitions, transition
from governance import permissions
from governance.models import Meeting
from tests import factories

MOVES = Transitions(
    states=Meeting.State,
    moves={(Meeting.State.PLANNED, Meeting.State.CANCELLED): "cancel"},
    refusal="Uma reunião «%(old)s» não pode passar a «%(new)s».",
    code="meeting_transition",
)


@pytest.fixture
def meeting(secretariat):
    return factories.meeting(actor=secretariat)


def allow(user, action, obj):
    assert action == "cancel"


def test_a_listed_move_sets_the_state_and_records_who_made_it(secretariat, meeting):
    transition(
        meeting,
        MOVES,
        to=Meeting.State.CANCELLED,
        actor=secretariat,
        require=allow,
        note="Sem quórum",
    )
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.CANCELLED
    version = meeting.history.latest()
    assert (version.history_user, version.history_change_reason) == (secretariat, "Sem quórum")


def test_a_move_the_table_does_not_list_is_refused_by_name(secretariat, meeting):
    with pytest.raises(ValidationError) as refused:
        transition(meeting, MOVES, to=Meeting.State.HELD, actor=secretariat, require=allow)
    assert refused.value.code == "meeting_transition"
    assert refused.value.messages == ["Uma reunião «Planeada» não pode passar a «Realizada»."]
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.PLANNED


def test_the_apps_permission_check_decides_who_may_move(representative, meeting):
    table = Transitions(
        states=Meeting.State,
        moves={
            (Meeting.State.PLANNED, Meeting.State.CANCELLED): permissions.Action.MANAGE_MEETINGS
        },
        refusal="%(old)s → %(new)s",
    )
    with pytest.raises(PermissionDenied):
        transition(
            meeting,
            table,
            to=Meeting.State.CANCELLED,
            actor=representative,
            require=permissions.require,
        )
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.PLANNED


def test_the_table_lists_the_moves_from_a_state():
    assert MOVES.targets_from(Meeting.State.PLANNED) == [Meeting.State.CANCELLED]
    assert MOVES.targets_from(Meeting.State.HELD) == []
