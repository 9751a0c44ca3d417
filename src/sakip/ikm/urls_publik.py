"""Public pages, no sign-in: the survey form and the Standar Pelayanan (see publik.py)."""

from django.urls import path

from . import publik

app_name = "ikm_publik"
urlpatterns = [
    # Before <kode_unit>/: the thank-you page is not an agency.
    path("survei/terima-kasih/", publik.terima_kasih, name="terima_kasih"),
    path("survei/<str:kode_unit>/", publik.pilih_layanan, name="pilih_layanan"),
    path("survei/<str:kode_unit>/<slug:slug>/", publik.formulir, name="formulir"),
    path(
        "standar-pelayanan/<str:kode_unit>/",
        publik.standar_daftar,
        name="standar_daftar",
    ),
    path("standar-pelayanan/<str:kode_unit>/<slug:slug>/", publik.standar, name="standar"),
    path(
        "standar-pelayanan/<str:kode_unit>/<slug:slug>/pdf/",
        publik.standar_pdf,
        name="standar_pdf",
    ),
]
