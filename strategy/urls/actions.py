"""The action plan's actions (under /documentos/plano-de-acao/acoes/)."""

from django.urls import path

from strategy.views import actions as action_views

urlpatterns = [
    path("", action_views.action_list_view, name="actions"),
    path("nova/", action_views.action_create_view, name="action_create"),
    path("<int:action_id>/editar/", action_views.action_edit_view, name="action_edit"),
    path("<int:action_id>/remover/", action_views.action_delete_view, name="action_delete"),
]
