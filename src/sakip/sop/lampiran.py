"""Files a step produces: PDF, DOCX, XLSX or images, checked by extension, content and size."""

from __future__ import annotations

from pathlib import PurePath

from django.conf import settings
from django.utils.translation import gettext as _

from sakip.audit import services as audit
from sakip.audit.models import CatatanAudit

from .models import Lampiran

# extension → (MIME type, the bytes a real file of that kind starts with)
JENIS_BERKAS = {
    "pdf": ("application/pdf", (b"%PDF-",)),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (b"PK\x03\x04",),
    ),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        (b"PK\x03\x04",),
    ),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
}


class BerkasDitolak(ValueError):
    """An upload that is not an accepted document; the message says why, in Indonesian."""


def validasi_berkas(berkas) -> str:
    """Return the MIME type of an accepted upload, or raise BerkasDitolak."""
    nama = getattr(berkas, "name", "") or ""
    ext = PurePath(nama).suffix.lower().lstrip(".")
    if ext not in JENIS_BERKAS:
        raise BerkasDitolak(
            _("Berkas “%(nama)s” ditolak: hanya PDF, DOCX, XLSX, PNG atau JPG yang diterima.")
            % {"nama": nama}
        )
    batas = settings.LAMPIRAN_MAKS_MB * 1024 * 1024
    if berkas.size > batas:
        raise BerkasDitolak(
            _("Berkas “%(nama)s” terlalu besar (%(mb).1f MB); batasnya %(batas)s MB.")
            % {"nama": nama, "mb": berkas.size / 1048576, "batas": settings.LAMPIRAN_MAKS_MB}
        )
    mime, awalan = JENIS_BERKAS[ext]
    berkas.seek(0)
    kepala = berkas.read(16)
    berkas.seek(0)
    if not any(kepala.startswith(a) for a in awalan):
        raise BerkasDitolak(
            _("Berkas “%(nama)s” bukan %(jenis)s yang sah (isinya tidak sesuai ekstensinya).")
            % {"nama": nama, "jenis": ext.upper()}
        )
    return mime


def simpan_lampiran(*, tugas, berkas, aktor) -> Lampiran:
    """Store one validated file for a task; the caller's transaction holds the audit."""
    mime = validasi_berkas(berkas)
    lampiran = Lampiran(
        tugas=tugas,
        nama_asli=PurePath(berkas.name).name[:255],
        jenis_mime=mime,
        ukuran=berkas.size,
        diunggah_oleh=aktor,
    )
    lampiran.berkas.save(lampiran.nama_asli, berkas, save=False)
    lampiran.save()
    audit.catat(
        aktor=aktor,
        aksi=CatatanAudit.Aksi.TAMBAH,
        objek=lampiran,
        sesudah={"nama": lampiran.nama_asli, "ukuran": lampiran.ukuran},
        keterangan="Mengunggah lampiran",
    )
    return lampiran
