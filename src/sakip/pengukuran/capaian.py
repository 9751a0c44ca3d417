"""Capaian (achievement) and period aggregation, docs/domain.md §7. Pure functions, no database.

Every result carries the formula with the numbers used, so a figure on a page or in a
document can show how it was computed.

- naik (higher is better): R / T × 100
- turun (lower is better): (2T − R) / T × 100
- rentang [a, b]: 100 inside; above b: R / b × 100; below a: R / a × 100 *(verify)*
- stabil (target T, tolerance t): 100 when |R − T| ≤ t; else 100 × (1 − (|R − T| − t) / T)
  *(verify)*
- a scale (best value first): score(v) = n − position(v); capaian = score(R) / score(T) × 100
Results are floored at 0 and capped at `batas_atas` when the Pemda sets one (some use 120).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

SERATUS = Decimal(100)


@dataclass(frozen=True)
class Hasil:
    nilai: Decimal | None  # None: cannot be computed (no realisation, zero target …)
    rumus: str  # the formula with the numbers, e.g. "82 / 85 × 100 = 96,47%"
    keterangan: str = ""


def _f(x: Decimal | None) -> str:
    from sakip.lib.formatting import angka

    if x is None:
        return "—"
    desimal = 0 if x == x.to_integral() else 2
    return angka(x, desimal)


def _batasi(nilai: Decimal, batas_atas: Decimal | None, lantai_nol: bool) -> tuple[Decimal, str]:
    catatan = ""
    if lantai_nol and nilai < 0:
        nilai, catatan = Decimal(0), " (dibatasi paling rendah 0%)"
    if batas_atas is not None and nilai > batas_atas:
        nilai, catatan = batas_atas, f" (dibatasi paling tinggi {_f(batas_atas)}%)"
    return nilai, catatan


def _hasil(nilai: Decimal, rumus: str, batas_atas, lantai_nol) -> Hasil:
    mentah = nilai
    nilai, catatan = _batasi(nilai, batas_atas, lantai_nol)
    return Hasil(
        nilai, f"{rumus} = {_f(mentah.quantize(Decimal('0.01'), ROUND_HALF_UP))}%{catatan}"
    )


def hitung(
    polaritas: str,
    realisasi: Decimal | None,
    target: Decimal | None,
    *,
    target_atas: Decimal | None = None,
    toleransi: Decimal | None = None,
    batas_atas: Decimal | None = None,
    lantai_nol: bool = True,
) -> Hasil:
    """Capaian of a numeric indicator (see the module docstring for each polarity)."""
    if realisasi is None:
        return Hasil(None, "belum ada realisasi")
    if target is None:
        return Hasil(None, "belum ada target")
    r, tg = Decimal(realisasi), Decimal(target)
    if polaritas == "rentang":
        return _rentang(r, tg, target_atas, batas_atas, lantai_nol)
    if tg == 0:
        return _target_nol(polaritas, r)
    if polaritas == "turun":
        return _hasil(
            (2 * tg - r) / tg * SERATUS,
            f"(2 × {_f(tg)} − {_f(r)}) / {_f(tg)} × 100",
            batas_atas,
            lantai_nol,
        )
    if polaritas == "stabil":
        return _stabil(r, tg, toleransi or Decimal(0), batas_atas, lantai_nol)
    return _hasil(r / tg * SERATUS, f"{_f(r)} / {_f(tg)} × 100", batas_atas, lantai_nol)


def _target_nol(polaritas: str, r: Decimal) -> Hasil:
    # A zero target ("0 kasus") cannot divide: met exactly is 100%, otherwise not computable.
    if polaritas == "turun" and r <= 0:
        return Hasil(SERATUS, f"target 0, realisasi {_f(r)}: tercapai = 100%")
    if polaritas == "naik" and r >= 0:
        return Hasil(SERATUS, f"target 0, realisasi {_f(r)}: tercapai = 100%")
    return Hasil(None, "target 0: capaian tidak dapat dihitung", "target nol")


def _rentang(r, a, b, batas_atas, lantai_nol) -> Hasil:
    if b is None:
        b = a
    if a <= r <= b:
        return Hasil(SERATUS, f"{_f(r)} dalam rentang {_f(a)}–{_f(b)} = 100%")
    if r > b:
        if b == 0:
            return Hasil(None, "batas atas 0: capaian tidak dapat dihitung")
        return _hasil(
            r / b * SERATUS, f"{_f(r)} / {_f(b)} (batas atas) × 100", batas_atas, lantai_nol
        )
    if a == 0:
        return Hasil(None, "batas bawah 0: capaian tidak dapat dihitung")
    return _hasil(r / a * SERATUS, f"{_f(r)} / {_f(a)} (batas bawah) × 100", batas_atas, lantai_nol)


def _stabil(r, tg, tol, batas_atas, lantai_nol) -> Hasil:
    selisih = abs(r - tg)
    if selisih <= tol:
        return Hasil(SERATUS, f"|{_f(r)} − {_f(tg)}| = {_f(selisih)} ≤ toleransi {_f(tol)} = 100%")
    nilai = (1 - (selisih - tol) / tg) * SERATUS
    return _hasil(
        nilai, f"100 × (1 − (|{_f(r)} − {_f(tg)}| − {_f(tol)}) / {_f(tg)})", batas_atas, lantai_nol
    )


def hitung_skala(skala: Sequence[str], realisasi: str, target: str, **batas) -> Hasil:
    """Capaian on a named scale (best value first): score(v) = n − position(v)."""
    nilai = [str(v) for v in skala]
    if not realisasi:
        return Hasil(None, "belum ada realisasi")
    if realisasi not in nilai or target not in nilai:
        return Hasil(None, f"nilai di luar skala ({', '.join(nilai)})")
    n = len(nilai)
    skor_r, skor_t = n - nilai.index(realisasi), n - nilai.index(target)
    return _hasil(
        Decimal(skor_r) / Decimal(skor_t) * SERATUS,
        f"skor {realisasi} ({skor_r}) / skor {target} ({skor_t}) × 100",
        batas.get("batas_atas"),
        batas.get("lantai_nol", True),
    )


def agregasi(cara: str, nilai_bulanan: Sequence[tuple[int, Decimal | None]]) -> Decimal | None:
    """The period value from monthly values: kumulatif (sum), rata_rata (mean of the
    months filled) or akhir_periode (the latest month filled)."""
    terisi = sorted((b, Decimal(v)) for b, v in nilai_bulanan if v is not None)
    if not terisi:
        return None
    if cara == "kumulatif":
        return sum((v for _b, v in terisi), Decimal(0))
    if cara == "rata_rata":
        return sum((v for _b, v in terisi), Decimal(0)) / len(terisi)
    return terisi[-1][1]


def serapan(realisasi_anggaran: Decimal, pagu: Decimal) -> Hasil:
    """Budget absorption: realisasi anggaran / pagu × 100."""
    if not pagu:
        return Hasil(None, "pagu 0: serapan tidak dapat dihitung")
    nilai = Decimal(realisasi_anggaran) / Decimal(pagu) * SERATUS
    return Hasil(
        nilai,
        f"{_f(realisasi_anggaran)} / {_f(pagu)} × 100 = {_f(nilai.quantize(Decimal('0.01')))}%",
    )


def efisiensi(capaian: Decimal | None, serapan_persen: Decimal | None) -> Hasil:
    """Capaian kinerja against serapan anggaran: above 1 achieves more than it spends."""
    if capaian is None or not serapan_persen:
        return Hasil(None, "capaian atau serapan belum ada")
    nilai = Decimal(capaian) / Decimal(serapan_persen)
    return Hasil(
        nilai, f"{_f(capaian)}% / {_f(serapan_persen)}% = {_f(nilai.quantize(Decimal('0.01')))}"
    )


def kategori(nilai: Decimal | None, skala: Sequence[tuple[Decimal, str]]) -> str:
    """The category label for a capaian: the first (lower bound, label) it reaches, highest
    bound first, e.g. [(91, "Sangat Baik"), (76, "Baik"), (66, "Cukup"), (51, "Kurang"),
    (0, "Sangat Kurang")]."""
    if nilai is None:
        return ""
    for batas, label in sorted(skala, key=lambda x: x[0], reverse=True):
        if nilai >= batas:
            return label
    return skala[-1][1] if skala else ""
