"""Recurrence: which period an SOP runs for today, and the periodic jobs that start it.

docs/domain.md §3: Laporan Bulanan monthly, evaluation quarterly, Laporan Semesteran twice a
year, Laporan Tahunan/LKjIP/PK/IKU/Renja/RKA/DPA yearly, Renstra every five years.
A report is made in the period after the one it reports on; a plan for the next year
is made this year. That is the `acuan` of a schedule (sebelumnya/berjalan/berikutnya),
inferred from the document when the SOP does not state it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from sakip.antrian.services import penangan
from sakip.notifikasi import services as notifikasi

from . import engine
from .models import Pelaksanaan, Peristiwa, SopInstansi, Tugas

ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}
BULAN_PER_PERIODE = {"bulanan": 1, "triwulanan": 3, "semesteran": 6, "tahunan": 12}


@dataclass(frozen=True)
class Periode:
    kunci: str  # "2026-10", "2026-Q4", "2026-S2", "2026", "2026-2030"
    label: str  # "Oktober 2026", "Triwulan IV 2026", …
    mulai: datetime.date
    selesai: datetime.date  # exclusive


def _tambah_bulan(tanggal: datetime.date, bulan: int) -> datetime.date:
    n = tanggal.year * 12 + tanggal.month - 1 + bulan
    return datetime.date(n // 12, n % 12 + 1, 1)


def periode_pada(frekuensi: str, tanggal: datetime.date, geser: int = 0) -> Periode | None:
    """The period of `frekuensi` containing `tanggal`, shifted by `geser` periods."""
    if frekuensi == "lima_tahunan":
        awal_siklus = settings.SAKIP_RENSTRA_TAHUN_AWAL
        tahun = tanggal.year - (tanggal.year - awal_siklus) % 5 + 5 * geser
        return Periode(
            f"{tahun}-{tahun + 4}",
            f"{tahun}–{tahun + 4}",
            datetime.date(tahun, 1, 1),
            datetime.date(tahun + 5, 1, 1),
        )
    bulan = BULAN_PER_PERIODE.get(frekuensi)
    if bulan is None:
        return None
    indeks = (tanggal.month - 1) // bulan
    mulai = _tambah_bulan(datetime.date(tanggal.year, indeks * bulan + 1, 1), bulan * geser)
    selesai = _tambah_bulan(mulai, bulan)
    ke = (mulai.month - 1) // bulan + 1
    if frekuensi == "bulanan":
        kunci, label = f"{mulai:%Y-%m}", date_format(mulai, "F Y")
    elif frekuensi == "triwulanan":
        kunci, label = f"{mulai.year}-Q{ke}", f"Triwulan {ROMAWI[ke]} {mulai.year}"
    elif frekuensi == "semesteran":
        kunci, label = f"{mulai.year}-S{ke}", f"Semester {ROMAWI[ke]} {mulai.year}"
    else:
        kunci, label = f"{mulai.year}", f"Tahun {mulai.year}"
    return Periode(kunci, label, mulai, selesai)


def acuan(definisi: dict) -> int:
    """-1: the previous period (reports), 0: this one, +1: the next one (next year's plans)."""
    nilai = (definisi.get("jadwal") or {}).get("acuan")
    if nilai is None:
        dokumen = f"{definisi.get('dokumen', '')} {definisi.get('nama', '')}".lower()
        if any(k in dokumen for k in ("laporan", "lkj", "lakip", "sakip")):
            nilai = "sebelumnya"
        elif any(k in dokumen for k in ("renja", "rencana kerja", "rka", "rencana kegiatan")):
            nilai = "berikutnya"
        else:
            nilai = "berjalan"
    return {"sebelumnya": -1, "berjalan": 0, "berikutnya": 1}.get(nilai, 0)


def jatuh_tempo(definisi: dict, hari_ini: datetime.date) -> Periode | None:
    """The period whose run is due today (None if not scheduled or not yet due)."""
    jadwal = definisi.get("jadwal") or {}
    sekarang = periode_pada(jadwal.get("frekuensi", ""), hari_ini)
    if sekarang is None:
        return None
    if hari_ini < sekarang.mulai + datetime.timedelta(days=int(jadwal.get("offset_hari") or 0)):
        return None
    frekuensi = jadwal["frekuensi"]
    return periode_pada(frekuensi, sekarang.mulai, geser=acuan(definisi))


def judul_terjadwal(sop: SopInstansi, periode: Periode) -> str:
    return f"{sop.nama.removeprefix('SOP ').strip()} {periode.label}"


def jadwalkan_sop(hari_ini: datetime.date | None = None) -> list[Pelaksanaan]:
    """Start every due scheduled run that does not exist yet (once per agency and period)."""
    hari_ini = hari_ini or timezone.localdate()
    dibuat = []
    for sop in SopInstansi.objects.filter(aktif=True).select_related("instansi"):
        versi = sop.versi_terbaru()
        periode = jatuh_tempo(versi.definisi, hari_ini) if versi else None
        if periode is None:
            continue
        if Pelaksanaan.objects.filter(sop=sop, periode=periode.kunci, terjadwal=True).exists():
            continue
        try:
            hasil = engine.mulai_terjadwal(sop, periode.kunci, judul_terjadwal(sop, periode))
        except engine.KesalahanAlur:
            continue  # e.g. an actor left unmapped; the SOP page shows the problem
        if hasil is not None:
            dibuat.append(hasil)
    return dibuat


def ingatkan_tugas(sekarang: datetime.datetime | None = None) -> int:
    """Remind holders of tasks that are due soon or late, each level once per task.

    Idempotent, as a queue handler must be (a job is run again when its worker died):
    each task's reminder commits as one (its level, notifications, event) after a
    conditional UPDATE has claimed that level, so a run killed halfway leaves nothing to
    repeat, and two overlapping runs remind a task once. Mail goes after that commit.
    """
    sekarang = sekarang or timezone.now()
    n = 0
    terbuka = (
        Tugas.objects.filter(status=Tugas.Status.TERBUKA, tenggat__isnull=False)
        .exclude(diingatkan="terlambat")
        .filter(Q(tenggat__lt=sekarang) | Q(diingatkan=""))
        .select_related("pelaksanaan", "jabatan", "diklaim_oleh")
    )
    for tugas in terbuka:
        kondisi = tugas.kondisi_tenggat(sekarang)
        if kondisi not in ("segera", "terlambat") or tugas.diingatkan == kondisi:
            continue
        with transaction.atomic():
            diklaim = Tugas.objects.filter(pk=tugas.pk, diingatkan=tugas.diingatkan).update(
                diingatkan=kondisi
            )
            if diklaim:  # else another run reminded it just now
                _ingatkan(tugas, kondisi)
                n += 1
    return n


def _ingatkan(tugas: Tugas, kondisi: str) -> None:
    """The notifications and the log event of one reminder (inside its transaction)."""
    judul = {
        "segera": "Segera jatuh tempo: %s — langkah %s",
        "terlambat": "Terlambat: %s — langkah %s",
    }[kondisi] % (tugas.pelaksanaan.judul, tugas.langkah_no)
    tenggat = date_format(timezone.localtime(tugas.tenggat), "DATETIME_FORMAT")
    for orang in engine.penerima_tugas(tugas):
        notifikasi.kirim(
            penerima=orang,
            judul=judul,
            isi=f"{tugas.kegiatan}\nTenggat: {tenggat}",
            tautan=reverse("sop:tugas_detail", args=[tugas.pk]),
            kunci=f"tugas:{tugas.pk}:{kondisi}",
        )
    Peristiwa.objects.create(
        pelaksanaan=tugas.pelaksanaan,
        tugas=tugas,
        langkah_no=tugas.langkah_no,
        jenis=Peristiwa.Jenis.PENGINGAT,
        aktor_nama="Sistem",
        catatan=judul,
    )


@penangan("sop.jadwalkan", setiap_menit=15)
def _pekerjaan_jadwalkan(data: dict) -> None:
    jadwalkan_sop()


@penangan("sop.ingatkan", setiap_menit=5)
def _pekerjaan_ingatkan(data: dict) -> None:
    ingatkan_tugas()
