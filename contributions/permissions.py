"""Who may do what with organisations, calls and contributions: the one place to ask.

Role-wide abilities are model permissions carried by the role groups (data migrations 0002
and 0003), never the role itself: the secretariat manages organisations, calls and reviewers;
members (secretariat and representatives) read every submitted contribution; a person recorded
as an organisation's contact acts for it while holding ``act_for_organisation``. Reviewing is
``review_contribution``: the secretariat holds it for every contribution, a representative only
where the secretariat granted it (a django-guardian row).
"""

from enum import StrEnum

from django.db.models import Q, QuerySet

from contributions.models import Call, Contribution, Organisation, OrganisationContact
from core.permissions import (
    Policy,
    get_visible_or_404,
    has_object_perm,
    has_perm,
    require_visible,
)
from governance.models import User


class Action(StrEnum):
    MANAGE_ORGANISATIONS = "manage_organisations"  # create, change, invite contacts
    MANAGE_CALLS = "manage_calls"
    BROWSE = "browse"  # the members' catalogue and its exports
    CONTRIBUTE = "contribute"  # start a contribution to a call
    READ = "read"
    EDIT = "edit"  # change a draft, its attachments; submit; withdraw
    ASSIGN_REVIEWERS = "assign_reviewers"
    REVIEW = "review"


_UNSET = object()


def organisation_of(user: User) -> Organisation | None:
    """The organisation the person speaks for, if any (one query, then kept on the user).

    A contact is linked directly (``user``) or through the governance invitation they
    accepted (``invitation__user``): see ``OrganisationContact``.
    """
    if not has_perm(user, "contributions.act_for_organisation"):
        return None
    cached = getattr(user, "_contributions_organisation", _UNSET)
    if cached is _UNSET:
        contact = (
            OrganisationContact.objects.filter(Q(user=user) | Q(invitation__user=user))
            .select_related("organisation")
            .first()
        )
        cached = contact.organisation if contact else None
        user._contributions_organisation = cached
    return cached


def forget_organisation(user: User) -> None:
    """Drop the organisation remembered on this user object (after a contact link changes)."""
    user.__dict__.pop("_contributions_organisation", None)


def reads_every_contribution(user: User) -> bool:
    return has_perm(user, "contributions.view_contribution")


def every_submitted_contribution() -> QuerySet[Contribution]:
    """What those who read every contribution see: each one once submitted."""
    return Contribution.objects.filter(submitted_at__isnull=False)


def contributions_visible_to(user: User) -> QuerySet[Contribution]:
    """Members see every contribution once submitted; a contact sees their organisation's."""
    if reads_every_contribution(user):
        return every_submitted_contribution()
    organisation = organisation_of(user)
    if organisation is not None:
        return Contribution.objects.filter(organisation=organisation)
    return Contribution.objects.none()


def _is_contact_of(user: User, contribution: Contribution) -> bool:
    organisation = organisation_of(user)
    return organisation is not None and organisation.pk == contribution.organisation_id


def may_review(user: User, contribution: Contribution) -> bool:
    perm = "contributions.review_contribution"
    return reads_every_contribution(user) and (
        has_perm(user, perm) or has_object_perm(user, perm, contribution)
    )


def _reads(user: User, contribution: Contribution) -> bool:
    if reads_every_contribution(user) and contribution.submitted_at is not None:
        return True
    return _is_contact_of(user, contribution)


def _edits(user: User, contribution: Contribution) -> bool:
    return has_perm(user, "contributions.change_contribution") and _is_contact_of(
        user, contribution
    )


def _reviews(user: User, contribution: Contribution) -> bool:
    return contribution.submitted_at is not None and may_review(user, contribution)


def _model_permission(perm: str):
    return lambda user, _obj: has_perm(user, perm)


policy = Policy(
    {
        Action.MANAGE_ORGANISATIONS: _model_permission("contributions.add_organisation"),
        Action.MANAGE_CALLS: _model_permission("contributions.add_call"),
        Action.BROWSE: lambda user, _obj: reads_every_contribution(user),
        Action.CONTRIBUTE: lambda user, _obj: (
            has_perm(user, "contributions.add_contribution") and bool(organisation_of(user))
        ),
        Action.ASSIGN_REVIEWERS: _model_permission("contributions.assign_reviewers"),
        Action.READ: _reads,
        Action.EDIT: _edits,
        Action.REVIEW: _reviews,
    }
)


def can(user: User, action: Action, obj: Contribution | Call | None = None) -> bool:
    """Say whether ``user`` may do ``action`` (to the contribution or call ``obj``)."""
    return policy.can(user, action, obj)


def require(user: User, action: Action, obj: Contribution | Call | None = None) -> None:
    """Raise PermissionDenied unless ``user`` may do ``action``."""
    policy.require(user, action, obj)


def contribution_for_user_or_404(user: User, contribution_id: int) -> Contribution:
    """Fetch a contribution the person may read; hidden and missing ones are both a 404."""
    return get_visible_or_404(
        contributions_visible_to(user).select_related(
            "call", "organisation", "region__parent", "created_by", "decided_by"
        ),
        pk=contribution_id,
    )


def may_use_contributions(user: User) -> bool:
    """Say whether the person has the contributions pages at all (who sees the calls)."""
    return has_perm(user, "contributions.view_call")


def call_for_user_or_404(user: User, call_id: int) -> Call:
    """Fetch a call: every signed-in person with access to calls sees them all."""
    require_visible(may_use_contributions(user))
    return get_visible_or_404(Call.objects.all(), pk=call_id)


def organisation_for_user_or_404(user: User, organisation_id: int) -> Organisation:
    """Fetch an organisation for the secretariat's management pages; others get a 404."""
    require_visible(can(user, Action.MANAGE_ORGANISATIONS))
    return get_visible_or_404(Organisation.objects.all(), pk=organisation_id)
