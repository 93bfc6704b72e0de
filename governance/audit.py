"""What the audit log hears by itself: Django's sign-in signals, django-axes' lockouts, and every
change of a group's or person's permissions and of a django-guardian object grant.

The receivers only write the log row (no business logic): the changes themselves are made by the
services and the admin. Who made a permission change comes from the current request, which
django-simple-history's middleware keeps for the thread.
"""

from django.apps import apps
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from governance.models import AuditEvent, User


def _current_request() -> HttpRequest | None:
    return getattr(HistoricalRecords.context, "request", None)


def _record(**fields) -> None:
    from governance.services.security import audit_record

    audit_record(**fields)


def record_download(request: HttpRequest, *, target: str) -> None:
    """Log the download of a file that is not public (called by the download views)."""
    _record(kind=AuditEvent.Kind.DOWNLOAD, actor=request.user, request=request, target=target)


def _signed_in(sender, request, user, **kwargs) -> None:
    from governance.middleware import NO_DEVICE_KEY

    if request is not None and hasattr(request, "session"):
        request.session.pop(NO_DEVICE_KEY, None)
    _record(kind=AuditEvent.Kind.SIGN_IN, actor=user, request=request)


def _signed_out(sender, request, user, **kwargs) -> None:
    if user is not None:
        _record(kind=AuditEvent.Kind.SIGN_OUT, actor=user, request=request)


def _sign_in_failed(sender, credentials, request=None, **kwargs) -> None:
    from governance.signin import attempted_email

    _record(
        kind=AuditEvent.Kind.SIGN_IN_FAILED,
        actor_email=attempted_email(request, credentials) or "",
        request=request,
    )


def _locked_out(sender, request, username, ip_address, **kwargs) -> None:
    _record(
        kind=AuditEvent.Kind.LOCKOUT,
        actor_email=username or "",
        request=request,
        target=f"{username or '—'} @ {ip_address or '—'}",
    )


def _permissions_changed(sender, instance, action, reverse, model, pk_set, **kwargs) -> None:
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if action != "post_clear" and not pk_set:
        return  # nothing was added or removed
    sign = {"post_add": "+", "post_remove": "−", "post_clear": "∅"}[action]
    names = sorted(str(obj) for obj in model.objects.filter(pk__in=pk_set or ()))
    request = _current_request()
    _record(
        kind=AuditEvent.Kind.PERMISSION_CHANGED,
        actor=getattr(request, "user", None),
        request=request,
        target=f"{instance}: {sign} {', '.join(names)}"[:300],
        relation=sender._meta.label,
        change=action,
    )


def _grant_changed(sender, instance, **kwargs) -> None:
    created = kwargs.get("created")
    if created is False:
        return  # a re-save of an existing grant changes nothing
    holder = getattr(instance, "user", None) or getattr(instance, "group", None)
    request = _current_request()
    _record(
        kind=AuditEvent.Kind.GRANT_CHANGED,
        actor=getattr(request, "user", None),
        request=request,
        target=(
            f"{'+' if created else '−'} {instance.permission.codename} → {holder} "
            f"({instance.content_object})"
        )[:300],
        relation=sender._meta.label,
    )


def connect() -> None:
    """Connect the receivers (GovernanceConfig.ready)."""
    from axes.signals import user_locked_out

    user_logged_in.connect(_signed_in, dispatch_uid="audit_sign_in")
    user_logged_out.connect(_signed_out, dispatch_uid="audit_sign_out")
    user_login_failed.connect(_sign_in_failed, dispatch_uid="audit_sign_in_failed")
    user_locked_out.connect(_locked_out, dispatch_uid="audit_lockout")
    for through in (Group.permissions.through, User.user_permissions.through, User.groups.through):
        m2m_changed.connect(
            _permissions_changed, sender=through, dispatch_uid=f"audit_{through._meta.label}"
        )
    for model in apps.get_models():
        if issubclass(model, UserObjectPermissionBase | GroupObjectPermissionBase):
            post_save.connect(
                _grant_changed, sender=model, dispatch_uid=f"audit_+{model._meta.label}"
            )
            post_delete.connect(
                _grant_changed, sender=model, dispatch_uid=f"audit_-{model._meta.label}"
            )
