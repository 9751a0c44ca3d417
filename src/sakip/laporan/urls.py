from django.urls import path

from . import views

app_name = "laporan"
urlpatterns = [
    path("", views.indeks, name="indeks"),
    # The agency's reports by kind and period; POST prepares one.
    path("instansi/<int:instansi_id>/", views.daftar, name="daftar"),
    # The report (htmx ?bagian=pratinjau: the preview only) and its documents.
    path("<int:laporan_id>/", views.detail, name="detail"),
    path("<int:laporan_id>/pdf/", views.pdf, name="pdf"),
    path("<int:laporan_id>/docx/", views.docx, name="docx"),
    path("<int:laporan_id>/narasi/", views.narasi, name="narasi"),
    path("<int:laporan_id>/komentar/", views.komentar, name="komentar"),
    path("komentar/<int:komentar_id>/selesai/", views.komentar_selesai, name="komentar_selesai"),
]
