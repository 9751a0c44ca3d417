"""Monitoring pages (seed 001), included by `urls.py` under the "pengukuran" namespace."""

from django.urls import path

from . import views_arsip, views_rekomendasi
from . import views_monitoring as v

urlpatterns = [
    path("instansi/<int:instansi_id>/monitoring/", v.ikhtisar, name="monitoring"),
    # The month's control card (kartu kendali), carried by the monitoring SOP run.
    path(
        "instansi/<int:instansi_id>/kartu-kendali/baru/",
        v.kartu_kendali_baru,
        name="kartu_kendali_baru",
    ),
    path("kartu-kendali/<int:kartu_id>/", v.kartu_kendali, name="kartu_kendali"),
    path("kartu-kendali/<int:kartu_id>/sop/", v.kartu_kendali_sop, name="kartu_kendali_sop"),
    path("kartu-kendali/<int:kartu_id>/xlsx/", v.kartu_kendali_xlsx, name="kartu_kendali_xlsx"),
    # The quarterly evaluation and its Rekomendasi Perbaikan Kinerja.
    path(
        "instansi/<int:instansi_id>/evaluasi-triwulan/baru/",
        v.evaluasi_triwulan_baru,
        name="evaluasi_triwulan_baru",
    ),
    path("evaluasi-triwulan/<int:evaluasi_id>/", v.evaluasi_triwulan, name="evaluasi_triwulan"),
    path(
        "evaluasi-triwulan/<int:evaluasi_id>/xlsx/",
        v.evaluasi_triwulan_xlsx,
        name="evaluasi_triwulan_xlsx",
    ),
    path(
        "evaluasi-triwulan/<int:evaluasi_id>/tandatangan/",
        v.evaluasi_triwulan_tandatangan,
        name="evaluasi_triwulan_tandatangan",
    ),
    path(
        "evaluasi-triwulan/<int:evaluasi_id>/rekomendasi/",
        v.rekomendasi_baru,
        name="rekomendasi_baru",
    ),
    path(
        "instansi/<int:instansi_id>/rekomendasi/",
        views_rekomendasi.rekomendasi_daftar,
        name="rekomendasi_daftar",
    ),
    path("rekomendasi/<int:rekomendasi_id>/", views_rekomendasi.rekomendasi, name="rekomendasi"),
    path(
        "rekomendasi/<int:rekomendasi_id>/tutup/",
        views_rekomendasi.rekomendasi_tutup,
        name="rekomendasi_tutup",
    ),
    # The card and the evaluation as printed and signed (the signed file once signed).
    path("kartu-kendali/<int:kartu_id>/cetak.pdf", v.kartu_kendali_pdf, name="kartu_kendali_pdf"),
    path(
        "evaluasi-triwulan/<int:evaluasi_id>/cetak.pdf",
        v.evaluasi_triwulan_pdf,
        name="evaluasi_triwulan_pdf",
    ),
    # PK monitoring of eselon III and IV, and the year-end archive.
    path("instansi/<int:instansi_id>/pk-monitoring/", v.pk_monitoring, name="pk_monitoring"),
    path("instansi/<int:instansi_id>/arsip-kinerja/", views_arsip.arsip, name="arsip"),
    path(
        "instansi/<int:instansi_id>/arsip-kinerja/susun/",
        views_arsip.arsip_susun,
        name="arsip_susun",
    ),
    path(
        "arsip-kinerja/<int:arsip_id>/tandatangan/",
        views_arsip.arsip_tandatangan,
        name="arsip_tandatangan",
    ),
    path("arsip-kinerja/<int:arsip_id>/json/", views_arsip.arsip_json, name="arsip_json"),
]
