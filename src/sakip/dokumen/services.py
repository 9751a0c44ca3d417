"""Uploading, replacing and removing document templates: checked first, then one audited
transaction."""

from __future__ import annotations

from pathlib import PurePath

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from sakip.audit import services as audit
from sakip.organisasi.access import jabatan_pimpinan_ids
from sakip.organisasi.models import Instansi, Pemda
from sakip.organisasi.services import boleh_kelola_master

from .jenis import jenis_dokumen
from .models import TemplatDokumen
from .templat import MAKS_BYTE, TemplatDitolak, periksa_templat

__all__ = [
    "TemplatDitolak",
    "boleh_kelola_templat",
    "hapus_templat",
    "simpan_templat",
    "unggah_templat",
]


def boleh_kelola_templat(aktor, *, pemda_id: int | None, instansi_id: int | None) -> bool:
    """An agency's templates are its head's or secretary's; a Pemda's its administrator's."""
    if boleh_kelola_master(aktor, pemda_id):
        return True
    return instansi_id is not None and instansi_id in jabatan_pimpinan_ids(aktor)


def _pastikan_boleh(aktor, templat: TemplatDokumen) -> None:
    pemilik = [(templat.pemda_id, templat.instansi_id)]
    if templat.pk is not None:
        # Re-check the stored row too: a template is not moved out of another agency.
        pemilik += TemplatDokumen.objects.filter(pk=templat.pk).values_list("pemda", "instansi")
    for pemda_id, instansi_id in pemilik:
        if not boleh_kelola_templat(aktor, pemda_id=pemda_id, instansi_id=instansi_id):
            raise PermissionDenied(_("Anda tidak berwenang mengelola templat dokumen ini."))


def _kunci_pemilik(pemda_id: int) -> None:
    # Two uploads at once must not leave two active templates: serialise per Pemda.
    Pemda.objects.select_for_update(of=("self",)).filter(pk=pemda_id).order_by("pk").first()


def _nonaktifkan_lain(aktor, templat: TemplatDokumen) -> None:
    """Deactivate the other active template of the same owner and kind (each audited)."""
    lain = TemplatDokumen.objects.filter(
        pemda_id=templat.pemda_id, instansi_id=templat.instansi_id, jenis=templat.jenis, aktif=True
    ).exclude(pk=templat.pk)
    for lama in lain:
        lama.aktif = False
        audit.simpan_teraudit(aktor=aktor, objek=lama, keterangan="Diganti templat lain")


def _isi_unggahan(berkas) -> bytes:
    if getattr(berkas, "size", 0) and berkas.size > MAKS_BYTE:
        raise TemplatDitolak(_("Berkas lebih dari %(mb)s MB.") % {"mb": MAKS_BYTE // 1024**2})
    if hasattr(berkas, "seek"):
        berkas.seek(0)
    return berkas.read(MAKS_BYTE + 1)


def unggah_templat(
    *,
    aktor,
    instansi: Instansi | None,
    jenis: str,
    berkas,
    nama: str = "",
    pemda: Pemda | None = None,
) -> TemplatDokumen:
    """Accept an uploaded .docx as the active template of `jenis` for `instansi`.

    With `instansi=None` the template serves the whole `pemda` (its administrator only).
    Nothing is stored unless the file is a real .docx whose Jinja tags parse and use only
    the kind's variables and which renders with sample data; otherwise `TemplatDitolak`
    lists every reason. The previous active template is kept, deactivated.
    """
    pemda = instansi.pemda if instansi is not None else pemda
    if pemda is None:
        raise ValueError("unggah_templat memerlukan instansi atau pemda")
    if not boleh_kelola_templat(
        aktor, pemda_id=pemda.pk, instansi_id=instansi.pk if instansi else None
    ):
        raise PermissionDenied(_("Anda tidak berwenang mengunggah templat dokumen ini."))
    try:
        jenis_doc = jenis_dokumen(jenis)
    except LookupError as exc:
        raise TemplatDitolak(_("Jenis dokumen tidak dikenal: %(j)s") % {"j": jenis}) from exc
    nama_berkas = PurePath(getattr(berkas, "name", "") or "templat.docx").name
    isi = _isi_unggahan(berkas)
    pesan = []
    if not nama_berkas.lower().endswith(".docx"):
        pesan.append(
            _("Nama berkas harus berakhiran .docx (tertulis “%(n)s”).") % {"n": nama_berkas}
        )
    pesan += periksa_templat(isi, jenis_doc)
    if pesan:
        raise TemplatDitolak(pesan)
    pemilik = instansi.nama if instansi else pemda.nama
    templat = TemplatDokumen(
        jenis=jenis,
        pemda=pemda,
        instansi=instansi,
        nama=(nama or f"{jenis_doc.nama} {pemilik}")[:200],
        berkas=ContentFile(isi, name=f"{jenis}-{instansi.kode_unit if instansi else 'pemda'}.docx"),
        diunggah_oleh=aktor,
    )
    with transaction.atomic():
        _kunci_pemilik(pemda.pk)
        _nonaktifkan_lain(aktor, templat)
        return audit.simpan_teraudit(
            aktor=aktor, objek=templat, keterangan=f"Mengunggah templat {nama_berkas}"
        )


def simpan_templat(*, aktor, templat: TemplatDokumen) -> TemplatDokumen:
    """Save a template's name or active flag; activating one deactivates its sibling.

    The file itself is never edited: a new file is a new upload (`unggah_templat`).
    """
    with transaction.atomic():
        _pastikan_boleh(aktor, templat)
        _kunci_pemilik(templat.pemda_id)
        if templat.aktif:
            _nonaktifkan_lain(aktor, templat)
        return audit.simpan_teraudit(aktor=aktor, objek=templat)


def hapus_templat(*, aktor, templat: TemplatDokumen) -> None:
    """Delete a template (the agency falls back to its Pemda's or the built-in one).

    The file is removed only after the deletion is committed, so a rollback loses nothing.
    """
    with transaction.atomic():
        _pastikan_boleh(aktor, templat)
        berkas, nama = templat.berkas.storage, templat.berkas.name
        audit.hapus_teraudit(aktor=aktor, objek=templat)
        if nama:
            transaction.on_commit(lambda: berkas.delete(nama))
