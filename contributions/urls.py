from django.urls import path

from contributions import views

app_name = "contributions"

contribution = "<int:contribution_id>/"

urlpatterns = [
    path("", views.home_view, name="home"),
    path("catalogo/", views.catalogue_view, name="catalogue"),
    path("catalogo/exportar.<str:fmt>", views.catalogue_export_view, name="catalogue_export"),
    path("organizacoes/", views.organisation_list_view, name="organisations"),
    path("organizacoes/nova/", views.organisation_create_view, name="organisation_create"),
    path("organizacoes/<int:organisation_id>/", views.organisation_view, name="organisation"),
    path(
        "organizacoes/<int:organisation_id>/editar/",
        views.organisation_edit_view,
        name="organisation_edit",
    ),
    path(
        "organizacoes/<int:organisation_id>/convidar/",
        views.organisation_invite_view,
        name="organisation_invite",
    ),
    path("chamadas/", views.call_list_view, name="calls"),
    path("chamadas/nova/", views.call_form_view, name="call_create"),
    path("chamadas/<int:call_id>/", views.call_view, name="call"),
    path("chamadas/<int:call_id>/editar/", views.call_form_view, name="call_edit"),
    path(
        "chamadas/<int:call_id>/contribuir/<slug:kind_slug>/",
        views.contribution_create_view,
        name="contribution_create",
    ),
    path(contribution, views.contribution_view, name="contribution"),
    path(contribution + "editar/", views.contribution_edit_view, name="contribution_edit"),
    path(contribution + "submeter/", views.contribution_submit_view, name="contribution_submit"),
    path(contribution + "retirar/", views.contribution_withdraw_view, name="contribution_withdraw"),
    path(contribution + "anexos/", views.attachment_add_view, name="attachment_add"),
    path(
        contribution + "anexos/<int:attachment_id>/",
        views.attachment_view,
        name="attachment",
    ),
    path(
        contribution + "anexos/<int:attachment_id>/remover/",
        views.attachment_remove_view,
        name="attachment_remove",
    ),
    path(contribution + "revisores/", views.reviewers_view, name="reviewers"),
    path(contribution + "revisao/iniciar/", views.review_start_view, name="review_start"),
    path(contribution + "revisao/decidir/", views.review_decide_view, name="review_decide"),
]
