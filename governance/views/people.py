"""Pages of the working group and of the secretariat's people management."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.confirm import Confirmation, confirm_then_act
from core.refusals import show_refusal
from governance import permissions, selectors, services
from governance.forms import InvitationForm, SetPasswordForm
from governance.models import Invitation, User
from governance.permissions import Action

PEOPLE_PER_PAGE = 25


def working_group_view(request: HttpRequest) -> HttpResponse:
    """The group's mandate, its entities and seats; names only for signed-in readers."""
    entities = list(selectors.entities_with_seats())
    return render(
        request,
        "governance/working_group.html",
        {
            "entities": entities,
            "total_seats": sum(e.seats for e in entities),
            "filled_seats": sum(min(e.filled_seats, e.seats) for e in entities),
            "show_names": permissions.can(request.user, Action.SEE_MEMBER_NAMES),
        },
    )


@login_required
def people_view(request: HttpRequest) -> HttpResponse:
    permissions.require(request.user, Action.MANAGE_PEOPLE)
    page = Paginator(selectors.people_for_management(), PEOPLE_PER_PAGE).get_page(
        request.GET.get("pagina")
    )
    return render(
        request,
        "governance/people.html",
        {"page": page, "invitations": selectors.invitations_pending()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def invitation_create_view(request: HttpRequest) -> HttpResponse:
    permissions.require(request.user, Action.MANAGE_PEOPLE)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invitation_create(
                actor=request.user,
                accept_url_builder=request.build_absolute_uri,
                **form.cleaned_data,
            )
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(
                request, _("Invitation sent to %(email)s.") % {"email": invitation.email}
            )
            return redirect("governance:people")
    return render(request, "governance/invitation_form.html", {"form": form})


@login_required
@require_POST
def invitation_revoke_view(request: HttpRequest, invitation_id: int) -> HttpResponse:
    permissions.require(request.user, Action.MANAGE_PEOPLE)
    invitation = get_object_or_404(Invitation, pk=invitation_id)
    try:
        services.invitation_revoke(actor=request.user, invitation=invitation)
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(
            request, _("Invitation to %(email)s revoked.") % {"email": invitation.email}
        )
    return redirect("governance:people")


@require_http_methods(["GET", "POST"])
def invitation_accept_view(request: HttpRequest, token: str) -> HttpResponse:
    """Where an invited person sets a password; the link works once and until it expires."""
    invitation = selectors.invitation_by_token(token)
    if invitation is None or not invitation.is_pending:
        return render(
            request, "governance/invitation_invalid.html", {"invitation": invitation}, status=410
        )
    form = SetPasswordForm(request.POST or None, invitation=invitation)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept(token=token, password=form.cleaned_data["password1"])
        except ValidationError as error:
            show_refusal(form, error)
        else:
            login(request, user, backend="core.permissions.ModelPermissionBackend")
            messages.success(request, _("Welcome! Your account is ready."))
            return redirect("dashboard")
    return render(
        request, "governance/invitation_accept.html", {"form": form, "invitation": invitation}
    )


def _person_for_management(request: HttpRequest, user_id: int) -> User:
    permissions.require(request.user, Action.MANAGE_PEOPLE)
    return get_object_or_404(User.objects.select_related("entity"), pk=user_id)


@login_required
@require_http_methods(["GET", "POST"])
def user_deactivate_view(request: HttpRequest, user_id: int) -> HttpResponse:
    """Ask for confirmation, then deactivate."""
    person = _person_for_management(request, user_id)
    details = [
        _(
            "%(email)s will no longer be able to sign in. Everything this person wrote and "
            "their history stay in the portal."
        )
        % {"email": person.email}
    ]
    if person.holds_a_seat and person.entity:
        details.append(
            _("The seat of %(entity)s becomes vacant.") % {"entity": person.entity.short_name}
        )
    return confirm_then_act(
        request,
        Confirmation(
            title=_("Deactivate an account"),
            question=_("Deactivate %(name)s?") % {"name": person.full_name},
            details=details,
            button=_("Deactivate the account"),
            danger=True,
            cancel_url=reverse("governance:people"),
        ),
        act=lambda: services.user_deactivate(actor=request.user, user=person),
        done=_("%(name)s can no longer sign in.") % {"name": person},
        next_url=reverse("governance:people"),
    )


@login_required
@require_POST
def user_reactivate_view(request: HttpRequest, user_id: int) -> HttpResponse:
    person = _person_for_management(request, user_id)
    try:
        services.user_reactivate(actor=request.user, user=person)
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("%(name)s can sign in again.") % {"name": person})
    return redirect("governance:people")
