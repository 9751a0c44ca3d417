"""Indonesian number, money and date formats: 1.234,56, Rp 1.500.000, 4 Januari 2022."""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation


def angka(value, desimal: int = 0) -> str:
    """1234.5 → '1.234,50' (desimal=2); rounds half up, as people round by hand."""
    if value is None or value == "":
        return ""
    try:
        d = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    q = Decimal(1).scaleb(-desimal)
    d = d.quantize(q, rounding=ROUND_HALF_UP)
    tanda = "-" if d < 0 else ""
    bulat, _, pecahan = f"{abs(d):f}".partition(".")
    kelompok: list[str] = []
    while len(bulat) > 3:
        kelompok.insert(0, bulat[-3:])
        bulat = bulat[:-3]
    kelompok.insert(0, bulat)
    teks = ".".join(kelompok)
    return f"{tanda}{teks},{pecahan}" if desimal > 0 else f"{tanda}{teks}"


def rupiah(value, desimal: int = 0) -> str:
    """1500000 → 'Rp 1.500.000'."""
    teks = angka(value, desimal)
    if not teks:
        return ""
    if teks.startswith("-"):
        return f"-Rp {teks[1:]}"
    return f"Rp {teks}"


BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
         "September", "Oktober", "November", "Desember")  # fmt: skip


def tanggal_panjang(nilai) -> str:
    """'2022-01-04' or a date → '4 Januari 2022', the date form of naskah dinas; empty → ''.

    Text that is not an ISO date is returned as it is, so a typed identity field survives.
    """
    if not nilai:
        return ""
    if isinstance(nilai, datetime.datetime):
        nilai = nilai.date()
    if not isinstance(nilai, datetime.date):
        try:
            nilai = datetime.date.fromisoformat(str(nilai).strip())
        except ValueError:
            return str(nilai)
    return f"{nilai.day} {BULAN[nilai.month - 1]} {nilai.year}"
