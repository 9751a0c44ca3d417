"""Every change to working calendars and holidays: permission, one transaction, audit records.

Calendars and holidays are master data of a Pemda: kept by the superuser and the Pemda's
administrators (`boleh_kelola_master`), never by agency staff or evaluators.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction

from sakip.audit import services as audit
from sakip.organisasi.models import Pemda
from sakip.organisasi.services import boleh_kelola_master

from .libur_nasional import daftar_libur_nasional
from .models import HariLibur, KalenderKerja

PESAN_TIDAK_BERWENANG = "Anda tidak berwenang mengubah kalender kerja dan hari libur Pemda ini."


def _pastikan_boleh(aktor, pemda_id: int | None, *, oleh_sistem: bool = False) -> None:
    # aktor=None is the system itself (a management command run by the operator), allowed
    # only where the caller says so; a web request always has a user, never None.
    if oleh_sistem and aktor is None:
        return
    if not boleh_kelola_master(aktor, pemda_id):
        raise PermissionDenied(PESAN_TIDAK_BERWENANG)


def _pastikan_boleh_ubah(aktor, objek: KalenderKerja | HariLibur) -> None:
    _pastikan_boleh(aktor, objek.pemda_id)
    if objek.pk is not None and not aktor.is_superuser:
        # Re-check the stored row too: moving a row out of another Pemda is not allowed.
        lama = type(objek)._base_manager.filter(pk=objek.pk).values_list("pemda_id", flat=True)
        if any(not boleh_kelola_master(aktor, pemda_id) for pemda_id in lama):
            raise PermissionDenied(PESAN_TIDAK_BERWENANG)


def _kunci_pemda(pemda_id: int) -> None:
    # Loaders check which rows exist before adding; serialise them per Pemda.
    Pemda.objects.select_for_update(of=("self",)).filter(pk=pemda_id).order_by("pk").first()


def simpan_kalender(*, aktor, kalender: KalenderKerja) -> KalenderKerja:
    """Save a working calendar; an agency's calendar takes the agency's Pemda if none is set."""
    if kalender.instansi_id and not kalender.pemda_id and kalender.instansi is not None:
        kalender.pemda_id = kalender.instansi.pemda_id
    with transaction.atomic():
        _pastikan_boleh_ubah(aktor, kalender)
        return audit.simpan_teraudit(aktor=aktor, objek=kalender)


def hapus_kalender(*, aktor, kalender: KalenderKerja) -> None:
    """Delete a calendar: its agency falls back to the Pemda's default, the Pemda to 07:30–16:00."""
    with transaction.atomic():
        _pastikan_boleh_ubah(aktor, kalender)
        audit.hapus_teraudit(aktor=aktor, objek=kalender)


def simpan_hari_libur(*, aktor, hari_libur: HariLibur) -> HariLibur:
    with transaction.atomic():
        _pastikan_boleh_ubah(aktor, hari_libur)
        return audit.simpan_teraudit(aktor=aktor, objek=hari_libur)


def hapus_hari_libur(*, aktor, hari_libur: HariLibur) -> None:
    """Delete a holiday: from now on that date counts as a working day again."""
    with transaction.atomic():
        _pastikan_boleh_ubah(aktor, hari_libur)
        audit.hapus_teraudit(aktor=aktor, objek=hari_libur)


def pastikan_kalender_default(*, aktor, pemda: Pemda) -> KalenderKerja:
    """The Pemda's default calendar, created (Senin–Jumat 07:30–16:00 WIB) if missing.

    `aktor=None` means the system (management command); the audit names it "sistem".
    """
    with transaction.atomic():
        _pastikan_boleh(aktor, pemda.pk, oleh_sistem=True)
        _kunci_pemda(pemda.pk)
        ada = KalenderKerja.objects.filter(pemda=pemda, instansi__isnull=True).first()
        if ada is not None:
            return ada
        return audit.simpan_teraudit(
            aktor=aktor,
            objek=KalenderKerja(pemda=pemda),
            keterangan="Kalender kerja bawaan Pemda dibuat.",
        )


def muat_libur_nasional(*, aktor, pemda: Pemda, tahun: Iterable[int]) -> int:
    """Add the national holidays and cuti bersama of `tahun` that `pemda` lacks; returns how many.

    Idempotent: a date the Pemda already has is left as it is, whatever its name or kind
    (the administrator may have corrected it, or declared a libur daerah there). Dates a
    revised SKB moves must be corrected in the admin. Years the data file does not know add
    nothing (see libur_nasional.tahun_tersedia). Each new holiday gets its own audit record,
    all in one transaction. `aktor=None` means the system (management command).
    """
    daftar = daftar_libur_nasional(tahun)
    with transaction.atomic():
        _pastikan_boleh(aktor, pemda.pk, oleh_sistem=True)
        _kunci_pemda(pemda.pk)
        sudah_ada = set(
            HariLibur.objects.filter(
                pemda=pemda, tanggal__in=[libur.tanggal for libur in daftar]
            ).values_list("tanggal", flat=True)
        )
        baru = [libur for libur in daftar if libur.tanggal not in sudah_ada]
        for libur in baru:
            audit.simpan_teraudit(
                aktor=aktor,
                objek=HariLibur(
                    pemda=pemda,
                    tanggal=libur.tanggal,
                    nama=libur.nama,
                    jenis=libur.jenis,
                    catatan=libur.catatan,
                ),
                keterangan=f"Dimuat dari daftar libur nasional {libur.tanggal.year}.",
            )
    return len(baru)
