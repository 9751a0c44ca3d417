"""Pemda-wide planning master data in the admin: the target scales."""

from django.contrib import admin

from sakip.organisasi.admin import FilterTerbatas, MasterAdmin

from . import services
from .models import Skala


@admin.register(Skala)
class SkalaAdmin(MasterAdmin):
    list_display = ["nama", "pemda"]
    list_filter = [("pemda", FilterTerbatas)]  # only the admin's own Pemda

    def save_model(self, request, obj, form, change):
        services.simpan_skala(aktor=request.user, skala=obj)

    def delete_model(self, request, obj):
        services.hapus_skala(aktor=request.user, skala=obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            services.hapus_skala(aktor=request.user, skala=obj)
