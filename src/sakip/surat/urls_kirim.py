"""Distribution, receipts and archive pages, under /surat/ (beside the agenda pages)."""

from django.urls import path

from . import views_kirim as v

app_name = "kirim"
urlpatterns = [
    path("<int:surat_id>/kirim/", v.kirim, name="kirim"),
    path("pengiriman/<int:pengiriman_id>/", v.pengiriman, name="pengiriman"),
    path("pengiriman/<int:pengiriman_id>/pdf/", v.pengiriman_pdf, name="pengiriman_pdf"),
    path("pengiriman/<int:pengiriman_id>/tutup/", v.tutup, name="tutup"),
    path("penerima/<int:penerima_id>/tanda-terima/", v.unggah, name="unggah"),
    path("terima/<int:penerima_id>/", v.terima, name="terima"),
    path("terima/<int:penerima_id>/unduh/", v.terima_unduh, name="terima_unduh"),
    path("diterima/", v.diterima, name="diterima"),
    path("instansi/<int:instansi_id>/arsip/", v.daftar_arsip, name="arsip"),
    path("arsip/<int:surat_id>/unduh/", v.unduh, name="unduh"),
    path("arsip/<int:surat_id>/arsipkan/", v.arsipkan, name="arsipkan"),
]
