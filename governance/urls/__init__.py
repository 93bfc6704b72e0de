"""People management pages of the secretariat (under /equipa/)."""

from django.urls import path

from governance import views
from governance.views import security

app_name = "governance"

urlpatterns = [
    path("", views.people_view, name="people"),
    path("convidar/", views.invitation_create_view, name="invitation_create"),
    path(
        "convites/<int:invitation_id>/revogar/",
        views.invitation_revoke_view,
        name="invitation_revoke",
    ),
    path("bloqueios/", security.lockouts_view, name="lockouts"),
    path(
        "bloqueios/<int:attempt_id>/desbloquear/",
        security.lockout_unlock_view,
        name="lockout_unlock",
    ),
    path("registo/", security.audit_log_view, name="audit_log"),
    path("<int:user_id>/desativar/", views.user_deactivate_view, name="user_deactivate"),
    path("<int:user_id>/reativar/", views.user_reactivate_view, name="user_reactivate"),
]
