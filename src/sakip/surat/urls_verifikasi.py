"""The public verification page the QR code on a signed letter opens (no sign-in)."""

from django.urls import path

from . import views_tte as v

app_name = "verifikasi"
urlpatterns = [
    path("<uuid:kode>/", v.verifikasi, name="detail"),
    path("<uuid:kode>/unduh/", v.unduh, name="unduh"),
]
