"""Data Master for letters: classification codes (shared by every Pemda), each agency's
numbering settings, and read-only views of letters and signing keys.

Codes are reference data for all Pemda: the Pemda administrator reads them, only the
superuser changes them. Everything else is scoped to the administrator's Pemda through
`for_user`; every save goes through an audited service.
"""

from django.contrib import admin
from django.http import Http404

from sakip.audit.services import hapus_teraudit, simpan_teraudit
from sakip.organisasi.admin import FilterTerbatas
from sakip.organisasi.models import Instansi
from sakip.organisasi.services import boleh_kelola_master

from . import services
from .models import KodeKlasifikasi, KunciPenanda, PengaturanSurat, Surat


def _admin_pemda(request) -> bool:
    return boleh_kelola_master(request.user, request.user.pemda_id)


class TerbatasAdmin(admin.ModelAdmin):
    """Rows of the administrator's Pemda only; another Pemda's id answers 404."""

    def has_module_permission(self, request):
        return _admin_pemda(request)

    def has_view_permission(self, request, obj=None):
        return _admin_pemda(request)

    def get_queryset(self, request):
        return self.model.objects.for_user(request.user)

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        raise Http404("Data tidak ditemukan.")


@admin.register(KodeKlasifikasi)
class KodeKlasifikasiAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "retensi_aktif", "retensi_inaktif", "nasib_akhir"]
    list_filter = ["nasib_akhir"]
    search_fields = ["kode", "nama", "keterangan"]

    def has_module_permission(self, request):
        return _admin_pemda(request)

    def has_view_permission(self, request, obj=None):
        return _admin_pemda(request)

    def has_add_permission(self, request):
        return request.user.is_superuser  # one list for every Pemda

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def save_model(self, request, obj, form, change):
        simpan_teraudit(aktor=request.user, objek=obj, keterangan="Kode klasifikasi arsip")

    def delete_model(self, request, obj):
        hapus_teraudit(aktor=request.user, objek=obj, keterangan="Kode klasifikasi arsip")

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


@admin.register(PengaturanSurat)
class PengaturanSuratAdmin(TerbatasAdmin):
    list_display = ["instansi", "pola_nomor", "urut_per_klasifikasi"]
    list_filter = [("instansi", FilterTerbatas)]
    list_select_related = ["instansi"]

    def has_add_permission(self, request):
        return _admin_pemda(request)

    def has_change_permission(self, request, obj=None):
        return _admin_pemda(request)

    def has_delete_permission(self, request, obj=None):
        return False  # the settings page always has one row per agency

    def get_queryset(self, request):
        return PengaturanSurat.objects.for_user(request.user, ubah=True)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "instansi":
            kwargs["queryset"] = Instansi.objects.for_user(request.user, ubah=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        services.simpan_pengaturan(
            aktor=request.user,
            instansi=obj.instansi,
            pola_nomor=obj.pola_nomor,
            urut_per_klasifikasi=obj.urut_per_klasifikasi,
        )


@admin.register(Surat)
class SuratAdmin(TerbatasAdmin):
    """Letters change through their pages (numbers, dispositions, signatures), never here."""

    list_display = [
        "nomor_agenda",
        "nomor_surat",
        "perihal",
        "arah",
        "status",
        "instansi",
        "tanggal_agenda",
    ]
    list_filter = ["arah", "status", ("instansi", FilterTerbatas)]
    search_fields = ["nomor_surat", "perihal", "asal", "tujuan"]
    list_select_related = ["instansi"]
    exclude = ["berkas", "berkas_ttd"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(KunciPenanda)
class KunciPenandaAdmin(TerbatasAdmin):
    """Who can sign electronically (the key itself is never shown)."""

    list_display = ["pegawai", "penyedia", "berlaku_sampai", "aktif", "dibuat_pada"]
    list_filter = ["penyedia", "aktif"]
    list_select_related = ["pegawai"]
    fields = ["pegawai", "penyedia", "sertifikat_pem", "berlaku_sampai", "aktif", "dibuat_pada"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
