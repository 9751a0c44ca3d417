from django.urls import include, path

from . import views, views_capaian, views_persetujuan

app_name = "pengukuran"
urlpatterns = [
    # ---- agency side: realisasi entry and review, budget, month lock, capaian, dashboard
    path("", views.indeks, name="indeks"),
    path("instansi/<int:instansi_id>/realisasi/", views.realisasi, name="realisasi"),
    # One row of the grid: ?acuan=i<indikator>|p<indikator PK>&tahun=&bulan= (POST saves it)
    path("instansi/<int:instansi_id>/realisasi/baris/", views.realisasi_baris, name="baris"),
    path("instansi/<int:instansi_id>/realisasi/templat/", views.realisasi_templat, name="templat"),
    path("instansi/<int:instansi_id>/realisasi/impor/", views.realisasi_impor, name="impor"),
    path("instansi/<int:instansi_id>/bulan/", views.penutupan_bulan, name="penutupan"),
    path("instansi/<int:instansi_id>/anggaran/", views.anggaran, name="anggaran"),
    path("instansi/<int:instansi_id>/capaian/", views_capaian.capaian, name="capaian"),
    path(
        "instansi/<int:instansi_id>/capaian/excel/",
        views_capaian.capaian_excel,
        name="capaian_excel",
    ),
    path("instansi/<int:instansi_id>/dasbor/", views_capaian.dasbor, name="dasbor"),
    path("realisasi/<int:realisasi_id>/periksa/", views.periksa, name="periksa"),
    # The approver's queue: every submitted realisasi of the agency, approved/returned at once
    path(
        "instansi/<int:instansi_id>/persetujuan/",
        views_persetujuan.persetujuan,
        name="persetujuan",
    ),
    path("bukti/<int:bukti_id>/", views.bukti_unduh, name="bukti"),
    # ---- end of the agency side
    path("pemda/", include("sakip.pengukuran.urls_pemda")),
    path("", include("sakip.pengukuran.urls_monitoring")),
]
