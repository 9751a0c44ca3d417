"""The run's own log: every transition appends a `Peristiwa` and writes an audit row."""

from __future__ import annotations

from django.utils.translation import gettext as _

from sakip.audit import services as audit
from sakip.audit.models import CatatanAudit

from ..models import Peristiwa, Tugas


def nama_aktor(aktor) -> str:
    return aktor.nama_lengkap if aktor is not None else _("Sistem (jadwal)")


def catat_peristiwa(pelaksanaan, jenis, *, aktor=None, tugas=None, catatan="", data=None):
    return Peristiwa.objects.create(
        pelaksanaan=pelaksanaan,
        tugas=tugas,
        langkah_no=tugas.langkah_no if tugas else pelaksanaan.langkah_sekarang,
        jenis=jenis,
        aktor=aktor,
        aktor_nama=nama_aktor(aktor),
        catatan=catatan,
        data=data or {},
    )


def snapshot_tugas(tugas: Tugas) -> dict:
    return {
        "status": tugas.status,
        "keputusan": tugas.keputusan,
        "diklaim_oleh": tugas.diklaim_oleh_id,
        "catatan": tugas.catatan,
    }


def audit_tugas(aktor, tugas: Tugas, sebelum: dict, keterangan: str) -> None:
    audit.catat(
        aktor=aktor,
        aksi=CatatanAudit.Aksi.UBAH,
        objek=tugas,
        sebelum=sebelum,
        sesudah=snapshot_tugas(tugas),
        keterangan=keterangan,
    )
