"""The national holidays and cuti bersama shipped with sakip (data/libur_nasional.yaml).

The file is data, not code: it is checked against each year's SKB 3 Menteri and loaded
into every Pemda's holidays by `services.muat_libur_nasional`, after which the Pemda's
administrator may correct them in the admin.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

BERKAS = Path(__file__).resolve().parent / "data" / "libur_nasional.yaml"
JENIS_SAH = frozenset({"nasional", "cuti_bersama"})


class DataLiburRusak(ValueError):
    """The holiday file cannot be read as a list of holidays."""


@dataclass(frozen=True)
class LiburNasional:
    tanggal: datetime.date
    nama: str
    jenis: str  # HariLibur.Jenis: "nasional" or "cuti_bersama"
    catatan: str = ""


@functools.cache
def semua_libur_nasional() -> dict[int, tuple[LiburNasional, ...]]:
    """Every year in the file → its holidays in date order (read once per process)."""
    with BERKAS.open(encoding="utf-8") as berkas:
        isi = yaml.safe_load(berkas) or {}
    if not isinstance(isi, dict):
        raise DataLiburRusak(f"{BERKAS.name}: isi berkas harus tahun → daftar hari libur.")
    return {int(tahun): _baca_tahun(int(tahun), daftar) for tahun, daftar in isi.items()}


def _baca_tahun(tahun: int, daftar) -> tuple[LiburNasional, ...]:
    hasil = [_baca_entri(tahun, entri) for entri in daftar or []]
    tanggal = [h.tanggal for h in hasil]
    if len(set(tanggal)) != len(tanggal):
        raise DataLiburRusak(f"{BERKAS.name}: tahun {tahun} memuat tanggal ganda.")
    return tuple(sorted(hasil, key=lambda h: h.tanggal))


def _baca_entri(tahun: int, entri) -> LiburNasional:
    try:
        libur = LiburNasional(
            tanggal=entri["tanggal"],
            nama=str(entri["nama"]).strip(),
            jenis=entri["jenis"],
            catatan=str(entri.get("catatan") or "").strip(),
        )
    except (KeyError, TypeError) as exc:
        raise DataLiburRusak(
            f"{BERKAS.name}: entri tahun {tahun} tidak lengkap: {entri!r}"
        ) from exc
    if not isinstance(libur.tanggal, datetime.date) or libur.tanggal.year != tahun:
        raise DataLiburRusak(f"{BERKAS.name}: tanggal {libur.tanggal!r} bukan tahun {tahun}.")
    if libur.jenis not in JENIS_SAH or not libur.nama:
        raise DataLiburRusak(f"{BERKAS.name}: jenis atau nama salah pada {entri!r}.")
    return libur


def tahun_tersedia() -> list[int]:
    return sorted(semua_libur_nasional())


def daftar_libur_nasional(tahun: Iterable[int]) -> list[LiburNasional]:
    """The holidays of the given years that the file knows; unknown years add nothing."""
    data = semua_libur_nasional()
    return [libur for t in sorted(set(tahun)) for libur in data.get(t, ())]
