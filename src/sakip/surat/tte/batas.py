"""Limits of the public verification page: how big an upload, how many per hour.

The page needs no sign-in (the QR is on paper), so an upload is the one thing a stranger
can make the server parse. It is bounded twice: by size, read from the request's
Content-Length before the body is parsed, and by count, per sender and clock hour, with
a counter row raised by one conditional UPDATE (`jumlah < batas`), which two parallel
uploads cannot both pass at the last free place.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from sakip.lib.klien import sidik_jaringan

from ..models import UnggahVerifikasi

UNGGAH_MAKS_MB = 10
UNGGAH_PER_JAM = 20
GARAM_SIDIK = "sakip.surat.verifikasi.sidik"


def maks_mb(bawaan: int = UNGGAH_MAKS_MB) -> int:
    return int(getattr(settings, "VERIFIKASI_UNGGAH_MAKS_MB", bawaan))


def per_jam() -> int:
    return int(getattr(settings, "VERIFIKASI_UNGGAH_PER_JAM", UNGGAH_PER_JAM))


def sidik(alamat: str | None) -> str:
    """A keyed hash of the sender's network (IPv6 per /64); the address is never stored."""
    return sidik_jaringan(alamat, GARAM_SIDIK)


def terlalu_besar(request, batas_mb: int) -> bool:
    """Does the request announce more than the limit (plus the form's own few bytes)?"""
    try:
        panjang = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return panjang > batas_mb * 1024 * 1024 + 64 * 1024


def catat_unggah(alamat: str | None) -> bool:
    """Count one upload of this sender in this hour; False when the hour's limit is used."""
    kunci = sidik(alamat)
    jam = timezone.now().replace(minute=0, second=0, microsecond=0)
    with transaction.atomic():
        UnggahVerifikasi.objects.get_or_create(sidik=kunci, jam=jam)
        naik = UnggahVerifikasi.objects.filter(sidik=kunci, jam=jam, jumlah__lt=per_jam()).update(
            jumlah=F("jumlah") + 1
        )
        # Yesterday's counters count nothing any more.
        UnggahVerifikasi.objects.filter(jam__lt=jam - datetime.timedelta(days=1)).delete()
    return naik == 1
