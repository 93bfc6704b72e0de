"""What the strategy services tell people, through ``governance``'s ``notify`` after the commit:
sections given to edit, comments and replies, review, approval and reopening, releases."""

from django.db import transaction
from django.utils.translation import gettext as _

from governance.models import MEMBER_ROLES, Notification, Role, User
from governance.services.notifications import notify
from strategy import selectors
from strategy.models import Comment, Release, Section

Kind = Notification.Kind


def _section_title(section: Section) -> str:
    return f"{section.deliverable.title} — {section.title}"


def section_assigned(*, section: Section, person: User, actor: User) -> None:
    text = _("You can now edit «%(section)s»") % {"section": _section_title(section)}
    link = section.get_absolute_url()
    transaction.on_commit(
        lambda: notify(
            recipients=[person], kind=Kind.SECTION_ASSIGNED, text=text, link=link, exclude=actor
        )
    )


def comment_added(*, comment: Comment) -> None:
    """Tell the section's editors, and in a reply everyone earlier in the thread."""
    section = comment.section
    people = list(selectors.editors_by_section([section.pk]).get(section.pk, []))
    if comment.thread_id is not None:
        earlier = Comment.objects.filter(pk=comment.thread_id) | Comment.objects.filter(
            thread_id=comment.thread_id
        )
        people += [c.author for c in earlier.select_related("author")]
    text = _("%(name)s commented on «%(section)s»") % {
        "name": comment.author.get_full_name(),
        "section": _section_title(section),
    }
    link = section.get_absolute_url() + f"#comentario-{comment.thread_id or comment.pk}"
    transaction.on_commit(
        lambda: notify(
            recipients=people, kind=Kind.COMMENT, text=text, link=link, exclude=comment.author
        )
    )


def section_moved(*, section: Section, actor: User) -> None:
    """Submitted for review: the coordinators; approved or reopened: the editors."""
    title = _section_title(section)
    if section.status == Section.Status.IN_REVIEW:
        people = selectors.coordinators(section.deliverable)
        kind, text = Kind.SECTION_SUBMITTED, _("«%(section)s» awaits your review")
    elif section.status == Section.Status.APPROVED:
        people = selectors.editors_by_section([section.pk]).get(section.pk, [])
        kind, text = Kind.SECTION_DECIDED, _("«%(section)s» was approved")
    else:
        people = selectors.editors_by_section([section.pk]).get(section.pk, [])
        kind, text = Kind.SECTION_DECIDED, _("«%(section)s» was reopened")
    text, link = text % {"section": title}, section.get_absolute_url()
    transaction.on_commit(
        lambda: notify(recipients=people, kind=kind, text=text, link=link, exclude=actor)
    )


def release_published(*, release: Release, actor: User) -> None:
    """Members hear of every release; the Government of those shared with it or public."""
    roles = set(MEMBER_ROLES)
    if release.visibility != Release.Visibility.MEMBERS:
        roles.add(Role.GOVERNMENT)
    people = User.objects.filter(is_active=True, role__in=roles)
    text = _("Release %(label)s of «%(deliverable)s» published") % {
        "label": release.label,
        "deliverable": release.deliverable.title,
    }
    link = release.get_absolute_url()
    transaction.on_commit(
        lambda: notify(recipients=people, kind=Kind.RELEASE, text=text, link=link, exclude=actor)
    )
