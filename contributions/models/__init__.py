"""Models of the contributions app (a package: one module per concern)."""

from contributions.models.contributions import (
    BODY_MAX_LENGTH,
    MAX_ATTACHMENTS,
    SUMMARY_MAX_LENGTH,
    Attachment,
    Call,
    Contribution,
    ContributionGroupObjectPermission,
    ContributionUserObjectPermission,
)
from contributions.models.organisations import Organisation, OrganisationContact
from contributions.models.territory import District, Region

__all__ = [
    "BODY_MAX_LENGTH",
    "MAX_ATTACHMENTS",
    "SUMMARY_MAX_LENGTH",
    "Attachment",
    "Call",
    "Contribution",
    "ContributionGroupObjectPermission",
    "ContributionUserObjectPermission",
    "District",
    "Organisation",
    "OrganisationContact",
    "Region",
]
