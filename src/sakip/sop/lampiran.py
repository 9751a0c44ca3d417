"""Files a step produces: PDF, DOCX, XLSX or images, checked by extension, structure, size."""

from __future__ import annotations

from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from sakip.audit import services as audit
from sakip.audit.models import CatatanAudit
from sakip.lib.berkas import MIME, BerkasTidakSah, periksa_berkas
from sakip.lib.sidik import sha256_unggahan
from sakip.lib.teks import bersihkan_baris, nama_berkas_aman, satu_baris

from .models import Lampiran

# extension → MIME type; the content is checked by structure in sakip.lib.berkas
JENIS_BERKAS = MIME


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
    try:
        satu_baris(nama)  # the name is shown and sent back in a header
        periksa_berkas(berkas, ext)
    except ValidationError as exc:
        raise BerkasDitolak(
            _("Nama berkas “%(nama)s” ditolak: %(alasan)s")
            % {"nama": bersihkan_baris(nama), "alasan": exc.messages[0]}
        ) from exc
    except BerkasTidakSah as exc:
        raise BerkasDitolak(
            _(
                "Berkas “%(nama)s” bukan %(jenis)s yang sah "
                "(isinya tidak sesuai ekstensinya): %(alasan)s"
            )
            % {"nama": nama, "jenis": ext.upper(), "alasan": exc}
        ) from exc
    return JENIS_BERKAS[ext]


def simpan_lampiran(*, tugas, berkas, aktor) -> Lampiran:
    """Store one validated file for a task; the caller's transaction holds the audit."""
    mime = validasi_berkas(berkas)
    lampiran = Lampiran(
        tugas=tugas,
        nama_asli=nama_berkas_aman(PurePath(berkas.name).name)[:255],
        jenis_mime=mime,
        ukuran=berkas.size,
        sha256=sha256_unggahan(berkas),
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
