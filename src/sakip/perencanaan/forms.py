"""What every planning form shares: numbers and targets as people type them, the row
form base class, the Excel upload; the forms of each document live in `forms_renstra`,
`forms_anggaran` and `forms_pk`. Every save goes through `services` (one call per row).

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
from django.utils.translation import gettext_lazy as _

from sakip.lib.formatting import angka

from . import services
from .models import TargetTahunan, validasi_target

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


def label_kode(obj) -> str:
    teks = getattr(obj, "uraian", None) or getattr(obj, "nama", "")
    return f"{obj.kode} {teks}"[:120]


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
