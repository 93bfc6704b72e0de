"""Who may do what to the deliverables and their sections: the one place views and services ask.

Members (secretariat and representatives) read and comment on every section through their
role's model permissions. Editing is an object grant (``change_section``) given per section;
a specialist reads and comments only where granted (``view_section``); coordinating a
deliverable is ``coordinate_deliverable`` on it. Grants are given and taken in services.
"""

from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from guardian.core import ObjectPermissionChecker
from guardian.shortcuts import get_objects_for_user

from governance.models import Role, User
from strategy.models import ACTION_PLAN_SLUG, Deliverable, PlanAction, Section


class Action(StrEnum):
    READ = "read"
    COMMENT = "comment"
    EDIT = "edit"
    SUBMIT_FOR_REVIEW = "submit_for_review"
    APPROVE = "approve"
    REOPEN = "reopen"
    ADD_SECTION = "add_section"
    ARRANGE = "arrange"  # reorder and move sections
    ASSIGN = "assign"  # give and take editor and coordinator grants
    LINK_AGENDA_ITEMS = "link_agenda_items"  # say at which meetings a section is discussed
    LINK_CONTRIBUTION = "link_contribution"  # record that a contribution informed a section
    EXPORT = "export"  # download the current text as a PDF
    PUBLISH = "publish"  # freeze a release
    READ_ACTIONS = "read_actions"  # see the action plan's actions
    EDIT_ACTIONS = "edit_actions"  # add, change and delete the action plan's actions


def _active(user: User) -> bool:
    return user.is_authenticated and user.is_active


def prefetch_grants(user: User, *objects: Section | Deliverable) -> None:
    """Read the person's object grants on ``objects`` in one go for the rest of the request.

    A page asks many questions about one section (edit? approve? arrange?); without this each
    is a guardian query. Call it from a view with ``request.user`` (one object per request),
    never with a user kept across grants and revocations.
    """
    if not _active(user):
        return
    checker = ObjectPermissionChecker(user)
    for obj in objects:
        checker.prefetch_perms([obj])
    user._strategy_grants = checker


def _granted(user: User, perm: str, obj: Section | Deliverable) -> bool:
    checker = getattr(user, "_strategy_grants", None)
    return checker.has_perm(perm, obj) if checker else user.has_perm(perm, obj)


def reads_every_section(user: User) -> bool:
    return _active(user) and user.has_perm("strategy.view_section")


def may_see_drafts(user: User) -> bool:
    """Say whether the person sees any draft at all (members and granted specialists)."""
    return _active(user) and (reads_every_section(user) or user.role == Role.SPECIALIST)


def sections_visible_to(user: User, deliverable: Deliverable | None = None) -> QuerySet[Section]:
    sections = Section.objects.all()
    if deliverable is not None:
        sections = sections.filter(deliverable=deliverable)
    if reads_every_section(user):
        return sections
    if _active(user) and user.role == Role.SPECIALIST:
        return get_objects_for_user(
            user, "strategy.view_section", sections, accept_global_perms=False
        )
    return sections.none()


def is_coordinator(user: User, deliverable: Deliverable) -> bool:
    return _active(user) and _granted(user, "strategy.coordinate_deliverable", deliverable)


def can(user: User, action: Action, obj: Section | Deliverable | None = None) -> bool:
    """Say whether ``user`` may do ``action`` to the section or deliverable ``obj``."""
    if not _active(user):
        return False
    if user.is_superuser:
        return True
    secretariat = user.role == Role.SECRETARIAT
    if isinstance(obj, Deliverable):
        if action in {Action.ADD_SECTION, Action.ARRANGE}:
            return secretariat or is_coordinator(user, obj)
        if action in {Action.ASSIGN, Action.PUBLISH}:
            return secretariat
        if action == Action.EXPORT:
            return reads_every_section(user)
        if action == Action.READ:
            return may_see_drafts(user)
        if action == Action.READ_ACTIONS:
            return obj.slug == ACTION_PLAN_SLUG and user.has_perm("strategy.view_planaction")
        if action == Action.EDIT_ACTIONS:
            return (
                obj.slug == ACTION_PLAN_SLUG
                and user.has_perm("strategy.change_planaction")
                and (secretariat or is_coordinator(user, obj))
            )
        return False
    section: Section = obj
    granted_reader = user.role == Role.SPECIALIST and _granted(
        user, "strategy.view_section", section
    )
    reader = reads_every_section(user) or granted_reader
    match action:
        case Action.READ | Action.COMMENT:
            return reader
        case Action.EDIT | Action.SUBMIT_FOR_REVIEW:
            return reader and _granted(user, "strategy.change_section", section)
        case Action.APPROVE | Action.REOPEN:
            return secretariat or is_coordinator(user, section.deliverable)
        case Action.ARRANGE:
            return secretariat or is_coordinator(user, section.deliverable)
        case Action.ASSIGN:
            return secretariat
        case Action.LINK_AGENDA_ITEMS:
            # Members see every meeting (governance.view_meeting); specialists do not.
            return reads_every_section(user) and user.has_perm("governance.view_meeting")
        case Action.LINK_CONTRIBUTION:
            return reader and user.has_perm("strategy.add_sectioncontribution")
    return False


def require(user: User, action: Action, obj: Section | Deliverable | None = None) -> None:
    """Raise PermissionDenied unless ``user`` may do ``action``."""
    if not can(user, action, obj):
        raise PermissionDenied


def deliverable_for_user_or_404(user: User, slug: str) -> Deliverable:
    """Fetch a deliverable the person may read drafts of; anyone else gets a 404."""
    if not may_see_drafts(user):
        raise Http404
    try:
        return Deliverable.objects.get(slug=slug)
    except Deliverable.DoesNotExist:
        raise Http404 from None


def section_for_user_or_404(user: User, slug: str, section_id: int) -> Section:
    """Fetch a section the person may read; hidden and missing sections are both a 404."""
    section = (
        sections_visible_to(user)
        .select_related("deliverable", "updated_by", "parent")
        .filter(deliverable__slug=slug, pk=section_id)
        .first()
    )
    if section is None:
        raise Http404
    return section


def action_plan_for_user_or_404(user: User) -> Deliverable:
    """Fetch the action plan for someone who may read its actions (members); others get a 404."""
    plan = Deliverable.objects.filter(slug=ACTION_PLAN_SLUG).first()
    if plan is None or not can(user, Action.READ_ACTIONS, plan):
        raise Http404
    return plan


def plan_action_for_user_or_404(user: User, action_id: int) -> PlanAction:
    """Fetch an action of the plan the person may read; hidden and missing are both a 404."""
    plan = action_plan_for_user_or_404(user)
    action = (
        PlanAction.objects.select_related("deliverable", "responsible")
        .filter(deliverable=plan, pk=action_id)
        .first()
    )
    if action is None:
        raise Http404
    return action
