"""/documentos/: the deliverables, their sections, and the PDF of the current text."""

from django.urls import include, path

from strategy.views import activity, outline, presence, releases, sections

app_name = "strategy"

section = "<slug:slug>/<int:section_id>/"

urlpatterns = [
    path("", outline.deliverable_list_view, name="deliverables"),
    path("principios/", outline.coverage_view, name="coverage_all"),
    path("pre-visualizar/", sections.markdown_preview_view, name="preview"),
    path("contributos/", include("strategy.urls.traceability")),
    path("plano-de-acao/acoes/", include("strategy.urls.actions")),
    path("<slug:slug>/", outline.deliverable_view, name="deliverable"),
    path("<slug:slug>/principios/", outline.coverage_view, name="coverage"),
    path("<slug:slug>/atividade/", activity.deliverable_activity_view, name="activity"),
    path(
        "<slug:slug>/coordenacao/",
        outline.deliverable_coordinators_view,
        name="deliverable_coordinators",
    ),
    path("<slug:slug>/nova-seccao/", outline.section_create_view, name="section_create"),
    path("<slug:slug>/pdf/", releases.deliverable_export_view, name="deliverable_export"),
    path("<slug:slug>/nova-versao/", releases.release_publish_view, name="release_publish"),
    path(section, sections.section_view, name="section"),
    path(section + "editar/", sections.section_edit_view, name="section_edit"),
    path(section + "presenca/", presence.section_presence_view, name="section_presence"),
    path(section + "historico/", sections.section_history_view, name="section_history"),
    path(section + "comparar/", sections.section_compare_view, name="section_compare"),
    path(
        section + "restaurar/<int:version_id>/",
        sections.section_restore_view,
        name="section_restore",
    ),
    path(section + "mover/", outline.section_move_view, name="section_move"),
    path(section + "mover/<str:direction>/", outline.section_shift_view, name="section_shift"),
    path(section + "estado/", sections.section_status_view, name="section_status"),
    path(section + "acesso/", sections.section_access_view, name="section_access"),
    path(section + "reunioes/", sections.section_agenda_items_view, name="section_agenda_items"),
    path(section + "comentarios/", sections.comment_add_view, name="comment_add"),
    path(
        section + "comentarios/<int:comment_id>/resolver/",
        sections.comment_resolution_view,
        {"resolved": True},
        name="comment_resolve",
    ),
    path(
        section + "comentarios/<int:comment_id>/reabrir/",
        sections.comment_resolution_view,
        {"resolved": False},
        name="comment_reopen",
    ),
]
