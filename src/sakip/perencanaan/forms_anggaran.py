"""Forms of the Renja/RKA/DPA page: the document, its program → kegiatan → sub kegiatan
rows, their indicators and the monthly cash plan; each saves through `services`."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sakip.organisasi.models import Jabatan

from . import services
from .forms import (
    BULAN,
    FormButir,
    Kelompok,
    RupiahField,
    Target,
    TargetField,
    label_kode,
    periksa_target,
    tulis_target,
)
from .models import DokumenAnggaran, Indikator, IndikatorItem, ItemAnggaran, ProgramRenstra

# ---------------------------------------------------------------- Renja, RKA, DPA


class DokumenBaruForm(forms.ModelForm):
    class Meta:
        model = DokumenAnggaran
        fields = ["jenis", "tahun"]


class PengesahanForm(FormButir):
    class Meta:
        model = DokumenAnggaran
        fields = ["nomor", "tanggal_pengesahan"]
        widgets = {"tanggal_pengesahan": forms.DateInput(attrs={"type": "date"})}
        help_texts = {
            "tanggal_pengesahan": _(
                "Untuk DPA: tanggal DPA disahkan; PK baru dapat ditandatangani setelahnya."
            ),
        }


class ItemAnggaranForm(FormButir):
    pagu = RupiahField(label=_("Pagu (Rp)"))

    class Meta:
        model = ItemAnggaran
        fields = ["level", "induk", "kode", "nama", "pagu", "program_renstra", "penanggung_jawab"]
        widgets = {"nama": forms.Textarea(attrs={"rows": 2})}
        labels = {"program_renstra": _("Program Renstra")}
        help_texts = {"program_renstra": _("Hanya untuk program: program Renstra yang dijabarkan.")}

    def atur_pilihan(self) -> None:
        dokumen = self.wadah
        if self.instance.pk:
            del self.fields["level"]  # a program stays a program; move rows by their parent
        induk = self.fields["induk"]
        induk.queryset = ItemAnggaran.objects.filter(
            dokumen=dokumen, level__in=[ItemAnggaran.Level.PROGRAM, ItemAnggaran.Level.KEGIATAN]
        ).exclude(pk=self.instance.pk)
        induk.label_from_instance = label_kode
        induk.help_text = _("Kegiatan berinduk program; sub kegiatan berinduk kegiatan.")
        self.fields["program_renstra"].queryset = ProgramRenstra.objects.filter(
            renstra_id=dokumen.renstra_id
        )
        self.fields["program_renstra"].label_from_instance = label_kode
        self.fields["penanggung_jawab"].queryset = Jabatan.objects.filter(
            instansi_id=dokumen.instansi_id
        )


class IndikatorItemForm(FormButir):
    target_isian = TargetField(label=_("Target"))
    target_fields = ("target_isian",)

    class Meta:
        model = IndikatorItem
        fields = ["item", "nama", "satuan", "indikator_renstra"]
        labels = {"item": _("Program/kegiatan")}
        help_texts = {
            "indikator_renstra": _("Indikator program boleh merujuk indikator Renstra."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        i = self.instance
        self.initial.setdefault(
            "target_isian", tulis_target(i.target, i.target_atas, i.target_skala)
        )

    def atur_pilihan(self) -> None:
        self.fields["item"].queryset = ItemAnggaran.objects.filter(dokumen=self.wadah)
        self.fields["item"].label_from_instance = label_kode
        self.fields["indikator_renstra"].queryset = Indikator.objects.filter(
            renstra_id=self.wadah.renstra_id
        ).select_related("skala")
        self.fields["indikator_renstra"].label_from_instance = lambda i: f"{i.kode} {i.nama}"[:120]

    def clean(self):
        data = super().clean()
        periksa_target(self, "target_isian", data.get("indikator_renstra"))
        nilai = data.get("target_isian") or Target()
        i = self.instance
        i.target, i.target_atas, i.target_skala = nilai
        return data


class KasForm(forms.Form):
    """The twelve months of a sub-kegiatan's cash plan; one service call per changed month."""

    def __init__(self, *args, instance: ItemAnggaran, wadah, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance, self.wadah = instance, wadah
        ada = {k.bulan: k.jumlah for k in instance.kas.all()}
        for bulan, nama in enumerate(BULAN, start=1):
            self.fields[f"bulan_{bulan}"] = RupiahField(label=nama, required=False)
            self.initial[f"bulan_{bulan}"] = ada.get(bulan)

    def kelompok(self):
        bulan = [self[f"bulan_{b}"] for b in range(1, 13)]
        return [Kelompok(_("Anggaran kas per bulan (Rp)"), bulan, sempit=True)]

    def simpan(self, aktor):
        """A sub-kegiatan only; the service refuses the others (shown on the form)."""
        kas = {b: self.cleaned_data[f"bulan_{b}"] for b in range(1, 13)}
        return services.simpan_rencana_kas(aktor=aktor, item=self.instance, kas=kas)
