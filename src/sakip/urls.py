from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

from sakip.api import api
from sakip.portal import urls as portal_urls
from sakip.portal import views as portal_views

admin.site.site_header = "Data Master SAKIP"
admin.site.site_title = "SAKIP"
admin.site.index_title = "Data master Pemda, instansi, jabatan dan pegawai"

urlpatterns = [
    path("", portal_views.beranda, name="beranda"),
    path("akun/", include("sakip.akun.urls")),
    path("", include("sakip.organisasi.urls")),
    path("", include("sakip.audit.urls")),
    path("sop/", include(portal_urls.sop_urlpatterns)),  # sop's routes and the inbox
    path("perencanaan/", include("sakip.perencanaan.urls")),
    path("pengukuran/", include("sakip.pengukuran.urls")),
    path("laporan/", include("sakip.laporan.urls")),
    path("notifikasi/", include("sakip.notifikasi.urls")),
    path("dokumen/", include("sakip.dokumen.urls")),
    path("ikm/", include("sakip.ikm.urls")),
    path("ikm/", include("sakip.ikm.urls_cetak")),
    path("surat/", include("sakip.surat.urls")),
    path("cari/", include("sakip.pencarian.urls")),
    path("surat/", include("sakip.surat.urls_kirim")),
    path("tte/", include("sakip.surat.urls_tte")),
    # Public pages, no sign-in: the survey form and Standar Pelayanan (survei/…,
    # standar-pelayanan/…), the signature check (verifikasi/…) and receipt links
    # (tanda-terima/…). Their views say so; everything else is scoped to the user.
    path("", include("sakip.ikm.urls_publik")),
    path("verifikasi/", include("sakip.surat.urls_verifikasi")),
    path("tanda-terima/", include("sakip.surat.urls_tanda_terima")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    urlpatterns.append(path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}))
