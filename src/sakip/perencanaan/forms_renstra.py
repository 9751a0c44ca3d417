"""Forms of the Renstra and IKU pages: the Renstra, its statements, its indicators with a
target per year, the IKU; each saves through `services`."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sakip.organisasi.models import Jabatan

from . import services
from .forms import (
    FormButir,
    Kelompok,
    Target,
    TargetField,
    label_kode,
    periksa_target,
    tulis_target,
)
from .models import (
    IKU,
    Indikator,
    Kebijakan,
    Misi,
    Polaritas,
    ProgramRenstra,
    Renstra,
    Sasaran,
    Skala,
    Strategi,
    Tujuan,
)

# ---------------------------------------------------------------- Renstra


class RenstraBaruForm(forms.ModelForm):
    class Meta:
        model = Renstra
        fields = ["tahun_awal", "tahun_akhir"]


class RenstraForm(FormButir):
    # No status: a Renstra is adopted by signing it through the Renstra SOP.
    class Meta:
        model = Renstra
        fields = ["tahun_awal", "tahun_akhir", "visi"]
        widgets = {"visi": forms.Textarea(attrs={"rows": 3})}


class BagianRenstraForm(FormButir):
    """kode + uraian, and the parent statement chosen among the Renstra's own."""

    induk_field: str | None = None
    induk_model = None

    def atur_pilihan(self) -> None:
        if self.induk_field:
            field = self.fields[self.induk_field]
            field.queryset = self.induk_model.objects.filter(renstra=self.wadah)
            field.label_from_instance = label_kode


class MisiForm(BagianRenstraForm):
    class Meta:
        model = Misi
        fields = ["kode", "uraian"]
        widgets = {"uraian": forms.Textarea(attrs={"rows": 2})}


class TujuanForm(BagianRenstraForm):
    induk_field, induk_model = "misi", Misi

    class Meta:
        model = Tujuan
        fields = ["kode", "uraian", "misi"]
        widgets = {"uraian": forms.Textarea(attrs={"rows": 2})}


class SasaranForm(BagianRenstraForm):
    induk_field, induk_model = "tujuan", Tujuan

    class Meta:
        model = Sasaran
        fields = ["tujuan", "kode", "uraian"]
        widgets = {"uraian": forms.Textarea(attrs={"rows": 2})}


class StrategiForm(BagianRenstraForm):
    induk_field, induk_model = "sasaran", Sasaran

    class Meta:
        model = Strategi
        fields = ["sasaran", "kode", "uraian"]
        widgets = {"uraian": forms.Textarea(attrs={"rows": 2})}


class KebijakanForm(BagianRenstraForm):
    induk_field, induk_model = "strategi", Strategi

    class Meta:
        model = Kebijakan
        fields = ["strategi", "kode", "uraian"]
        widgets = {"uraian": forms.Textarea(attrs={"rows": 2})}


class ProgramRenstraForm(BagianRenstraForm):
    induk_field, induk_model = "sasaran", Sasaran

    class Meta:
        model = ProgramRenstra
        fields = ["sasaran", "kode", "uraian"]
        widgets = {"uraian": forms.Textarea(attrs={"rows": 2})}


class IndikatorForm(FormButir):
    """A Renstra indicator with its baseline, a target per year of the period and the
    final target — all edited in one row, saved in one transaction."""

    induk = forms.ChoiceField(label=_("Indikator dari"))
    kondisi_awal = TargetField(label=_("Kondisi awal"), help_text="")
    akhir = TargetField(label=_("Target akhir periode"), help_text="")

    class Meta:
        model = Indikator
        fields = [
            "kode",
            "nama",
            "satuan",
            "skala",
            "polaritas",
            "agregasi",
            "toleransi",
            "definisi",
            "formula",
            "sumber_data",
            "penanggung_jawab",
        ]
        widgets = {
            "nama": forms.Textarea(attrs={"rows": 2}),
            "definisi": forms.Textarea(attrs={"rows": 2}),
            "formula": forms.Textarea(attrs={"rows": 2}),
        }
        localized_fields = ["toleransi"]  # typed with a decimal comma

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        ind = self.instance
        self.tahun = self.wadah.tahun
        for t in self.tahun:
            self.fields[f"target_{t}"] = TargetField(label=str(t), help_text="")
        self.target_fields = ("kondisi_awal", "akhir", *(f"target_{t}" for t in self.tahun))
        self.fields["kondisi_awal"].help_text = _("Angka, atau nilai skala.")
        self.fields["akhir"].help_text = TargetField().help_text
        if ind.tujuan_id:
            self.initial.setdefault("induk", f"t{ind.tujuan_id}")
        elif ind.sasaran_id:
            self.initial.setdefault("induk", f"s{ind.sasaran_id}")
        self.initial.setdefault(
            "kondisi_awal", tulis_target(ind.baseline, None, ind.baseline_skala)
        )
        self.initial.setdefault(
            "akhir", tulis_target(ind.target_akhir, ind.target_akhir_atas, ind.target_akhir_skala)
        )
        if ind.pk:
            for t in ind.target.all():
                nilai = tulis_target(t.target, t.target_atas, t.target_skala)
                self.initial.setdefault(f"target_{t.tahun}", nilai)

    def atur_pilihan(self) -> None:
        renstra = self.wadah
        self.fields["induk"].choices = [
            (_("Tujuan"), [(f"t{t.pk}", label_kode(t)) for t in renstra.tujuan.all()]),
            (_("Sasaran"), [(f"s{s.pk}", label_kode(s)) for s in renstra.sasaran.all()]),
        ]
        self.fields["skala"].queryset = Skala.objects.filter(pemda_id=renstra.instansi.pemda_id)
        self.fields["skala"].help_text = _("Kosongkan bila target berupa angka bersatuan.")
        self.fields["penanggung_jawab"].queryset = Jabatan.objects.filter(
            instansi_id=renstra.instansi_id
        )

    def kelompok(self):
        f = self.__getitem__
        identitas = ["induk", "kode", "nama", "satuan", "skala", "polaritas", "agregasi"]
        return [
            Kelompok(_("Indikator"), [f(n) for n in [*identitas, "toleransi", "penanggung_jawab"]]),
            Kelompok(
                _("Kondisi awal dan target"),
                [f("kondisi_awal"), *(f(f"target_{t}") for t in self.tahun), f("akhir")],
                sempit=True,
            ),
            Kelompok(_("Definisi dan sumber"), [f("definisi"), f("formula"), f("sumber_data")]),
        ]

    def clean(self):
        data = super().clean()
        induk = data.get("induk") or ""
        ind = self.instance
        ind.tujuan_id = int(induk[1:]) if induk.startswith("t") else None
        ind.sasaran_id = int(induk[1:]) if induk.startswith("s") else None
        # An unsaved twin carries what decides the target's kind (unit, scale, polarity).
        acuan = Indikator(
            nama=data.get("nama", ""),
            satuan=data.get("satuan", ""),
            skala=data.get("skala"),
            polaritas=data.get("polaritas") or Polaritas.NAIK,
        )
        awal = data.get("kondisi_awal") or Target()
        if awal.target_atas is not None:
            self.add_error("kondisi_awal", _("Kondisi awal diisi satu nilai, bukan rentang."))
        elif acuan.polaritas != Polaritas.RENTANG:
            periksa_target(self, "kondisi_awal", acuan)
        for nama in ("akhir", *(f"target_{t}" for t in self.tahun)):
            periksa_target(self, nama, acuan)
        akhir = data.get("akhir") or Target()
        ind.baseline, ind.baseline_skala = awal.target, awal.target_skala
        ind.target_akhir, ind.target_akhir_atas, ind.target_akhir_skala = akhir
        return data

    def simpan(self, aktor):
        target = {}
        for tahun in self.tahun:
            nilai = self.cleaned_data[f"target_{tahun}"]
            target[tahun] = None if nilai.kosong else nilai._asdict()
        return services.simpan_indikator_renstra(
            aktor=aktor, indikator=self.instance, target=target
        )


class IKUForm(FormButir):
    class Meta:
        model = IKU
        fields = [
            "indikator",
            "tahun_mulai",
            "alasan",
            "definisi",
            "formula",
            "sumber_data",
            "penanggung_jawab",
        ]
        widgets = {
            "alasan": forms.Textarea(attrs={"rows": 2}),
            "definisi": forms.Textarea(attrs={"rows": 2}),
            "formula": forms.Textarea(attrs={"rows": 2}),
        }

    def atur_pilihan(self) -> None:
        renstra = self.wadah
        indikator = Indikator.objects.filter(renstra=renstra)
        if self.instance.pk is None:
            indikator = indikator.exclude(iku__isnull=False)
        self.fields["indikator"].queryset = indikator
        self.fields["penanggung_jawab"].queryset = Jabatan.objects.filter(
            instansi_id=renstra.instansi_id
        )
        self.fields["tahun_mulai"].initial = renstra.tahun_awal

    def isi_dari_pilihan(self) -> None:
        """ "Jadikan IKU" on an indicator: start from what the Renstra already says of it."""
        pilihan = self.initial.get("indikator")
        ind = self.fields["indikator"].queryset.filter(pk=pilihan).first() if pilihan else None
        if ind is None:
            return
        for nama in ("definisi", "formula", "sumber_data"):
            self.initial.setdefault(nama, getattr(ind, nama))
        self.initial.setdefault("penanggung_jawab", ind.penanggung_jawab_id)
