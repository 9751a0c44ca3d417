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
    # A draft's PDF is rendered by the worker: its progress (?sidik=) and the kept file.
    path("<int:laporan_id>/pdf/status/", views.pdf_status, name="pdf_status"),
    path("<int:laporan_id>/pdf/berkas/", views.pdf_berkas, name="pdf_berkas"),
    path("<int:laporan_id>/docx/", views.docx, name="docx"),
    path("<int:laporan_id>/narasi/", views.narasi, name="narasi"),
    path("<int:laporan_id>/komentar/", views.komentar, name="komentar"),
    path("komentar/<int:komentar_id>/selesai/", views.komentar_selesai, name="komentar_selesai"),
]
