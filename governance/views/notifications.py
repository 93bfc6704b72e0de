"""A person's notifications (``/notificacoes/``) and their e-mail preferences."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from governance import selectors
from governance.forms.notifications import NotificationPreferencesForm
from governance.services import notifications as services

NOTIFICATIONS_PER_PAGE = 25


@login_required
@require_GET
def notification_list_view(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.notifications_of(request.user), NOTIFICATIONS_PER_PAGE).get_page(
        request.GET.get("pagina")
    )
    return render(request, "governance/notifications/list.html", {"page": page})


@login_required
@require_POST
def notification_read_view(request: HttpRequest, notification_id: int) -> HttpResponse:
    """Mark one notification read, then go where it points (``abrir``) or back to the list."""
    services.notification_mark_read(actor=request.user, notification_id=notification_id)
    target = request.POST.get("seguinte", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("notifications:list")


@login_required
@require_POST
def notification_read_all_view(request: HttpRequest) -> HttpResponse:
    count = services.notifications_mark_all_read(actor=request.user)
    if count:
        messages.success(request, _("Every notification is marked as read."))
    return redirect("notifications:list")


@login_required
@require_http_methods(["GET", "POST"])
def notification_preferences_view(request: HttpRequest) -> HttpResponse:
    form = NotificationPreferencesForm(
        request.POST or None, email_off=selectors.notification_kinds_without_email(request.user)
    )
    if request.method == "POST" and form.is_valid():
        services.notification_preferences_save(actor=request.user, email_by_kind=form.cleaned_data)
        messages.success(request, _("Your e-mail preferences were saved."))
        return redirect("notification_preferences")
    return render(request, "governance/notifications/preferences.html", {"form": form})
