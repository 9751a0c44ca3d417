from django.urls import path

from . import views

app_name = "notifikasi"
urlpatterns = [
    path("", views.daftar, name="daftar"),
    path("baca-semua/", views.baca_semua, name="baca_semua"),
    path("<int:notifikasi_id>/", views.buka, name="buka"),
]
