"""Pure helpers of the loader: targets, cash plans, lookups into an agency's data."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from ..models import Agregasi
from .bentuk import Agensi, Ind, Sas
from .data_bersama import POLA_KAS

# ---------------------------------------------------------------- pure helpers


def _d(v) -> Decimal:
    return Decimal(str(v))


def nilai_target(v) -> dict:
    """Model fields of a target written in the data: number, (low, high) or scale value."""
    if isinstance(v, str):
        return {"target_skala": v}
    if isinstance(v, tuple):
        return {"target": _d(v[0]), "target_atas": _d(v[1])}
    return {"target": _d(v)}


def rencana_kas(pagu: int, pola: str) -> list[Decimal]:
    """A pagu spread over the months by weight, in whole thousands, summing exactly to it."""
    bobot = POLA_KAS[pola]
    ribu = [pagu * b // sum(bobot) // 1000 * 1000 for b in bobot]
    terakhir = max(i for i, b in enumerate(bobot) if b)
    ribu[terakhir] += pagu - sum(ribu)
    return [Decimal(x) for x in ribu]


def _rapi(v: Decimal) -> Decimal:
    v = v.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return v.to_integral() if v == v.to_integral() else v.normalize()


def target_triwulan(ind: Ind, tahunan, sebelumnya) -> list:
    """The four quarterly targets of a yearly target, as the indicator aggregates (§7).

    Cumulative: the quarters add up to the year; average: each quarter is the year's
    target; last value: the quarters climb from last year's target to this year's.
    """
    if ind.triwulan:
        return list(ind.triwulan)
    if isinstance(tahunan, str | tuple):
        return [tahunan] * 4
    tahunan = _d(tahunan)
    if ind.agregasi == Agregasi.KUMULATIF:
        if tahunan == tahunan.to_integral():
            dasar, sisa = divmod(int(tahunan), 4)
            return [dasar + (1 if q < sisa else 0) for q in range(4)]
        seperempat = _rapi(tahunan / 4)
        return [seperempat] * 3 + [tahunan - 3 * seperempat]
    if ind.agregasi == Agregasi.RATA_RATA:
        return [tahunan] * 4
    awal = _d(sebelumnya)
    return [_rapi(awal + (tahunan - awal) * _d(p)) for p in ind.progres]


def _pj(peta: dict[str, str], kode: str) -> str:
    return peta[max((k for k in peta if kode.startswith(k)), key=len)]


def _cocok(kode: str, awalan: Iterable[str]) -> bool:
    return any(kode.startswith(a) for a in awalan)


def _semua_indikator(data: Agensi) -> dict[str, Ind]:
    hasil = {}
    for t in data.tujuan:
        hasil.update({i.kode: i for i in t.indikator})
        for s in t.sasaran:
            hasil.update({i.kode: i for i in s.indikator})
    return hasil


def _semua_sasaran(data: Agensi) -> dict[str, Sas]:
    return {s.kode: s for t in data.tujuan for s in t.sasaran}
