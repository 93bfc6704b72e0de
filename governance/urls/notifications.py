"""A person's notifications (under /notificacoes/)."""

from django.urls import path

from governance.views import notifications as views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list_view, name="list"),
    path("<int:notification_id>/lida/", views.notification_read_view, name="read"),
    path("todas-lidas/", views.notification_read_all_view, name="read_all"),
]
