"""The run's document during the run: bound at the start, checked before it is handed on,
snapshotted at each review (the next reviewer sees what changed), frozen when signed.

The document itself belongs to another app; the engine reaches it only through the binder
that app registered (`sop.dokumen_terikat`) and the letters app's handler (`sop.tindakan`).
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sakip.audit import services as audit
from sakip.audit.models import CatatanAudit
from sakip.organisasi.pemangku import adalah_kepala

from .. import dokumen_terikat, tindakan
from ..kesalahan import KesalahanAlur
from ..models import Lampiran, Pelaksanaan, Peristiwa, Tugas
from .penerima import boleh_bertindak
from .peristiwa import nama_aktor


def pesan_kesalahan(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc)


def ikat_dokumen(pelaksanaan: Pelaksanaan, aktor, dokumen=None):
    """Bind the run to its document (given, found or drafted); None when there is none yet."""
    if pelaksanaan.dokumen_ct_id:
        return dokumen_terikat.dokumen_dari(pelaksanaan)
    pengikat = dokumen_terikat.pengikat_untuk(pelaksanaan.versi.definisi)
    if dokumen is None and pengikat is not None:
        try:
            dokumen = pengikat.ikat(pelaksanaan, aktor)
        except (PermissionDenied, ValidationError):
            dokumen = None  # the drafting step's holder can create it from the task page
    if dokumen is None:
        return None
    pelaksanaan.dokumen_ct = ContentType.objects.get_for_model(dokumen)
    pelaksanaan.dokumen_id = dokumen.pk
    pelaksanaan.save(update_fields=["dokumen_ct", "dokumen_id"])
    return dokumen


def siapkan_dokumen(*, aktor, pelaksanaan: Pelaksanaan):
    """A person on the run drafts (or finds) the run's document from the task page."""
    with transaction.atomic():
        pelaksanaan = Pelaksanaan.objects.select_for_update(of=("self",)).get(pk=pelaksanaan.pk)
        if pelaksanaan.selesai:
            raise KesalahanAlur(_("Pelaksanaan SOP ini sudah selesai atau dibatalkan."))
        terbuka = pelaksanaan.tugas.filter(status=Tugas.Status.TERBUKA)
        if not any(boleh_bertindak(aktor, t) for t in terbuka) and not adalah_kepala(
            aktor, pelaksanaan.instansi_id
        ):
            raise KesalahanAlur(
                _("Hanya pelaksana langkah yang sedang berjalan yang dapat melakukannya.")
            )
        dokumen = ikat_dokumen(pelaksanaan, aktor)
        if dokumen is None:
            raise KesalahanAlur(
                _("Dokumen belum dapat dibuat: data dasarnya (mis. Renstra periode ini) belum ada.")
            )
        audit.catat(
            aktor=aktor,
            aksi=CatatanAudit.Aksi.UBAH,
            objek=pelaksanaan,
            sesudah={"dokumen": str(dokumen)},
            keterangan="Mengikat dokumen pelaksanaan",
        )
    return dokumen


def ringkasan_dokumen(pelaksanaan: Pelaksanaan) -> dict[str, str] | None:
    dokumen = dokumen_terikat.dokumen_dari(pelaksanaan)
    pengikat = dokumen_terikat.pengikat_untuk(pelaksanaan.versi.definisi)
    if dokumen is None or pengikat is None:
        return None
    return pengikat.ringkasan(dokumen)


def ringkasan_lampiran(pelaksanaan: Pelaksanaan) -> dict[str, str]:
    """The run's files, one line per file name, for the reviewer's diff.

    A file attached again under the same name (a revised PDF) changes its line: the
    line names the newest upload's size, time, uploader and how many versions exist.
    """
    from sakip.lib.formatting import angka

    per_nama: dict[str, list] = {}
    for lp in (
        Lampiran.objects.filter(tugas__pelaksanaan=pelaksanaan)
        .order_by("diunggah_pada", "id")
        .select_related("diunggah_oleh", "tugas")
    ):
        per_nama.setdefault(lp.nama_asli, []).append(lp)
    hasil = {}
    for nama, versi in per_nama.items():
        lp = versi[-1]
        baris = _("%(ukuran)s byte, diunggah %(waktu)s oleh %(nama)s (langkah %(no)s)") % {
            "ukuran": angka(lp.ukuran),
            "waktu": timezone.localtime(lp.diunggah_pada).strftime("%d-%m-%Y %H.%M.%S"),
            "nama": nama_aktor(lp.diunggah_oleh),
            "no": lp.tugas.langkah_no,
        }
        if len(versi) > 1:
            baris += " · " + _("versi ke-%(n)s") % {"n": len(versi)}
        hasil[_("Lampiran: %(nama)s") % {"nama": nama}] = baris
    return hasil


def perubahan_sejak_pemeriksaan(pelaksanaan: Pelaksanaan) -> list[tuple[str, str, str]] | None:
    """What changed in the document and the run's files since its last review decision.

    None when nothing was reviewed yet (or the last review recorded neither).
    """
    terakhir = (
        pelaksanaan.peristiwa.filter(jenis__in=[Peristiwa.Jenis.SETUJU, Peristiwa.Jenis.TOLAK])
        .order_by("-waktu", "-id")
        .first()
    )
    if terakhir is None:
        return None
    hasil = None
    sekarang = ringkasan_dokumen(pelaksanaan)
    if sekarang is not None and "ringkasan" in terakhir.data:
        hasil = dokumen_terikat.perubahan(terakhir.data["ringkasan"], sekarang)
    if "berkas" in terakhir.data:  # reviews before files were recorded have no baseline
        berkas = dokumen_terikat.perubahan(terakhir.data["berkas"], ringkasan_lampiran(pelaksanaan))
        hasil = (hasil or []) + berkas
    return hasil


def menyerahkan_dokumen(pelaksanaan: Pelaksanaan, no: int) -> bool:
    """Does completing process step `no` hand the document on — to a review, a paraf or a
    signature (the drafter's step), or is it the signing itself? Then it must be complete."""
    langkah = pelaksanaan.versi.langkah
    if langkah[no - 1].get("tindakan") == "tanda_tangan":
        return True
    if no >= len(langkah):
        return False
    berikut = langkah[no]
    return bool(berikut.get("keputusan")) or berikut.get("tindakan") in ("paraf", "tanda_tangan")


def periksa_passphrase(pelaksanaan, tugas, aktor, passphrase: str) -> None:
    """Open the signer's key before anything is frozen or numbered: a wrong passphrase
    raises PassphraseSalah (shown at the passphrase field), never a document error."""
    penangan = tindakan.penangan()
    if penangan is None or not hasattr(penangan, "periksa_passphrase"):
        return
    try:
        penangan.periksa_passphrase(pelaksanaan, tugas, aktor, passphrase)
    except (ValidationError, PermissionDenied) as exc:
        if isinstance(exc, KesalahanAlur):
            raise  # sakip.surat.tte.PassphraseSalah: the form marks the passphrase field
        raise KesalahanAlur(pesan_kesalahan(exc)) from exc


def jalankan_tindakan(pelaksanaan, tugas, langkah: dict, aktor, passphrase: str) -> dict | None:
    """The letters app's part of a step (paraf, TTE, number, send, archive), if any."""
    aksi = langkah.get("tindakan")
    penangan = tindakan.penangan()
    if not aksi or penangan is None:
        return None
    try:
        return penangan.jalankan(aksi, pelaksanaan, tugas, aktor, passphrase=passphrase) or None
    except (ValidationError, PermissionDenied) as exc:
        if isinstance(exc, KesalahanAlur):
            raise  # PassphraseSalah, DokumenBelumLengkap: kept as they are for the form
        raise KesalahanAlur(pesan_kesalahan(exc)) from exc


def perlu_passphrase(tugas: Tugas, aktor) -> bool:
    """Does completing/approving this task sign a PDF electronically (ask the passphrase)?"""
    langkah = tugas.pelaksanaan.versi.langkah_ke(tugas.langkah_no)
    penangan = tindakan.penangan()
    if langkah.get("tindakan") != "tanda_tangan" or penangan is None:
        return False
    return penangan.perlu_passphrase(tugas.pelaksanaan, tugas, aktor)


def tanda_tangani_dokumen(pelaksanaan: Pelaksanaan, aktor) -> dict | None:
    """Freeze the run's document at the signing step; a refusal stops the step."""
    dokumen = dokumen_terikat.dokumen_dari(pelaksanaan)
    pengikat = dokumen_terikat.pengikat_untuk(pelaksanaan.versi.definisi)
    if dokumen is None or pengikat is None:
        return None
    try:
        pengikat.tanda_tangan(dokumen, aktor, timezone.localdate())
    except (ValidationError, PermissionDenied) as exc:
        raise KesalahanAlur(pesan_kesalahan(exc)) from exc
    return pengikat.ringkasan(dokumen)
