from django.urls import path

from . import views, views_anggaran, views_butir, views_matriks, views_pk, views_renstra

app_name = "perencanaan"
urlpatterns = [
    path("", views.indeks, name="indeks"),
    path("instansi/<int:instansi_id>/", views.instansi, name="instansi"),
    path("instansi/<int:instansi_id>/renstra/baru/", views.renstra_baru, name="renstra_baru"),
    path("instansi/<int:instansi_id>/pk/baru/", views.pk_baru, name="pk_baru"),
    path("renstra/<int:renstra_id>/", views_renstra.renstra, name="renstra"),
    path("renstra/<int:renstra_id>/iku/", views_renstra.iku, name="iku"),
    path("renstra/<int:renstra_id>/dokumen/baru/", views.dokumen_baru, name="dokumen_baru"),
    path("anggaran/<int:dokumen_id>/", views_anggaran.anggaran, name="anggaran"),
    path("pk/<int:pk_id>/", views_pk.pk, name="pk"),
    path("pk/<int:pk_id>/tandatangan/", views_pk.pk_tandatangan, name="pk_tandatangan"),
    path("pk/<int:pk_id>/revisi/", views_pk.pk_revisi, name="pk_revisi"),
    path("pk/<int:pk_id>/pdf/", views_pk.pk_pdf, name="pk_pdf"),
    path("pk/<int:pk_id>/docx/", views_pk.pk_docx, name="pk_docx"),
    path("pk/<int:pk_id>/rencana-aksi/", views_pk.rencana_aksi, name="rencana_aksi"),
    # One inline row of any editor: its form (GET), saving it (POST), deleting it.
    path("butir/<slug:bagian>/<int:butir_id>/", views_butir.butir, name="butir"),
    path("butir/<slug:bagian>/<int:butir_id>/hapus/", views_butir.butir_hapus, name="butir_hapus"),
    path("baru/<slug:bagian>/<int:wadah_id>/", views_butir.butir_baru, name="butir_baru"),
    # Matrices: renstra, iku, renja, rka, dpa, pk, rencana_aksi.
    path("matriks/<slug:matriks>/<int:objek_id>/excel/", views_matriks.matriks_excel, name="excel"),
    path(
        "matriks/<slug:matriks>/<int:objek_id>/templat/",
        views_matriks.matriks_templat,
        name="templat",
    ),
    path("matriks/<slug:matriks>/<int:objek_id>/impor/", views_matriks.matriks_impor, name="impor"),
    path(
        "matriks/<slug:matriks>/<int:objek_id>/pdf/", views_matriks.matriks_pdf, name="matriks_pdf"
    ),
]
