"""Forms of the Perjanjian Kinerja and Rencana Aksi pages: drafting, the parties, sasaran,
indicators, budget, signature, revision and the quarterly action plan grid."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from sakip.organisasi.models import Jabatan

from . import services
from .forms import (
    TRIWULAN,
    FormButir,
    RupiahField,
    Target,
    TargetField,
    label_kode,
    periksa_target,
    tulis_target,
)
from .models import (
    AnggaranPK,
    Indikator,
    IndikatorPK,
    ItemAnggaran,
    PerjanjianKinerja,
    RencanaAksi,
    Sasaran,
    SasaranPK,
)

# ---------------------------------------------------------------- Perjanjian Kinerja


class BuatPKForm(forms.Form):
    jabatan = forms.ModelChoiceField(label=_("Jabatan pihak pertama"), queryset=Jabatan.objects)
    tahun = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
    pk_atasan = forms.ModelChoiceField(
        label=_("PK atasan"), queryset=PerjanjianKinerja.objects, required=False
    )

    def __init__(self, *args, instansi, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jabatan"].queryset = Jabatan.objects.filter(instansi=instansi)
        self.fields["pk_atasan"].queryset = PerjanjianKinerja.objects.for_user(user).filter(
            instansi=instansi
        )


class PKForm(FormButir):
    class Meta:
        model = PerjanjianKinerja
        fields = ["tempat", "pihak_kedua_nama", "pihak_kedua_jabatan"]
        help_texts = {
            "pihak_kedua_nama": _("Diisi bila pihak kedua bukan pengguna SAKIP (mis. Bupati)."),
        }


class SasaranPKForm(FormButir):
    class Meta:
        model = SasaranPK
        fields = ["uraian", "sasaran_renstra", "sasaran_atasan"]
        widgets = {"uraian": forms.Textarea(attrs={"rows": 2})}
        labels = {"sasaran_atasan": _("Menurunkan sasaran PK atasan")}

    def atur_pilihan(self) -> None:
        pk = self.wadah
        self.fields["uraian"].required = False
        self.fields["sasaran_renstra"].queryset = Sasaran.objects.filter(
            renstra__instansi_id=pk.instansi_id,
            renstra__tahun_awal__lte=pk.tahun,
            renstra__tahun_akhir__gte=pk.tahun,
        )
        self.fields["sasaran_renstra"].label_from_instance = label_kode
        self.fields["sasaran_atasan"].queryset = SasaranPK.objects.filter(
            pk_dokumen_id=pk.pk_atasan_id or 0
        )
        if not pk.pk_atasan_id:
            del self.fields["sasaran_atasan"]

    def clean(self):
        data = super().clean()
        # Choosing a Renstra sasaran is enough: its wording is the PK's wording.
        if not data.get("uraian"):
            sumber = data.get("sasaran_renstra") or data.get("sasaran_atasan")
            if sumber is None:
                self.add_error("uraian", _("Tulis sasaran atau pilih sasaran Renstra."))
            else:
                self.instance.uraian = data["uraian"] = sumber.uraian
        return data


class IndikatorPKForm(FormButir):
    target_isian = TargetField(label=_("Target"))
    target_fields = ("target_isian",)

    class Meta:
        model = IndikatorPK
        fields = ["sasaran", "indikator_renstra", "nama", "satuan"]
        help_texts = {
            "indikator_renstra": _(
                "Memilih indikator Renstra mengisi nama, satuan dan target tahun ini."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        i = self.instance
        self.initial.setdefault(
            "target_isian", tulis_target(i.target, i.target_atas, i.target_skala)
        )
        self.fields["nama"].required = self.fields["satuan"].required = False

    def atur_pilihan(self) -> None:
        pk = self.wadah
        self.fields["sasaran"].queryset = SasaranPK.objects.filter(pk_dokumen=pk)
        self.fields["indikator_renstra"].queryset = Indikator.objects.filter(
            renstra__instansi_id=pk.instansi_id,
            renstra__tahun_awal__lte=pk.tahun,
            renstra__tahun_akhir__gte=pk.tahun,
        ).select_related("skala")
        self.fields["indikator_renstra"].label_from_instance = lambda i: f"{i.kode} {i.nama}"[:120]

    def clean(self):
        data = super().clean()
        acuan = data.get("indikator_renstra")
        nilai = data.get("target_isian") or Target()
        if acuan is not None:
            data["nama"] = data.get("nama") or acuan.nama
            data["satuan"] = data.get("satuan") or acuan.satuan
            if nilai.kosong:
                tahunan = acuan.target.filter(tahun=self.wadah.tahun).first()
                if tahunan is not None:
                    nilai = Target(tahunan.target, tahunan.target_atas, tahunan.target_skala)
            data["target_isian"] = nilai
        for nama in ("nama", "satuan"):
            if not data.get(nama):
                self.add_error(nama, _("Isian ini wajib diisi."))
        periksa_target(self, "target_isian", acuan)
        i = self.instance
        i.target, i.target_atas, i.target_skala = nilai
        return data


class AnggaranPKForm(FormButir):
    anggaran = RupiahField(label=_("Anggaran (Rp)"), required=False)

    class Meta:
        model = AnggaranPK
        fields = ["item", "uraian", "anggaran"]
        labels = {"item": _("Dari DPA/RKA/Renja")}
        help_texts = {"item": _("Memilih baris anggaran mengisi uraian dan anggaran.")}

    def atur_pilihan(self) -> None:
        pk = self.wadah
        self.fields["uraian"].required = False
        self.fields["item"].queryset = ItemAnggaran.objects.filter(
            dokumen__instansi_id=pk.instansi_id, dokumen__tahun=pk.tahun
        ).select_related("dokumen")
        self.fields["item"].label_from_instance = lambda i: (
            f"{i.dokumen.get_jenis_display()} · {i.kode} {i.nama}"[:120]
        )

    def clean(self):
        data = super().clean()
        item = data.get("item")
        if not data.get("uraian"):
            if item is None:
                self.add_error("uraian", _("Tulis program/kegiatan atau pilih dari DPA."))
            else:
                data["uraian"] = f"{item.kode} {item.nama}"
        if data.get("anggaran") is None:
            data["anggaran"] = item.pagu if item is not None else Decimal("0")
        return data


class TandaTanganForm(forms.Form):
    tanggal = forms.DateField(
        label=_("Tanggal penandatanganan"), widget=forms.DateInput(attrs={"type": "date"})
    )


class RevisiForm(forms.Form):
    alasan = forms.ChoiceField(
        label=_("Alasan revisi"), choices=PerjanjianKinerja.AlasanRevisi.choices
    )
    keterangan = forms.CharField(
        label=_("Keterangan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class RencanaAksiForm(forms.Form):
    """The grid of a PK's indicators × TW I–IV: target, actions and budget per cell."""

    def __init__(self, *args, indikator: list[IndikatorPK], **kwargs):
        super().__init__(*args, **kwargs)
        self.indikator = indikator
        for ind in indikator:
            ada = {a.periode: a for a in ind.aksi.all() if a.jenis_periode == "triwulan"}
            for tw in range(1, 5):
                a = ada.get(tw)
                kunci = f"{ind.pk}_{tw}"
                self.fields[f"target_{kunci}"] = TargetField(
                    label=_("Target TW %(tw)s") % {"tw": TRIWULAN[tw - 1]}, help_text=""
                )
                self.fields[f"aksi_{kunci}"] = forms.CharField(
                    label=_("Rencana aksi"),
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 2}),
                )
                self.fields[f"anggaran_{kunci}"] = RupiahField(label=_("Anggaran"), required=False)
                if a is not None:
                    self.initial[f"target_{kunci}"] = tulis_target(
                        a.target, a.target_atas, a.target_skala
                    )
                    self.initial[f"aksi_{kunci}"] = a.aksi
                    self.initial[f"anggaran_{kunci}"] = a.anggaran

    def baris(self) -> list[dict]:
        """Per indicator, its four quarters as (target, aksi, anggaran) bound fields."""
        return [
            {
                "indikator": ind,
                "triwulan": [
                    {
                        "nama": TRIWULAN[tw - 1],
                        "target": self[f"target_{ind.pk}_{tw}"],
                        "aksi": self[f"aksi_{ind.pk}_{tw}"],
                        "anggaran": self[f"anggaran_{ind.pk}_{tw}"],
                    }
                    for tw in range(1, 5)
                ],
            }
            for ind in self.indikator
        ]

    def simpan(self, aktor) -> int:
        """Save the changed cells, all or none; returns how many rows were written.

        A row refused by the rules puts its message on its fields and rolls back the
        whole grid, so a half-saved plan never exists.
        """
        ditulis = 0
        with transaction.atomic():
            for ind in self.indikator:
                ada = {a.periode: a for a in ind.aksi.all() if a.jenis_periode == "triwulan"}
                for tw in range(1, 5):
                    ditulis += self._simpan_sel(aktor, ind, tw, ada.get(tw))
            if self.errors:
                transaction.set_rollback(True)
                return 0
        return ditulis

    def _simpan_sel(self, aktor, ind: IndikatorPK, tw: int, lama: RencanaAksi | None) -> int:
        kunci = f"{ind.pk}_{tw}"
        target = self.cleaned_data[f"target_{kunci}"]
        aksi = self.cleaned_data[f"aksi_{kunci}"].strip()
        anggaran = self.cleaned_data[f"anggaran_{kunci}"] or Decimal("0")
        if target.kosong and not aksi and not anggaran:
            if lama is None:
                return 0
            services.hapus(aktor=aktor, objek=lama)
            return 1
        try:
            hasil = services.simpan_rencana_aksi(
                aktor=aktor,
                indikator=ind,
                periode=tw,
                aksi=aksi,
                anggaran=anggaran,
                lama=lama,
                **target._asdict(),
            )
        except services.AturanPerencanaan:
            raise  # a rule about the whole PK (e.g. signed): not this cell's problem
        except ValidationError as exc:
            self.add_error(f"target_{kunci}", exc.messages)
            return 0
        return 0 if hasil.perubahan == services.Perubahan.TETAP else 1
