"""Forms of the planning pages; every save goes through `services` (one call per row).

Targets are typed as people write them — "75,5", "70 – 80" for a range, "WTP" for a
scale value — and money as "Rp 1.500.000"; both are parsed here, validated by the
model's rules and shown next to the field that holds them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from sakip.lib.formatting import angka
from sakip.organisasi.models import Jabatan

from . import services
from .models import (
    IKU,
    AnggaranKas,
    AnggaranPK,
    DokumenAnggaran,
    Indikator,
    IndikatorItem,
    IndikatorPK,
    ItemAnggaran,
    Kebijakan,
    Misi,
    PerjanjianKinerja,
    Polaritas,
    ProgramRenstra,
    RencanaAksi,
    Renstra,
    Sasaran,
    SasaranPK,
    Skala,
    Strategi,
    TargetTahunan,
    Tujuan,
    validasi_target,
)

BULAN = [
    _("Jan"),
    _("Feb"),
    _("Mar"),
    _("Apr"),
    _("Mei"),
    _("Jun"),
    _("Jul"),
    _("Agu"),
    _("Sep"),
    _("Okt"),
    _("Nov"),
    _("Des"),
]
TRIWULAN = ["I", "II", "III", "IV"]

# ---------------------------------------------------------------- numbers as typed


def baca_angka(teks: str) -> Decimal | None:
    """'1.234,5' → 1234.5, '75,5' → 75.5, '75.5' → 75.5; None when it is not a number.

    Indonesian writing first: dots group thousands, the comma is the decimal sign; a
    single dot not followed by a group of three is read as a decimal point.
    """
    t = teks.strip().replace(" ", "").removeprefix("Rp").removeprefix("rp")
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})+(,\d+)?", t):
        t = t.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"-?\d+(,\d+)?", t):
        t = t.replace(",", ".")
    elif not re.fullmatch(r"-?\d*\.\d+", t):
        return None
    try:
        return Decimal(t)
    except InvalidOperation:
        return None


class Target(NamedTuple):
    target: Decimal | None = None
    target_atas: Decimal | None = None
    target_skala: str = ""

    @property
    def kosong(self) -> bool:
        return self.target is None and self.target_atas is None and not self.target_skala


RENTANG = re.compile(r"^(-?[\d.,]+)\s*(?:–|—|-|s\.?\s?d\.?|s/d|sampai)\s*(-?[\d.,]+)$")


def baca_target(teks: str) -> Target:
    """'80' → a number, '70 – 80' → a range, anything else → a value of the scale."""
    teks = (teks or "").strip()
    if not teks:
        return Target()
    nilai = baca_angka(teks)
    if nilai is not None:
        return Target(nilai)
    rentang = RENTANG.match(teks)
    if rentang:
        bawah, atas = baca_angka(rentang[1]), baca_angka(rentang[2])
        if bawah is not None and atas is not None:
            return Target(bawah, atas)
    return Target(target_skala=teks)


def tulis_target(target, atas=None, skala: str = "") -> str:
    """The text a target field shows: the inverse of `baca_target`."""
    teks = TargetTahunan(target=target, target_atas=atas, target_skala=skala).target_tampil()
    return "" if teks == "—" else teks


class TargetField(forms.CharField):
    """One input for a target: number, range or scale value; cleans to a `Target`."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 60)
        kwargs.setdefault("help_text", _("Mis. 75,5 · rentang 70 – 80 · nilai skala WTP"))
        super().__init__(**kwargs)

    def clean(self, value) -> Target:
        return baca_target(super().clean(value))


class RupiahField(forms.DecimalField):
    """Money typed as 'Rp 1.500.000' or '1500000'; shown back with thousand dots."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 18)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", Decimal("0"))
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str) and value.strip():
            nilai = baca_angka(value)
            if nilai is None:
                raise ValidationError(_("Tulis jumlah rupiah, mis. 1.500.000."), code="invalid")
            value = nilai
        return super().to_python(value)

    def prepare_value(self, value):
        if isinstance(value, Decimal | int | float):
            return angka(value, 0 if Decimal(value) == Decimal(value).to_integral() else 2)
        return value


def periksa_target(form: forms.Form, nama_field: str, acuan) -> None:
    """The model's target rule (number, range or scale value), shown next to the field."""
    nilai = form.cleaned_data.get(nama_field)
    if not isinstance(nilai, Target) or nilai.kosong:
        return
    try:
        validasi_target(TargetTahunan(**nilai._asdict()), acuan)
    except ValidationError as exc:
        form.add_error(nama_field, exc)


def pasang_galat(form: forms.BaseForm, exc: ValidationError) -> None:
    """Put a service's validation errors on the form: by field where the form has it."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for nama, daftar in exc.error_dict.items():
        for galat in daftar:
            medan, galat = _galat_unik(form, galat) if nama == "__all__" else (nama, galat)
            form.add_error(medan if medan in form.fields else None, galat)


def _galat_unik(form: forms.BaseForm, galat: ValidationError) -> tuple[str | None, ValidationError]:
    """A duplicate (renstra, kode) said plainly, at the field the user typed.

    Django's Indonesian catalog words unique_together as "… ini tidak ada" ("does not
    exist"), the opposite of what happened.
    """
    if getattr(galat, "code", None) != "unique_together":
        return None, galat
    ketik = [n for n in galat.params.get("unique_check", ()) if n in form.fields]
    if not ketik:
        return None, galat
    label = form.fields[ketik[-1]].label
    pesan = _("%(label)s ini sudah dipakai di dokumen yang sama; pilih yang lain.")
    return ketik[-1], ValidationError(pesan % {"label": label}, code="unique_together")


# ---------------------------------------------------------------- base classes


@dataclass
class Kelompok:
    """A group of fields as the row form lays them out; `sempit` for rows of numbers."""

    judul: str
    fields: list
    sempit: bool = False


class FormButir(forms.ModelForm):
    """A form for one planning row inside a container (Renstra, Renja/RKA/DPA or PK).

    `wadah` limits every choice to the container, so no row of another agency can be
    picked; `simpan` is the one place that writes, through the service.
    """

    target_fields: tuple[str, ...] = ()

    def __init__(self, *args, wadah, **kwargs):
        self.wadah = wadah
        super().__init__(*args, **kwargs)
        self.atur_pilihan()

    def atur_pilihan(self) -> None:
        """Narrow the querysets of choice fields to the container."""

    def kelompok(self) -> list[Kelompok]:
        return [Kelompok("", [self[n] for n in self.fields if not self[n].is_hidden])]

    def _post_clean(self):
        # A target already refused at its field would only be repeated at the top.
        if any(n in self._errors for n in self.target_fields):
            return
        super()._post_clean()

    def simpan(self, aktor):
        return services.simpan(aktor=aktor, objek=self.instance)


def _label_kode(obj) -> str:
    teks = getattr(obj, "uraian", None) or getattr(obj, "nama", "")
    return f"{obj.kode} {teks}"[:120]


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
            field.label_from_instance = _label_kode


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
            (_("Tujuan"), [(f"t{t.pk}", _label_kode(t)) for t in renstra.tujuan.all()]),
            (_("Sasaran"), [(f"s{s.pk}", _label_kode(s)) for s in renstra.sasaran.all()]),
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
        with transaction.atomic():
            ind = services.simpan(aktor=aktor, objek=self.instance)
            tersimpan = {t.tahun: t for t in TargetTahunan.objects.filter(indikator=ind)}
            for tahun in self.tahun:
                nilai = self.cleaned_data[f"target_{tahun}"]
                lama = tersimpan.get(tahun)
                if nilai.kosong:
                    if lama is not None:
                        services.hapus(aktor=aktor, objek=lama)
                    continue
                if lama is not None and nilai == (lama.target, lama.target_atas, lama.target_skala):
                    continue
                baris = lama or TargetTahunan(indikator=ind, tahun=tahun)
                baris.target, baris.target_atas, baris.target_skala = nilai
                services.simpan(aktor=aktor, objek=baris)
        return ind


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
        induk.label_from_instance = _label_kode
        induk.help_text = _("Kegiatan berinduk program; sub kegiatan berinduk kegiatan.")
        self.fields["program_renstra"].queryset = ProgramRenstra.objects.filter(
            renstra_id=dokumen.renstra_id
        )
        self.fields["program_renstra"].label_from_instance = _label_kode
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
        self.fields["item"].label_from_instance = _label_kode
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

    def clean(self):
        data = super().clean()
        if self.instance.level != ItemAnggaran.Level.SUB_KEGIATAN:
            raise ValidationError(_("Anggaran kas diisi untuk sub kegiatan."))
        return data

    def kelompok(self):
        bulan = [self[f"bulan_{b}"] for b in range(1, 13)]
        return [Kelompok(_("Anggaran kas per bulan (Rp)"), bulan, sempit=True)]

    def simpan(self, aktor):
        with transaction.atomic():
            ada = {k.bulan: k for k in AnggaranKas.objects.filter(item=self.instance)}
            for bulan in range(1, 13):
                jumlah = self.cleaned_data[f"bulan_{bulan}"]
                lama = ada.get(bulan)
                if jumlah is None:
                    if lama is not None:
                        services.hapus(aktor=aktor, objek=lama)
                    continue
                if lama is not None and lama.jumlah == jumlah:
                    continue
                baris = lama or AnggaranKas(item=self.instance, bulan=bulan)
                baris.jumlah = jumlah
                services.simpan(aktor=aktor, objek=baris)
        return self.instance


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
        self.fields["sasaran_renstra"].label_from_instance = _label_kode
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
        baru = (*target, aksi, anggaran)
        if (
            lama is not None
            and (
                lama.target,
                lama.target_atas,
                lama.target_skala,
                lama.aksi,
                lama.anggaran,
            )
            == baru
        ):
            return 0
        baris = lama or RencanaAksi(indikator=ind, jenis_periode="triwulan", periode=tw)
        baris.target, baris.target_atas, baris.target_skala = target
        baris.aksi, baris.anggaran = aksi, anggaran
        try:
            services.simpan(aktor=aktor, objek=baris)
        except services.AturanPerencanaan:
            raise  # a rule about the whole PK (e.g. signed): not this cell's problem
        except ValidationError as exc:
            self.add_error(f"target_{kunci}", exc.messages)
            return 0
        return 1


class ImporForm(forms.Form):
    berkas = forms.FileField(
        label=_("Berkas Excel (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
        help_text=_("Pakai berkas dari “Unduh Excel” atau “Unduh templat kosong”."),
    )

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        if not berkas.name.lower().endswith(".xlsx"):
            raise ValidationError(_("Unggah berkas Excel berakhiran .xlsx."))
        return berkas
