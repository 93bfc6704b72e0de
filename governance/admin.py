"""Django admin for governance data, with each row's history (django-simple-history)."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from governance import services
from governance.models import Entity, Invitation, User, WorkingGroup


@admin.register(WorkingGroup)
class WorkingGroupAdmin(SimpleHistoryAdmin):
    list_display = ["name", "legal_basis", "signed_on", "proposals_due", "governance_due"]

    def has_add_permission(self, request) -> bool:
        return not WorkingGroup.objects.exists()

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Entity)
class EntityAdmin(SimpleHistoryAdmin):
    list_display = ["paragraph", "short_name", "name", "seats", "is_secretariat"]
    search_fields = ["name", "short_name", "code"]
    ordering = ["paragraph"]


class PortalUserChangeForm(UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User
        fields = "__all__"


class PortalUserCreationForm(AdminUserCreationForm):
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
