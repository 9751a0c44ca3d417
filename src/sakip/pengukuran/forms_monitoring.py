"""Forms of the monitoring pages: the control card's rows and a recommendation."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sakip.lib.formatting import angka
from sakip.organisasi.models import Jabatan
from sakip.perencanaan.forms import baca_angka
from sakip.perencanaan.models import IndikatorPK

from . import monitoring
from .models import EvaluasiTriwulan, KartuKendali
from .services import nama_bulan


def ringkas(nilai) -> str:
    """82.5000 → '82,5', a scale value as it is, None → '—'."""
    if nilai is None or nilai == "":
        return "—"
    try:
        d = Decimal(str(nilai))
    except ArithmeticError:
        return str(nilai)
    desimal = 0 if d == d.to_integral() else min(2, -d.normalize().as_tuple().exponent)
    return angka(d, desimal)


class PersenField(forms.DecimalField):
    """A percentage typed the Indonesian way ('45,5'), 0–100."""

    def __init__(self, **kwargs):
        kwargs.update(
            required=False,
            max_digits=7,
            decimal_places=2,
            min_value=Decimal(0),
            max_value=Decimal(100),
            widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 6}),
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str) and value.strip():
            nilai = baca_angka(value.removesuffix("%"))
            if nilai is None:
                raise ValidationError(_("Tulis persen, mis. 45,5."), code="invalid")
            value = nilai
        return super().to_python(value)

    def prepare_value(self, value):
        return ringkas(value) if isinstance(value, Decimal) else value


class KartuForm(forms.Form):
    """The card's rows: rencana and realisasi fisik, kendala, tindak lanjut per sub-kegiatan."""

    catatan = forms.CharField(
        label=gettext_lazy("Catatan umum"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, kartu: KartuKendali, baris: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.baris = baris
        self.initial["catatan"] = kartu.catatan
        for b in baris:
            kode = b.item.kode
            self.fields[f"target_{b.pk}"] = PersenField(
                label=_("Rencana fisik %(k)s (%%)") % {"k": kode}
            )
            self.fields[f"realisasi_{b.pk}"] = PersenField(
                label=_("Realisasi fisik %(k)s (%%)") % {"k": kode}
            )
            for nama, label in (("kendala", _("Kendala")), ("tindak_lanjut", _("Tindak lanjut"))):
                self.fields[f"{nama}_{b.pk}"] = forms.CharField(
                    label=f"{label} {kode}",
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 2, "placeholder": label}),
                )
            self.initial.update(
                {
                    f"target_{b.pk}": b.target_fisik,
                    f"realisasi_{b.pk}": b.realisasi_fisik,
                    f"kendala_{b.pk}": b.kendala,
                    f"tindak_lanjut_{b.pk}": b.tindak_lanjut,
                }
            )

    def bidang(self, baris) -> dict:
        return {
            n: self[f"{n}_{baris.pk}"] for n in ("target", "realisasi", "kendala", "tindak_lanjut")
        }

    def isian(self) -> dict[int, monitoring.IsianBaris]:
        d = self.cleaned_data
        return {
            b.pk: monitoring.IsianBaris(
                d[f"target_{b.pk}"],
                d[f"realisasi_{b.pk}"],
                d[f"kendala_{b.pk}"],
                d[f"tindak_lanjut_{b.pk}"],
            )
            for b in self.baris
        }


class RekomendasiForm(forms.Form):
    uraian = forms.CharField(
        label=gettext_lazy("Rekomendasi perbaikan kinerja"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    jabatan = forms.ModelChoiceField(
        label=gettext_lazy("Ditujukan kepada"), queryset=Jabatan.objects.none()
    )
    dipantau_bulan = forms.TypedChoiceField(
        label=gettext_lazy("Dipantau mulai bulan"), coerce=int, choices=()
    )
    indikator_pk = forms.ModelChoiceField(
        queryset=IndikatorPK.objects.none(), required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args, evaluasi: EvaluasiTriwulan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jabatan"].queryset = Jabatan.objects.filter(instansi_id=evaluasi.instansi_id)
        self.fields["indikator_pk"].queryset = IndikatorPK.objects.filter(
            sasaran__pk_dokumen__instansi_id=evaluasi.instansi_id,
            sasaran__pk_dokumen__tahun=evaluasi.tahun,
        )
        tahun = evaluasi.tahun
        self.fields["dipantau_bulan"].choices = [
            (b, nama_bulan(tahun, b).split()[0]) for b in range(1, 13)
        ]
        self.initial.setdefault(
            "dipantau_bulan", monitoring.bulan_setelah_triwulan(evaluasi.triwulan)
        )
