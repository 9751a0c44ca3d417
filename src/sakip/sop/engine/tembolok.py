"""SOP versions kept in this process: a transition reads its run's version without a query.

A `VersiSop` is never changed after it is written (an edit of an SOP is a new version;
nothing in the project updates one), so its row — above all the parsed `definisi` — is
kept per id. Only committed rows are kept: a version is stored when the transaction that
read it commits (`on_commit`), so a version created in a transaction that is rolled back
(whose id SQLite may hand out again) is never served. Each call builds a fresh instance
from the kept values: relations loaded on one (its SOP, its author) are never shared.
The `definisi` dict is shared: read it, never change it in place.
"""

from __future__ import annotations

import threading

from django.db import transaction

from ..models import VersiSop

BATAS = 2048  # versions kept; past it the cache starts over (a few KB each)

_kunci = threading.Lock()
_simpanan: dict[int, tuple] = {}
_KOLOM = tuple(f.attname for f in VersiSop._meta.concrete_fields)


def versi_sop(versi_id: int) -> VersiSop:
    """The version `versi_id`, from this process's cache when it has been read before."""
    nilai = _simpanan.get(versi_id)
    if nilai is None:
        versi = VersiSop.objects.get(pk=versi_id)
        nilai = tuple(getattr(versi, k) for k in _KOLOM)
        transaction.on_commit(lambda: _simpan(versi_id, nilai))
        return versi
    return VersiSop.from_db("default", _KOLOM, nilai)


def _simpan(versi_id: int, nilai: tuple) -> None:
    with _kunci:
        if len(_simpanan) >= BATAS:
            _simpanan.clear()
        _simpanan[versi_id] = nilai


def kosongkan() -> None:
    """Forget every kept version (tests that commit and then reuse ids)."""
    with _kunci:
        _simpanan.clear()
