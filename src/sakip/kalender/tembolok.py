"""The working calendars the SOP engine reads on every transition, kept in this process.

`kalender_untuk` costs two queries (the calendar, the Pemda's holidays) and every new task
needs its agency's calendar for the due time. Calendars and holidays change a few times a
year, so `kalender_tercache` keeps the result per agency:

- only committed data is kept: the result is stored when the reading transaction commits
  (`on_commit`), so a calendar read inside a transaction that is rolled back (a test, a
  failed request) is never served to anyone else;
- a save or delete of a `KalenderKerja` or `HariLibur` in this process empties the cache at
  once and again at its commit; a reader that began before such a change does not store
  its (possibly old) result (the generation counter);
- other processes (gunicorn workers, the job worker) learn of a change when their entry
  expires: `UMUR_DETIK` bounds how long a changed calendar may still be used there.

`kalender_untuk` itself stays uncached: admin pages and reports read the database.
"""

from __future__ import annotations

import threading
import time

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from .waktu_kerja import Kalender, kalender_untuk

UMUR_DETIK = 60.0

_kunci = threading.Lock()
_simpanan: dict[tuple[int, int], tuple[float, Kalender]] = {}
_generasi = 0


def kalender_tercache(instansi) -> Kalender:
    """`kalender_untuk(instansi)`, from this process's cache when it is fresh."""
    kunci = (instansi.pk, instansi.pemda_id)
    sekarang = time.monotonic()
    ada = _simpanan.get(kunci)
    if ada is not None and sekarang - ada[0] < UMUR_DETIK:
        return ada[1]
    generasi = _generasi
    kalender = kalender_untuk(instansi)
    transaction.on_commit(lambda: _simpan(kunci, sekarang, kalender, generasi))
    return kalender


def _simpan(kunci, waktu: float, kalender: Kalender, generasi: int) -> None:
    with _kunci:
        if generasi == _generasi:  # nothing changed since it was read
            _simpanan[kunci] = (waktu, kalender)


def kosongkan(**_kwargs) -> None:
    """Forget every cached calendar (a calendar or holiday changed, or a test's cleanup)."""
    global _generasi
    with _kunci:
        _generasi += 1
        _simpanan.clear()


def _berubah(**_kwargs) -> None:
    kosongkan()
    # Again at the commit: a reader that read the old rows meanwhile stores nothing.
    transaction.on_commit(kosongkan)


def sambungkan() -> None:
    """Connect the invalidation to the models' signals (KalenderConfig.ready)."""
    from .models import HariLibur, KalenderKerja

    for model in (KalenderKerja, HariLibur):
        post_save.connect(_berubah, sender=model, dispatch_uid=f"kalender-tembolok-s-{model}")
        post_delete.connect(_berubah, sender=model, dispatch_uid=f"kalender-tembolok-d-{model}")
