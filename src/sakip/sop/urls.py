from django.urls import path

from . import views, views_pelaksanaan

app_name = "sop"
urlpatterns = [
    path("instansi/<int:instansi_id>/", views.sop_daftar, name="sop_daftar"),
    path("instansi/<int:instansi_id>/adopsi/<slug:kode>/", views.sop_adopsi, name="sop_adopsi"),
    path(
        "instansi/<int:instansi_id>/pelaksanaan/",
        views_pelaksanaan.pelaksanaan_daftar,
        name="pelaksanaan_daftar",
    ),
    path("instansi/<int:instansi_id>/kalender/", views.kalender_sakip, name="kalender"),
    path("<int:sop_id>/", views.sop_detail, name="sop_detail"),
    path("<int:sop_id>/ubah/", views.sop_ubah, name="sop_ubah"),
    path("<int:sop_id>/mulai/", views_pelaksanaan.pelaksanaan_mulai, name="pelaksanaan_mulai"),
    path("versi/<int:versi_id>/", views.versi_detail, name="versi_detail"),
    path("versi/<int:versi_id>/dokumen/", views.versi_dokumen, name="versi_dokumen"),
    path("versi/<int:versi_id>/dokumen.pdf", views.versi_pdf, name="versi_pdf"),
    path(
        "pelaksanaan/<int:pelaksanaan_id>/",
        views_pelaksanaan.pelaksanaan_detail,
        name="pelaksanaan_detail",
    ),
    path(
        "pelaksanaan/<int:pelaksanaan_id>/batal/",
        views_pelaksanaan.pelaksanaan_batal,
        name="pelaksanaan_batal",
    ),
    path(
        "pelaksanaan/<int:pelaksanaan_id>/dokumen/",
        views_pelaksanaan.pelaksanaan_dokumen,
        name="pelaksanaan_dokumen",
    ),
    path("tugas/<int:tugas_id>/", views_pelaksanaan.tugas_detail, name="tugas_detail"),
    path("tugas/<int:tugas_id>/selesai/", views_pelaksanaan.tugas_selesai, name="tugas_selesai"),
    path("tugas/<int:tugas_id>/setuju/", views_pelaksanaan.tugas_setuju, name="tugas_setuju"),
    path("tugas/<int:tugas_id>/tolak/", views_pelaksanaan.tugas_tolak, name="tugas_tolak"),
    path("tugas/<int:tugas_id>/klaim/", views_pelaksanaan.tugas_klaim, name="tugas_klaim"),
    path("tugas/<int:tugas_id>/alihkan/", views_pelaksanaan.tugas_alihkan, name="tugas_alihkan"),
    path(
        "tugas/<int:tugas_id>/pratinjau.pdf",
        views_pelaksanaan.tugas_pratinjau,
        name="tugas_pratinjau",
    ),
    path("lampiran/<int:lampiran_id>/", views_pelaksanaan.lampiran_unduh, name="lampiran_unduh"),
]
