"""Every write to the deliverables, one module per concern; import from here."""

from core.editing import EditConflict
from strategy.services.actions import (
    ACTION_EDIT,
    ACTION_FIELDS,
    action_create,
    action_delete,
    action_update,
)
from strategy.services.comments import (
    comment_add,
    comment_reopen,
    comment_resolve,
)
from strategy.services.grants import (
    deliverable_coordinator_assign,
    deliverable_coordinator_remove,
    section_editor_assign,
    section_editor_remove,
    section_reader_grant,
    section_reader_revoke,
)
from strategy.services.links import (
    section_contribution_link,
    section_contribution_unlink,
    section_link_agenda_items,
)
from strategy.services.releases import (
    current_text_snapshot,
    deliverable_export_request,
    pdf_render_request,
    pdf_render_retry,
    pdf_render_run,
    release_download_record,
    release_publish,
)
from strategy.services.sections import (
    TRANSITIONS,
    section_change_status,
    section_create,
    section_move,
    section_restore,
    section_update,
)

__all__ = [
    "ACTION_EDIT",
    "ACTION_FIELDS",
    "TRANSITIONS",
    "EditConflict",
    "action_create",
    "action_delete",
    "action_update",
    "comment_add",
    "comment_reopen",
    "comment_resolve",
    "current_text_snapshot",
    "deliverable_coordinator_assign",
    "deliverable_coordinator_remove",
    "deliverable_export_request",
    "pdf_render_request",
    "pdf_render_retry",
    "pdf_render_run",
    "release_download_record",
    "release_publish",
    "section_change_status",
    "section_contribution_link",
    "section_contribution_unlink",
    "section_create",
    "section_editor_assign",
    "section_editor_remove",
    "section_link_agenda_items",
    "section_move",
    "section_reader_grant",
    "section_reader_revoke",
    "section_restore",
    "section_update",
]
