from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [
    path("riwayat/<slug:jenis>/<int:objek_id>/", views.riwayat_objek, name="riwayat_objek"),
]
