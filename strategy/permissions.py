"""Who may do what to the deliverables, sections and releases: the one place views and services ask.

Every answer reads model permissions (carried by the role groups, data migrations 0002, 0006
and 0007) and django-guardian object grants, never the role itself:

- ``view_section`` as a model permission reads every section (members); as an object grant it
  reads one section, honoured for holders of ``read_granted_sections`` (specialists);
- ``change_section`` is an object grant: the section's editors;
- ``coordinate_deliverable`` as an object grant coordinates one deliverable (approve and reopen
  its sections, shape its outline, edit the action plan's actions); as a model permission it
  coordinates every deliverable (the secretariat);
- ``assign_section`` gives and takes those grants; ``add_release`` publishes;
- ``view_release`` downloads every release, ``view_government_release`` those shared with the
  Government; public releases are for everyone.

Grants are given and taken only in services (``strategy/services/grants.py``).
"""

from enum import StrEnum

from django.db import connection
from django.db.models import Q, QuerySet
from guardian.shortcuts import get_objects_for_user

from core.compiled_reads import compiled_read, instance_from
from core.permissions import (
    Policy,
    get_visible_or_404,
    has_object_perm,
    has_perm,
    is_active,
    prefetch_object_grants,
    require_visible,
)
from governance.models import User
from strategy.models import (
    ACTION_PLAN_SLUG,
    Deliverable,
    DeliverableUserObjectPermission,
    PdfRender,
    PlanAction,
    Release,
    Section,
)


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


# Reads -----------------------------------------------------------------------------------------


def prefetch_grants(user: User, *objects: Section | Deliverable) -> None:
    """Read the person's object grants on ``objects`` in one query for the rest of the request.

    A page asks many questions about one section and its deliverable (edit? approve? arrange?).
    The grants land in the person's cached checker (core.permissions), so every later check of
    this request is answered from it.
    """
    prefetch_object_grants(user, *objects)


def reads_every_section(user: User) -> bool:
    return has_perm(user, "strategy.view_section")


def reads_granted_sections(user: User) -> bool:
    return has_perm(user, "strategy.read_granted_sections")


def may_see_drafts(user: User) -> bool:
    """Say whether the person sees any draft at all (members and granted specialists)."""
    return reads_every_section(user) or reads_granted_sections(user)


def sections_visible_to(user: User, deliverable: Deliverable | None = None) -> QuerySet[Section]:
    sections = Section.objects.all()
    if deliverable is not None:
        sections = sections.filter(deliverable=deliverable)
    if reads_every_section(user):
        return sections
    if reads_granted_sections(user):
        return get_objects_for_user(
            user, "strategy.view_section", sections, accept_global_perms=False
        )
    return sections.none()


def is_coordinator(user: User, deliverable: Deliverable) -> bool:
    """Coordinators of this deliverable, and whoever coordinates every deliverable."""
    return has_perm(user, "strategy.coordinate_deliverable") or has_object_perm(
        user, "strategy.coordinate_deliverable", deliverable
    )


def _reads_section(user: User, section: Section) -> bool:
    return reads_every_section(user) or (
        reads_granted_sections(user) and has_object_perm(user, "strategy.view_section", section)
    )


def may_be_granted_sections(person: User) -> bool:
    """Say whether the person reads only the sections granted to them (a specialist)."""
    return reads_granted_sections(person) and not reads_every_section(person)


def reads_every_release(user: User) -> bool:
    return has_perm(user, "strategy.view_release")


def releases_visible_to(user: User) -> QuerySet[Release]:
    """Releases the person may download: members every one; the Government those shared with
    it; everyone the public ones."""
    releases = Release.objects.select_related("deliverable", "render", "published_by")
    if reads_every_release(user):
        return releases
    shown = [Release.Visibility.PUBLIC]
    if has_perm(user, "strategy.view_government_release"):
        shown.append(Release.Visibility.GOVERNMENT)
    return releases.filter(visibility__in=shown)


def coordinates_every_deliverable(user: User) -> bool:
    return has_perm(user, "strategy.coordinate_deliverable")


def sections_awaiting_review_by(user: User) -> QuerySet[Section]:
    """Sections in review that the person may approve (coordinators of their deliverable)."""
    if coordinates_every_deliverable(user):
        return sections_in_review()
    if not is_active(user):
        return Section.objects.none()
    return sections_in_review_coordinated_by(user.pk)


def sections_in_review() -> QuerySet[Section]:
    return Section.objects.filter(status=Section.Status.IN_REVIEW)


def sections_in_review_coordinated_by(user_id: int) -> QuerySet[Section]:
    """Sections in review in the deliverables the person of ``user_id`` was made coordinator
    of: only for reads that asked ``sections_awaiting_review_by``'s questions first (a compiled
    read takes the id as a placeholder)."""
    coordinated = DeliverableUserObjectPermission.objects.filter(
        user_id=user_id, permission__codename="coordinate_deliverable"
    ).values("content_object_id")
    return sections_in_review().filter(deliverable_id__in=coordinated)


# Actions ---------------------------------------------------------------------------------------


def _on_deliverable(rule):
    """Apply a section's rule to its deliverable, so one table answers for both."""
    return lambda user, obj: rule(user, obj if isinstance(obj, Deliverable) else obj.deliverable)


def _coordinates(user: User, deliverable: Deliverable) -> bool:
    return is_coordinator(user, deliverable)


def _edits(user: User, section: Section) -> bool:
    return _reads_section(user, section) and has_object_perm(
        user, "strategy.change_section", section
    )


def _reads(user: User, obj: Section | Deliverable) -> bool:
    if isinstance(obj, Deliverable):
        return may_see_drafts(user)
    return _reads_section(user, obj)


def _reads_actions(user: User, plan: Deliverable) -> bool:
    return plan.slug == ACTION_PLAN_SLUG and has_perm(user, "strategy.view_planaction")


def _edits_actions(user: User, plan: Deliverable) -> bool:
    return (
        plan.slug == ACTION_PLAN_SLUG
        and has_perm(user, "strategy.change_planaction")
        and is_coordinator(user, plan)
    )


def _links_agenda_items(user: User, section: Section) -> bool:
    # Only those who see every meeting (governance.view_meeting) choose among its items.
    return reads_every_section(user) and has_perm(user, "governance.view_meeting")


def may_link_contributions(user: User) -> bool:
    """Say whether the person records which contributions informed the text (members)."""
    return reads_every_section(user) and has_perm(user, "strategy.add_sectioncontribution")


def _links_contribution(user: User, section: Section) -> bool:
    return _reads_section(user, section) and has_perm(user, "strategy.add_sectioncontribution")


policy = Policy(
    {
        Action.READ: _reads,
        Action.COMMENT: lambda user, section: _reads_section(user, section),
        Action.EDIT: _edits,
        Action.SUBMIT_FOR_REVIEW: _edits,
        Action.APPROVE: _on_deliverable(_coordinates),
        Action.REOPEN: _on_deliverable(_coordinates),
        Action.ADD_SECTION: _on_deliverable(_coordinates),
        Action.ARRANGE: _on_deliverable(_coordinates),
        Action.ASSIGN: lambda user, _obj: has_perm(user, "strategy.assign_section"),
        Action.LINK_AGENDA_ITEMS: _links_agenda_items,
        Action.LINK_CONTRIBUTION: _links_contribution,
        Action.EXPORT: lambda user, _obj: reads_every_section(user),
        Action.PUBLISH: lambda user, _obj: has_perm(user, "strategy.add_release"),
        Action.READ_ACTIONS: _reads_actions,
        Action.EDIT_ACTIONS: _edits_actions,
    }
)


def can(user: User, action: Action, obj: Section | Deliverable | None = None) -> bool:
    """Say whether ``user`` may do ``action`` to the section or deliverable ``obj``."""
    return policy.can(user, action, obj)


def require(user: User, action: Action, obj: Section | Deliverable | None = None) -> None:
    """Raise PermissionDenied unless ``user`` may do ``action``."""
    policy.require(user, action, obj)


# Fetching one object (a refused read is a 404) --------------------------------------------------


def deliverable_for_user_or_404(user: User, slug: str) -> Deliverable:
    """Fetch a deliverable the person may read drafts of; anyone else gets a 404 (the first
    read of every deliverable's page: a compiled read)."""
    require_visible(may_see_drafts(user))
    rows = _deliverable_rows(slug=slug)
    require_visible(bool(rows))
    return instance_from(Deliverable, rows[0])


@compiled_read(slug=str)
def _deliverable_rows(*, slug: str) -> QuerySet[Deliverable]:
    return Deliverable.objects.filter(slug=slug).values(*_DELIVERABLE_COLUMNS)


def section_for_user_or_404(user: User, slug: str, section_id: int) -> Section:
    """Fetch a section the person may read; hidden and missing sections are both a 404."""
    if reads_every_section(user):
        return _any_section_or_404(slug, section_id)
    return get_visible_or_404(
        sections_visible_to(user).select_related("deliverable"),
        deliverable__slug=slug,
        pk=section_id,
    )


_SECTION_COLUMNS = [field.attname for field in Section._meta.concrete_fields]
_DELIVERABLE_COLUMNS = [field.attname for field in Deliverable._meta.concrete_fields]


@compiled_read(slug=str, section_id=int)
def _any_section(*, slug: str, section_id: int) -> QuerySet:
    return Section.objects.filter(deliverable__slug=slug, pk=section_id).values(
        *_SECTION_COLUMNS, *(f"deliverable__{name}" for name in _DELIVERABLE_COLUMNS)
    )


def _any_section_or_404(slug: str, section_id: int) -> Section:
    """The section with its deliverable, for those who read every section: the page's first
    read, compiled once (the instances are built as ``select_related`` builds them)."""
    low, high = connection.ops.integer_field_range(Section._meta.pk.get_internal_type())
    # An id out of range matches nothing (the ORM's own lookup answers it with no query).
    rows = _any_section(slug=slug, section_id=section_id) if low <= section_id <= high else []
    require_visible(bool(rows))
    section = instance_from(Section, rows[0])
    section.deliverable = instance_from(Deliverable, rows[0], prefix="deliverable__")
    return section


def action_plan_for_user_or_404(user: User) -> Deliverable:
    """Fetch the action plan for someone who may read its actions (members); others get a 404."""
    plan = get_visible_or_404(Deliverable.objects.all(), slug=ACTION_PLAN_SLUG)
    require_visible(can(user, Action.READ_ACTIONS, plan))
    return plan


def plan_action_for_user_or_404(user: User, action_id: int) -> PlanAction:
    """Fetch an action of the plan the person may read; hidden and missing are both a 404."""
    plan = action_plan_for_user_or_404(user)
    return get_visible_or_404(
        PlanAction.objects.select_related("deliverable", "responsible"),
        deliverable=plan,
        pk=action_id,
    )


def release_for_user_or_404(user: User, release_id: int) -> Release:
    return get_visible_or_404(releases_visible_to(user), pk=release_id)


def render_for_user_or_404(user: User, content_hash: str) -> PdfRender:
    """A render is reachable by members (exports) or through a release the person may see."""
    renders = PdfRender.objects.select_related("deliverable")
    if not reads_every_section(user):
        renders = renders.filter(Q(pk__in=releases_visible_to(user).values("render_id")))
    return get_visible_or_404(renders, content_hash=content_hash)
