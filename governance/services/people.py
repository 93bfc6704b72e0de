"""Every write to governance data about people: invitations, accounts and the roles they carry."""

import secrets

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from governance import permissions
from governance.models import Entity, Invitation, Role, User, check_role_and_entity
from governance.permissions import Action


def role_group_sync(*, user: User) -> None:
    """Make the user's groups match their role: the role's group and no other role group."""
    role_groups = Group.objects.filter(name__in=Role.values)
    user.groups.remove(*role_groups.exclude(name=user.role))
    user.groups.add(*role_groups.filter(name=user.role))


def _lock_entity(entity: Entity | None) -> Entity | None:
    """Lock the entity's row so that two writers cannot both take its last seat."""
    if entity is None:
        return None
    return Entity.objects.select_for_update().get(pk=entity.pk)


@transaction.atomic
def invitation_create(
    *,
    actor: User,
    email: str,
    full_name: str,
    role: str,
    entity: Entity | None,
    accept_url_builder,
) -> Invitation:
    """Invite a person by e-mail; the link is single-use and expires."""
    permissions.require(actor, Action.MANAGE_PEOPLE)
    email = User.objects.normalize_email(email).strip().lower()
    entity = _lock_entity(entity)
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError(
            {
                "email": ValidationError(
                    _("A person with this e-mail address already has an account."),
                    code="duplicate_email",
                )
            }
        )
    if Invitation.objects.pending().filter(email__iexact=email).exists():
        raise ValidationError(
            {
                "email": ValidationError(
                    _(
                        "This address already has a pending invitation. "
                        "Revoke it before sending a new one."
                    ),
                    code="duplicate_invitation",
                )
            }
        )
    check_role_and_entity(role=role, entity=entity)

    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        email=email,
        full_name=full_name.strip(),
        role=role,
        entity=entity,
        invited_by=actor,
        token_hash=Invitation.hash_token(token),
    )
    invitation.full_clean()
    invitation.save()
    accept_url = accept_url_builder(reverse("invitation_accept", kwargs={"token": token}))
    language = translation.get_language()
    transaction.on_commit(lambda: _send_invitation(invitation, accept_url, language))
    return invitation


def _send_invitation(invitation: Invitation, accept_url: str, language: str) -> None:
    with translation.override(language):
        context = {"invitation": invitation, "accept_url": accept_url}
        send_mail(
            subject=_("Invitation to the Smart Cities Strategy portal"),
            message=render_to_string("governance/email/invitation.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[invitation.email],
        )


@transaction.atomic
def invitation_accept(*, token: str, password: str) -> User:
    """Create the invited person's account; the invitation cannot be used again."""
    invitation = (
        Invitation.objects.select_for_update()
        .filter(token_hash=Invitation.hash_token(token))
        .first()
    )
    if invitation is None or not invitation.is_pending:
        raise ValidationError(
            _("This invitation is no longer valid. Ask the secretariat for a new one."),
            code="invitation_invalid",
        )
    entity = _lock_entity(invitation.entity)
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise ValidationError(
            _("An account with this e-mail address already exists. Sign in instead."),
            code="duplicate_email",
        )
    user = User(
        email=invitation.email, full_name=invitation.full_name, role=invitation.role, entity=entity
    )
    validate_password(password, user)
    user.set_password(password)
    user.full_clean()  # checks the seat again: it may have been filled since the invitation
    user.save()
    role_group_sync(user=user)
    invitation.accepted_at = timezone.now()
    invitation.user = user
    invitation.save(update_fields=["accepted_at", "user"])
    return user


@transaction.atomic
def invitation_revoke(*, actor: User, invitation: Invitation) -> Invitation:
    """Withdraw a pending invitation: its link stops working."""
    permissions.require(actor, Action.MANAGE_PEOPLE)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_pending:
        raise ValidationError(_("Only a pending invitation can be revoked."), code="not_pending")
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    return invitation


@transaction.atomic
def user_deactivate(*, actor: User, user: User) -> User:
    """Stop a person from signing in; their work and history stay. A seat they held is freed."""
    permissions.require(actor, Action.MANAGE_PEOPLE)
    if user.pk == actor.pk:
        raise ValidationError(_("You cannot deactivate your own account."), code="self")
    if not user.is_active:
        raise ValidationError(_("This account is already inactive."), code="inactive")
    user.is_active = False
    user.save(update_fields=["is_active"])
    return user


@transaction.atomic
def user_reactivate(*, actor: User, user: User) -> User:
    """Let a deactivated person sign in again, if their seat is still free."""
    permissions.require(actor, Action.MANAGE_PEOPLE)
    if user.is_active:
        raise ValidationError(_("This account is already active."), code="active")
    _lock_entity(user.entity)
    user.is_active = True
    user.full_clean()
    user.save(update_fields=["is_active"])
    return user


def seat_rows_lock(*entities: Entity | None) -> None:
    """Lock the rows of the entities a change touches, in one order, until the transaction ends.

    A seat change reads how many representatives an entity has and then writes; holding the
    entity rows makes two concurrent writers (two admin tabs, a form and a command) queue
    instead of both seeing the last free seat. The order by primary key avoids deadlocks.
    """
    ids = sorted({entity.pk for entity in entities if entity is not None and entity.pk})
    if ids:
        list(Entity.objects.select_for_update().filter(pk__in=ids).order_by("pk"))


@transaction.atomic
def entity_set_seats(*, actor: User, entity: Entity, seats: int) -> Entity:
    """Change an entity's seat count; never below the representatives who hold its seats."""
    permissions.require(actor, Action.MANAGE_PEOPLE)
    seat_rows_lock(entity)
    entity = Entity.objects.get(pk=entity.pk)
    entity.seats = seats
    entity.full_clean()
    entity.save(update_fields=["seats"])
    return entity


@transaction.atomic
def user_change_role(*, actor: User, user: User, role: str, entity: Entity | None) -> User:
    """Give a person another role or entity; a representative needs a free seat in the entity."""
    permissions.require(actor, Action.MANAGE_PEOPLE)
    current = User.objects.select_related("entity").get(pk=user.pk)
    seat_rows_lock(current.entity, entity)
    current.role, current.entity = role, entity
    current.full_clean(exclude=["password"])
    current.save(update_fields=["role", "entity"])
    role_group_sync(user=current)
    return current
