"""Staff print routes of the IKM survey (scoped to the user's agencies): see cetak.py."""

from django.urls import path

from . import cetak

app_name = "ikm_cetak"
urlpatterns = [
    path("layanan/<int:layanan_id>/poster/", cetak.poster, name="poster"),
    path("periode/<int:periode_id>/kuesioner/", cetak.kuesioner, name="kuesioner"),
]
