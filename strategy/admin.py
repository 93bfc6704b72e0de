"""Django admin for the deliverables: sections with their history; releases read-only."""

from django.contrib import admin
from guardian.admin import GuardedModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from strategy.models import (
    ActionIndicator,
    Comment,
    Deliverable,
    PdfRender,
    PlanAction,
    Principle,
    Release,
    ReleaseDownload,
    Section,
    SectionContribution,
)


@admin.register(Principle)
class PrincipleAdmin(admin.ModelAdmin):
    list_display = ["letter", "title"]


@admin.register(Deliverable)
class DeliverableAdmin(GuardedModelAdmin):
    list_display = ["letter", "short_title", "slug"]


@admin.register(Section)
class SectionAdmin(SimpleHistoryAdmin, GuardedModelAdmin):
    list_display = ["title", "deliverable", "status", "revision", "updated_at"]
    list_filter = ["deliverable", "status"]
    list_select_related = ["deliverable"]
    search_fields = ["title", "body"]
    readonly_fields = ["revision", "word_count", "updated_at", "updated_by"]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["section", "author", "created_at", "resolved_at"]
    list_select_related = ["section", "author"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records of what happened: shown, never changed or deleted."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Release)
class ReleaseAdmin(ReadOnlyAdmin):
    list_display = ["deliverable", "label", "kind", "visibility", "issued_on", "published_by"]
    list_filter = ["deliverable", "kind", "visibility"]
    list_select_related = ["deliverable", "published_by"]


@admin.register(PdfRender)
class PdfRenderAdmin(ReadOnlyAdmin):
    list_display = ["deliverable", "layout", "state", "pages", "created_at", "finished_at"]
    list_filter = ["state", "layout"]
    exclude = ["snapshot"]


@admin.register(ReleaseDownload)
class ReleaseDownloadAdmin(ReadOnlyAdmin):
    list_display = ["release", "user", "downloaded_at"]
    list_select_related = ["release__deliverable", "user"]


class ActionIndicatorInline(admin.TabularInline):
    model = ActionIndicator
    extra = 0


@admin.register(PlanAction)
class PlanActionAdmin(SimpleHistoryAdmin):
    list_display = ["code", "title", "objective", "responsible", "start", "end", "state"]
    list_filter = ["objective", "state", "responsible"]
    list_select_related = ["responsible"]
    search_fields = ["code", "title"]
    filter_horizontal = ["involved_entities"]
    inlines = [ActionIndicatorInline]


@admin.register(ActionIndicator)
class ActionIndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "target", "unit", "action"]
    list_select_related = ["action"]
    search_fields = ["name", "action__code"]


@admin.register(SectionContribution)
class SectionContributionAdmin(admin.ModelAdmin):
    list_display = ["section", "contribution", "linked_by", "linked_at"]
    list_select_related = ["section", "contribution", "linked_by"]
