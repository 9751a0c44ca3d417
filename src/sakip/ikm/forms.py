"""The staff pages' forms. Every save goes through `services` (or `responden` for
questionnaires), which checks the rights, the period's status and the rules again."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Layanan, PeriodeSurvei, StandarPelayanan

SEMESTER = [
    (0, _("Tahunan")),
    (1, _("Semester I (Januari–Juni)")),
    (2, _("Semester II (Juli–Desember)")),
]

# What each narrative section of the report is for, shown with its text box.
BAGIAN_NARASI = {
    "pendahuluan": (_("Bab I Pendahuluan"), _("Latar belakang, dasar hukum dan tujuan survei.")),
    "metode": (
        _("Bab II Pelaksanaan survei"),
        _("Waktu, jenis layanan, cara pengumpulan, populasi dan sampel."),
    ),
    "analisis": (
        _("Analisis hasil"),
        _("Unsur tertinggi dan terendah, perbedaan antarlayanan dan kelompok responden."),
    ),
    "kesimpulan": (_("Kesimpulan"), _("Nilai IKM, mutu dan kinerja, unsur yang perlu diperbaiki.")),
    "rencana_tindak_lanjut": (
        _("Rencana tindak lanjut"),
        _("Satu butir per baris: perbaikan apa, oleh siapa, kapan."),
    ),
}


class TanggalInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kw):
        super().__init__(format="%Y-%m-%d", **kw)


class LayananForm(forms.ModelForm):
    class Meta:
        model = Layanan
        fields = ["nama", "slug", "uraian", "urutan", "aktif"]
        widgets = {"uraian": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "slug": _(
                "Bagian alamat formulir survei, mis. surat-keterangan. Kosongkan untuk dibuat "
                "dari nama."
            ),
            "urutan": _("Urutan tampil di daftar layanan."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False


class StandarForm(forms.ModelForm):
    class Meta:
        model = StandarPelayanan
        fields = [k for k, _label, _g in StandarPelayanan.KOMPONEN]
        widgets = {k: forms.Textarea(attrs={"rows": 3}) for k, _l, _g in StandarPelayanan.KOMPONEN}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for k, label, _g in StandarPelayanan.KOMPONEN:
            self.fields[k].label = label
            self.fields[k].help_text = _("Satu butir per baris.")


class TetapkanStandarForm(forms.Form):
    nomor_penetapan = forms.CharField(
        label=_("Nomor keputusan penetapan"),
        max_length=150,
        help_text=_("mis. Keputusan Camat Bungaraya Nomor 12 Tahun 2026"),
    )
    tanggal_penetapan = forms.DateField(label=_("Tanggal penetapan"), widget=TanggalInput())


class PeriodeBaruForm(forms.Form):
    tahun = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
    semester = forms.TypedChoiceField(label=_("Periode"), choices=SEMESTER, coerce=int)
    mulai = forms.DateField(
        label=_("Tanggal mulai"),
        required=False,
        widget=TanggalInput(),
        help_text=_("Kosongkan: awal semester/tahun."),
    )
    selesai = forms.DateField(
        label=_("Tanggal selesai"),
        required=False,
        widget=TanggalInput(),
        help_text=_("Kosongkan: akhir semester/tahun."),
    )
    populasi = forms.IntegerField(
        label=_("Jumlah penerima layanan (populasi)"),
        min_value=0,
        initial=0,
        help_text=_("Menentukan sampel minimal menurut tabel Krejcie dan Morgan."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tahun"].initial = timezone.localdate().year


class PeriodeForm(forms.Form):
    mulai = forms.DateField(label=_("Tanggal mulai"), widget=TanggalInput())
    selesai = forms.DateField(label=_("Tanggal selesai"), widget=TanggalInput())
    populasi = forms.IntegerField(
        label=_("Jumlah penerima layanan (populasi)"),
        min_value=0,
        help_text=_("Menentukan sampel minimal menurut tabel Krejcie dan Morgan."),
    )

    @classmethod
    def dari(cls, periode: PeriodeSurvei, data=None):
        awal = {"mulai": periode.mulai, "selesai": periode.selesai, "populasi": periode.populasi}
        return cls(data, initial=awal)


class NarasiForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kunci, (label, bantuan) in BAGIAN_NARASI.items():
            self.fields[kunci] = forms.CharField(
                label=label,
                help_text=bantuan,
                required=False,
                widget=forms.Textarea(attrs={"rows": 5}),
            )


class ImporForm(forms.Form):
    berkas = forms.FileField(
        label=_("Berkas Excel (.xlsx)"),
        help_text=_("Gunakan templat di atas; satu baris per kuesioner."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )


class RealisasiForm(forms.Form):
    indikator = forms.ModelChoiceField(label=_("Indikator IKM"), queryset=None, empty_label=None)

    def __init__(self, *args, indikator_qs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indikator"].queryset = indikator_qs
        self.fields["indikator"].label_from_instance = lambda i: f"{i.kode} {i.nama}"
