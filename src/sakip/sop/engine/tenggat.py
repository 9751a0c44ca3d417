"""A step's time standard and the time it took, in the agency's working minutes.

The mutu baku "Waktu" of a step is working time (`sop.waktu`), so the due time of a task is
counted on the agency's working calendar (`kalender`), not on the wall clock. Whether an open
task is on time, due soon or late is `Tugas.kondisi_tenggat`.
"""

from __future__ import annotations

from sakip.kalender.waktu_kerja import kalender_untuk, menit_kerja_antara

from ..models import Tugas
from ..waktu import WaktuTidakDikenal, parse_waktu


def menit_baku(waktu: str, kalender) -> int | None:
    """The step's time standard in working minutes, or None if it has none."""
    try:
        baku = parse_waktu(waktu)
    except WaktuTidakDikenal:
        return None
    if baku is None:
        return None
    return baku.menit_kerja(kalender.menit_per_hari, len(kalender.hari_kerja))


def durasi_aktual_menit(tugas: Tugas) -> int | None:
    """Working minutes the step actually took (for the timeline)."""
    if tugas.selesai_pada is None:
        return None
    kalender = kalender_untuk(tugas.instansi)
    return menit_kerja_antara(tugas.dibuat_pada, tugas.selesai_pada, kalender)
