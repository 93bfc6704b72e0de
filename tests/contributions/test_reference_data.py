"""Districts, NUTS 2024 regions and the roles' permissions come from data migrations."""

import pytest
from django.contrib.auth.models import Group

from contributions.models import District, Region

pytestmark = pytest.mark.django_db


def test_the_twenty_districts_and_autonomous_regions_of_iso_3166_2_pt_are_there():
    codes = dict(District.objects.values_list("code", "name"))
    assert len(codes) == 20
    assert codes["PT-01"] == "Aveiro"
    assert codes["PT-18"] == "Viseu"
    assert codes["PT-20"] == "Região Autónoma dos Açores"
    assert codes["PT-30"] == "Região Autónoma da Madeira"


def test_nuts_2024_has_nine_nuts_ii_and_twenty_six_nuts_iii_regions_each_under_its_parent():
    assert Region.objects.filter(level=2).count() == 9
    assert Region.objects.filter(level=3).count() == 26
    for region in Region.objects.filter(level=3).select_related("parent"):
        assert region.code.startswith(region.parent.code)
    assert Region.objects.get(code="PT1A0").parent.name == "Grande Lisboa"
    assert Region.objects.get(code="PT11B").name == "Alto Tâmega e Barroso"


@pytest.mark.parametrize(
    ("role", "granted", "refused"),
    [
        ("secretariat", {"add_organisation", "add_call", "assign_reviewers"}, {"add_contribution"}),
        ("representative", {"view_contribution"}, {"add_call", "assign_reviewers"}),
        ("organisation", {"add_contribution", "add_attachment"}, {"view_contribution"}),
        ("government", set(), {"view_contribution", "view_call"}),
        ("specialist", set(), {"view_contribution", "view_call"}),
    ],
)
def test_each_role_carries_its_contributions_permissions(role, granted, refused):
    codenames = set(
        Group.objects.get(name=role)
        .permissions.filter(content_type__app_label="contributions")
        .values_list("codename", flat=True)
    )
    assert granted <= codenames
    assert not refused & codenames
