"""The queue in the admin, read-only and for the superuser: jobs, workers and their health.

Jobs are not an agency's data (a reminder job names a person by id), so a Pemda
administrator does not see them; the operator does, beside `sakip worker --periksa`.
"""

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import pekerja
from .models import Pekerja, Pekerjaan


class OperatorSaja(admin.ModelAdmin):
    """Visible to the superuser only; nothing is added, changed or deleted here."""

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        # The same numbers as `sakip worker --periksa`, above both lists.
        hasil = pekerja.kesehatan()
        tingkat = messages.INFO if hasil.sehat else messages.ERROR
        for baris in hasil.baris():
            self.message_user(request, baris, tingkat)
        return super().changelist_view(request, extra_context)


@admin.register(Pekerjaan)
class PekerjaanAdmin(OperatorSaja):
    list_display = [
        "id",
        "jenis",
        "jalankan_pada",
        "status",
        "percobaan",
        "diambil_oleh",
        "sewa_sampai",
        "selesai_pada",
    ]
    list_filter = ["jenis"]
    search_fields = ["jenis", "kunci", "diambil_oleh"]
    date_hierarchy = "jalankan_pada"

    @admin.display(description=_("status"))
    def status(self, obj: Pekerjaan) -> str:
        if obj.gagal:
            return str(_("gagal"))
        if obj.selesai_pada:
            return str(_("selesai"))
        if obj.diambil_pada and obj.sewa_sampai and obj.sewa_sampai < timezone.now():
            return str(_("sewa habis"))
        if obj.diambil_pada:
            return str(_("berjalan"))
        return str(_("menunggu"))


@admin.register(Pekerja)
class PekerjaAdmin(OperatorSaja):
    list_display = ["nama", "host", "pid", "mulai_pada", "detak_pada"]
