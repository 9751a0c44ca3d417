from django.urls import path

from . import views, views_kuesioner

app_name = "ikm"
urlpatterns = [
    path("", views.indeks, name="indeks"),
    path("pemda/", views.pemda, name="pemda"),
    path("instansi/<int:instansi_id>/", views.instansi, name="instansi"),
    path("instansi/<int:instansi_id>/layanan/baru/", views.layanan_baru, name="layanan_baru"),
    path("instansi/<int:instansi_id>/periode/baru/", views.periode_baru, name="periode_baru"),
    path("layanan/<int:layanan_id>/ubah/", views.layanan_ubah, name="layanan_ubah"),
    path("layanan/<int:layanan_id>/standar/", views.standar, name="standar"),
    path(
        "layanan/<int:layanan_id>/standar/tetapkan/",
        views.standar_tetapkan,
        name="standar_tetapkan",
    ),
    path("periode/<int:periode_id>/", views.periode_detail, name="periode_detail"),
    path("periode/<int:periode_id>/ubah/", views.periode_ubah, name="periode_ubah"),
    path("periode/<int:periode_id>/status/", views.periode_status, name="periode_status"),
    path("periode/<int:periode_id>/entri/", views_kuesioner.entri, name="entri"),
    path("periode/<int:periode_id>/impor/", views_kuesioner.impor_excel, name="impor"),
    path(
        "periode/<int:periode_id>/impor/templat.xlsx",
        views_kuesioner.impor_templat,
        name="impor_templat",
    ),
    path("periode/<int:periode_id>/narasi/", views.narasi, name="narasi"),
    path("periode/<int:periode_id>/laporan.pdf", views.laporan_pdf, name="laporan_pdf"),
    path("periode/<int:periode_id>/laporan.docx", views.laporan_docx, name="laporan_docx"),
    path("periode/<int:periode_id>/realisasi/", views.realisasi, name="realisasi"),
]
