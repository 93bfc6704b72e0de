"""The account page, the second-factor pages, sign-in lockouts and the audit log."""

import base64
import ipaddress
from datetime import datetime, time
from urllib.parse import urlencode

import segno
from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.refusals import show_refusal
from governance import permissions
from governance.forms import EmailAuthenticationForm
from governance.forms.security import AuditFilterForm, SecondFactorCodeForm
from governance.models import AuditEvent
from governance.services import security

AUDIT_PER_PAGE = 50
SHOWN_CODES_KEY = "recovery_codes_to_show"


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


@login_required
def account_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "governance/account/account.html",
        {
            "has_second_factor": security.has_second_factor(user),
            "recovery_codes_left": security.recovery_codes_left(user),
            "second_factor_required": settings.SECOND_FACTOR_REQUIRED
            and permissions.must_use_second_factor(user),
            "idle_minutes": permissions.idle_session_limit(user) // 60,
            "may_unlock_sign_in": permissions.may_unlock_sign_in(user),
            "may_read_audit_log": permissions.may_read_audit_log(user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def second_factor_enrol_view(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: scan the code (or type the key), then confirm one code."""
    # Replacing the app from a verified session is allowed; from an unverified one, never.
    if not request.user.is_verified() and security.has_second_factor(request.user):
        return redirect("second_factor_verify")
    device = security.totp_device_pending(user=request.user)
    form = SecondFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = security.totp_enrolment_confirm(
                request=request, token=form.cleaned_data["token"]
            )
        except ValidationError as error:
            show_refusal(form, error)
        else:
            request.session[SHOWN_CODES_KEY] = codes
            messages.success(request, _("Two-factor sign-in is on."))
            query = urlencode({"next": _next_url(request)})
            return redirect(f"{reverse('second_factor_codes')}?{query}")
    key = device.bin_key
    return render(
        request,
        "governance/account/second_factor_enrol.html",
        {
            "form": form,
            "qr_svg": segno.make(device.config_url, error="m").svg_inline(
                scale=5, title=_("QR code to scan with the authenticator app")
            ),
            "secret": _base32(key),
            "next": _next_url(request),
            "required": settings.SECOND_FACTOR_REQUIRED
            and permissions.must_use_second_factor(request.user),
        },
    )


def _base32(key: bytes) -> str:
    text = base64.b32encode(key).decode("ascii").rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


@login_required
@require_http_methods(["GET", "POST"])
def second_factor_codes_view(request: HttpRequest) -> HttpResponse:
    """Show fresh recovery codes once; replace them on request."""
    if request.method == "POST":
        try:
            request.session[SHOWN_CODES_KEY] = security.recovery_codes_regenerate(request=request)
        except PermissionDenied:
            return redirect("second_factor_verify")
        return redirect("second_factor_codes")
    return render(
        request,
        "governance/account/recovery_codes.html",
        {
            "codes": request.session.pop(SHOWN_CODES_KEY, None),
            "left": security.recovery_codes_left(request.user),
            "next": _next_url(request),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def second_factor_verify_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_verified():
        return redirect(_next_url(request))
    if not security.has_second_factor(request.user):
        return redirect("second_factor_enrol")
    form = SecondFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if security.second_factor_verify(request=request, token=form.cleaned_data["token"]):
            return redirect(_next_url(request))
        form.add_error(
            "token",
            ValidationError(
                _(
                    "This code is wrong or was already used. Type the code your app shows now, "
                    "or an unused recovery code."
                ),
                code="second_factor_code",
            ),
        )
    return render(
        request,
        "governance/account/second_factor_verify.html",
        {"form": form, "next": _next_url(request)},
    )


@login_required
@require_POST
def second_factor_remove_view(request: HttpRequest) -> HttpResponse:
    try:
        security.second_factor_remove(request=request)
    except PermissionDenied:
        return redirect("second_factor_verify")
    messages.success(request, _("Two-factor sign-in is off."))
    return redirect("account")


def locked_out_view(request: HttpRequest, original_response=None, credentials=None):
    """The sign-in page again, saying the account or address is locked (django-axes)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "registration/login.html",
        {
            "form": EmailAuthenticationForm(request),
            "next": _next_url(request),
            "lockout_message": _(
                "Too many failed sign-ins: this account or this address is locked for "
                "%(minutes)s minutes. Reset your password by e-mail or ask the secretariat "
                "to unlock it."
            )
            % {"minutes": minutes},
        },
        status=429,
    )


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Choosing a new password from the e-mailed link also lifts the account's lockout."""

    def form_valid(self, form):
        response = super().form_valid(form)
        axes_reset(username=form.user.email)
        return response


def _locked_attempts():
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    return AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gte=since
    ).order_by("-attempt_time")


@login_required
def lockouts_view(request: HttpRequest) -> HttpResponse:
    if not permissions.may_unlock_sign_in(request.user):
        raise PermissionDenied
    return render(request, "governance/lockouts.html", {"attempts": _locked_attempts()[:200]})


@login_required
@require_POST
def lockout_unlock_view(request: HttpRequest, attempt_id: int) -> HttpResponse:
    if not permissions.may_unlock_sign_in(request.user):
        raise PermissionDenied
    attempt = AccessAttempt.objects.filter(pk=attempt_id).first()
    if attempt is None:
        raise Http404
    security.sign_in_unlock(actor=request.user, attempt=attempt, request=request)
    messages.success(
        request, _("%(account)s can sign in again.") % {"account": attempt.username or "—"}
    )
    return redirect("governance:lockouts")


@login_required
def audit_log_view(request: HttpRequest) -> HttpResponse:
    if not permissions.may_read_audit_log(request.user):
        raise PermissionDenied
    form = AuditFilterForm(request.GET or None)
    events = AuditEvent.objects.newest_first()
    if form.is_valid():
        data = form.cleaned_data
        if data["kind"]:
            events = events.filter(kind=data["kind"])
        if data["account"]:
            events = events.filter(actor_email__icontains=data["account"])
        if data["address"]:
            events = (
                events.filter(address=data["address"]) if _is_ip(data["address"]) else events.none()
            )
        zone = timezone.get_current_timezone()
        if data["since"]:
            events = events.filter(at__gte=datetime.combine(data["since"], time.min, zone))
        if data["until"]:
            events = events.filter(at__lte=datetime.combine(data["until"], time.max, zone))
    query = request.GET.copy()
    query.pop("pagina", None)
    page = Paginator(events, AUDIT_PER_PAGE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "governance/audit_log.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


def _is_ip(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True
