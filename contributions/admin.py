"""Django admin for contributions data, with each versioned row's history."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from contributions.models import (
    Attachment,
    Call,
    Contribution,
    District,
    Organisation,
    OrganisationContact,
    Region,
)


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    list_select_related = ["parent"]
    search_fields = ["code", "name"]


class OrganisationContactInline(admin.TabularInline):
    model = OrganisationContact
    fk_name = "organisation"
    extra = 0
    raw_id_fields = ["user", "invitation", "added_by"]


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "scope", "country", "nif"]
    list_filter = ["kind", "scope"]
    search_fields = ["name", "nif"]
    readonly_fields = ["created_by", "created_at"]
    inlines = [OrganisationContactInline]


@admin.register(OrganisationContact)
class OrganisationContactAdmin(admin.ModelAdmin):
    list_display = ["organisation", "user", "invitation", "added_at"]
    list_select_related = ["organisation", "user", "invitation"]
    raw_id_fields = ["user", "invitation", "added_by"]
    search_fields = ["organisation__name", "user__email", "invitation__email"]


@admin.register(Call)
class CallAdmin(SimpleHistoryAdmin):
    list_display = ["title", "opens_at", "closes_at"]
    search_fields = ["title"]
    readonly_fields = ["created_by", "created_at"]


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ["original_name", "kind_label", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # files are checked by content only on the contribution page


@admin.register(Contribution)
class ContributionAdmin(SimpleHistoryAdmin):
    """Read mostly: contributions change through the portal's pages and their services."""

    list_display = ["title", "kind", "state", "organisation", "call", "submitted_at"]
    list_filter = ["kind", "state", "domain", "maturity"]
    list_select_related = ["organisation", "call"]
    search_fields = ["title", "summary", "organisation__name"]
    raw_id_fields = ["created_by", "decided_by"]
    readonly_fields = ["state", "submitted_at", "withdrawn_at", "decided_at", "created_at"]
    inlines = [AttachmentInline]


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    list_display = ["original_name", "contribution", "kind_label", "size", "uploaded_at"]
    list_select_related = ["contribution"]
    readonly_fields = [
        "contribution",
        "file",
        "original_name",
        "content_type",
        "kind_label",
        "size",
        "uploaded_by",
        "uploaded_at",
    ]

    def has_add_permission(self, request) -> bool:
        return False
