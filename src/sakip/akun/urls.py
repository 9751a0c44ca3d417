from django.urls import path

from . import views

app_name = "akun"
urlpatterns = [
    path("masuk/", views.masuk, name="masuk"),
    path("keluar/", views.keluar, name="keluar"),
    path("sandi/", views.ganti_sandi, name="ganti_sandi"),
    path("token/", views.token_daftar, name="token"),
    path("token/<int:token_id>/cabut/", views.token_cabut, name="token_cabut"),
]
