"""Traceability: which sections a contribution informed (under /documentos/contributos/)."""

from django.urls import path

from strategy.views import traceability as traceability_views

urlpatterns = [
    path(
        "<int:contribution_id>/seccoes/",
        traceability_views.contribution_sections_view,
        name="contribution_sections",
    ),
    path(
        "<int:contribution_id>/seccoes/<int:link_id>/remover/",
        traceability_views.contribution_section_unlink_view,
        name="contribution_section_unlink",
    ),
]
