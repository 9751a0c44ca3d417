"""The Pemda's capaian settings and the shapes the demo measurements are written in: one
agency's years (`Periode`) and its whole measurement (`Pengukuran`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

# ---------------------------------------------------------------- Pemda settings

BATAS_ATAS = Decimal(120)  # Siak caps capaian at 120% so one indicator cannot mask others
KATEGORI = (
    (91, "Sangat Baik", "#1b7f3b"),
    (76, "Baik", "#4c9a2a"),
    (66, "Cukup", "#c99a00"),
    (51, "Kurang", "#e07b00"),
    (0, "Sangat Kurang", "#c0392b"),
)

# ---------------------------------------------------------------- shapes of the data

SERAPAN = "serapan"  # the value is the DPA's cumulative absorption up to the month
ARSIP = "https://arsip.demo.siakkab.go.id"


@dataclass(frozen=True)
class Periode:
    """How far an agency's year is measured.

    Months up to `tutup` are approved and closed; later months up to `sampai` are open.
    In the last open month only `disetujui` are approved and `dikembalikan` returned with
    a note; the rest wait for review (diajukan).
    """

    tahun: int
    sampai: int
    tutup: int
    disetujui: frozenset[str] = frozenset()
    dikembalikan: dict[str, str] = field(default_factory=dict)
    kosong: frozenset[tuple[str, int]] = frozenset()  # (indicator, month) not entered yet


@dataclass(frozen=True)
class Pengukuran:
    """One agency's measurement data.

    `nilai`: Renstra indicator code → year → monthly values (a number, a scale value or
    SERAPAN). `nilai_pk`: (position key, PK indicator name) → year → monthly values, for
    the PK's own indicators that have no Renstra indicator.
    """

    kode_unit: str
    periode: tuple[Periode, ...]
    nilai: dict[str, dict[int, tuple]]
    nilai_pk: dict[tuple[str, str], dict[int, tuple]] = field(default_factory=dict)
    bukti: dict[tuple[str, int, int], tuple[str, str]] = field(default_factory=dict)
    catatan: dict[tuple[str, int, int], str] = field(default_factory=dict)
    # Years with control cards, quarterly evaluations and (a full year) the year-end archive.
    monitoring: frozenset[int] = frozenset()


def _n(*nilai) -> tuple[Decimal, ...]:
    return tuple(Decimal(str(v)) for v in nilai)
