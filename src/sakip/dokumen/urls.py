from django.urls import path

from . import views

app_name = "dokumen"
urlpatterns = [
    path("instansi/<int:instansi_id>/", views.daftar, name="daftar"),
    path("instansi/<int:instansi_id>/unggah/", views.unggah, name="unggah"),
    path("instansi/<int:instansi_id>/unduh/<slug:jenis>/", views.unduh_bawaan, name="unduh"),
]
