"""Sending notifications: in-app rows now, email after the transaction commits."""

from __future__ import annotations

import logging
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from sakip.lib.teks import bersihkan_baris

from .models import Notifikasi

log = logging.getLogger(__name__)


def kirim(*, penerima, judul: str, isi: str = "", tautan: str = "", kunci: str = "") -> bool:
    """Notify one person; with `kunci`, a second send of the same key does nothing.

    Returns True when a new notification was created.
    """
    # A title is one line (it becomes a mail Subject) and PostgreSQL refuses NUL in text:
    # what a person typed into a title may still hold either.
    judul = bersihkan_baris(judul)[:200]
    isi = (isi or "").replace("\x00", "")
    try:
        with transaction.atomic():
            Notifikasi.objects.create(
                penerima=penerima, judul=judul, isi=isi, tautan=tautan, kunci=kunci
            )
    except IntegrityError:
        return False  # already sent under this key
    if penerima.email:
        # After the commit, and robust: whatever the mail does, the saved write stands and
        # the request that made it does not turn into an error (nor into a retry/duplicate).
        alamat = penerima.email
        transaction.on_commit(lambda: _email(alamat, judul, isi, tautan), robust=True)
    return True


def kirim_banyak(
    *,
    penerima,
    judul: str,
    isi: str = "",
    tautan: str = "",
    kunci: str = "",
    kunci_baru: bool = False,
) -> int:
    """`kirim` to several people in one INSERT (no savepoint each); returns how many were new.

    The same `kunci` rule: a person who already has a notification under the key gets
    nothing, and only the new rows are mailed. A concurrent send of the same key is ignored
    by the database (ON CONFLICT DO NOTHING), not raised. `kunci_baru`: the key names a row
    made in this same transaction (a new task), so nobody can have it yet: not looked up.
    """
    orang = list({p.pk: p for p in penerima}.values())
    if kunci and not kunci_baru:
        sudah = set(
            Notifikasi.objects.filter(kunci=kunci, penerima__in=[p.pk for p in orang]).values_list(
                "penerima_id", flat=True
            )
        )
        orang = [p for p in orang if p.pk not in sudah]
    if not orang:
        return 0
    judul = bersihkan_baris(judul)[:200]
    isi = (isi or "").replace("\x00", "")
    Notifikasi.objects.bulk_create(
        [Notifikasi(penerima=p, judul=judul, isi=isi, tautan=tautan, kunci=kunci) for p in orang],
        ignore_conflicts=bool(kunci),
    )
    for p in orang:
        if p.email:
            transaction.on_commit(partial(_email, p.email, judul, isi, tautan), robust=True)
    return len(orang)


def _email(alamat: str, judul: str, isi: str, tautan: str) -> None:
    teks = isi
    if tautan:
        teks += f"\n\n{settings.SITE_URL.rstrip('/')}{tautan}"
    # A title may come from what someone typed (an SOP run's title, stored before the
    # rule refusing line breaks): CR/LF in a Subject would raise BadHeaderError, so control
    # characters become spaces.
    subjek = f"[SAKIP] {bersihkan_baris(judul)}"
    try:
        send_mail(subjek, teks, None, [alamat])
    except Exception:  # noqa: BLE001 — any backend failure (SMTP down, bad address, bug)
        # The in-app notification stands; a failing mail must not undo or fail the work.
        log.warning("Email ke %s gagal dikirim", alamat, exc_info=True)


def tandai_dibaca(*, aktor, notifikasi: Notifikasi | None = None) -> int:
    """Mark one (or all) of the actor's notifications read; repeating it is harmless."""
    qs = Notifikasi.objects.milik(aktor).filter(dibaca_pada__isnull=True)
    if notifikasi is not None:
        qs = qs.filter(pk=notifikasi.pk)
    return qs.update(dibaca_pada=timezone.now())
