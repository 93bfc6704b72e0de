"""Comment threads on sections."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.models import User
from strategy import notices, permissions
from strategy.models import (
    Comment,
    Section,
)
from strategy.permissions import Action


@transaction.atomic
def comment_add(
    *, actor: User, section: Section, body: str, thread: Comment | None = None
) -> Comment:
    """Comment on a section (or reply in a thread), tied to the revision being read."""
    permissions.require(actor, Action.COMMENT, section)
    if thread is not None and (thread.section_id != section.pk or thread.thread_id is not None):
        raise ValidationError(_("You can only reply to a thread of this section."), code="thread")
    comment = Comment(
        section=section, thread=thread, author=actor, body=body.strip(), revision=section.revision
    )
    comment.full_clean()
    comment.save()
    notices.comment_added(comment=comment)
    return comment


@transaction.atomic
def comment_resolve(*, actor: User, comment: Comment) -> Comment:
    permissions.require(actor, Action.COMMENT, comment.section)
    if comment.thread_id is not None:
        raise ValidationError(_("Only a whole thread can be resolved."), code="reply")
    comment.resolved_at, comment.resolved_by = timezone.now(), actor
    comment.save(update_fields=["resolved_at", "resolved_by"])
    return comment


@transaction.atomic
def comment_reopen(*, actor: User, comment: Comment) -> Comment:
    permissions.require(actor, Action.COMMENT, comment.section)
    comment.resolved_at, comment.resolved_by = None, None
    comment.save(update_fields=["resolved_at", "resolved_by"])
    return comment
