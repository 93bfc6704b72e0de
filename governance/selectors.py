"""Reads of governance data, shaped for the pages that show them."""

from django.db.models import Prefetch, QuerySet

from governance.models import Entity, Invitation, Role, User, WorkingGroup


def working_group() -> WorkingGroup | None:
    """Return the group record (n.º 1); None only before the data migrations ran."""
    return WorkingGroup.objects.first()


def entities_with_seats() -> QuerySet[Entity]:
    """Entities in the order of n.º 4, each with its active representatives prefetched."""
    representatives = User.objects.filter(role=Role.REPRESENTATIVE, is_active=True).order_by(
        "full_name"
    )
    return (
        Entity.objects.with_seat_counts()
        .prefetch_related(Prefetch("members", representatives, to_attr="representatives"))
        .order_by("paragraph")
    )


def people_for_management() -> QuerySet[User]:
    return User.objects.select_related("entity").order_by("-is_active", "role", "full_name")


def invitations_pending() -> QuerySet[Invitation]:
    return Invitation.objects.pending().select_related("entity", "invited_by")


def invitation_by_token(token: str) -> Invitation | None:
    """Find the invitation a link's token belongs to, whatever its state."""
    return (
        Invitation.objects.select_related("entity")
        .filter(token_hash=Invitation.hash_token(token))
        .first()
    )
