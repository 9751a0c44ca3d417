"""Every change to Pemda, agencies, positions and people: one transaction, one audit record."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import models, transaction

from sakip.audit import services as audit

from .models import Instansi, Jabatan, Pegawai, PelaksanaTugas, Pemda, PemetaanPelaksana


def boleh_kelola_master(aktor, pemda_id: int | None) -> bool:
    """Master data is kept by the superuser and the Pemda's administrators."""
    if aktor is None or not aktor.is_authenticated or not aktor.is_active:
        return False
    if aktor.is_superuser:
        return True
    return aktor.peran == Pegawai.Peran.ADMIN_PEMDA and aktor.pemda_id == pemda_id


def _pemda_id(objek: models.Model) -> int | None:
    if isinstance(objek, Pemda):
        return objek.pk
    if isinstance(objek, Instansi):
        return objek.pemda_id
    if isinstance(objek, Pegawai):
        return objek.pemda_id or (objek.instansi.pemda_id if objek.instansi else None)
    if isinstance(objek, Jabatan | PemetaanPelaksana):
        return objek.instansi.pemda_id
    if isinstance(objek, PelaksanaTugas):
        return objek.jabatan.instansi.pemda_id
    raise TypeError(f"Bukan data master: {type(objek).__name__}")


def _pastikan_boleh(aktor, objek: models.Model) -> None:
    if not boleh_kelola_master(aktor, _pemda_id(objek)):
        raise PermissionDenied("Anda tidak berwenang mengubah data master ini.")
    if objek.pk is not None and not aktor.is_superuser:
        # Re-check the stored row too: moving an object out of another Pemda is not allowed.
        lama = type(objek)._base_manager.get(pk=objek.pk)
        if not boleh_kelola_master(aktor, _pemda_id(lama)):
            raise PermissionDenied("Anda tidak berwenang mengubah data master ini.")


def _kunci_pemda(pemda_id: int | None) -> None:
    # Tree and holder checks read other rows; serialise them per Pemda.
    if pemda_id is not None:
        Pemda.objects.select_for_update(of=("self",)).filter(pk=pemda_id).order_by("pk").first()


def simpan_pemda(*, aktor, pemda: Pemda) -> Pemda:
    if not (aktor and aktor.is_superuser) and pemda.pk is None:
        raise PermissionDenied("Hanya superadmin yang dapat menambah Pemda.")
    with transaction.atomic():
        _pastikan_boleh(aktor, pemda)
        return audit.simpan_teraudit(aktor=aktor, objek=pemda)


def simpan_instansi(*, aktor, instansi: Instansi) -> Instansi:
    with transaction.atomic():
        _pastikan_boleh(aktor, instansi)
        return audit.simpan_teraudit(aktor=aktor, objek=instansi)


def simpan_jabatan(*, aktor, jabatan: Jabatan) -> Jabatan:
    """Save a position; a superior that would close a cycle is refused (Jabatan.clean)."""
    with transaction.atomic():
        _pastikan_boleh(aktor, jabatan)
        _kunci_pemda(jabatan.instansi.pemda_id)
        return audit.simpan_teraudit(aktor=aktor, objek=jabatan)


def simpan_pegawai(*, aktor, pegawai: Pegawai, sandi: str | None = None) -> Pegawai:
    """Save a person; a single-holder position already held is refused (Pegawai.clean)."""
    with transaction.atomic():
        _pastikan_boleh(aktor, pegawai)
        _kunci_pemda(_pemda_id(pegawai))
        if pegawai.instansi and not pegawai.pemda_id:
            pegawai.pemda_id = pegawai.instansi.pemda_id
        if sandi:
            pegawai.set_password(sandi)
        elif pegawai.pk is None and not pegawai.password:
            pegawai.set_unusable_password()
        return audit.simpan_teraudit(aktor=aktor, objek=pegawai)


def simpan_pelaksana_tugas(*, aktor, penugasan: PelaksanaTugas) -> PelaksanaTugas:
    with transaction.atomic():
        _pastikan_boleh(aktor, penugasan)
        return audit.simpan_teraudit(aktor=aktor, objek=penugasan)


def simpan_pemetaan(*, aktor, pemetaan: PemetaanPelaksana) -> PemetaanPelaksana:
    with transaction.atomic():
        _pastikan_boleh(aktor, pemetaan)
        return audit.simpan_teraudit(aktor=aktor, objek=pemetaan)


def hapus_master(*, aktor, objek: models.Model) -> None:
    with transaction.atomic():
        _pastikan_boleh(aktor, objek)
        audit.hapus_teraudit(aktor=aktor, objek=objek)
