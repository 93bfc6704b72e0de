"""The working group, its entities and the roles come from data migrations."""

import datetime

import pytest
from django.contrib.auth.models import Group

from governance.models import Entity, Role, WorkingGroup

pytestmark = pytest.mark.django_db


def test_the_group_has_its_name_legal_basis_and_deadlines():
    group = WorkingGroup.objects.get()
    assert group.name == "Grupo de Trabalho da Estratégia Nacional de Smart Cities"
    assert group.legal_basis == "Despacho n.º 1369-A/2022"
    assert group.signed_on == datetime.date(2022, 1, 24)
    assert group.proposals_due == datetime.date(2022, 4, 30)
    assert group.governance_due == datetime.date(2022, 6, 30)


def test_ten_entities_hold_eleven_seats_in_the_order_of_n_4():
    entities = list(Entity.objects.order_by("paragraph"))
    assert [e.paragraph for e in entities] == list("abcdefghij")
    assert sum(e.seats for e in entities) == 11
    assert {e.code: e.seats for e in entities if e.seats != 1} == {"modernizacao": 2}


def test_only_the_empd_runs_the_secretariat():
    assert list(Entity.objects.filter(is_secretariat=True).values_list("code", flat=True)) == [
        "empd"
    ]


@pytest.mark.parametrize(
    ("role", "may", "may_not"),
    [
        (Role.SECRETARIAT, {"add_invitation", "change_user", "view_user"}, set()),
        (Role.REPRESENTATIVE, {"view_user", "view_entity"}, {"add_invitation", "change_user"}),
        (Role.SPECIALIST, {"view_entity"}, {"add_invitation"}),
        (Role.ORGANISATION, {"view_workinggroup"}, {"view_user", "add_invitation"}),
        (Role.GOVERNMENT, {"view_user", "view_entity"}, {"add_invitation"}),
    ],
)
def test_each_role_is_a_group_with_its_model_permissions(role, may, may_not):
    codenames = set(Group.objects.get(name=role).permissions.values_list("codename", flat=True))
    assert may <= codenames
    assert not (may_not & codenames)
