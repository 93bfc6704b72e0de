"""The base every app's ``permissions.py`` builds on: one way to ask, to refuse and to hide.

An app answers "may this person do X (to this object)?" with a ``Policy``: a table from each
action to a rule that reads the person's model permissions (carried by their role's group, so
moving a permission between groups in the admin changes what a role may do) and their
django-guardian object grants. The policy refuses inactive and anonymous people before any rule
runs and lets superusers do everything, so no rule repeats either. Reads are querysets
(``sections_visible_to(user)``) written in the app; a view fetches its object through
``get_visible_or_404`` so that a refused read answers 404, the same as a missing object.

Object grants are read through one checker per user object (that is, per request): a page that
checks several objects calls ``prefetch_object_grants(user, *objects)`` once and every later check
is answered from the checker's cache. The checker is guardian's, reading the person's own grants
and their groups' grants on any number of objects, of one model or several, in one query.

This module knows no domain model: a person is ``settings.AUTH_USER_MODEL``.
"""

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils.encoding import force_str
from guardian.core import ObjectPermissionChecker
from guardian.utils import get_group_obj_perms_model, get_user_obj_perms_model

from core.compiled_reads import compiled_read

#: A rule says whether an active, non-superuser person may do an action to ``obj``.
Rule = Callable[[Any, Any], bool]

_CHECKER_ATTRIBUTE = "_core_object_permission_checker"


def is_active(user) -> bool:
    """Say whether the person is signed in with an account that is still active."""
    return bool(user is not None and user.is_authenticated and user.is_active)


def has_perm(user, perm: str) -> bool:
    """Say whether the person holds the model permission ``perm`` (``app_label.codename``)
    through their groups or directly; superusers hold every one, inactive people none."""
    return is_active(user) and user.has_perm(perm)


@compiled_read(user_id=int)
def _model_permissions_held(*, user_id: int) -> QuerySet:
    """The model permissions a person holds directly or through any of their groups."""
    people = get_user_model()
    own = people.user_permissions.through.objects.filter(
        permission_id=OuterRef("pk"), **{people.user_permissions.field.m2m_field_name(): user_id}
    )
    through_groups = Group.permissions.through.objects.filter(
        permission_id=OuterRef("pk"),
        group_id__in=people.groups.through.objects.filter(
            **{people.groups.field.m2m_field_name(): user_id}
        ).values("group_id"),
    )
    return Permission.objects.filter(Exists(own) | Exists(through_groups)).values(
        "content_type__app_label", "codename"
    )


class ModelPermissionBackend(ModelBackend):
    """Django's model permissions, a person's own and their groups' read in one compiled query.

    ``ModelBackend`` reads them in two queries the ORM builds anew on every request that asks;
    every page asks. The answer is the same set, kept on the user object as Django keeps it
    (``_perm_cache``). Superusers, inactive and anonymous people are answered by Django.
    """

    def get_all_permissions(self, user_obj, obj=None):
        if user_obj.is_superuser or not user_obj.is_active or user_obj.is_anonymous or obj:
            return super().get_all_permissions(user_obj, obj=obj)
        if not hasattr(user_obj, "_perm_cache"):
            user_obj._perm_cache = {
                f"{row['content_type__app_label']}.{row['codename']}"
                for row in _model_permissions_held(user_id=user_obj.pk)
            }
        return user_obj._perm_cache


class GrantChecker(ObjectPermissionChecker):
    """Guardian's checker, reading a person's own and group grants together, in one query.

    Guardian reads a person's grants on an object in two queries (theirs, their groups') and
    prefetches one model at a time: a page asking about a section and its deliverable paid four.
    Here one UNION ALL over the direct grant tables answers every object given, of any models,
    and a check of an object not read yet reads it the same way. The answers fill guardian's
    own cache, so ``has_perm`` stays guardian's, superusers and inactive people included.
    """

    def prefetch_perms(self, objects: Iterable[Model]) -> bool:
        """Read the person's grants on ``objects`` (of one model or several) in one query."""
        if self.user is None or not self.user.is_active or self.user.is_superuser:
            return True  # guardian answers these people without reading their grants
        if isinstance(objects, QuerySet):
            objects = objects.only("pk")
        by_model: dict[type[Model], list[Model]] = defaultdict(list)
        for obj in objects:
            if self.get_local_cache_key(obj) not in self._obj_perms_cache:
                by_model[type(obj)].append(obj)
        selects, params = [], []
        for model, instances in by_model.items():
            user_grants, group_grants = (
                get_user_obj_perms_model(model),
                get_group_obj_perms_model(model),
            )
            if user_grants.objects.is_generic() or group_grants.objects.is_generic():
                super().prefetch_perms(instances)  # generic grant tables: guardian's own way
                continue
            pks = sorted({obj.pk for obj in instances})
            for obj in instances:
                self._obj_perms_cache[self.get_local_cache_key(obj)] = []
            for grants, holder in ((user_grants, "user"), (group_grants, "group")):
                selects.append(_grants_select(grants, holder, len(pks)))
                params += [self.user.pk, *pks]
        if selects:
            with connection.cursor() as cursor:
                cursor.execute(" UNION ALL ".join(selects), params)
                for ctype_id, pk, codename in cursor.fetchall():
                    key = (ctype_id, force_str(pk))
                    self._obj_perms_cache.setdefault(key, []).append(codename)
        return True

    def get_perms(self, obj: Model) -> list[str]:
        if self.get_local_cache_key(obj) not in self._obj_perms_cache:
            self.prefetch_perms([obj])
        return super().get_perms(obj)


_GRANTS_SQL = (
    "SELECT {ctype}, {object}, {codename} FROM {grants} JOIN {permissions} ON {on} "
    "WHERE {held} AND {object} IN ({pks})"
)


def _grants_select(grants: type[Model], holder: str, count: int) -> str:
    """One branch of the grants query: the person's own grants in a direct grant table
    (``holder`` "user") or their groups' (``holder`` "group"); parameters: the person's pk,
    then ``count`` object pks.

    Plain SQL over the models' own tables and columns: this runs on nearly every page, and the
    ORM spent several times longer building the four joined querysets than the database spent
    answering them. Every name is the backend's quoting of model metadata; values are
    parameters. The branches go into one UNION ALL, so the models read together must share a
    primary key type (every model with grants here has an integer one).
    """
    q = connection.ops.quote_name

    def column(model: type[Model], name: str) -> str:
        return f"{q(model._meta.db_table)}.{q(model._meta.get_field(name).column)}"

    membership = get_user_model()._meta.get_field("groups").remote_field.through
    held = (
        f"{column(grants, 'user')} = %s"
        if holder == "user"
        else f"{column(grants, 'group')} IN (SELECT {column(membership, 'group')} "  # noqa: S608
        f"FROM {q(membership._meta.db_table)} WHERE {column(membership, 'user')} = %s)"
    )
    names = {
        "ctype": column(Permission, "content_type"),
        "object": column(grants, "content_object"),
        "codename": column(Permission, "codename"),
        "grants": q(grants._meta.db_table),
        "permissions": q(Permission._meta.db_table),
        "on": f"{column(Permission, 'id')} = {column(grants, 'permission')}",
        "held": held,
        "pks": ", ".join(["%s"] * count),
    }
    return _GRANTS_SQL.format(**names)


def object_checker(user) -> GrantChecker:
    """The person's guardian checker, made once per user object and kept on it (its cache)."""
    checker = getattr(user, _CHECKER_ATTRIBUTE, None)
    if checker is None:
        checker = GrantChecker(user)
        setattr(user, _CHECKER_ATTRIBUTE, checker)
    return checker


def prefetch_object_grants(user, *objects: Model) -> None:
    """Read the person's object grants on ``objects`` in one query for the rest of the request."""
    if is_active(user) and objects:
        object_checker(user).prefetch_perms(objects)


def forget_object_grants(user) -> None:
    """Drop the cached checker after the person's grants changed within the same request."""
    user.__dict__.pop(_CHECKER_ATTRIBUTE, None)


def has_object_perm(user, perm: str, obj: Model) -> bool:
    """Say whether the person holds a django-guardian grant of ``perm`` on ``obj`` (directly or
    through a group); a model permission alone does not count."""
    if not is_active(user) or obj is None:
        return False
    codename = perm.split(".", 1)[-1]
    return object_checker(user).has_perm(codename, obj)


def holders_of(perm: str) -> QuerySet:
    """Active people holding the model permission ``perm`` through a group or directly (for
    choosers: who may be made a presenter, a reviewer…); superusers only if they hold it too."""
    app_label, codename = perm.split(".", 1)
    through_group = Q(
        groups__permissions__codename=codename,
        groups__permissions__content_type__app_label=app_label,
    )
    directly = Q(
        user_permissions__codename=codename,
        user_permissions__content_type__app_label=app_label,
    )
    people = get_user_model().objects
    return people.filter(
        is_active=True, pk__in=people.filter(through_group | directly).values("pk")
    )


class Policy:
    """One app's table of actions → rules, with the refusals every app shares built in."""

    def __init__(self, rules: Mapping[Hashable, Rule]) -> None:
        self.rules = dict(rules)

    def can(self, user, action: Hashable, obj: Any = None) -> bool:
        """Say whether ``user`` may do ``action`` (to ``obj`` where the rule needs one)."""
        if not is_active(user):
            return False
        if user.is_superuser:
            return True
        return bool(self.rules[action](user, obj))

    def require(self, user, action: Hashable, obj: Any = None) -> None:
        """Raise PermissionDenied (a 403) unless ``user`` may do ``action``."""
        if not self.can(user, action, obj):
            raise PermissionDenied


def require_visible(visible: bool) -> None:
    """Raise Http404 unless the object may be seen: a hidden object looks like a missing one."""
    if not visible:
        raise Http404


def get_visible_or_404[M: Model](queryset: QuerySet[M], **lookup) -> M:
    """Fetch one object from a visible-to queryset; hidden and missing are both a 404."""
    found = queryset.filter(**lookup).first()
    if found is None:
        raise Http404
    return found
