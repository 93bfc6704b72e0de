"""Who may do what with organisations, calls and contributions: the one place to ask.

Role-wide abilities are model permissions carried by the role groups (data migration 0002):
the secretariat manages organisations, calls and reviewers; members (secretariat and
representatives) read every submitted contribution; organisation contacts write their own
organisation's. Reviewing is ``review_contribution``: the secretariat holds it for every
contribution, a representative only where the secretariat granted it (a django-guardian row).
"""

from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from contributions.models import Call, Contribution, Organisation, OrganisationContact
from governance.models import Role, User


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


def _active(user: User) -> bool:
    return user.is_authenticated and user.is_active


def organisation_of(user: User) -> Organisation | None:
    """The organisation the person speaks for, if any (one query, then kept on the user).

    A contact is linked directly (``user``) or through the governance invitation they
    accepted (``invitation__user``): see ``OrganisationContact``.
    """
    if not _active(user) or user.role != Role.ORGANISATION:
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
    return _active(user) and user.has_perm("contributions.view_contribution")


def contributions_visible_to(user: User) -> QuerySet[Contribution]:
    """Members see every contribution once submitted; a contact sees their organisation's."""
    if reads_every_contribution(user):
        return Contribution.objects.filter(submitted_at__isnull=False)
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
        user.has_perm(perm) or user.has_perm(perm, contribution)
    )


def can(user: User, action: Action, obj: Contribution | Call | None = None) -> bool:
    """Say whether ``user`` may do ``action`` (to the contribution or call ``obj``)."""
    if not _active(user):
        return False
    match action:
        case Action.MANAGE_ORGANISATIONS:
            return user.has_perm("contributions.add_organisation")
        case Action.MANAGE_CALLS:
            return user.has_perm("contributions.add_call")
        case Action.BROWSE:
            return reads_every_contribution(user)
        case Action.CONTRIBUTE:
            return user.has_perm("contributions.add_contribution") and bool(organisation_of(user))
        case Action.ASSIGN_REVIEWERS:
            return user.has_perm("contributions.assign_reviewers")
    contribution: Contribution = obj
    match action:
        case Action.READ:
            if reads_every_contribution(user) and contribution.submitted_at is not None:
                return True
            return _is_contact_of(user, contribution)
        case Action.EDIT:
            return user.has_perm("contributions.change_contribution") and _is_contact_of(
                user, contribution
            )
        case Action.REVIEW:
            return contribution.submitted_at is not None and may_review(user, contribution)
    return False


def require(user: User, action: Action, obj: Contribution | Call | None = None) -> None:
    """Raise PermissionDenied unless ``user`` may do ``action``."""
    if not can(user, action, obj):
        raise PermissionDenied


def contribution_for_user_or_404(user: User, contribution_id: int) -> Contribution:
    """Fetch a contribution the person may read; hidden and missing ones are both a 404."""
    contribution = (
        contributions_visible_to(user)
        .select_related("call", "organisation", "region__parent", "created_by", "decided_by")
        .filter(pk=contribution_id)
        .first()
    )
    if contribution is None:
        raise Http404
    return contribution


def call_for_user_or_404(user: User, call_id: int) -> Call:
    """Fetch a call: every signed-in person with access to calls sees them all."""
    if not (_active(user) and user.has_perm("contributions.view_call")):
        raise Http404
    call = Call.objects.filter(pk=call_id).first()
    if call is None:
        raise Http404
    return call


def organisation_for_user_or_404(user: User, organisation_id: int) -> Organisation:
    """Fetch an organisation for the secretariat's management pages; others get a 404."""
    if not can(user, Action.MANAGE_ORGANISATIONS):
        raise Http404
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        raise Http404
    return organisation
