"""A small database-backed job queue (healthchecks style: no extra server).

Handlers register with `@penangan("jenis")`. `jalankan_satu()` claims the oldest
due job with `UPDATE … WHERE diambil_pada IS NULL`, so two workers never run the
same job. Periodic work is enqueued by `jadwalkan_berkala()` under a per-minute key.
"""

from __future__ import annotations

import datetime
import logging
import os
import socket
import traceback
from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import Pekerjaan

log = logging.getLogger(__name__)
_PENANGAN: dict[str, Callable[[dict], None]] = {}
# Periodic jobs: kind → interval in minutes.
_BERKALA: dict[str, int] = {}
MAKS_PERCOBAAN = 5


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


def _klaim(nama_pekerja: str) -> Pekerjaan | None:
    sekarang = timezone.now()
    calon = (
        Pekerjaan.objects.filter(
            selesai_pada__isnull=True, diambil_pada__isnull=True, jalankan_pada__lte=sekarang
        )
        .order_by("jalankan_pada", "id")
        .values_list("id", flat=True)[:5]
    )
    for pk in calon:
        diambil = Pekerjaan.objects.filter(pk=pk, diambil_pada__isnull=True).update(
            diambil_pada=sekarang, diambil_oleh=nama_pekerja
        )
        if diambil:
            return Pekerjaan.objects.get(pk=pk)
    return None


def jalankan_satu(nama_pekerja: str | None = None) -> Pekerjaan | None:
    """Run the oldest due job, if any; a failure is retried later with backoff."""
    nama_pekerja = nama_pekerja or f"{socket.gethostname()}:{os.getpid()}"
    pekerjaan = _klaim(nama_pekerja)
    if pekerjaan is None:
        return None
    fungsi = _PENANGAN.get(pekerjaan.jenis)
    try:
        if fungsi is None:
            raise LookupError(f"Tidak ada penangan untuk pekerjaan {pekerjaan.jenis!r}")
        fungsi(pekerjaan.data)
    except Exception:  # noqa: BLE001 — any failure is recorded and retried
        pekerjaan.percobaan += 1
        pekerjaan.galat = traceback.format_exc()[-4000:]
        log.exception("Pekerjaan %s gagal", pekerjaan)
        if pekerjaan.percobaan < MAKS_PERCOBAAN:
            tunda = datetime.timedelta(minutes=2**pekerjaan.percobaan)
            pekerjaan.jalankan_pada = timezone.now() + tunda
            pekerjaan.diambil_pada = None
        else:
            pekerjaan.selesai_pada = timezone.now()
        pekerjaan.save()
        return pekerjaan
    pekerjaan.selesai_pada = timezone.now()
    pekerjaan.galat = ""
    pekerjaan.save(update_fields=["selesai_pada", "galat"])
    return pekerjaan


def jalankan_semua(batas: int = 100) -> int:
    """Run due jobs until none is left (or `batas`); returns how many ran."""
    n = 0
    while n < batas and jalankan_satu() is not None:
        n += 1
    return n
