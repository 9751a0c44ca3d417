"""The Pemda's nine survey elements in the admin: reworded by its administrators.

The nine rows are created from the regulation's defaults (services.pastikan_unsur); they
are reworded, never added or removed. Periods keep the wording they were created with.
"""

from django.contrib import admin

from sakip.organisasi.admin import FilterTerbatas, MasterAdmin

from . import services
from .models import UnsurSurvei


@admin.register(UnsurSurvei)
class UnsurSurveiAdmin(MasterAdmin):
    simpan = services.simpan_unsur
    arg = "unsur"
    list_display = ["urutan", "nama", "pemda"]
    list_display_links = ["nama"]
    list_filter = [("pemda", FilterTerbatas)]  # only the admin's own Pemda
    readonly_fields = ["pemda", "urutan"]
    fields = ["pemda", "urutan", "nama", "pertanyaan", "jawaban_1", "jawaban_2", "jawaban_3",
              "jawaban_4"]  # fmt: skip

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        # The administrator's Pemda gets its nine elements the first time it looks.
        if request.user.pemda_id and self._boleh(request):
            services.pastikan_unsur(request.user.pemda)
        return super().changelist_view(request, extra_context)
