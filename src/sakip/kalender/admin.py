"""Working calendars and holidays in the admin: scoped to the Pemda, saved by services."""

from collections.abc import Callable

from django import forms
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sakip.organisasi.admin import FilterTerbatas, MasterAdmin

from . import services
from .models import HariLibur, KalenderKerja
from .waktu_kerja import NAMA_HARI


class KalenderMasterAdmin(MasterAdmin):
    """MasterAdmin whose deletes go through this app's services, not organisasi's."""

    # The service that deletes this model, f(aktor=, <arg>=obj): each subclass names one.
    hapus: Callable[..., None]

    def delete_model(self, request, obj):
        type(self).hapus(aktor=request.user, **{self.arg: obj})

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


class KalenderKerjaForm(forms.ModelForm):
    # Ticked weekdays instead of typing ISO digits; stored as "12345".
    hari_kerja = forms.MultipleChoiceField(
        label=_("Hari kerja"),
        choices=[(str(nomor), nama) for nomor, nama in NAMA_HARI.items()],
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = KalenderKerja
        fields = [
            "pemda",
            "instansi",
            "jam_mulai",
            "jam_selesai",
            "istirahat_mulai",
            "istirahat_selesai",
            "hari_kerja",
            "zona_waktu",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["hari_kerja"] = list(self.initial.get("hari_kerja") or "")

    def clean_hari_kerja(self) -> str:
        return "".join(sorted(self.cleaned_data["hari_kerja"]))


@admin.register(KalenderKerja)
class KalenderKerjaAdmin(KalenderMasterAdmin):
    form = KalenderKerjaForm
    simpan = services.simpan_kalender
    hapus = services.hapus_kalender
    arg = "kalender"
    list_display = ["__str__", "jam_kerja_tampil", "hari_kerja_tampil", "zona_waktu"]
    list_select_related = ["pemda", "instansi"]
    actions = ["muat_libur_nasional"]

    @admin.display(description=_("Jam kerja"))
    def jam_kerja_tampil(self, obj):
        return obj.jam_kerja_tampil

    @admin.display(description=_("Hari kerja"))
    def hari_kerja_tampil(self, obj):
        return obj.hari_kerja_tampil

    @admin.action(description=_("Muat libur nasional tahun ini dan tahun depan ke Pemda terpilih"))
    def muat_libur_nasional(self, request, queryset):
        tahun = timezone.localdate().year
        jumlah = 0
        for pemda in {kalender.pemda for kalender in queryset}:
            jumlah += services.muat_libur_nasional(
                aktor=request.user, pemda=pemda, tahun=[tahun, tahun + 1]
            )
        self.message_user(
            request,
            _("%(jumlah)d hari libur nasional/cuti bersama ditambahkan.") % {"jumlah": jumlah},
            messages.SUCCESS,
        )


@admin.register(HariLibur)
class HariLiburAdmin(KalenderMasterAdmin):
    simpan = services.simpan_hari_libur
    hapus = services.hapus_hari_libur
    arg = "hari_libur"
    list_display = ["tanggal", "nama", "jenis", "pemda", "catatan"]
    list_filter = ["jenis", ("pemda", FilterTerbatas)]
    date_hierarchy = "tanggal"
    search_fields = ["nama", "catatan"]
    list_select_related = ["pemda"]
