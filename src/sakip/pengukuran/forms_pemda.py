"""Forms of the Pemda pages: the period chosen for the comparison and a new data request."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

BULAN = [
    (1, _("Januari")),
    (2, _("Februari")),
    (3, _("Maret")),
    (4, _("April")),
    (5, _("Mei")),
    (6, _("Juni")),
    (7, _("Juli")),
    (8, _("Agustus")),
    (9, _("September")),
    (10, _("Oktober")),
    (11, _("November")),
    (12, _("Desember")),
]


def pilihan_tahun() -> list[tuple[int, int]]:
    ini = timezone.localdate().year
    # Labels as text: a number label would be drawn "2.025" with the thousands separator.
    return [(t, str(t)) for t in range(ini + 1, ini - 6, -1)]


def periode_bawaan(tahun: int | None = None) -> tuple[int, int]:
    """This year up to this month; a past year in full."""
    hari_ini = timezone.localdate()
    tahun = tahun or hari_ini.year
    return tahun, hari_ini.month if tahun == hari_ini.year else 12


class PeriodeForm(forms.Form):
    tahun = forms.TypedChoiceField(label=_("Tahun"), coerce=int, choices=pilihan_tahun)
    bulan = forms.TypedChoiceField(label=_("Sampai bulan"), coerce=int, choices=BULAN)

    def periode(self) -> tuple[int, int]:
        """The chosen (year, month), or the default when the query string is missing/wrong."""
        if self.is_valid():
            return self.cleaned_data["tahun"], self.cleaned_data["bulan"]
        tahun = self.data.get("tahun")
        return periode_bawaan(int(tahun) if str(tahun).isdigit() else None)


class PermintaanForm(forms.Form):
    judul = forms.CharField(
        label=_("Judul"),
        max_length=300,
        help_text=_("Mis. “Data kinerja triwulan I 2026”."),
    )
    uraian = forms.CharField(
        label=_("Uraian"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Data apa yang diminta dan untuk apa; tampil di tugas tiap instansi."),
    )
    tahun = forms.TypedChoiceField(label=_("Tahun data"), coerce=int, choices=pilihan_tahun)
    sampai_bulan = forms.TypedChoiceField(label=_("Sampai bulan"), coerce=int, choices=BULAN)
    batas_waktu = forms.DateField(
        label=_("Batas waktu"), widget=forms.DateInput(attrs={"type": "date"})
    )

    @classmethod
    def awal(cls) -> PermintaanForm:
        tahun, bulan = periode_bawaan()
        batas = timezone.localdate() + datetime.timedelta(days=7)
        return cls(initial={"tahun": tahun, "sampai_bulan": bulan, "batas_waktu": batas})
