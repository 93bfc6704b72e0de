"""Writes of the sign-in protection: the audit log, second-factor devices, lifting lockouts."""

import logging

import django_otp
from axes.models import AccessAttempt
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.client import client_address
from governance import permissions
from governance.models import AuditEvent, User

log = logging.getLogger(__name__)

TOTP_NAME = "app"
RECOVERY_NAME = "recovery"


def audit_record(
    *,
    kind: str,
    actor: User | None = None,
    actor_email: str = "",
    request: HttpRequest | None = None,
    target: str = "",
    **details,
) -> AuditEvent:
    """Write one audit row: who (the account, or the address typed), when, from where, what."""
    if actor is not None and not actor.is_authenticated:
        actor = None
    address = client_address(request) if request is not None else None
    return AuditEvent.objects.create(
        kind=kind,
        actor=actor,
        actor_email=(actor.email if actor is not None else actor_email)[:254],
        address=address or None,
        target=target[:300],
        details=details,
    )


# --- second factor -------------------------------------------------------------------------


def totp_device_pending(*, user: User) -> TOTPDevice:
    """The authenticator app being set up (not yet confirmed by a code); made on first call."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


def _recovery_codes_replace(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(settings.RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def totp_enrolment_confirm(*, request: HttpRequest, token: str) -> list[str]:
    """Confirm the pending authenticator with a code it shows; return fresh recovery codes.

    The session counts as verified from here, so the person carries on without asking again.
    """
    user = request.user
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).first()
    if device is None or not device.verify_token(token.strip()):
        raise ValidationError(
            _(
                "That code is not the one your app shows now. Check the time on your phone "
                "and type the six digits again."
            ),
            code="second_factor_code",
        )
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _recovery_codes_replace(user)
    django_otp.login(request, device)
    audit_record(
        kind=AuditEvent.Kind.SECOND_FACTOR_CHANGED, actor=user, request=request, target="enrolled"
    )
    return codes


@transaction.atomic
def recovery_codes_regenerate(*, request: HttpRequest) -> list[str]:
    """Replace the recovery codes (the old ones stop working) of a verified session."""
    user = request.user
    if not (user.is_authenticated and user.is_verified()):
        raise PermissionDenied
    codes = _recovery_codes_replace(user)
    audit_record(
        kind=AuditEvent.Kind.SECOND_FACTOR_CHANGED,
        actor=user,
        request=request,
        target="recovery codes replaced",
    )
    return codes


@transaction.atomic
def second_factor_remove(*, request: HttpRequest) -> None:
    """Remove the person's authenticator and recovery codes (only from a verified session)."""
    user = request.user
    if not (user.is_authenticated and user.is_verified()):
        raise PermissionDenied
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    request.session.pop(django_otp.DEVICE_ID_SESSION_KEY, None)
    audit_record(
        kind=AuditEvent.Kind.SECOND_FACTOR_CHANGED, actor=user, request=request, target="removed"
    )


@transaction.atomic
def second_factor_verify(*, request: HttpRequest, token: str) -> bool:
    """Check a code from the app (six digits) or a recovery code (used once) for this session."""
    user = request.user
    token = token.strip().replace(" ", "").lower()
    model = TOTPDevice if token.isdigit() else StaticDevice
    for device in model.objects.devices_for_user(user, confirmed=True).select_for_update():
        if device.verify_token(token):
            django_otp.login(request, device)
            return True
    audit_record(kind=AuditEvent.Kind.SECOND_FACTOR_FAILED, actor=user, request=request)
    return False


def has_second_factor(user: User) -> bool:
    return django_otp.user_has_device(user, confirmed=True)


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user).count()


# --- lockouts ------------------------------------------------------------------------------


@transaction.atomic
def sign_in_unlock(*, actor: User, attempt: AccessAttempt, request: HttpRequest) -> None:
    """Lift a lockout: forget the failed attempts of that account and of that address."""
    if not permissions.may_unlock_sign_in(actor):
        raise PermissionDenied
    AccessAttempt.objects.filter(username=attempt.username).delete()
    AccessAttempt.objects.filter(ip_address=attempt.ip_address).delete()
    audit_record(
        kind=AuditEvent.Kind.UNLOCK,
        actor=actor,
        request=request,
        target=f"{attempt.username or '—'} @ {attempt.ip_address or '—'}",
    )
