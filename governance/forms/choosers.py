"""The one field every page uses to choose a person of the group.

Reviewers, action owners, presenters, section editors, coordinators, specialists and guests are
all chosen through ``PersonChoiceField``: the right people only (active, never the superuser
account, only the roles the page asks for), grouped by entity in ``<optgroup>``s in the order
of n.º 4 and sorted by name with Portuguese collation inside each group.
"""

from collections.abc import Iterable

from django import forms
from django.db.models import QuerySet
from django.forms.models import ModelChoiceIterator

from core.collation import collated
from governance.models import Role, User


def people_to_choose(roles: Iterable[str]) -> QuerySet[User]:
    """Active people with one of ``roles``; the superuser account is nobody of the group."""
    return (
        User.objects.people_of_group()
        .filter(role__in=sorted(roles))
        .select_related("entity")
        .order_by("entity__paragraph", "full_name")
    )


class PeopleByEntity(ModelChoiceIterator):
    """The choices as one ``<optgroup>`` per entity (in the order of n.º 4), read lazily."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        groups: dict[str, tuple[str, list[User]]] = {}
        for person in self.queryset:
            order = person.entity.paragraph if person.entity_id else "~"
            groups.setdefault(self.field.group_label(person), (order, []))[1].append(person)
        for label, (_order, people) in sorted(groups.items(), key=lambda group: group[1][0]):
            yield (
                label,
                [self.choice(person) for person in collated(people, key=_full_name)],
            )


def _full_name(person: User) -> str:
    return person.full_name


class PersonChoiceMixin:
    """A person field over ``roles``: grouped by entity, labelled with the role if mixed."""

    iterator = PeopleByEntity

    def __init__(self, *, roles: Iterable[str], queryset: QuerySet[User] | None = None, **kwargs):
        self.roles = frozenset(roles)
        if queryset is None:
            queryset = people_to_choose(self.roles)
        super().__init__(queryset=queryset, **kwargs)

    def label_from_instance(self, person: User) -> str:
        if len(self.roles) > 1:
            return f"{person.full_name} ({person.get_role_display()})"
        return person.full_name

    @staticmethod
    def group_label(person: User) -> str:
        """The entity's short name, or the role for people outside the entities."""
        if person.entity_id:
            return person.entity.short_name
        return str(person.get_role_display())


class PersonChoiceField(PersonChoiceMixin, forms.ModelChoiceField):
    """Choose one person of the given roles, grouped by entity."""


class PersonMultipleChoiceField(PersonChoiceMixin, forms.ModelMultipleChoiceField):
    """Choose several people of the given roles, grouped by entity."""


#: The roles of the people who work on the texts: members of the group and specialists.
DRAFTING_ROLES = frozenset({Role.SECRETARIAT, Role.REPRESENTATIVE, Role.SPECIALIST})
