"""/versoes/: releases and PDFs, also read by people who never draft (Government, public)."""

from django.urls import path

from strategy.views import releases as views

app_name = "releases"

urlpatterns = [
    path("", views.release_list_view, name="list"),
    path("<int:release_id>/", views.release_view, name="detail"),
    path("<int:release_id>/transferir/", views.release_download_view, name="download"),
    path(
        "<int:release_id>/transferir/<str:fmt>/",
        views.release_download_editable_view,
        name="download_editable",
    ),
    path("comparar/", views.release_compare_view, name="compare"),
    path("comparar/pdf/", views.release_compare_pdf_view, name="compare_pdf"),
    path("pdf/<str:content_hash>/", views.pdf_render_view, name="pdf"),
    path("pdf/<str:content_hash>/transferir/", views.pdf_download_view, name="pdf_download"),
    path("pdf/<str:content_hash>/repetir/", views.pdf_retry_view, name="pdf_retry"),
]
