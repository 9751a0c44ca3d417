from django.urls import path

from . import views

app_name = "sop"
urlpatterns = [
    path("instansi/<int:instansi_id>/", views.sop_daftar, name="sop_daftar"),
    path("instansi/<int:instansi_id>/adopsi/<slug:kode>/", views.sop_adopsi, name="sop_adopsi"),
    path(
        "instansi/<int:instansi_id>/pelaksanaan/",
        views.pelaksanaan_daftar,
        name="pelaksanaan_daftar",
    ),
    path("instansi/<int:instansi_id>/kalender/", views.kalender_sakip, name="kalender"),
    path("<int:sop_id>/", views.sop_detail, name="sop_detail"),
    path("<int:sop_id>/ubah/", views.sop_ubah, name="sop_ubah"),
    path("<int:sop_id>/mulai/", views.pelaksanaan_mulai, name="pelaksanaan_mulai"),
    path("versi/<int:versi_id>/", views.versi_detail, name="versi_detail"),
    path("versi/<int:versi_id>/dokumen/", views.versi_dokumen, name="versi_dokumen"),
    path("versi/<int:versi_id>/dokumen.pdf", views.versi_pdf, name="versi_pdf"),
    path("pelaksanaan/<int:pelaksanaan_id>/", views.pelaksanaan_detail, name="pelaksanaan_detail"),
    path(
        "pelaksanaan/<int:pelaksanaan_id>/batal/", views.pelaksanaan_batal, name="pelaksanaan_batal"
    ),
    path(
        "pelaksanaan/<int:pelaksanaan_id>/dokumen/",
        views.pelaksanaan_dokumen,
        name="pelaksanaan_dokumen",
    ),
    path("tugas/", views.kotak_tugas, name="kotak_tugas"),
    path("tugas/<int:tugas_id>/", views.tugas_detail, name="tugas_detail"),
    path("tugas/<int:tugas_id>/selesai/", views.tugas_selesai, name="tugas_selesai"),
    path("tugas/<int:tugas_id>/setuju/", views.tugas_setuju, name="tugas_setuju"),
    path("tugas/<int:tugas_id>/tolak/", views.tugas_tolak, name="tugas_tolak"),
    path("tugas/<int:tugas_id>/klaim/", views.tugas_klaim, name="tugas_klaim"),
    path("tugas/<int:tugas_id>/alihkan/", views.tugas_alihkan, name="tugas_alihkan"),
    path("tugas/<int:tugas_id>/pratinjau.pdf", views.tugas_pratinjau, name="tugas_pratinjau"),
    path("lampiran/<int:lampiran_id>/", views.lampiran_unduh, name="lampiran_unduh"),
]
