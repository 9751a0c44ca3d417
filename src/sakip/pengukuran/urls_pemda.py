"""The Pemda view of measurement (seed 003), included from urls.py under "pemda/"."""

from django.urls import path

from . import views_pemda

# No app_name: these names live in the "pengukuran" namespace of urls.py.
urlpatterns = [
    path("", views_pemda.perbandingan, name="pemda"),
    path("excel/", views_pemda.perbandingan_excel, name="pemda_excel"),
    path("permintaan/", views_pemda.permintaan_daftar, name="pemda_permintaan"),
    path(
        "permintaan/<int:permintaan_id>/",
        views_pemda.permintaan_detail,
        name="pemda_permintaan_detail",
    ),
    path(
        "permintaan/<int:permintaan_id>/excel/",
        views_pemda.permintaan_excel,
        name="pemda_permintaan_excel",
    ),
    path("jawaban/<int:jawaban_id>/", views_pemda.jawaban, name="pemda_jawaban"),
]
