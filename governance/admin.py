"""Django admin for governance data, with each row's history (django-simple-history)."""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from governance import services
from governance.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    AuditEvent,
    CalendarFeed,
    Decision,
    Entity,
    GuestInvitation,
    Invitation,
    Material,
    Meeting,
    Minutes,
    SpecialistRequest,
    User,
    WorkingGroup,
)
from governance.services.people import seat_rows_lock


@admin.register(WorkingGroup)
class WorkingGroupAdmin(SimpleHistoryAdmin):
    list_display = ["name", "legal_basis", "signed_on", "proposals_due", "governance_due"]

    def has_add_permission(self, request) -> bool:
        return not WorkingGroup.objects.exists()

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class SeatLocking:
    """Lock the entity rows a seat change touches before the model's validation counts seats.

    The admin runs the whole change view in one transaction, so the lock holds from this
    count to the save: two admins cannot both take the last seat, or lower the seats under a
    representative being added at the same moment.
    """

    def entities_touched(self) -> list[Entity | None]:
        """The person's entity before and after the change."""
        return [getattr(self.instance, "entity", None), self.cleaned_data.get("entity")]

    def clean(self):
        cleaned = super().clean()
        seat_rows_lock(*self.entities_touched())
        return cleaned


class EntityAdminForm(SeatLocking, forms.ModelForm):
    class Meta:
        model = Entity
        fields = ["code", "paragraph", "name", "short_name", "seats", "is_secretariat"]

    def entities_touched(self) -> list[Entity | None]:
        return [self.instance]


@admin.register(Entity)
class EntityAdmin(SimpleHistoryAdmin):
    """Entities; the model's validation refuses fewer seats than their representatives."""

    form = EntityAdminForm
    list_display = ["paragraph", "short_name", "name", "seats", "is_secretariat"]
    search_fields = ["name", "short_name", "code"]
    ordering = ["paragraph"]


class PortalUserChangeForm(SeatLocking, UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User
        fields = "__all__"


class PortalUserCreationForm(SeatLocking, AdminUserCreationForm):
    class Meta:
        model = User
        fields = ["email", "full_name", "role", "entity"]


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, DjangoUserAdmin):
    """People; the model's validation refuses a representative beyond the entity's seats."""

    form = PortalUserChangeForm
    add_form = PortalUserCreationForm
    list_display = ["email", "full_name", "role", "entity", "is_active"]
    list_filter = ["role", "entity", "is_active", "is_staff"]
    list_select_related = ["entity"]
    search_fields = ["email", "full_name"]
    ordering = ["full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["full_name", "role", "entity"]}),
        (_("Access"), {"fields": ["is_active", "is_staff", "is_superuser", "user_permissions"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["email", "full_name", "role", "entity", "password1", "password2"],
            },
        ),
    ]
    readonly_fields = ["last_login", "date_joined"]

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        services.role_group_sync(user=form.instance)


@admin.register(Invitation)
class InvitationAdmin(SimpleHistoryAdmin):
    list_display = [
        "email",
        "role",
        "entity",
        "created_at",
        "expires_at",
        "accepted_at",
        "revoked_at",
    ]
    list_filter = ["role", "entity"]
    list_select_related = ["entity"]
    search_fields = ["email", "full_name"]
    readonly_fields = ["token_hash", "invited_by", "created_at", "accepted_at", "user"]

    def has_add_permission(self, request) -> bool:
        return False  # invitations are sent from the People page, which e-mails the link


# Meetings ----------------------------------------------------------------------------------------


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    fields = ["position", "title", "duration_minutes", "presenter", "proposed_by"]
    raw_id_fields = ["presenter", "proposed_by"]
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["title", "starts_at", "ends_at", "state", "agenda_state"]
    list_filter = ["state", "agenda_state"]
    search_fields = ["title", "place"]
    date_hierarchy = "starts_at"
    readonly_fields = ["uid", "sequence", "created_by", "created_at", "convened_at"]
    raw_id_fields = ["agenda_approved_by"]
    inlines = [AgendaItemInline]


@admin.register(AgendaItem)
class AgendaItemAdmin(SimpleHistoryAdmin):
    list_display = ["title", "meeting", "position", "duration_minutes", "presenter"]
    list_select_related = ["meeting", "presenter"]
    search_fields = ["title"]
    raw_id_fields = ["meeting", "presenter", "proposed_by"]


@admin.register(Material)
class MaterialAdmin(admin.ModelAdmin):
    list_display = ["original_name", "item", "content_type", "size", "uploaded_by", "uploaded_at"]
    list_select_related = ["item", "uploaded_by"]
    readonly_fields = ["file", "content_type", "size", "uploaded_by", "uploaded_at"]
    raw_id_fields = ["item"]


@admin.register(SpecialistRequest)
class SpecialistRequestAdmin(SimpleHistoryAdmin):
    list_display = ["specialist", "meeting", "state", "requested_by", "decided_by"]
    list_filter = ["state"]
    list_select_related = ["specialist", "meeting", "requested_by", "decided_by"]
    raw_id_fields = ["meeting", "specialist", "requested_by", "decided_by"]
    filter_horizontal = ["items"]


@admin.register(GuestInvitation)
class GuestInvitationAdmin(SimpleHistoryAdmin):
    list_display = ["contact", "meeting", "invited_by", "invited_at"]
    list_select_related = ["contact", "meeting", "invited_by"]
    raw_id_fields = ["meeting", "contact", "invited_by"]
    filter_horizontal = ["items"]


@admin.register(Attendance)
class AttendanceAdmin(SimpleHistoryAdmin):
    list_display = ["person", "meeting", "capacity", "status", "represented_by"]
    list_filter = ["capacity", "status"]
    list_select_related = ["person", "meeting"]
    raw_id_fields = ["meeting", "person", "recorded_by"]


class DecisionInline(admin.TabularInline):
    model = Decision
    raw_id_fields = ["item"]
    extra = 0


class ActionItemInline(admin.TabularInline):
    model = ActionItem
    raw_id_fields = ["owner"]
    extra = 0


@admin.register(Minutes)
class MinutesAdmin(SimpleHistoryAdmin):
    list_display = ["meeting", "state", "revision", "updated_at"]
    list_filter = ["state"]
    list_select_related = ["meeting"]
    raw_id_fields = ["meeting", "updated_by", "approved_by"]
    inlines = [DecisionInline, ActionItemInline]


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "minutes", "item", "recorded_at"]
    raw_id_fields = ["minutes", "item"]


@admin.register(ActionItem)
class ActionItemAdmin(SimpleHistoryAdmin):
    list_display = ["description", "owner", "due_on", "status", "minutes"]
    list_filter = ["status"]
    list_select_related = ["owner", "minutes__meeting"]
    raw_id_fields = ["minutes", "owner"]


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    list_display = ["user", "created_at", "revoked_at"]
    list_select_related = ["user"]
    readonly_fields = ["user", "token_hash", "created_at"]

    def has_add_permission(self, request) -> bool:
        return False  # a feed's token is shown once, to its owner, from the calendar page


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The audit log, read-only: rows are never added, changed or deleted by hand."""

    list_display = ["at", "kind", "actor_email", "address", "target"]
    list_filter = ["kind", "at"]
    search_fields = ["actor_email", "target", "address"]
    date_hierarchy = "at"
    readonly_fields = ["at", "kind", "actor", "actor_email", "address", "target", "details"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
