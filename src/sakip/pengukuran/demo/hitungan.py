"""Pure helpers of the loader: times, months, monthly spending, percentages, snapshot text."""

from __future__ import annotations

import datetime
import random
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from django.utils import timezone

from .data_agensi import FAKTOR_BAWAAN, FAKTOR_SERAPAN, TERTUNDA

# ---------------------------------------------------------------- pure helpers


def _waktu(tahun: int, bulan: int, hari: int, jam: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(tahun, bulan, hari, jam))


def bulan_berikut(tahun: int, bulan: int) -> tuple[int, int]:
    return (tahun + 1, 1) if bulan == 12 else (tahun, bulan + 1)


def bulan_pantau(tahun: int, triwulan: int) -> tuple[int, int]:
    """(year, month) a quarter's recommendations are checked: the month after the
    evaluation, which is held in the month after the quarter."""
    return bulan_berikut(*bulan_berikut(tahun, triwulan * 3))


def belanja_bulanan(kode: str, tahun: int, kas: list[Decimal]) -> list[Decimal]:
    """Money spent per month on a sub-kegiatan: its cash plan times the share spent, with
    a small monthly wobble, in whole thousands; slipped payments move to a later month."""
    faktor = FAKTOR_SERAPAN.get(kode, FAKTOR_BAWAAN)
    hasil = []
    for bulan, rencana in enumerate(kas, start=1):
        # Seeded by name so every load writes the same figures.
        goyang = Decimal(str(random.Random(f"{kode}/{tahun}/{bulan}").uniform(0.97, 1.03)))
        jumlah = (rencana * faktor * goyang / 1000).quantize(Decimal(1), ROUND_DOWN) * 1000
        hasil.append(jumlah)
    for (t, k, dari), ke in TERTUNDA.items():
        if (t, k) == (tahun, kode):
            hasil[ke - 1] += hasil[dari - 1]
            hasil[dari - 1] = Decimal(0)
    return hasil


def _persen(bagian: Decimal, keseluruhan: Decimal) -> Decimal:
    if not keseluruhan:
        return Decimal(0)
    return (bagian / keseluruhan * 100).quantize(Decimal("0.01"), ROUND_HALF_UP)


def _teks(nilai, dua_desimal: bool = False) -> str | None:
    """A number as JSON-safe text: as entered, or rounded to 2 places (capaian, serapan)."""
    if nilai is None or isinstance(nilai, str):
        return nilai
    d = Decimal(nilai)
    d = d.quantize(Decimal("0.01"), ROUND_HALF_UP) if dua_desimal else d.normalize()
    return format(d, "f")
