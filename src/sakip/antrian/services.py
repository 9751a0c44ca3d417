"""A small database-backed job queue (healthchecks style: no extra server).

Handlers register with `@penangan("jenis")`. `jalankan_satu()` claims the oldest due job
under a lease (`sewa_sampai`): the running worker renews it, and a job whose lease has
passed — its worker was killed — is claimed again, the lost run counted as an attempt.
The claim locks the row (`SELECT … FOR UPDATE SKIP LOCKED` on PostgreSQL; SQLite takes
the whole file for the transaction), so two workers never run the same job. Periodic
work is enqueued by `jadwalkan_berkala()` under a per-minute key.
"""

from __future__ import annotations

import contextlib
import datetime
import logging
import os
import socket
import threading
import traceback
from collections.abc import Callable, Iterator

from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone

from .models import Pekerja, Pekerjaan

log = logging.getLogger(__name__)
_PENANGAN: dict[str, Callable[[dict], None]] = {}
# Periodic jobs: kind → interval in minutes.
_BERKALA: dict[str, int] = {}
MAKS_PERCOBAAN = 5
# How long a claim holds without renewal; a killed worker's job waits at most this long.
SEWA_DETIK = 300
# How often a running job's lease (and its worker's heartbeat) is renewed, at most.
DETAK_DETIK = 30


def penangan(jenis: str, *, setiap_menit: int | None = None):
    """Register a job handler; with `setiap_menit` it also runs periodically."""

    def daftar(fungsi):
        _PENANGAN[jenis] = fungsi
        if setiap_menit:
            _BERKALA[jenis] = setiap_menit
        return fungsi

    return daftar


def antrekan(jenis: str, data: dict | None = None, *, pada=None, kunci: str | None = None) -> bool:
    """Queue a job (after the current transaction commits). False if `kunci` exists."""
    try:
        with transaction.atomic():
            Pekerjaan.objects.create(
                jenis=jenis, data=data or {}, jalankan_pada=pada or timezone.now(), kunci=kunci
            )
    except IntegrityError:
        return False
    return True


def jadwalkan_berkala(sekarang: datetime.datetime | None = None) -> int:
    """Enqueue each periodic job whose interval starts now; idempotent per interval."""
    sekarang = sekarang or timezone.now()
    menit = int(sekarang.timestamp() // 60)
    n = 0
    for jenis, interval in _BERKALA.items():
        awal = menit - menit % interval
        if antrekan(jenis, kunci=f"{jenis}@{awal}"):
            n += 1
    return n


def nama_pekerja_ini() -> str:
    """This process's worker name: `host:pid`."""
    return f"{socket.gethostname()}:{os.getpid()}"


def bisa_diklaim(sekarang: datetime.datetime) -> Q:
    """Due, unfinished, and either never claimed or claimed under a lease that has passed."""
    bebas = Q(diambil_pada__isnull=True) | Q(sewa_sampai__lt=sekarang)
    return bebas & Q(selesai_pada__isnull=True, jalankan_pada__lte=sekarang)


def _klaim(nama_pekerja: str, *, sewa: float = SEWA_DETIK) -> Pekerjaan | None:
    """Claim the oldest claimable job for `sewa` seconds; None when there is none."""
    with transaction.atomic():
        while True:
            sekarang = timezone.now()
            pekerjaan = (
                Pekerjaan.objects.filter(bisa_diklaim(sekarang))
                .order_by("jalankan_pada", "id")
                .select_for_update(skip_locked=True)
                .first()
            )
            if pekerjaan is None:
                return None
            if pekerjaan.diambil_pada is not None and not _catat_pekerja_hilang(
                pekerjaan, sekarang
            ):
                continue  # attempts used up: marked failed, look at the next one
            pekerjaan.diambil_pada = sekarang
            pekerjaan.diambil_oleh = nama_pekerja
            pekerjaan.sewa_sampai = sekarang + datetime.timedelta(seconds=sewa)
            pekerjaan.save(update_fields=["diambil_pada", "diambil_oleh", "sewa_sampai"])
            return pekerjaan


def _catat_pekerja_hilang(pekerjaan: Pekerjaan, sekarang: datetime.datetime) -> bool:
    """Count the run a dead worker lost; False (and the job failed) if none is left."""
    pekerjaan.percobaan += 1
    pekerjaan.galat = (
        f"Pekerja {pekerjaan.diambil_oleh} berhenti sebelum pekerjaan selesai "
        f"(sewa habis {pekerjaan.sewa_sampai:%Y-%m-%d %H:%M:%S})."
    )
    log.warning("Pekerjaan %s diambil lagi: %s", pekerjaan.pk, pekerjaan.galat)
    if pekerjaan.percobaan < MAKS_PERCOBAAN:
        pekerjaan.save(update_fields=["percobaan", "galat"])
        return True
    pekerjaan.galat += f" Batas {MAKS_PERCOBAAN} percobaan tercapai: pekerjaan dinyatakan gagal."
    pekerjaan.selesai_pada = sekarang
    pekerjaan.save(update_fields=["percobaan", "galat", "selesai_pada"])
    log.error("Pekerjaan %s gagal: %s", pekerjaan.pk, pekerjaan.galat)
    return False


@contextlib.contextmanager
def _sewa_diperpanjang(pekerjaan: Pekerjaan, *, sewa: float) -> Iterator[None]:
    """While the body runs, renew the job's lease and its worker's heartbeat in a thread.

    A long job (a large document) must not look dead to other workers nor to the health
    check; the thread uses its own connection and stops as soon as the job ends.
    """
    selesai = threading.Event()
    selang = min(DETAK_DETIK, sewa / 3)

    def perpanjang() -> None:
        try:
            while not selesai.wait(selang):
                try:
                    sekarang = timezone.now()
                    Pekerjaan.objects.filter(
                        pk=pekerjaan.pk,
                        diambil_oleh=pekerjaan.diambil_oleh,
                        selesai_pada__isnull=True,
                    ).update(sewa_sampai=sekarang + datetime.timedelta(seconds=sewa))
                    Pekerja.objects.filter(nama=pekerjaan.diambil_oleh).update(detak_pada=sekarang)
                except DatabaseError:
                    # The database is away: the lease may lapse, and then the job is retried.
                    log.warning("Sewa pekerjaan %s tidak dapat diperpanjang", pekerjaan.pk)
        finally:
            connection.close()  # this thread's own connection

    utas = threading.Thread(target=perpanjang, name=f"sewa-{pekerjaan.pk}", daemon=True)
    utas.start()
    try:
        yield
    finally:
        selesai.set()
        utas.join(timeout=5)  # a renewal stuck on a dead database must not hold the job


def _milik(pekerjaan: Pekerjaan):
    """The job's row while it is still this claim's (not reclaimed after a lapsed lease)."""
    return Pekerjaan.objects.filter(
        pk=pekerjaan.pk, diambil_oleh=pekerjaan.diambil_oleh, diambil_pada=pekerjaan.diambil_pada
    )


def jalankan_satu(nama_pekerja: str | None = None, *, sewa: float = SEWA_DETIK) -> Pekerjaan | None:
    """Run the oldest due job, if any; a failure is retried later with backoff."""
    pekerjaan = _klaim(nama_pekerja or nama_pekerja_ini(), sewa=sewa)
    if pekerjaan is None:
        return None
    fungsi = _PENANGAN.get(pekerjaan.jenis)
    try:
        if fungsi is None:
            raise LookupError(f"Tidak ada penangan untuk pekerjaan {pekerjaan.jenis!r}")
        with _sewa_diperpanjang(pekerjaan, sewa=sewa):
            fungsi(pekerjaan.data)
    except Exception:  # noqa: BLE001 — any failure is recorded and retried
        _catat_gagal(pekerjaan)
        return pekerjaan
    pekerjaan.selesai_pada = timezone.now()
    pekerjaan.galat = ""
    if not _milik(pekerjaan).update(selesai_pada=pekerjaan.selesai_pada, galat=""):
        log.warning("Pekerjaan %s selesai setelah sewanya habis dan diambil lagi", pekerjaan.pk)
    return pekerjaan


def _catat_gagal(pekerjaan: Pekerjaan) -> None:
    """Record the failure; release the job for a later try, or finish it as failed."""
    baris = _milik(pekerjaan)  # taken before the claim fields are cleared below
    pekerjaan.percobaan += 1
    pekerjaan.galat = traceback.format_exc()[-4000:]
    log.exception("Pekerjaan %s gagal", pekerjaan)
    if pekerjaan.percobaan < MAKS_PERCOBAAN:
        tunda = datetime.timedelta(minutes=2**pekerjaan.percobaan)
        pekerjaan.jalankan_pada = timezone.now() + tunda
        pekerjaan.diambil_pada = None
        pekerjaan.sewa_sampai = None
    else:
        pekerjaan.selesai_pada = timezone.now()
    baris.update(
        percobaan=pekerjaan.percobaan,
        galat=pekerjaan.galat,
        jalankan_pada=pekerjaan.jalankan_pada,
        diambil_pada=pekerjaan.diambil_pada,
        sewa_sampai=pekerjaan.sewa_sampai,
        selesai_pada=pekerjaan.selesai_pada,
    )


def jalankan_semua(
    batas: int = 100, *, nama_pekerja: str | None = None, sewa: float = SEWA_DETIK
) -> int:
    """Run due jobs until none is left (or `batas`); returns how many ran."""
    n = 0
    while n < batas and jalankan_satu(nama_pekerja, sewa=sewa) is not None:
        n += 1
    return n
