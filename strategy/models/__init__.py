"""Models of the strategy app: sections (``sections``), releases (``releases``) and the action
plan (``actions``); every name is importable from here."""

from strategy.models.actions import (
    ACTION_PLAN_SLUG,
    PLAN_FIRST_DAY,
    PLAN_LAST_DAY,
    ActionIndicator,
    PlanAction,
    StrategicObjective,
)
from strategy.models.releases import (
    PdfRender,
    Release,
    ReleaseDownload,
)
from strategy.models.sections import (
    COMMENT_MAX_LENGTH,
    SECTION_BODY_MAX_LENGTH,
    Comment,
    Deliverable,
    DeliverableGroupObjectPermission,
    DeliverableUserObjectPermission,
    Principle,
    Section,
    SectionContribution,
    SectionGroupObjectPermission,
    SectionUserObjectPermission,
)

__all__ = [
    "ACTION_PLAN_SLUG",
    "COMMENT_MAX_LENGTH",
    "PLAN_FIRST_DAY",
    "PLAN_LAST_DAY",
    "SECTION_BODY_MAX_LENGTH",
    "ActionIndicator",
    "Comment",
    "Deliverable",
    "DeliverableGroupObjectPermission",
    "DeliverableUserObjectPermission",
    "PdfRender",
    "PlanAction",
    "Principle",
    "Release",
    "ReleaseDownload",
    "Section",
    "SectionContribution",
    "SectionGroupObjectPermission",
    "SectionUserObjectPermission",
    "StrategicObjective",
]
