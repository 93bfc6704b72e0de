"""The shared permission base: refusals every app gets, object grants, the 404 helper."""

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.http import Http404

from core.permissions import (
    ModelPermissionBackend,
    Policy,
    get_visible_or_404,
    has_object_perm,
    has_perm,
    holders_of,
    object_checker,
)
from governance.models import User
from strategy.models import Section
from tests import factories

pytestmark = pytest.mark.django_db

policy = Policy({"read": lambda user, obj: user.has_perm("strategy.view_section")})


def test_an_inactive_person_may_do_nothing_whatever_their_group_holds(representative):
    representative.is_active = False
    assert not policy.can(representative, "read")
    assert not has_perm(representative, "strategy.view_section")


def test_an_anonymous_visitor_may_do_nothing():
    from django.contrib.auth.models import AnonymousUser

    assert not policy.can(AnonymousUser(), "read")


def test_a_superuser_may_do_everything_without_any_rule_saying_so():
    admin = User.objects.create_superuser("raiz@portal.example", "x", full_name="Raiz")
    assert Policy({"anything": lambda user, obj: False}).can(admin, "anything")


def test_require_raises_permission_denied_when_the_rule_says_no(government):
    with pytest.raises(PermissionDenied):
        policy.require(government, "read")
    policy.require(factories.RepresentativeFactory(), "read")


def test_an_object_grant_counts_only_for_its_object(secretariat, specialist):
    from strategy import services

    granted = factories.section(actor=secretariat, title="Mobilidade")
    other = factories.section(actor=secretariat, title="Energia")
    services.section_reader_grant(actor=secretariat, section=granted, person=specialist)
    assert has_object_perm(specialist, "strategy.view_section", granted)
    assert not has_object_perm(specialist, "strategy.view_section", other)


def test_the_checker_is_kept_per_user_object_so_prefetched_grants_are_reused(
    secretariat, specialist, django_assert_num_queries
):
    from strategy import services

    sections = [factories.section(actor=secretariat, title=f"S{n}") for n in range(3)]
    for section in sections:
        services.section_reader_grant(actor=secretariat, section=section, person=specialist)
    person = User.objects.get(pk=specialist.pk)
    object_checker(person).prefetch_perms(Section.objects.all())
    with django_assert_num_queries(0):
        assert all(has_object_perm(person, "strategy.view_section", s) for s in sections)


def test_a_grant_given_through_a_service_is_seen_at_once_on_the_same_user_object(
    secretariat, specialist
):
    from strategy import services

    section = factories.section(actor=secretariat, title="Mobilidade")
    assert not has_object_perm(specialist, "strategy.view_section", section)
    services.section_reader_grant(actor=secretariat, section=section, person=specialist)
    assert has_object_perm(specialist, "strategy.view_section", section)


def test_a_hidden_object_and_a_missing_one_are_the_same_404(secretariat):
    section = factories.section(actor=secretariat, title="Visão")
    with pytest.raises(Http404):
        get_visible_or_404(Section.objects.none(), pk=section.pk)
    with pytest.raises(Http404):
        get_visible_or_404(Section.objects.all(), pk=section.pk + 1000)
    assert get_visible_or_404(Section.objects.all(), pk=section.pk) == section


def test_holders_of_a_permission_follow_the_groups(representative, government):
    assert list(holders_of("strategy.view_section")) == [representative]
    Group.objects.get(name="government").permissions.add(
        Permission.objects.get(codename="view_section", content_type__app_label="strategy")
    )
    assert set(holders_of("strategy.view_section")) == {representative, government}


def test_grants_on_a_section_and_its_deliverable_are_read_in_one_query(
    secretariat, representative, django_assert_num_queries
):
    from strategy import services
    from strategy.permissions import prefetch_grants

    section = factories.section(actor=secretariat, title="Mobilidade")
    other = factories.section(actor=secretariat, title="Energia")
    services.section_editor_assign(actor=secretariat, section=section, person=representative)
    services.deliverable_coordinator_assign(
        actor=secretariat, deliverable=section.deliverable, person=representative
    )
    person = User.objects.get(pk=representative.pk)
    with django_assert_num_queries(1):
        prefetch_grants(person, section, other, section.deliverable)
    with django_assert_num_queries(0):
        assert has_object_perm(person, "strategy.change_section", section)
        assert not has_object_perm(person, "strategy.change_section", other)
        assert has_object_perm(person, "strategy.coordinate_deliverable", section.deliverable)
        assert not has_object_perm(person, "strategy.view_section", section)


def test_a_grant_given_to_a_group_counts_for_its_members_on_that_object_only(
    secretariat, specialist, django_assert_num_queries
):
    from guardian.shortcuts import assign_perm

    granted = factories.section(actor=secretariat, title="Mobilidade")
    other = factories.section(actor=secretariat, title="Energia")
    group = Group.objects.create(name="Peritos da mobilidade")
    specialist.groups.add(group)
    assign_perm("strategy.view_section", group, granted)
    person = User.objects.get(pk=specialist.pk)
    with django_assert_num_queries(1):  # an object not read yet: own and group grants at once
        assert has_object_perm(person, "strategy.view_section", granted)
    assert not has_object_perm(person, "strategy.view_section", other)
    assert not has_object_perm(
        User.objects.get(pk=secretariat.pk), "strategy.view_section", granted
    )


def test_an_inactive_person_holds_no_grant_and_nothing_is_read(
    secretariat, specialist, django_assert_num_queries
):
    from strategy import services

    section = factories.section(actor=secretariat, title="Mobilidade")
    services.section_reader_grant(actor=secretariat, section=section, person=specialist)
    person = User.objects.get(pk=specialist.pk)
    person.is_active = False
    with django_assert_num_queries(0):
        assert not has_object_perm(person, "strategy.view_section", section)


def test_model_permissions_are_a_persons_own_and_their_groups_read_in_one_query(
    django_assert_num_queries,
):
    """The backend gives the very permissions Django's ModelBackend gives, in one query."""
    secretariat, representative = factories.SecretariatFactory(), factories.RepresentativeFactory()
    own = Permission.objects.get(codename="view_release")
    representative.user_permissions.add(own)
    extra = Group.objects.create(name="Leitores de versões")
    extra.permissions.add(Permission.objects.get(codename="view_section"))
    secretariat.groups.add(extra)
    for person in (secretariat, representative):
        expected = ModelBackend().get_all_permissions(User.objects.get(pk=person.pk))
        fresh = User.objects.get(pk=person.pk)
        with django_assert_num_queries(1):
            held = ModelPermissionBackend().get_all_permissions(fresh)
            assert fresh.has_perm(next(iter(held)))  # answered from the kept set
        assert held == expected
    assert "strategy.view_release" in ModelPermissionBackend().get_all_permissions(
        User.objects.get(pk=representative.pk)
    )
