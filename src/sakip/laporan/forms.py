"""The report pages' forms: preparing a report of a kind and period, writing one section of
the narrative, and a reviewer's comment. Every save goes through `services`, which checks
the rights and the signature lock again."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sakip.pengukuran.forms import BULAN_PANJANG

from .models import Laporan

BULAN = [(n, nama) for n, nama in enumerate(BULAN_PANJANG, start=1)]
SEMESTER = [(1, _("Semester I")), (2, _("Semester II"))]

# What each section of the narrative is for, shown next to its text box (docs/domain.md §8).
BAGIAN = {
    "kata_pengantar": (_("Kata Pengantar"), _("Pengantar singkat dari kepala instansi.")),
    "ikhtisar": (
        _("Ikhtisar Eksekutif"),
        _("Ringkasan capaian: berapa sasaran dan indikator tercapai, serapan anggaran."),
    ),
    "pendahuluan": (
        _("Bab I Pendahuluan"),
        _("Gambaran organisasi, tugas dan fungsi, struktur, sumber daya."),
    ),
    "isu_strategis": (
        _("Isu Strategis"),
        _("Permasalahan utama yang dihadapi instansi pada periode ini."),
    ),
    "penutup": (_("Bab IV Penutup"), _("Simpulan umum dan langkah perbaikan ke depan.")),
}


class SiapkanForm(forms.Form):
    """A report of a kind and period: the month counts for a monthly report, the semester for
    a semester report, neither for the others (the service checks them again)."""

    jenis = forms.ChoiceField(label=_("Jenis laporan"), choices=Laporan.Jenis.choices)
    tahun = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
    bulan = forms.TypedChoiceField(
        label=_("Bulan"),
        choices=BULAN,
        coerce=int,
        required=False,
        help_text=_("Untuk laporan bulanan."),
    )
    semester = forms.TypedChoiceField(
        label=_("Semester"),
        choices=SEMESTER,
        coerce=int,
        required=False,
        help_text=_("Untuk laporan semesteran (I: Januari–Juni, II: Juli–Desember)."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        hari_ini = timezone.localdate()
        self.fields["jenis"].initial = Laporan.Jenis.LKJIP
        self.fields["tahun"].initial = hari_ini.year
        self.fields["bulan"].initial = hari_ini.month
        self.fields["semester"].initial = 1 if hari_ini.month <= 6 else 2
        self.fields["tahun"].widget.attrs["inputmode"] = "numeric"

    @property
    def periode(self) -> int:
        d = self.cleaned_data
        if d["jenis"] == Laporan.Jenis.BULANAN:
            return d.get("bulan") or 0
        if d["jenis"] == Laporan.Jenis.SEMESTERAN:
            return d.get("semester") or 0
        return 0


class NarasiForm(forms.Form):
    """One section of the narrative (`kunci`: a BAGIAN key or "analisis:<kode>")."""

    kunci = forms.CharField(max_length=100, widget=forms.HiddenInput)
    teks = forms.CharField(
        label=_("Teks"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )


class KomentarForm(forms.Form):
    bagian = forms.CharField(max_length=100, required=False, widget=forms.HiddenInput)
    # Not required here: the service words an empty comment ("Tulis komentarnya.").
    isi = forms.CharField(
        label=_("Komentar"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
