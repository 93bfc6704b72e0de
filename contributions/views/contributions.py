"""Pages of organisations, calls, contributions and their attachments."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from contributions import permissions, selectors, services
from contributions.forms import (
    FORM_FOR_KIND,
    AttachmentForm,
    CallForm,
    ContactInviteForm,
    OrganisationForm,
)
from contributions.models import MAX_ATTACHMENTS, Attachment, Contribution
from contributions.permissions import Action
from core.confirm import Confirmation, confirm_then_act
from core.editing import EditConflict, conflict_context, resolutions_from
from core.markup import render_markdown
from core.refusals import show_refusal
from governance.audit import record_download

PER_PAGE = 25
HISTORY_SHOWN = 20
#: URL slugs of the three kinds (paths are Portuguese).
KIND_SLUGS = {
    "iniciativa": Contribution.Kind.INITIATIVE,
    "boa-pratica": Contribution.Kind.BEST_PRACTICE,
    "principio": Contribution.Kind.PRINCIPLE,
}
SLUG_OF_KIND = {kind: slug for slug, kind in KIND_SLUGS.items()}


def _may_use_contributions(request: HttpRequest) -> None:
    if not permissions.may_use_contributions(request.user):
        raise Http404


@login_required
@require_GET
def home_view(request: HttpRequest) -> HttpResponse:
    """Open calls; a contact's own contributions; a member's way to the catalogue and reviews."""
    _may_use_contributions(request)
    user = request.user
    organisation = permissions.organisation_of(user)
    context = {
        "open_calls": list(selectors.open_calls()),
        "organisation": organisation,
        "may_browse": permissions.can(user, Action.BROWSE),
        "may_manage": permissions.can(user, Action.MANAGE_ORGANISATIONS),
        "may_contribute": permissions.can(user, Action.CONTRIBUTE),
        "kind_slugs": SLUG_OF_KIND,
    }
    if organisation is not None:
        page = Paginator(selectors.organisation_contributions(organisation), PER_PAGE)
        context["page"] = page.get_page(request.GET.get("pagina"))
    if context["may_browse"]:
        context["my_reviews"] = list(selectors.reviews_assigned_to(user))
    if permissions.can(user, Action.ASSIGN_REVIEWERS):
        context["awaiting_review"] = selectors.awaiting_review()
    return render(request, "contributions/home.html", context)


# --- organisations ------------------------------------------------------------------------------


@login_required
@require_GET
def organisation_list_view(request: HttpRequest) -> HttpResponse:
    if not permissions.can(request.user, Action.MANAGE_ORGANISATIONS):
        raise Http404
    page = Paginator(selectors.organisations_for_management(), PER_PAGE).get_page(
        request.GET.get("pagina")
    )
    return render(request, "contributions/organisation_list.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def organisation_create_view(request: HttpRequest) -> HttpResponse:
    if not permissions.can(request.user, Action.MANAGE_ORGANISATIONS):
        raise Http404
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Organisation recorded. Invite its contact now."))
            return redirect(organisation)
    return render(request, "contributions/organisation_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit_view(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = permissions.organisation_for_user_or_404(request.user, organisation_id)
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_update(
                actor=request.user, organisation=organisation, **form.cleaned_data
            )
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Organisation updated."))
            return redirect(organisation)
    return render(
        request,
        "contributions/organisation_form.html",
        {"form": form, "organisation": organisation},
    )


@login_required
@require_GET
def organisation_view(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = permissions.organisation_for_user_or_404(request.user, organisation_id)
    return _render_organisation(request, organisation, ContactInviteForm())


def _render_organisation(request, organisation, invite_form, status: int = 200) -> HttpResponse:
    contributions = selectors.organisation_contributions(organisation).filter(
        submitted_at__isnull=False
    )
    return render(
        request,
        "contributions/organisation.html",
        {
            "organisation": organisation,
            "contacts": selectors.organisation_contacts(organisation),
            "invite_form": invite_form,
            "contributions": contributions[:50],
        },
        status=status,
    )


@login_required
@require_POST
def organisation_invite_view(request: HttpRequest, organisation_id: int) -> HttpResponse:
    """The secretariat invites a contact: governance's single-use, expiring invitation."""
    organisation = permissions.organisation_for_user_or_404(request.user, organisation_id)
    form = ContactInviteForm(request.POST)
    if form.is_valid():
        try:
            contact = services.organisation_contact_invite(
                actor=request.user,
                organisation=organisation,
                accept_url_builder=request.build_absolute_uri,
                **form.cleaned_data,
            )
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(
                request, _("Invitation sent to %(email)s.") % {"email": contact.person_email}
            )
            return redirect(organisation)
    return _render_organisation(request, organisation, form, status=400)


# --- calls --------------------------------------------------------------------------------------


@login_required
@require_GET
def call_list_view(request: HttpRequest) -> HttpResponse:
    _may_use_contributions(request)
    page = Paginator(selectors.calls_for_management(), PER_PAGE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "contributions/call_list.html",
        {"page": page, "may_manage": permissions.can(request.user, Action.MANAGE_CALLS)},
    )


@login_required
@require_GET
def call_view(request: HttpRequest, call_id: int) -> HttpResponse:
    call = permissions.call_for_user_or_404(request.user, call_id)
    return render(
        request,
        "contributions/call.html",
        {
            "call": call,
            "description_html": render_markdown(call.description),
            "kinds": [(kind, SLUG_OF_KIND[kind]) for kind in call.accepted_kinds],
            "may_contribute": permissions.can(request.user, Action.CONTRIBUTE),
            "may_manage": permissions.can(request.user, Action.MANAGE_CALLS),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def call_form_view(request: HttpRequest, call_id: int | None = None) -> HttpResponse:
    """Create a call, or change one."""
    if not permissions.can(request.user, Action.MANAGE_CALLS):
        raise Http404
    call = permissions.call_for_user_or_404(request.user, call_id) if call_id else None
    form = CallForm(request.POST or None, instance=call)
    if request.method == "POST" and form.is_valid():
        try:
            if call is None:
                call = services.call_create(actor=request.user, **form.cleaned_data)
            else:
                call = services.call_update(actor=request.user, call=call, **form.cleaned_data)
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Call saved."))
            return redirect(call)
    return render(request, "contributions/call_form.html", {"form": form, "call": call})


# --- contributions ------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def contribution_create_view(request: HttpRequest, call_id: int, kind_slug: str) -> HttpResponse:
    """A contact starts a contribution; outside the call's window the form is closed."""
    call = permissions.call_for_user_or_404(request.user, call_id)
    permissions.require(request.user, Action.CONTRIBUTE)
    kind = KIND_SLUGS.get(kind_slug)
    if kind is None or not call.accepts(kind):
        raise Http404
    form_class = FORM_FOR_KIND[kind]
    form = form_class(request.POST or None, instance=Contribution(kind=kind))
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            contribution = services.contribution_create(
                actor=request.user, call=call, kind=kind, **fields
            )
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(
                request, _("Draft saved. Add attachments if you wish, then submit it.")
            )
            return redirect(contribution)
    return render(
        request,
        "contributions/contribution_form.html",
        {"form": form, "call": call, "kind": kind, "closed": not call.is_open()},
    )


@login_required
@require_GET
def contribution_view(request: HttpRequest, contribution_id: int) -> HttpResponse:
    contribution = permissions.contribution_for_user_or_404(request.user, contribution_id)
    return _render_contribution(request, contribution, AttachmentForm())


def _render_contribution(
    request: HttpRequest, contribution: Contribution, attachment_form, status: int = 200
) -> HttpResponse:
    user = request.user
    contribution = selectors.contribution_detail(contribution)
    may_edit = permissions.can(user, Action.EDIT, contribution)
    may_assign = permissions.can(user, Action.ASSIGN_REVIEWERS)
    attachments = list(contribution.attachments.all())
    versions = (
        contribution.history.select_related("history_user")
        .only(
            "history_id",
            "history_date",
            "history_user__full_name",
            "history_change_reason",
            "state",
        )
        .order_by("-history_id")[:HISTORY_SHOWN]
    )
    return render(
        request,
        "contributions/contribution.html",
        {
            "contribution": contribution,
            "body_html": render_markdown(contribution.body),
            "attachments": attachments,
            "attachment_form": attachment_form,
            "may_attach": may_edit and contribution.is_draft and len(attachments) < MAX_ATTACHMENTS,
            "max_attachments": MAX_ATTACHMENTS,
            "may_edit": may_edit and contribution.is_draft,
            "may_withdraw": may_edit
            and contribution.state in {Contribution.State.DRAFT, Contribution.State.SUBMITTED},
            "may_review": permissions.can(user, Action.REVIEW, contribution),
            "may_assign": may_assign,
            "reviewers": selectors.reviewers(contribution) if may_assign else [],
            "is_member": permissions.can(user, Action.BROWSE),
            "section_links": list(contribution.section_links.all()),
            "versions": versions,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def contribution_edit_view(request: HttpRequest, contribution_id: int) -> HttpResponse:
    contribution = permissions.contribution_for_user_or_404(request.user, contribution_id)
    permissions.require(request.user, Action.EDIT, contribution)
    if not contribution.is_draft:
        messages.error(request, _("This contribution was submitted and can no longer be changed."))
        return redirect(contribution)
    form_class = FORM_FOR_KIND[Contribution.Kind(contribution.kind)]
    form = form_class(request.POST or None, instance=contribution)
    base_revision = request.POST.get("base_revision", contribution.revision)
    conflict = None
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            saved = services.contribution_update(
                actor=request.user,
                contribution=contribution,
                base_revision=base_revision,
                resolutions=resolutions_from(request.POST),
                seen_conflict=request.POST.get("conflict", ""),
                **fields,
            )
        except EditConflict as error:
            conflict = conflict_context(
                error, services.CONTRIBUTION_FIELDS[Contribution.Kind(contribution.kind)]
            )
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Draft saved."))
            if saved.merged_message:
                messages.info(request, saved.merged_message)
            return redirect(contribution)
    return render(
        request,
        "contributions/contribution_form.html",
        {
            "form": form,
            "call": contribution.call,
            "kind": contribution.kind,
            "contribution": contribution,
            "closed": not contribution.call.is_open(),
            "base_revision": base_revision,
            "conflict": conflict,
        },
        status=409 if conflict else 200,
    )


def _contribution_move(
    request: HttpRequest, contribution_id: int, operation, *, done: str, **confirmation
) -> HttpResponse:
    """Ask to confirm a move of one's own contribution (GET), then make it (POST)."""
    contribution = permissions.contribution_for_user_or_404(request.user, contribution_id)
    permissions.require(request.user, Action.EDIT, contribution)
    return confirm_then_act(
        request,
        Confirmation(
            cancel_url=contribution.get_absolute_url(),
            breadcrumbs="contributions/_breadcrumbs.html",
            context={"contribution": contribution},
            **{
                key: value % {"title": contribution.title} if key == "question" else value
                for key, value in confirmation.items()
            },
        ),
        act=lambda: operation(actor=request.user, contribution=contribution),
        done=done,
        next_url=contribution.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def contribution_submit_view(request: HttpRequest, contribution_id: int) -> HttpResponse:
    return _contribution_move(
        request,
        contribution_id,
        services.contribution_submit,
        title=_("Submit the contribution"),
        question=_("Submit «%(title)s»?"),
        details=[
            _(
                "Once submitted, the contribution can no longer be changed: the group reviews "
                "the text you send. You can still withdraw it."
            )
        ],
        button=_("Submit"),
        done=_("Contribution submitted. Thank you: the group will review it."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def contribution_withdraw_view(request: HttpRequest, contribution_id: int) -> HttpResponse:
    return _contribution_move(
        request,
        contribution_id,
        services.contribution_withdraw,
        title=_("Withdraw the contribution"),
        question=_("Withdraw «%(title)s»?"),
        details=[
            _("A withdrawn contribution is not reviewed. It stays in your list, with its versions.")
        ],
        button=_("Withdraw"),
        danger=True,
        done=_("Contribution withdrawn."),
    )


# --- attachments --------------------------------------------------------------------------------


@login_required
@require_POST
def attachment_add_view(request: HttpRequest, contribution_id: int) -> HttpResponse:
    contribution = permissions.contribution_for_user_or_404(request.user, contribution_id)
    permissions.require(request.user, Action.EDIT, contribution)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attachment_add(
                actor=request.user, contribution=contribution, upload=form.cleaned_data["file"]
            )
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("File attached."))
            return redirect(f"{contribution.get_absolute_url()}#anexos")
    return _render_contribution(request, contribution, form, status=400)


def _attachment_for_user_or_404(request, contribution_id: int, attachment_id: int) -> Attachment:
    contribution = permissions.contribution_for_user_or_404(request.user, contribution_id)
    attachment = get_object_or_404(Attachment, pk=attachment_id, contribution=contribution)
    attachment.contribution = contribution
    return attachment


@login_required
@require_GET
def attachment_view(request: HttpRequest, contribution_id: int, attachment_id: int):
    """Serve an attachment as a download, only to those who may read the contribution."""
    attachment = _attachment_for_user_or_404(request, contribution_id, attachment_id)
    record_download(request, target=f"{attachment.contribution} · {attachment.original_name}")
    return attachment.download()


@login_required
@require_http_methods(["GET", "POST"])
def attachment_remove_view(
    request: HttpRequest, contribution_id: int, attachment_id: int
) -> HttpResponse:
    attachment = _attachment_for_user_or_404(request, contribution_id, attachment_id)
    contribution = attachment.contribution
    permissions.require(request.user, Action.EDIT, contribution)
    back = f"{contribution.get_absolute_url()}#anexos"
    return confirm_then_act(
        request,
        Confirmation(
            title=_("Remove the attachment"),
            question=_("Remove «%(name)s»?") % {"name": attachment.original_name},
            button=_("Remove"),
            danger=True,
            cancel_url=back,
            breadcrumbs="contributions/_breadcrumbs.html",
            context={"contribution": contribution},
        ),
        act=lambda: services.attachment_remove(actor=request.user, attachment=attachment),
        done=_("Attachment removed."),
        next_url=back,
    )
