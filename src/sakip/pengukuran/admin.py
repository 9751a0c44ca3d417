"""The Pemda's capaian settings in the admin: cap and floor, and the category scale."""

from django.contrib import admin

from sakip.organisasi.admin import FilterTerbatas, MasterAdmin

from . import services
from .models import AturanCapaian, KategoriCapaian


class PengaturanPemdaAdmin(MasterAdmin):
    def save_model(self, request, obj, form, change):
        services.simpan_pengaturan_pemda(aktor=request.user, objek=obj)

    def delete_model(self, request, obj):
        services.hapus_pengaturan_pemda(aktor=request.user, objek=obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            services.hapus_pengaturan_pemda(aktor=request.user, objek=obj)


@admin.register(AturanCapaian)
class AturanCapaianAdmin(PengaturanPemdaAdmin):
    list_display = ["pemda", "batas_atas", "lantai_nol"]


@admin.register(KategoriCapaian)
class KategoriCapaianAdmin(PengaturanPemdaAdmin):
    list_display = ["nama", "batas_bawah", "warna", "pemda"]
    list_filter = [("pemda", FilterTerbatas)]  # only the admin's own Pemda
