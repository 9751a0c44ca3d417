from django.urls import path

from . import views

app_name = "akun"
urlpatterns = [
    path("masuk/", views.masuk, name="masuk"),
    path("masuk/kode/", views.masuk_kode, name="masuk_kode"),
    path("verifikasi-dua-langkah/", views.faktor_kedua, name="faktor_kedua"),
    path(
        "verifikasi-dua-langkah/<int:pegawai_id>/atur-ulang/",
        views.faktor_kedua_atur_ulang,
        name="faktor_kedua_atur_ulang",
    ),
    path("keluar/", views.keluar, name="keluar"),
    path("sandi/", views.ganti_sandi, name="ganti_sandi"),
    path("token/", views.token_daftar, name="token"),
    path("token/<int:token_id>/cabut/", views.token_cabut, name="token_cabut"),
]
