"""Every write to contributions: organisations and their contacts, calls, contributions, their
attachments, reviewers and decisions."""

from collections.abc import Callable, Mapping
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import EmailMessage, mailers
from django.db import models, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, remove_perm

from contributions import notices, permissions
from contributions.models import (
    MAX_ATTACHMENTS,
    Attachment,
    Call,
    Contribution,
    Organisation,
    OrganisationContact,
)
from contributions.permissions import Action
from core.editing import EditableFields, apply_edit
from core.permissions import forget_object_grants
from core.transitions import Transitions, transition
from core.versions import save_version
from governance import services as governance_services
from governance.models import MEMBER_ROLES, Role, User

State = Contribution.State

#: Fields an organisation writes, by kind (title, summary and text are common to all three).
COMMON_FIELDS = ["title", "summary", "body"]
KIND_FIELDS = {
    Contribution.Kind.INITIATIVE: [
        "municipality",
        "region",
        "district",
        "domain",
        "maturity",
        "technologies",
        "results",
        "link",
    ],
    Contribution.Kind.BEST_PRACTICE: ["country", "place", "source", "transferability"],
    Contribution.Kind.PRINCIPLE: ["statement", "rationale"],
}

# (from, to) → the action that allows the move (DESIGN.md, «contribution»).
TRANSITIONS = Transitions(
    states=State,
    moves={
        (State.DRAFT, State.SUBMITTED): Action.EDIT,
        (State.DRAFT, State.WITHDRAWN): Action.EDIT,
        (State.SUBMITTED, State.WITHDRAWN): Action.EDIT,
        (State.SUBMITTED, State.UNDER_REVIEW): Action.REVIEW,
        (State.UNDER_REVIEW, State.ACCEPTED): Action.REVIEW,
        (State.UNDER_REVIEW, State.PARTLY_ACCEPTED): Action.REVIEW,
        (State.UNDER_REVIEW, State.NOT_RETAINED): Action.REVIEW,
    },
    refusal=_("A contribution cannot go from «%(old)s» to «%(new)s»."),
)
DECISIONS = (State.ACCEPTED, State.PARTLY_ACCEPTED, State.NOT_RETAINED)


# --- organisations and their contacts ---------------------------------------------------------


@transaction.atomic
def organisation_create(
    *, actor: User, name: str, kind: str, scope: str, country: str, nif: str = ""
) -> Organisation:
    """Record an organisation invited to contribute; a Portuguese one needs a valid NIF."""
    permissions.require(actor, Action.MANAGE_ORGANISATIONS)
    organisation = Organisation(
        name=name.strip(),
        kind=kind,
        scope=scope,
        country=country,
        nif=(nif or "").strip(),
        created_by=actor,
    )
    organisation.full_clean()
    save_version(organisation, actor=actor)
    return organisation


@transaction.atomic
def organisation_update(
    *,
    actor: User,
    organisation: Organisation,
    name: str,
    kind: str,
    scope: str,
    country: str,
    nif: str = "",
) -> Organisation:
    permissions.require(actor, Action.MANAGE_ORGANISATIONS)
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    organisation.name, organisation.kind, organisation.scope = name.strip(), kind, scope
    organisation.country, organisation.nif = country, (nif or "").strip()
    organisation.full_clean()
    save_version(organisation, actor=actor, fields=["name", "kind", "scope", "country", "nif"])
    return organisation


@transaction.atomic
def organisation_contact_invite(
    *,
    actor: User,
    organisation: Organisation,
    email: str,
    full_name: str,
    accept_url_builder: Callable[[str], str],
) -> OrganisationContact:
    """Invite a contact by e-mail through governance's invitation (single use, expires).

    The pending contact keeps the invitation; accepting it makes the person the organisation's
    contact (see ``OrganisationContact``).
    """
    permissions.require(actor, Action.MANAGE_ORGANISATIONS)
    invitation = governance_services.invitation_create(
        actor=actor,
        email=email,
        full_name=full_name,
        role=Role.ORGANISATION,
        entity=None,
        accept_url_builder=accept_url_builder,
    )
    contact = OrganisationContact(organisation=organisation, invitation=invitation, added_by=actor)
    contact.full_clean()
    contact.save()
    return contact


@transaction.atomic
def organisation_contact_add(
    *, actor: User, organisation: Organisation, person: User
) -> OrganisationContact:
    """Make a person who already has an organisation account a contact of ``organisation``."""
    permissions.require(actor, Action.MANAGE_ORGANISATIONS)
    if not person.takes_part_as({Role.ORGANISATION}):
        raise ValidationError(
            _("Only active accounts with the organisation role can be contacts."),
            code="not_organisation_role",
        )
    if OrganisationContact.objects.filter(Q(user=person) | Q(invitation__user=person)).exists():
        raise ValidationError(
            _("This person is already the contact of an organisation."), code="already_contact"
        )
    contact = OrganisationContact(organisation=organisation, user=person, added_by=actor)
    contact.full_clean()
    contact.save()
    permissions.forget_organisation(person)
    return contact


# --- calls --------------------------------------------------------------------------------------


CALL_FIELDS = [
    "title",
    "description",
    "opens_at",
    "closes_at",
    "accepts_initiatives",
    "accepts_best_practices",
    "accepts_principles",
]


@transaction.atomic
def call_create(
    *,
    actor: User,
    title: str,
    description: str,
    opens_at: datetime,
    closes_at: datetime,
    accepts_initiatives: bool,
    accepts_best_practices: bool,
    accepts_principles: bool,
) -> Call:
    """Open a call for contributions between two instants."""
    permissions.require(actor, Action.MANAGE_CALLS)
    call = Call(
        title=title.strip(),
        description=description,
        opens_at=opens_at,
        closes_at=closes_at,
        accepts_initiatives=accepts_initiatives,
        accepts_best_practices=accepts_best_practices,
        accepts_principles=accepts_principles,
        created_by=actor,
    )
    call.full_clean()
    save_version(call, actor=actor)
    return call


@transaction.atomic
def call_update(*, actor: User, call: Call, **fields) -> Call:
    """Change a call's text, dates or accepted kinds (contributions already made stay)."""
    permissions.require(actor, Action.MANAGE_CALLS)
    call = Call.objects.select_for_update().get(pk=call.pk)
    for name in CALL_FIELDS:
        if name in fields:
            setattr(call, name, fields[name])
    call.title = call.title.strip()
    call.full_clean()
    save_version(call, actor=actor, fields=CALL_FIELDS)
    return call


# --- contributions ------------------------------------------------------------------------------


def _refuse_if_closed(call: Call) -> None:
    if not call.is_open():
        raise ValidationError(
            _(
                "The call «%(call)s» is closed: it takes contributions from %(opens)s "
                "to %(closes)s (Lisbon time)."
            )
            % {
                "call": call.title,
                "opens": timezone.localtime(call.opens_at).strftime("%d/%m/%Y %H:%M"),
                "closes": timezone.localtime(call.closes_at).strftime("%d/%m/%Y %H:%M"),
            },
            code="call_closed",
        )


def _refuse_unless_draft(contribution: Contribution) -> None:
    if not contribution.is_draft:
        raise ValidationError(
            _(
                "This contribution was submitted and can no longer be changed. "
                "You can withdraw it and send a new one."
            ),
            code="not_editable",
        )


def _locked(contribution: Contribution) -> Contribution:
    return (
        Contribution.objects.select_for_update()
        .select_related("call", "organisation")
        .get(pk=contribution.pk)
    )


def _save_version(contribution: Contribution, *, actor: User, note: str, fields: list[str]):
    contribution.updated_at = timezone.now()
    contribution.full_clean()
    save_version(contribution, actor=actor, note=note or None, fields=[*fields, "updated_at"])


def _apply(contribution: Contribution, fields: dict) -> list[str]:
    """Set the fields that this kind of contribution has; return their names."""
    names = COMMON_FIELDS + KIND_FIELDS[Contribution.Kind(contribution.kind)]
    for name in names:
        if name in fields:
            value = fields[name]
            setattr(contribution, name, value.strip() if isinstance(value, str) else value)
    return names


@transaction.atomic
def contribution_create(*, actor: User, call: Call, kind: str, **fields) -> Contribution:
    """Start a draft contribution of the actor's organisation to an open call."""
    permissions.require(actor, Action.CONTRIBUTE)
    if kind not in Contribution.Kind.values:
        raise ValidationError(_("Choose a kind of contribution."), code="kind")
    call = Call.objects.get(pk=call.pk)
    _refuse_if_closed(call)
    if not call.accepts(kind):
        raise ValidationError(
            _("This call does not take «%(kind)s» contributions.")
            % {"kind": Contribution.Kind(kind).label},
            code="kind_not_accepted",
        )
    contribution = Contribution(
        call=call, organisation=permissions.organisation_of(actor), kind=kind, created_by=actor
    )
    _apply(contribution, fields)
    contribution.full_clean()
    save_version(contribution, actor=actor, note=_("Draft started"))
    return contribution


def _edit_fields(kind: str) -> EditableFields:
    names = COMMON_FIELDS + KIND_FIELDS[Contribution.Kind(kind)]
    text = tuple(
        name for name in names if isinstance(Contribution._meta.get_field(name), models.TextField)
    )
    return EditableFields(
        model=Contribution, text=text, values=tuple(name for name in names if name not in text)
    )


#: What each kind's draft form edits, for the merge and the save alike.
CONTRIBUTION_FIELDS = {kind: _edit_fields(kind) for kind in Contribution.Kind}


@transaction.atomic
def contribution_update(
    *,
    actor: User,
    contribution: Contribution,
    base_revision: int | None = None,
    resolutions: Mapping[int, tuple[str, str]] | None = None,
    seen_conflict: str = "",
    **fields,
) -> Contribution:
    """Save a new version of a draft, merged with what was saved since ``base_revision`` (two
    contacts of one organisation may edit it); a submitted contribution is immutable."""
    permissions.require(actor, Action.EDIT, contribution)
    current = _locked(contribution)
    _refuse_unless_draft(current)
    _refuse_if_closed(current.call)
    editable = CONTRIBUTION_FIELDS[current.kind]
    plan = apply_edit(
        current,
        editable,
        base_revision=base_revision,
        submitted={name: value for name, value in fields.items() if name in editable.names},
        resolutions=resolutions,
        seen_conflict=seen_conflict,
    )
    _save_version(current, actor=actor, note=plan.note, fields=plan.columns)
    return current


def _move(contribution: Contribution, *, actor: User, to: str) -> None:
    """Make a move the table allows and the actor may make; the caller saves the version."""
    transition(
        contribution, TRANSITIONS, to=to, actor=actor, require=permissions.require, save=False
    )


@transaction.atomic
def contribution_submit(*, actor: User, contribution: Contribution) -> Contribution:
    """Send a draft to the group; from now on it cannot be changed."""
    permissions.require(actor, Action.EDIT, contribution)
    current = _locked(contribution)
    _refuse_unless_draft(current)
    _refuse_if_closed(current.call)
    _move(current, actor=actor, to=State.SUBMITTED)
    current.submitted_at = timezone.now()
    _save_version(current, actor=actor, note=_("Submitted"), fields=["state", "submitted_at"])
    notices.contribution_submitted(contribution=current)
    return current


@transaction.atomic
def contribution_withdraw(*, actor: User, contribution: Contribution) -> Contribution:
    """Take back a draft or a submitted contribution that is not yet under review."""
    permissions.require(actor, Action.EDIT, contribution)
    current = _locked(contribution)
    _move(current, actor=actor, to=State.WITHDRAWN)
    current.withdrawn_at = timezone.now()
    _save_version(current, actor=actor, note=_("Withdrawn"), fields=["state", "withdrawn_at"])
    return current


# --- attachments --------------------------------------------------------------------------------


@transaction.atomic
def attachment_add(*, actor: User, contribution: Contribution, upload: UploadedFile) -> Attachment:
    """Attach a file to a draft: recognised by content, at most five, 10 MB each."""
    permissions.require(actor, Action.EDIT, contribution)
    current = _locked(contribution)
    _refuse_unless_draft(current)
    if current.attachments.count() >= MAX_ATTACHMENTS:
        raise ValidationError(
            {
                "file": ValidationError(
                    _("A contribution can have at most %(count)s attachments.")
                    % {"count": MAX_ATTACHMENTS},
                    code="too_many_attachments",
                )
            }
        )
    return Attachment.store(upload, folder="contributos", uploaded_by=actor, contribution=current)


@transaction.atomic
def attachment_remove(*, actor: User, attachment: Attachment) -> None:
    """Remove an attachment from a draft (the stored file goes once the change is committed)."""
    permissions.require(actor, Action.EDIT, attachment.contribution)
    _refuse_unless_draft(_locked(attachment.contribution))
    attachment.delete_with_file()


# --- review -------------------------------------------------------------------------------------


def _check_reviewable(contribution: Contribution) -> None:
    if contribution.state not in {State.SUBMITTED, State.UNDER_REVIEW}:
        raise ValidationError(
            _("Reviewers can only be given to a submitted contribution not yet decided."),
            code="not_reviewable",
        )


@transaction.atomic
def reviewer_assign(*, actor: User, contribution: Contribution, person: User) -> None:
    """Let a member of the group review a contribution."""
    permissions.require(actor, Action.ASSIGN_REVIEWERS)
    _check_reviewable(contribution)
    if not person.takes_part_as(MEMBER_ROLES):
        raise ValidationError(
            _("Only active members of the group can review contributions."), code="not_member"
        )
    assign_perm("contributions.review_contribution", person, contribution)
    forget_object_grants(person)
    notices.reviewer_assigned(contribution=contribution, person=person, actor=actor)


@transaction.atomic
def reviewer_remove(*, actor: User, contribution: Contribution, person: User) -> None:
    permissions.require(actor, Action.ASSIGN_REVIEWERS)
    remove_perm("contributions.review_contribution", person, contribution)
    forget_object_grants(person)


@transaction.atomic
def contribution_start_review(*, actor: User, contribution: Contribution) -> Contribution:
    """Take a submitted contribution under review."""
    current = _locked(contribution)
    _move(current, actor=actor, to=State.UNDER_REVIEW)
    _save_version(current, actor=actor, note=_("Review started"), fields=["state"])
    return current


@transaction.atomic
def contribution_decide(
    *,
    actor: User,
    contribution: Contribution,
    state: str,
    reason: str = "",
    feedback: str = "",
    contribution_url: str = "",
) -> Contribution:
    """Accept, partly accept or not retain a contribution; the organisation is told by e-mail."""
    if state not in DECISIONS:
        raise ValidationError(_("Choose a decision."), code="decision")
    current = _locked(contribution)
    _move(current, actor=actor, to=state)
    current.decision_reason, current.feedback = reason.strip(), feedback.strip()
    current.decided_by, current.decided_at = actor, timezone.now()
    try:
        current.check_decision_explained()
    except ValidationError as error:  # the form calls the reason «reason»
        errors = error.error_dict
        if "decision_reason" in errors:
            errors["reason"] = errors.pop("decision_reason")
        raise ValidationError(errors) from None
    _save_version(
        current,
        actor=actor,
        note=State(state).label,
        fields=["state", "decision_reason", "feedback", "decided_by", "decided_at"],
    )
    recipients = _contact_people(current.organisation)
    language = translation.get_language()
    transaction.on_commit(lambda: _send_decision(current, recipients, contribution_url, language))
    notices.contribution_decided(contribution=current)
    return current


def _contact_people(organisation: Organisation) -> list[tuple[str, str]]:
    """The organisation's active contacts as (name, e-mail), each address once."""
    contacts = OrganisationContact.objects.filter(organisation=organisation).select_related(
        "user", "invitation__user"
    )
    people = {
        person.email: person.full_name
        for person in (contact.person for contact in contacts)
        if person is not None and person.is_active
    }
    return sorted((name, email) for email, name in people.items())


def _send_decision(
    contribution: Contribution, recipients: list[tuple[str, str]], url: str, language: str
) -> None:
    """Write to each contact by name; one connection for the whole batch."""
    if not recipients:
        return
    with translation.override(language):
        subject = _("Your contribution «%(title)s»: %(decision)s") % {
            "title": contribution.title,
            "decision": contribution.get_state_display(),
        }
        messages = [
            EmailMessage(
                subject=subject,
                body=render_to_string(
                    "contributions/email/decision.txt",
                    {"contribution": contribution, "url": url, "name": name},
                ),
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[email],
            )
            for name, email in recipients
        ]
        mailers.default.send_messages(messages)
