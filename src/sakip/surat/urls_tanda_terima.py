"""Public receipt links (no sign-in): the emailed token is the credential."""

from django.urls import path

from . import views_kirim as v

app_name = "tanda_terima"
urlpatterns = [
    path("<uuid:token>/", v.konfirmasi, name="konfirmasi"),
    path("<uuid:token>/unduh/", v.unduh_publik, name="unduh"),
]
