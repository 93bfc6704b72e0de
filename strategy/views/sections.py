"""A section: reading, editing with no lost updates, history and diffs, review, access, comments."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core import compiled_reads
from core.confirm import Confirmation, confirm_then_act
from core.diff import text_diff_kept, word_diff
from core.editing import EditConflict, conflict_context, resolutions_from
from core.fragments import render_fragment
from core.markup import render_markdown, render_markdown_kept
from core.presence import presence_leave
from core.refusals import show_refusal
from core.stashed_forms import login_required_keeping_post, stashed_post
from strategy import permissions, selectors, services
from strategy.forms import (
    CommentForm,
    PersonChoiceForm,
    SectionAgendaItemsForm,
    SectionEditForm,
    SectionStatusForm,
)
from strategy.models import COMMENT_MAX_LENGTH, Comment, Section
from strategy.permissions import Action
from strategy.selectors import principles_diff
from strategy.services.sections import SECTION_FIELDS
from strategy.views.presence import section_presence_context

VERSIONS_PER_PAGE = 20


@login_required
@require_GET
def section_view(request: HttpRequest, slug: str, section_id: int) -> HttpResponse:
    section = permissions.section_for_user_or_404(request.user, slug, section_id)
    return _render_section(request, section, CommentForm())


def _render_section(
    request: HttpRequest, section: Section, comment_form: CommentForm, status: int = 200
):
    user = request.user
    deliverable = section.deliverable
    with compiled_reads.together():  # the section's reads leave together
        sent = {
            "number": selectors.section_number(section),
            "revision": selectors.current_revision(section),
            "editor_names": selectors.editor_names(section),
            "principles": selectors.section_principles(section),
            "threads": selectors.comment_threads(section),
            "contribution_links": selectors.contribution_links(section),
        }
        permissions.prefetch_grants(user, section, deliverable)
    read = {name: later.result() for name, later in sent.items()}
    may = {
        "may_edit": permissions.can(user, Action.EDIT, section),
        "may_approve": permissions.can(user, Action.APPROVE, section),
        "may_arrange": permissions.can(user, Action.ARRANGE, section),
        "may_assign": permissions.can(user, Action.ASSIGN, section),
        "may_link_agenda_items": permissions.can(user, Action.LINK_AGENDA_ITEMS, section),
        "may_add": permissions.can(user, Action.ADD_SECTION, deliverable),
    }
    head = {
        "deliverable": deliverable,
        "section": section,
        "number": read["number"],
        "revision": read["revision"],
        "editor_names": read["editor_names"],
        "principles": read["principles"],
        **may,
    }
    revision = head["revision"]
    head_html = render_fragment(
        "strategy/_section_head.html",
        head,
        shows=(
            deliverable.slug,
            deliverable.short_title,
            section.pk,
            section.title,
            section.status,
            section.revision,
            head["number"],
            revision.history_date if revision else None,
            revision.history_user.full_name if revision and revision.history_user else "",
            head["editor_names"],
            [(principle["letter"], principle["title"]) for principle in head["principles"]],
            sorted(may.items()),
        ),
    )
    threads = read["threads"]
    for comment in [c for thread in threads for c in [thread, *thread.replies_in_order]]:
        comment.body_html = render_markdown_kept(comment.body, name=("comment", comment.pk))
    return render(
        request,
        "strategy/section.html",
        {
            **head,
            "head_html": head_html,
            "body_html": render_markdown_kept(
                section.body, name=("section", section.pk, section.revision)
            ),
            "threads": threads,
            "contribution_links": read["contribution_links"],
            "may_link_contributions": permissions.can(user, Action.LINK_CONTRIBUTION, section),
            "comment_form": comment_form,
            "comment_max_length": COMMENT_MAX_LENGTH,
            "may_comment": permissions.can(user, Action.COMMENT, section),
            **section_presence_context(request, section, editing=False),
        },
        status=status,
    )


@login_required_keeping_post
@require_http_methods(["GET", "POST"])
def section_edit_view(request: HttpRequest, slug: str, section_id: int) -> HttpResponse:
    """Edit with the revision the form started from; a stale save shows both texts to merge."""
    section = permissions.section_for_user_or_404(request.user, slug, section_id)
    permissions.require(request.user, Action.EDIT, section)
    if section.status == Section.Status.APPROVED:
        messages.error(
            request,
            _("This section is approved and read-only. Ask for it to be reopened to change it."),
        )
        return redirect(section)
    conflict = None
    if request.method == "POST":
        form = SectionEditForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                saved = services.section_update(
                    actor=request.user,
                    section=section,
                    base_revision=data["base_revision"],
                    title=data["title"],
                    body=data["body"],
                    change_note=data["change_note"],
                    principles=data["principles"],
                    resolutions=resolutions_from(request.POST),
                    seen_conflict=request.POST.get("conflict", ""),
                )
            except EditConflict as error:
                # The drafter's text stays in the form; the passages ask how to resolve each.
                conflict = conflict_context(error, SECTION_FIELDS)
            except ValidationError as error:
                show_refusal(form, error)
            else:
                presence_leave(obj=section, user=request.user)
                messages.success(request, _("Saved as a new version."))
                if saved.merged_message:
                    messages.info(request, saved.merged_message)
                return redirect(section)
    elif kept := stashed_post(request):
        # Posted after the session had ended: the text comes back, to be checked and saved.
        form = SectionEditForm(kept)
        form.is_valid()
        messages.warning(
            request,
            _(
                "Your session had ended when you saved. Your text is back in the form: "
                "check it and save again."
            ),
        )
    else:
        form = SectionEditForm(
            initial={
                "title": section.title,
                "body": section.body,
                "principles": section.principles.all(),
                "base_revision": section.revision,
            }
        )
    return render(
        request,
        "strategy/section_edit.html",
        {
            "deliverable": section.deliverable,
            "section": section,
            "form": form,
            "conflict": conflict,
            **section_presence_context(request, section, editing=True),
        },
        status=409 if conflict else 200,
    )


@login_required
@require_GET
def section_history_view(request: HttpRequest, slug: str, section_id: int) -> HttpResponse:
    section = permissions.section_for_user_or_404(request.user, slug, section_id)
    page = Paginator(
        selectors.SectionVersions(section, VERSIONS_PER_PAGE), VERSIONS_PER_PAGE
    ).get_page(request.GET.get("pagina"))
    may_edit = (
        permissions.can(request.user, Action.EDIT, section)
        and section.status != Section.Status.APPROVED
    )
    versions = list(page)
    changes = selectors.version_changes(versions)
    newest_here = page.number == 1
    rows_html = render_fragment(
        "strategy/_history_rows.html",
        {"changes": changes},
        # The restore links follow from these: the deliverable's slug, the section, the right
        # to edit and whether the current text heads this page.
        shows=(
            section.deliverable.slug,
            section.pk,
            may_edit,
            newest_here,
            [change.figures() for change in changes],
        ),
        prepare=lambda: _label_versions(
            section, versions, restorable=may_edit, newest_here=newest_here
        ),
    )
    return render(
        request,
        "strategy/section_history.html",
        {
            "deliverable": section.deliverable,
            "section": section,
            "page": page,
            "changes": changes,
            "rows_html": rows_html,
            "may_edit": may_edit,
        },
    )


def _label_versions(section: Section, versions: list, *, restorable: bool, newest_here: bool):
    """Format each version's texts in Python: per row, template tags and filters cost more
    than the rest of the page (as on the outline)."""
    statuses = dict(Section.Status.choices)
    for index, version in enumerate(versions):
        number = {"revision": version.revision}
        when = localtime(version.history_date)
        version.when_iso = when.isoformat()
        version.when_text = date_format(when, "SHORT_DATETIME_FORMAT")
        version.status_label = statuses.get(version.status, version.status)
        version.who = version.history_user.full_name if version.history_user else ""
        version.from_label = _("Compare from revision %(revision)s") % number
        version.to_label = _("Compare to revision %(revision)s") % number
        # The newest version is the current text: restoring it would change nothing.
        version.restore_url = ""
        if restorable and not (newest_here and index == 0):
            version.restore_url = reverse(
                "strategy:section_restore",
                args=[section.deliverable.slug, section.pk, version.history_id],
            )
            version.restore_label = _("Restore revision %(revision)s") % number


@login_required
@require_GET
def section_compare_view(request: HttpRequest, slug: str, section_id: int) -> HttpResponse:
    """Compare two versions word by word, inline or side by side."""
    section = permissions.section_for_user_or_404(request.user, slug, section_id)
    try:
        old_id, new_id = int(request.GET["de"]), int(request.GET["para"])
    except (KeyError, ValueError):
        messages.error(request, _("Choose two versions to compare."))
        return redirect("strategy:section_history", slug=slug, section_id=section.pk)
    versions = {
        v.history_id: v
        for v in section.history.filter(history_id__in=[old_id, new_id]).select_related(
            "history_user"
        )
    }
    if old_id not in versions or new_id not in versions:
        raise Http404
    old, new = sorted([versions[old_id], versions[new_id]], key=lambda v: v.history_id)
    layout = "lado-a-lado" if request.GET.get("vista") == "lado-a-lado" else "em-linha"
    return render(
        request,
        "strategy/section_compare.html",
        {
            "deliverable": section.deliverable,
            "section": section,
            "old": old,
            "new": new,
            "title_diff": word_diff(old.title, new.title),
            "diff": text_diff_kept(old.body, new.body),
            "principles_diff": principles_diff(old, new),
            "source": request.GET.get("markdown") == "1",
            "layout": layout,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def section_restore_view(
    request: HttpRequest, slug: str, section_id: int, version_id: int
) -> HttpResponse:
    section = permissions.section_for_user_or_404(request.user, slug, section_id)
    permissions.require(request.user, Action.EDIT, section)
    version = get_object_or_404(
        section.history.select_related("history_user"), history_id=version_id
    )
    return confirm_then_act(
        request,
        Confirmation(
            title=_("Restore a version"),
            question=_("Restore revision %(revision)s?") % {"revision": version.revision},
            details=[
                _(
                    "The title, text and principles of revision %(revision)s become a new "
                    "version after "
                    "revision %(current)s. Nothing in the history is removed."
                )
                % {"revision": version.revision, "current": section.revision}
            ],
            button=_("Restore as a new version"),
            cancel_url=reverse("strategy:section_history", args=[slug, section.pk]),
            breadcrumbs="strategy/_breadcrumbs.html",
            context={"deliverable": section.deliverable, "section": None},
        ),
        act=lambda: services.section_restore(
            actor=request.user, section=section, version_id=version_id
        ),
        done=_("Revision %(revision)s restored as a new version.") % {"revision": version.revision},
        next_url=section.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def section_status_view(request: HttpRequest, slug: str, section_id: int) -> HttpResponse:
    """Submit for review, approve, or reopen with a reason."""
    section = permissions.section_for_user_or_404(request.user, slug, section_id)
    target = request.POST.get("status") or request.GET.get("status")
    if target not in Section.Status.values:
        raise Http404
    # The right to make a move comes before whether it fits the section's state: a forged
    # approval by someone who may never approve is a 403, whatever state the section is in.
    moves_to_target = {a for (_s, to), a in services.TRANSITIONS.moves.items() if to == target}
    if moves_to_target and not any(
        permissions.can(request.user, move, section) for move in moves_to_target
    ):
        raise PermissionDenied
    action = services.TRANSITIONS.action_for(section.status, target)
    if action is None:
        messages.error(
            request,
            _("The section is already «%(status)s».") % {"status": section.get_status_display()},
        )
        return redirect(section)
    permissions.require(request.user, action, section)
    form = SectionStatusForm(request.POST or None, initial={"status": target})
    if request.method == "POST" and form.is_valid():
        try:
            services.section_change_status(actor=request.user, section=section, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("reason" if error.code == "reason_required" else None, error.messages)
        else:
            messages.success(
                request,
                _("The section is now «%(status)s».")
                % {"status": Section.Status(form.cleaned_data["status"]).label},
            )
            return redirect(section)
    return render(
        request,
        "strategy/section_status.html",
        {
            "deliverable": section.deliverable,
            "section": section,
            "form": form,
            "target": Section.Status(target),
            "needs_reason": action == Action.REOPEN,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def section_access_view(request: HttpRequest, slug: str, section_id: int) -> HttpResponse:
    """The secretariat gives and takes editor grants (and specialists' read access)."""
    section = permissions.section_for_user_or_404(request.user, slug, section_id)
    permissions.require(request.user, Action.ASSIGN, section)
    form = PersonChoiceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = form.cleaned_data["person"]
        operation = {
            "editar": services.section_editor_assign,
            "remover-edicao": services.section_editor_remove,
            "ler": services.section_reader_grant,
            "remover-acesso": services.section_reader_revoke,
        }.get(request.POST.get("operacao"))
        if operation is None:
            form.add_error(None, _("Choose what to give or take."))
        else:
            try:
                operation(actor=request.user, section=section, person=person)
            except ValidationError as error:
                form.add_error("person", error.messages)
            else:
                messages.success(
                    request, _("Access of %(name)s updated.") % {"name": person.full_name}
                )
                return redirect("strategy:section_access", slug=slug, section_id=section.pk)
    return render(
        request,
        "strategy/section_access.html",
        {
            "deliverable": section.deliverable,
            "section": section,
            "form": form,
            "editors": selectors.editors_by_section([section.pk]).get(section.pk, []),
            "readers": selectors.granted_readers(section),
        },
    )


@login_required
@require_POST
def comment_add_view(request: HttpRequest, slug: str, section_id: int) -> HttpResponse:
    section = permissions.section_for_user_or_404(request.user, slug, section_id)
    form = CommentForm(request.POST)
    if form.is_valid():
        thread = None
        if thread_id := form.cleaned_data["thread"]:
            thread = get_object_or_404(Comment, pk=thread_id, section=section, thread__isnull=True)
        try:
            services.comment_add(
                actor=request.user, section=section, body=form.cleaned_data["body"], thread=thread
            )
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Comment published."))
            return redirect(f"{section.get_absolute_url()}#comentarios")
    return _render_section(request, section, form, status=400)


@login_required
@require_POST
def comment_resolution_view(
    request: HttpRequest, slug: str, section_id: int, comment_id: int, resolved: bool
) -> HttpResponse:
    section = permissions.section_for_user_or_404(request.user, slug, section_id)
    comment = get_object_or_404(Comment, pk=comment_id, section=section, thread__isnull=True)
    operation = services.comment_resolve if resolved else services.comment_reopen
    operation(actor=request.user, comment=comment)
    messages.success(request, _("Thread resolved.") if resolved else _("Thread reopened."))
    return redirect(f"{section.get_absolute_url()}#comentario-{comment.pk}")


@require_POST
def markdown_preview_view(request: HttpRequest) -> HttpResponse:
    """Render the editor's text as the section page will show it (sanitised on the server).

    Asked by the editor through htmx: a signed-out request gets a 401, not the sign-in page, so
    the preview says it failed instead of showing a login form.
    """
    if not request.user.is_authenticated:
        return HttpResponse(status=401)
    if not permissions.may_see_drafts(request.user):
        raise Http404
    return render(
        request,
        "strategy/section_edit.html#markdown-preview",
        {"preview_html": render_markdown(request.POST.get("body", "")[:200_000])},
    )


@login_required
@require_http_methods(["GET", "POST"])
def section_agenda_items_view(request: HttpRequest, slug: str, section_id: int) -> HttpResponse:
    """Members link the section to the meetings' agenda items where it is discussed."""
    section = permissions.section_for_user_or_404(request.user, slug, section_id)
    permissions.require(request.user, Action.LINK_AGENDA_ITEMS, section)
    form = SectionAgendaItemsForm(
        request.POST if request.method == "POST" else None,  # unticking every box is a choice
        initial={"agenda_items": section.agenda_items.all()},
    )
    if request.method == "POST" and form.is_valid():
        services.section_link_agenda_items(
            actor=request.user, section=section, agenda_items=form.cleaned_data["agenda_items"]
        )
        messages.success(request, _("Meetings of the section updated."))
        return redirect(section)
    return render(
        request,
        "strategy/section_agenda_items.html",
        {"deliverable": section.deliverable, "section": section, "form": form},
    )
