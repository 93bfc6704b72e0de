"""Pages of governance: the group and people (``people``), meetings (``meetings``) and their
minutes (``minutes``)."""

from governance.views.people import (
    invitation_accept_view,
    invitation_create_view,
    invitation_revoke_view,
    people_view,
    user_deactivate_view,
    user_reactivate_view,
    working_group_view,
)

__all__ = [
    "invitation_accept_view",
    "invitation_create_view",
    "invitation_revoke_view",
    "people_view",
    "user_deactivate_view",
    "user_reactivate_view",
    "working_group_view",
]
