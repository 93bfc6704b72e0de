from django.urls import include, path

from strategy import release_views, views

app_name = "strategy"

section = "<slug:slug>/<int:section_id>/"

urlpatterns = [
    path("", views.deliverable_list_view, name="deliverables"),
    path("principios/", views.coverage_view, name="coverage_all"),
    path("pre-visualizar/", views.markdown_preview_view, name="preview"),
    path("contributos/", include("strategy.traceability_urls")),
    path("plano-de-acao/acoes/", include("strategy.action_urls")),
    path("<slug:slug>/", views.deliverable_view, name="deliverable"),
    path("<slug:slug>/principios/", views.coverage_view, name="coverage"),
    path(
        "<slug:slug>/coordenacao/",
        views.deliverable_coordinators_view,
        name="deliverable_coordinators",
    ),
    path("<slug:slug>/nova-seccao/", views.section_create_view, name="section_create"),
    path("<slug:slug>/pdf/", release_views.deliverable_export_view, name="deliverable_export"),
    path("<slug:slug>/nova-versao/", release_views.release_publish_view, name="release_publish"),
    path(section, views.section_view, name="section"),
    path(section + "editar/", views.section_edit_view, name="section_edit"),
    path(section + "historico/", views.section_history_view, name="section_history"),
    path(section + "comparar/", views.section_compare_view, name="section_compare"),
    path(
        section + "restaurar/<int:version_id>/", views.section_restore_view, name="section_restore"
    ),
    path(section + "mover/", views.section_move_view, name="section_move"),
    path(section + "mover/<str:direction>/", views.section_shift_view, name="section_shift"),
    path(section + "estado/", views.section_status_view, name="section_status"),
    path(section + "acesso/", views.section_access_view, name="section_access"),
    path(section + "reunioes/", views.section_agenda_items_view, name="section_agenda_items"),
    path(section + "comentarios/", views.comment_add_view, name="comment_add"),
    path(
        section + "comentarios/<int:comment_id>/resolver/",
        views.comment_resolution_view,
        {"resolved": True},
        name="comment_resolve",
    ),
    path(
        section + "comentarios/<int:comment_id>/reabrir/",
        views.comment_resolution_view,
        {"resolved": False},
        name="comment_reopen",
    ),
]
