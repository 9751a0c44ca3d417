"""Sign-in throttling per (account, address) and per address, counted under row locks.

An attacker guessing one account from one address gets `LOGIN_MAX_GAGAL` tries, then
waits `LOGIN_JEDA_DETIK`, doubled after each further failure (up to
`LOGIN_JEDA_MAKS_MENIT`). The real user is not locked out by it: from another address
their pair has its own count, and from the same address the right password is accepted
as soon as the current wait is over. An address that fails over many accounts
(`LOGIN_MAX_GAGAL_ALAMAT`, password spraying) waits the same way for every account.

Each attempt is counted *before* the password is checked, inside one transaction that
locks the counter rows, so parallel guesses cannot all pass a check that each saw below
the limit; a right answer then gives its count back (`berhasil`).
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import BatasMasuk


@dataclass(frozen=True)
class Jatah:
    """The answer to "may this attempt be checked?"; `tunggu_detik` when it may not."""

    boleh: bool
    tunggu_detik: int = 0
    kunci: tuple[str, ...] = field(default=())

    @property
    def tunggu_menit(self) -> int:
        return max(1, math.ceil(self.tunggu_detik / 60))


def normalisasi_identitas(identitas: str) -> str:
    """The account as typed, in one spelling: "Camat.Kec-A " and "camat.kec-a" are one."""
    return (identitas or "").strip().lower().replace(" ", "")[:150]


def _kunci(identitas: str, ip: str | None) -> tuple[str, str]:
    alamat = ip or "-"
    return f"akun:{normalisasi_identitas(identitas)}|{alamat}", f"ip:{alamat}"


def _jeda(lebih: int) -> datetime.timedelta:
    """The wait after the limit was passed `lebih` times already: doubling, capped."""
    detik = settings.LOGIN_JEDA_DETIK * 2 ** min(lebih, 20)
    return datetime.timedelta(seconds=min(detik, settings.LOGIN_JEDA_MAKS_MENIT * 60))


def _kunci_baris(kunci: list[str]) -> list[BatasMasuk]:
    """The counter rows, created if new, locked in key order (no deadlock between two)."""
    baris = []
    for k in sorted(kunci):
        try:
            with transaction.atomic():
                BatasMasuk.objects.get_or_create(kunci=k)
        except IntegrityError:  # created by a parallel attempt a moment ago: fine
            pass
        baris.append(BatasMasuk.objects.select_for_update().get(kunci=k))
    return baris


def _lupakan_jika_lama(b: BatasMasuk, sekarang: datetime.datetime) -> None:
    # Failures long past, with no wait running, are forgotten: a user who mistyped last
    # week starts afresh.
    lama = sekarang - datetime.timedelta(hours=settings.LOGIN_LUPA_JAM)
    if b.terakhir < lama and (b.diblokir_sampai is None or b.diblokir_sampai < lama):
        b.gagal, b.diblokir_sampai = 0, None


def ambil_jatah(identitas: str, ip: str | None) -> Jatah:
    """Count this attempt as a failure in advance, unless its pair or address is waiting."""
    pasangan, alamat = _kunci(identitas, ip)
    batas = {pasangan: settings.LOGIN_MAX_GAGAL, alamat: settings.LOGIN_MAX_GAGAL_ALAMAT}
    sekarang = timezone.now()
    with transaction.atomic():
        baris = _kunci_baris(list(batas))
        for b in baris:
            _lupakan_jika_lama(b, sekarang)
        tunggu = [
            b.diblokir_sampai - sekarang
            for b in baris
            if b.diblokir_sampai is not None and b.diblokir_sampai > sekarang
        ]
        if tunggu:
            # A refused attempt is not counted: the real user pressing "Masuk" again
            # during the wait does not make it longer.
            return Jatah(False, math.ceil(max(tunggu).total_seconds()))
        for b in baris:
            b.gagal += 1
            if b.gagal >= batas[b.kunci]:
                b.diblokir_sampai = sekarang + _jeda(b.gagal - batas[b.kunci])
            b.save()
    return Jatah(True, kunci=(pasangan, alamat))


def berhasil(jatah: Jatah) -> None:
    """A right answer: the pair starts afresh; the address gets back this one attempt."""
    if not jatah.kunci:
        return
    pasangan, alamat = jatah.kunci
    with transaction.atomic():
        for b in _kunci_baris([pasangan, alamat]):
            if b.kunci == pasangan:
                b.gagal, b.diblokir_sampai = 0, None
            else:
                b.gagal = max(0, b.gagal - 1)
                if b.gagal < settings.LOGIN_MAX_GAGAL_ALAMAT:
                    b.diblokir_sampai = None
            b.save()
        # Rows nobody failed with for a long while are of no use; keep the table small.
        lama = timezone.now() - datetime.timedelta(hours=settings.LOGIN_LUPA_JAM)
        BatasMasuk.objects.filter(terakhir__lt=lama, gagal=0).delete()
