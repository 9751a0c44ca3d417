"""Working-time arithmetic: SOP time standards are counted in office hours (docs/domain.md §5).

A `Kalender` says when an agency works: office hours, an optional break, the working
weekdays and the holidays (libur nasional, cuti bersama, libur daerah). The functions
below add and measure working minutes; they never touch the database, so they are
cheap and easy to test. `kalender_untuk` is the one database-facing helper.

Conventions the SOP engine relies on:

- Working time is a union of windows [opening, closing) on working days that are not
  holidays; a break splits the day into two windows.
- `tambah_menit_kerja(s, m)` with m > 0 is the instant at which m working minutes have
  passed since s. When that happens exactly at the end of a window, the result IS that
  end (16:00 today, not 07:30 tomorrow): a task due "by closing time" is due today.
  So for m > 0 the result t always satisfies opening < t <= closing of some window.
- Adding 0 minutes changes nothing: the start is returned as is (in the calendar's zone),
  even outside office hours. This keeps the arithmetic additive:
  tambah(tambah(s, a), b) == tambah(s, a + b) for every a, b >= 0.
- "N hari" is N × `menit_per_hari` working minutes, not "the end of the N-th day": a task
  received Wednesday 10:00 with "1 hari" is due Thursday 10:00, whatever the weekday
  pattern, and days compose with minutes and hours (sakip.sop.waktu counts "1 minggu"
  the same way, as the number of working days a week × menit_per_hari).
- Office hours are wall-clock times in the calendar's zone. Indonesia has no daylight
  saving time, so wall-clock arithmetic is exact there.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

ZONA_BAWAAN = ZoneInfo("Asia/Jakarta")
JAM_MULAI_BAWAAN = time(7, 30)
JAM_SELESAI_BAWAAN = time(16, 0)
HARI_KERJA_BAWAAN = frozenset({1, 2, 3, 4, 5})  # ISO weekdays: 1 = Senin … 7 = Minggu
NAMA_HARI = {
    1: "Senin",
    2: "Selasa",
    3: "Rabu",
    4: "Kamis",
    5: "Jumat",
    6: "Sabtu",
    7: "Minggu",
}

SATU_HARI = timedelta(days=1)
SATU_MENIT = timedelta(minutes=1)

Jendela = tuple[time, time]  # one office window of a working day: [opening, closing)


# ---------------------------------------------------------------- rules


def masalah_jam_kerja(
    jam_mulai: time,
    jam_selesai: time,
    hari_kerja: Iterable[int],
    istirahat: Jendela | None = None,
) -> dict[str, str]:
    """What makes these office hours unusable: {model field: Indonesian message}, {} if fine.

    Shared by `Kalender` and the `KalenderKerja` model so both refuse the same settings.
    """
    masalah: dict[str, str] = {}
    semua_jam = [jam_mulai, jam_selesai, *(istirahat or ())]
    if any(j.second or j.microsecond for j in semua_jam):
        masalah["jam_mulai"] = "Jam kerja ditulis dalam menit penuh, mis. 07:30."
    if jam_selesai <= jam_mulai:
        masalah["jam_selesai"] = (
            f"Jam selesai ({jam_selesai:%H:%M}) harus sesudah jam mulai ({jam_mulai:%H:%M})."
        )
    hari = set(hari_kerja)
    if not hari:
        masalah["hari_kerja"] = "Pilih paling sedikit satu hari kerja."
    elif not hari <= set(NAMA_HARI):
        masalah["hari_kerja"] = "Hari kerja ditulis dengan angka 1 (Senin) sampai 7 (Minggu)."
    if istirahat is not None and "jam_selesai" not in masalah:
        masalah.update(_masalah_istirahat(jam_mulai, jam_selesai, istirahat))
    return masalah


def _masalah_istirahat(jam_mulai: time, jam_selesai: time, istirahat: Jendela) -> dict[str, str]:
    awal, akhir = istirahat
    if akhir <= awal:
        return {"istirahat_selesai": "Akhir istirahat harus sesudah awal istirahat."}
    if awal < jam_mulai or akhir > jam_selesai:
        return {
            "istirahat_mulai": (
                f"Istirahat harus di dalam jam kerja ({jam_mulai:%H:%M}–{jam_selesai:%H:%M})."
            )
        }
    if awal == jam_mulai and akhir == jam_selesai:
        return {"istirahat_mulai": "Istirahat tidak boleh menghabiskan seluruh jam kerja."}
    return {}


def baca_hari_kerja(teks: str) -> frozenset[int]:
    """'12345' → {1, 2, 3, 4, 5}; the stored form of working weekdays (ISO digits)."""
    if not teks or not set(teks) <= set("1234567"):
        raise ValueError(f"Hari kerja tidak dikenal: {teks!r} (contoh yang sah: '12345').")
    return frozenset(int(h) for h in teks)


def tulis_hari_kerja(hari: Iterable[int]) -> str:
    """{5, 1, 2} → '125': sorted ISO digits, each once."""
    return "".join(str(h) for h in sorted(set(hari)))


# ---------------------------------------------------------------- the calendar


@dataclass(frozen=True)
class Kalender:
    """When an agency works. Immutable: build one per request or per job and reuse it."""

    jam_mulai: time = JAM_MULAI_BAWAAN
    jam_selesai: time = JAM_SELESAI_BAWAAN
    hari_kerja: frozenset[int] = HARI_KERJA_BAWAAN
    libur: frozenset[date] = frozenset()
    istirahat: Jendela | None = None
    tz: tzinfo = ZONA_BAWAAN
    jendela: tuple[Jendela, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Accept any iterable (a set, a list from a query) but keep the frozen type.
        object.__setattr__(self, "hari_kerja", frozenset(self.hari_kerja))
        object.__setattr__(self, "libur", frozenset(self.libur))
        masalah = masalah_jam_kerja(
            self.jam_mulai, self.jam_selesai, self.hari_kerja, self.istirahat
        )
        if masalah:
            raise ValueError(" ".join(masalah.values()))
        object.__setattr__(self, "jendela", self._hitung_jendela())

    def _hitung_jendela(self) -> tuple[Jendela, ...]:
        if self.istirahat is None:
            return ((self.jam_mulai, self.jam_selesai),)
        awal, akhir = self.istirahat
        # A break that starts at opening (or ends at closing) leaves a single window.
        semua = ((self.jam_mulai, awal), (akhir, self.jam_selesai))
        return tuple((a, b) for a, b in semua if a < b)

    @property
    def menit_per_hari(self) -> int:
        """Working minutes of one working day (office hours less the break)."""
        return sum(_menit_jam(b) - _menit_jam(a) for a, b in self.jendela)

    def bekerja_pada(self, tanggal: date) -> bool:
        """True on a working weekday that is not a holiday."""
        return tanggal.isoweekday() in self.hari_kerja and tanggal not in self.libur

    def segmen(self, tanggal: date) -> list[tuple[datetime, datetime]]:
        """The office windows of `tanggal` as naive wall-clock datetimes; [] on a day off."""
        if not self.bekerja_pada(tanggal):
            return []
        return [
            (datetime.combine(tanggal, a), datetime.combine(tanggal, b)) for a, b in self.jendela
        ]


KALENDER_BAWAAN = Kalender()  # Senin–Jumat 07:30–16:00 WIB, no holidays


def _menit_jam(jam: time) -> int:
    return jam.hour * 60 + jam.minute


# ---------------------------------------------------------------- arithmetic


def _dinding(saat: datetime, kalender: Kalender) -> datetime:
    """`saat` as naive wall-clock time of the calendar's zone, where office hours live."""
    if saat.tzinfo is None or saat.utcoffset() is None:
        raise ValueError("Waktu harus memakai zona waktu (datetime aware), mis. timezone.now().")
    return saat.astimezone(kalender.tz).replace(tzinfo=None)


def _dari_dinding(dinding: datetime, kalender: Kalender) -> datetime:
    return dinding.replace(tzinfo=kalender.tz)


def _segmen_sejak(dari: datetime, kalender: Kalender) -> Iterator[tuple[datetime, datetime]]:
    """Office windows that end after wall-clock `dari`, in order, clipped to begin at `dari`.

    Endless by design; it always moves on because a calendar has at least one working
    weekday and only finitely many holidays.
    """
    tanggal = dari.date()
    while True:
        for awal, akhir in kalender.segmen(tanggal):
            if akhir > dari:
                yield max(awal, dari), akhir
        tanggal += SATU_HARI


def dalam_jam_kerja(saat: datetime, kalender: Kalender) -> bool:
    """True if `saat` is working time: opening <= saat < closing on a working day."""
    dinding = _dinding(saat, kalender)
    return any(awal <= dinding < akhir for awal, akhir in kalender.segmen(dinding.date()))


def awal_kerja(saat: datetime, kalender: Kalender) -> datetime:
    """When work on something arriving at `saat` can start: `saat` itself during office
    hours, else the next opening (after a break, the next morning, after a holiday…)."""
    dinding = _dinding(saat, kalender)
    awal, _akhir = next(_segmen_sejak(dinding, kalender))
    return _dari_dinding(awal, kalender)


def tambah_menit_kerja(mulai: datetime, menit: int, kalender: Kalender) -> datetime:
    """The instant `menit` working minutes after `mulai`, in the calendar's zone.

    A start outside office hours counts from the next opening; a result that falls on a
    window's end stays there (see the module docstring). 0 minutes returns `mulai`.
    """
    if menit < 0:
        raise ValueError("Jumlah menit kerja tidak boleh negatif.")
    dinding = _dinding(mulai, kalender)
    if menit == 0:
        return _dari_dinding(dinding, kalender)
    sisa = menit * SATU_MENIT
    for awal, akhir in _segmen_sejak(dinding, kalender):
        if sisa <= akhir - awal:
            return _dari_dinding(awal + sisa, kalender)
        sisa -= akhir - awal
    raise AssertionError("unreachable: _segmen_sejak never ends")


def tambah_hari_kerja(mulai: datetime, hari: int, kalender: Kalender) -> datetime:
    """`hari` working days after `mulai`, counted as hari × menit_per_hari working minutes.

    From inside office hours this is the same clock time on the N-th next working day
    (Wednesday 10:00 + 1 hari = Thursday 10:00); from an opening it is a closing
    (Monday 07:30 + 1 hari = Monday 16:00), by the window-end convention.
    """
    if hari < 0:
        raise ValueError("Jumlah hari kerja tidak boleh negatif.")
    return tambah_menit_kerja(mulai, hari * kalender.menit_per_hari, kalender)


def menit_kerja_antara(a: datetime, b: datetime, kalender: Kalender) -> int:
    """Whole working minutes between `a` and `b` (rounded down); 0 if b <= a."""
    if b <= a:
        return 0
    dari, sampai = _dinding(a, kalender), _dinding(b, kalender)
    total = timedelta()
    for awal, akhir in _segmen_sejak(dari, kalender):
        if awal >= sampai:
            break
        total += min(akhir, sampai) - awal
    return total // SATU_MENIT


def hari_kerja_berikutnya(tanggal: date, kalender: Kalender) -> date:
    """The first working day strictly after `tanggal` (skips days off and holidays)."""
    hari = tanggal + SATU_HARI
    while not kalender.bekerja_pada(hari):
        hari += SATU_HARI
    return hari


# ---------------------------------------------------------------- from the database


def kalender_untuk(instansi) -> Kalender:
    """The working calendar of `instansi`, in two queries whatever the data.

    The agency's own KalenderKerja if it has one, else its Pemda's default, else the
    built-in Senin–Jumat 07:30–16:00 WIB; with every holiday of the Pemda (a few dozen
    a year, so loading them all is cheaper than guessing the range a caller needs).
    """
    # Imported here: models.py imports this module for its validation rules.
    from django.db.models import F, Q

    from .models import HariLibur, KalenderKerja

    pengaturan = (
        KalenderKerja.objects.filter(pemda_id=instansi.pemda_id)
        .filter(Q(instansi_id=instansi.pk) | Q(instansi__isnull=True))
        .order_by(F("instansi_id").asc(nulls_last=True))  # the agency's own first
        .first()
    )
    libur = HariLibur.objects.filter(pemda_id=instansi.pemda_id).values_list("tanggal", flat=True)
    if pengaturan is None:
        return Kalender(libur=frozenset(libur))
    return pengaturan.sebagai_kalender(libur)
