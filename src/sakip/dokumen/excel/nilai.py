"""Cell values as staff type them: Indonesian numbers, dates, ranges, scale values, choices.

Numbers may be Excel numbers or Indonesian text ("1.250.000", "12,5"): a dot followed by
groups of three digits separates thousands, otherwise it is a decimal point. Names typed
by hand are compared through `kunci`, blind to case, spaces and separators.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.db import models
from openpyxl.utils.datetime import from_excel

from sakip.lib.formatting import angka as format_angka

BULAN = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")
BULAN_PANJANG = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
TRIWULAN = ("I", "II", "III", "IV")

RIBUAN = re.compile(r"-?\d{1,3}(\.\d{3})+")
RENTANG = re.compile(r"\s*(-?[\d.,]+)\s*[-–—]\s*(-?[\d.,]+)\s*")
BATAS_ANGKA = Decimal(10) ** 16  # the integer digits every amount field of the models holds


def kunci(teks: Any) -> str:
    """Case-, space- and separator-blind key for names typed by hand ("Rata-rata" = "rata_rata")."""
    return re.sub(r"[\s_\-]+", " ", "" if teks is None else str(teks)).strip().casefold()


def ke_desimal(nilai: Any) -> Decimal:
    """A cell value as Decimal (Excel number or Indonesian text); ValueError if it is none."""
    if isinstance(nilai, bool):
        raise ValueError(nilai)
    if isinstance(nilai, int | Decimal):
        hasil = Decimal(nilai)
    elif isinstance(nilai, float):
        hasil = Decimal(repr(nilai))  # repr: the shortest text, not the binary expansion
    else:
        teks = re.sub(r"\s", "", str(nilai))
        teks = re.sub(r"^rp\.?", "", teks, flags=re.IGNORECASE)
        if "," in teks:
            teks = teks.replace(".", "").replace(",", ".")
        elif RIBUAN.fullmatch(teks):
            teks = teks.replace(".", "")
        try:
            hasil = Decimal(teks)
        except InvalidOperation:
            raise ValueError(nilai) from None
    if not hasil.is_finite():
        raise ValueError(nilai)
    return hasil


def bulatkan(nilai: Decimal, desimal: int) -> Decimal:
    return nilai.quantize(Decimal(1).scaleb(-desimal), rounding=ROUND_HALF_UP)


def jumlah_desimal(nilai: Decimal) -> int:
    eksponen = nilai.normalize().as_tuple().exponent
    assert isinstance(eksponen, int)  # finite: ke_desimal refuses NaN and infinity
    return min(4, max(0, -eksponen))


def sel_angka(nilai: Decimal | None) -> int | float | None:
    """A Decimal as an Excel number: whole numbers stay int so they show without decimals."""
    if nilai is None:
        return None
    return int(nilai) if nilai == nilai.to_integral_value() else float(nilai)


def teks_angka(nilai: Decimal) -> str:
    return format_angka(nilai, jumlah_desimal(nilai))


def ke_tanggal(nilai: Any) -> datetime.date:
    """A cell as a date: an Excel date, "31/12/2025", "2025-12-31" or "31 Desember 2025"."""
    if isinstance(nilai, datetime.datetime):
        return nilai.date()
    if isinstance(nilai, datetime.date):
        return nilai
    if isinstance(nilai, int | float) and not isinstance(nilai, bool):
        return from_excel(nilai).date()
    teks = " ".join(str(nilai).split())
    for pola in ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(teks, pola).date()
        except ValueError:
            pass
    cocok = re.fullmatch(r"(\d{1,2}) (\w+) (\d{4})", teks)
    bulan = [kunci(b) for b in BULAN_PANJANG]
    if cocok and kunci(cocok[2]) in bulan:
        return datetime.date(int(cocok[3]), bulan.index(kunci(cocok[2])) + 1, int(cocok[1]))
    raise ValueError(nilai)


@dataclass(frozen=True)
class Nilai:
    """A target as read or written: a number, a range [target, atas], or a scale value."""

    target: Decimal | None = None
    atas: Decimal | None = None
    skala: str = ""

    @property
    def kosong(self) -> bool:
        return self.target is None and not self.skala

    @classmethod
    def dari(cls, objek: models.Model, awalan: str = "target") -> Nilai:
        """Read `<awalan>`, `<awalan>_atas` and `<awalan>_skala` of a model instance."""
        return cls(
            getattr(objek, awalan),
            getattr(objek, f"{awalan}_atas", None),
            getattr(objek, f"{awalan}_skala"),
        )

    def sebagai_field(self, awalan: str = "target", *, dengan_atas: bool = True) -> dict:
        hasil: dict[str, Any] = {awalan: self.target, f"{awalan}_skala": self.skala}
        if dengan_atas:
            hasil[f"{awalan}_atas"] = self.atas
        return hasil

    def ke_sel(self) -> int | float | str | None:
        if self.skala:
            return self.skala
        if self.target is not None and self.atas is not None:
            return f"{teks_angka(self.target)} – {teks_angka(self.atas)}"
        return sel_angka(self.target)


def peta_pilihan(pilihan: type[models.TextChoices]) -> dict[str, str]:
    """Accept the stored value, the full label or its short form: "naik", "Naik"."""
    peta = {}
    for nilai, label in pilihan.choices:
        for teks in (nilai, str(label), label_pendek(label)):
            peta[kunci(teks)] = nilai
    return peta


def label_pendek(label) -> str:
    """A choice label without its explanation in brackets: "Naik (makin tinggi …)" → "Naik"."""
    return str(label).split(" (")[0]


def label_pilihan(pilihan: type[models.TextChoices], nilai: str) -> str:
    """The short label of a stored choice, as written in a sheet."""
    return label_pendek(pilihan(nilai).label)
