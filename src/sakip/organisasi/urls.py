from django.urls import path

from . import views

app_name = "organisasi"
urlpatterns = [
    path("instansi/", views.instansi_daftar, name="instansi_daftar"),
    path("instansi/<int:instansi_id>/", views.instansi_detail, name="instansi_detail"),
    path("instansi/<int:instansi_id>/pegawai/", views.pegawai_daftar, name="pegawai_daftar"),
    path("instansi/<int:instansi_id>/riwayat/", views.instansi_riwayat, name="instansi_riwayat"),
    path("pegawai/<int:pegawai_id>/", views.pegawai_detail, name="pegawai_detail"),
    path("jabatan/<int:jabatan_id>/", views.jabatan_detail, name="jabatan_detail"),
]
