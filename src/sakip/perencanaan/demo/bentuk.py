"""The shapes the demo plan is written in: an indicator, a sasaran, a tujuan, a sub-kegiatan,
a position's PK in the cascade, and one agency's whole plan."""

from __future__ import annotations

from dataclasses import dataclass

from ..models import Agregasi, DokumenAnggaran, Polaritas

PEMDA = "Kabupaten Siak"
TAHUN_RENSTRA = range(2021, 2027)  # Siak's RPJMD period: six budget years

SKALA = {
    "Opini BPK": ["WTP", "WDP", "TW", "TMP"],
    "Predikat SAKIP": ["AA", "A", "BB", "B", "CC", "C", "D"],
}

Dok = DokumenAnggaran.Jenis


# ---------------------------------------------------------------- shapes of the data


@dataclass(frozen=True)
class Ind:
    """A Renstra indicator; `target` holds 2021…2026: a number, (low, high) or a scale value."""

    kode: str
    nama: str
    satuan: str
    baseline: object
    target: tuple
    polaritas: str = Polaritas.NAIK
    agregasi: str = Agregasi.AKHIR_PERIODE
    skala: str = ""
    pj: str = ""
    definisi: str = ""
    formula: str = ""
    sumber: str = ""
    iku: str = ""  # why it was chosen as an IKU; empty = not an IKU
    # Rencana Aksi: share of the year's step reached by each quarter (akhir periode) …
    progres: tuple = (0.25, 0.5, 0.75, 1)
    triwulan: tuple = ()  # … or the quarterly targets spelled out (ranges)
    aksi: tuple = ()  # the action of each quarter
    dana: tuple = ()  # code prefixes of the sub-kegiatan that fund it


@dataclass(frozen=True)
class Sas:
    kode: str
    uraian: str
    indikator: tuple[Ind, ...]
    strategi: str
    kebijakan: tuple[str, ...]
    program: tuple[str, ...]


@dataclass(frozen=True)
class Tuj:
    kode: str
    uraian: str
    misi: str
    indikator: tuple[Ind, ...]
    sasaran: tuple[Sas, ...]


@dataclass(frozen=True)
class Sub:
    """A sub-kegiatan with its pagu per year, output indicator and cash-plan pattern."""

    kode: str
    nama: str
    pagu: dict[int, int]
    keluaran: tuple[str, str, object]
    pola: str = "rutin"


@dataclass(frozen=True)
class PosisiPK:
    """One PK of the cascade: whose, under which PK, which sasaran and budget rows it carries."""

    jabatan: str
    atasan: str | None
    sasaran: tuple[str, ...]
    anggaran: tuple[str, tuple[str, ...]]  # (item level, code prefixes)
    indikator_renstra: tuple[str, ...] | None = None  # None: every indicator of its sasaran
    indikator_sendiri: tuple[tuple[str, str, str, object], ...] = ()  # (sasaran, nama, satuan, t)


@dataclass(frozen=True)
class Agensi:
    kode_unit: str
    kode_skpd: str
    visi: str
    misi: tuple[tuple[str, str], ...]
    tujuan: tuple[Tuj, ...]
    sub: tuple[Sub, ...]
    pj: dict[str, str]  # code prefix → position key (longest prefix wins)
    kaskade: tuple[PosisiPK, ...]
    dokumen: tuple[tuple[int, tuple[str, ...]], ...]  # (year, document kinds)
    rencana_aksi: tuple[int, ...] = ()  # years the head's PK gets its Rencana Aksi
