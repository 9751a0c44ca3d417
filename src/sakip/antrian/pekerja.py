"""The worker process: its heartbeat, a polling loop that outlives a database outage, health.

`sakip worker` runs `jalankan_pekerja()`; `sakip worker --periksa` prints `kesehatan()`.
A database that goes away (restart, failover, network) must not end the worker: the
schedules and reminders would stop silently. So a poll that fails with a connection
error drops the broken connection, waits (doubling, capped) and tries again.
"""

from __future__ import annotations

import contextlib
import datetime
import logging
import os
import socket
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass

from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.db.models import Count, Max, Q
from django.utils import timezone

from . import services
from .models import Pekerja, Pekerjaan

log = logging.getLogger(__name__)
# The longest wait between two tries while the database is away.
MAKS_TUNDA_DETIK = 60.0
# A worker row not beaten for this long belongs to a process long gone.
SIMPAN_PEKERJA_MATI = datetime.timedelta(days=1)
# Defaults of the health check: a worker polls every few seconds and a long job beats
# every DETAK_DETIK, so two minutes of silence means none is alive.
BATAS_DETAK_DETIK = 120
BATAS_TERLAMBAT_DETIK = 900
GALAT_KONEKSI = (OperationalError, InterfaceError)


def detak(nama: str, *, mulai_pada: datetime.datetime) -> None:
    """Record that the worker `nama` (this process) is alive now."""
    sekarang = timezone.now()
    if not Pekerja.objects.filter(nama=nama).update(detak_pada=sekarang):
        Pekerja.objects.create(
            nama=nama,
            host=socket.gethostname(),
            pid=os.getpid(),
            mulai_pada=mulai_pada,
            detak_pada=sekarang,
        )


def tunda_setelah_gagal(jeda: float, gagal_beruntun: int) -> float:
    """Seconds to wait after the n-th failed poll in a row: jeda, 2·jeda, 4·jeda … capped."""
    return min(jeda * 2 ** (gagal_beruntun - 1), MAKS_TUNDA_DETIK)


def _putuskan_koneksi() -> None:
    # A connection that saw the server go is unusable; closing it makes the next query
    # open a fresh one. Closing a dead socket can itself raise, which changes nothing.
    for koneksi in connections.all(initialized_only=True):
        with contextlib.suppress(DatabaseError):
            koneksi.close()


def _putaran(
    nama: str,
    *,
    mulai_pada: datetime.datetime,
    sewa: float,
    berhenti: threading.Event,
    tulis: Callable[[str], None],
) -> None:
    """One poll: beat, queue the periodic jobs, run what is due (stopping when asked)."""
    detak(nama, mulai_pada=mulai_pada)
    services.jadwalkan_berkala()
    n = 0
    while n < 100 and not berhenti.is_set():
        if services.jalankan_satu(nama, sewa=sewa) is None:
            break
        n += 1
    if n:
        tulis(f"{n} pekerjaan dijalankan")


def jalankan_pekerja(
    *,
    jeda: float = 5.0,
    sewa: float = services.SEWA_DETIK,
    sekali: bool = False,
    berhenti: threading.Event | None = None,
    tidur: Callable[[float], object] | None = None,
    tulis: Callable[[str], None] = print,
) -> None:
    """Poll the queue until `berhenti` is set (`sekali`: one poll, errors propagate)."""
    berhenti = berhenti or threading.Event()
    tidur = tidur or berhenti.wait  # a stop request cuts the wait short
    nama = services.nama_pekerja_ini()
    mulai_pada = timezone.now()
    gagal_beruntun = 0
    if not sekali:
        _buang_pekerja_mati()
    while not berhenti.is_set():
        try:
            _putaran(nama, mulai_pada=mulai_pada, sewa=sewa, berhenti=berhenti, tulis=tulis)
        except GALAT_KONEKSI as exc:
            if sekali:
                raise
            gagal_beruntun += 1
            tunda = tunda_setelah_gagal(jeda, gagal_beruntun)
            log.warning(
                "Basis data tidak terjangkau (%s: %s); percobaan ulang ke-%d dalam %.1f detik",
                type(exc).__name__,
                " ".join(str(exc).split()),  # one line in the journal
                gagal_beruntun,
                tunda,
            )
            _putuskan_koneksi()
            tidur(tunda)
            continue
        if gagal_beruntun:
            log.warning("Basis data terjangkau lagi setelah %d percobaan gagal", gagal_beruntun)
            gagal_beruntun = 0
        if sekali:
            return
        tidur(jeda)
    _pamit(nama)


def _buang_pekerja_mati() -> None:
    try:
        Pekerja.objects.filter(detak_pada__lt=timezone.now() - SIMPAN_PEKERJA_MATI).delete()
    except GALAT_KONEKSI:
        _putuskan_koneksi()  # housekeeping only: the loop deals with the outage


def _pamit(nama: str) -> None:
    # A worker stopped on purpose (systemd stop, Ctrl-C) leaves no row to look alive.
    with contextlib.suppress(*GALAT_KONEKSI):
        Pekerja.objects.filter(nama=nama).delete()


# --- health ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Kesehatan:
    """What `sakip worker --periksa` and the admin show about the queue and its workers."""

    batas_detak_detik: int
    batas_terlambat_detik: int
    pekerja_hidup: int  # workers that beat within batas_detak_detik
    detak_terakhir_detik: int | None  # seconds since the latest beat of any worker
    menunggu: int  # due and claimable now
    terlambat: int  # of those, due for longer than batas_terlambat_detik
    berjalan: int  # claimed under a live lease
    sewa_habis: int  # claimed, lease passed: the worker died, waiting to be taken again
    gagal: int  # attempts used up

    @property
    def masalah(self) -> list[str]:
        masalah = []
        if not self.pekerja_hidup:
            masalah.append(
                f"tidak ada pekerja yang berdetak dalam {self.batas_detak_detik} detik terakhir"
            )
        if self.terlambat:
            batas = self.batas_terlambat_detik
            masalah.append(f"{self.terlambat} pekerjaan terlambat lebih dari {batas} detik")
        return masalah

    @property
    def sehat(self) -> bool:
        return not self.masalah

    def sebagai_dict(self) -> dict:
        return {**asdict(self), "sehat": self.sehat, "masalah": self.masalah}

    def baris(self) -> list[str]:
        """The numbers in plain lines (the command's output, the admin's message)."""
        terakhir = (
            "belum pernah"
            if self.detak_terakhir_detik is None
            else f"{self.detak_terakhir_detik} detik lalu"
        )
        return [
            f"Pekerja hidup: {self.pekerja_hidup} (detak terakhir {terakhir}, "
            f"batas {self.batas_detak_detik} detik)",
            f"Pekerjaan: {self.menunggu} menunggu, {self.terlambat} terlambat "
            f"(> {self.batas_terlambat_detik} detik), {self.berjalan} berjalan, "
            f"{self.sewa_habis} sewa habis, {self.gagal} gagal",
            "Sehat." if self.sehat else "TIDAK SEHAT: " + "; ".join(self.masalah) + ".",
        ]


def kesehatan(
    *,
    batas_detak_detik: int = BATAS_DETAK_DETIK,
    batas_terlambat_detik: int = BATAS_TERLAMBAT_DETIK,
) -> Kesehatan:
    """Count the live workers and the state of the queue now (two queries)."""
    sekarang = timezone.now()
    detak = Pekerja.objects.aggregate(
        hidup=Count(
            "id", filter=Q(detak_pada__gte=sekarang - datetime.timedelta(seconds=batas_detak_detik))
        ),
        terakhir=Max("detak_pada"),
    )
    bisa = services.bisa_diklaim(sekarang)
    batas_telat = sekarang - datetime.timedelta(seconds=batas_terlambat_detik)
    belum = Q(selesai_pada__isnull=True)
    diambil = Q(diambil_pada__isnull=False)
    angka = Pekerjaan.objects.aggregate(
        menunggu=Count("id", filter=bisa),
        terlambat=Count("id", filter=bisa & Q(jalankan_pada__lt=batas_telat)),
        berjalan=Count("id", filter=belum & diambil & Q(sewa_sampai__gte=sekarang)),
        sewa_habis=Count("id", filter=belum & diambil & Q(sewa_sampai__lt=sekarang)),
        gagal=Count("id", filter=Q(selesai_pada__isnull=False) & ~Q(galat="")),
    )
    terakhir = detak["terakhir"]
    return Kesehatan(
        batas_detak_detik=batas_detak_detik,
        batas_terlambat_detik=batas_terlambat_detik,
        pekerja_hidup=detak["hidup"],
        detak_terakhir_detik=None
        if terakhir is None
        else max(0, int((sekarang - terakhir).total_seconds())),
        **angka,
    )
