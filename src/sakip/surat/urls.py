from django.urls import path

from . import views

app_name = "surat"
urlpatterns = [
    # Staff go to their agency's agenda; Pemda roles choose an agency.
    path("", views.indeks, name="indeks"),
    # The agenda book (?arah=masuk|keluar, search fields, ?hal=), its Excel export,
    # registering an incoming letter, typing an outgoing one, the numbering pattern.
    path("instansi/<int:instansi_id>/agenda/", views.agenda, name="agenda"),
    path("instansi/<int:instansi_id>/agenda/xlsx/", views.agenda_xlsx, name="agenda_xlsx"),
    path("instansi/<int:instansi_id>/masuk/baru/", views.masuk_baru, name="masuk_baru"),
    path("instansi/<int:instansi_id>/keluar/baru/", views.keluar_baru, name="keluar_baru"),
    path("instansi/<int:instansi_id>/pengaturan/", views.pengaturan, name="pengaturan"),
    # One letter: its page, its latest file, its number, cancelling, dispositions.
    path("<int:surat_id>/", views.detail, name="detail"),
    path("<int:surat_id>/berkas/", views.berkas, name="berkas"),
    path("<int:surat_id>/nomor/", views.beri_nomor, name="beri_nomor"),
    path("<int:surat_id>/batal/", views.batalkan, name="batalkan"),
    path("<int:surat_id>/disposisi/", views.disposisikan, name="disposisikan"),
    path("<int:surat_id>/lembar-disposisi/", views.lembar_disposisi, name="lembar_disposisi"),
    path("disposisi/<int:disposisi_id>/tanggapi/", views.tanggapi, name="tanggapi"),
    path("disposisi/<int:disposisi_id>/mulai-sop/", views.mulai_sop, name="mulai_sop"),
]
