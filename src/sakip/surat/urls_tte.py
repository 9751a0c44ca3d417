"""Paraf and TTE pages (signed in), under /tte/."""

from django.urls import path

from . import views_tte as v

app_name = "tte"
urlpatterns = [
    path("surat/<int:surat_id>/tandatangani/", v.tandatangani, name="tandatangani"),
    path("surat/<int:surat_id>/paraf/", v.paraf, name="paraf"),
    path("surat/<int:surat_id>/berkas/", v.berkas, name="berkas"),
    path("kunci/", v.kunci, name="kunci"),
]
