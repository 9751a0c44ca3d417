"""Reports: drafted from data, narrative written by people, reviewed, frozen at signing."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sakip.audit import services as audit
from sakip.audit.models import CatatanAudit
from sakip.organisasi.models import Instansi

from .models import KomentarLaporan, Laporan

BAGIAN_NARASI = ("kata_pengantar", "ikhtisar", "pendahuluan", "isu_strategis", "penutup")


class AturanLaporan(ValidationError):
    """A report rule refusing an action; the message is for the user."""


def _boleh_ubah(aktor, instansi_id: int) -> bool:
    return (
        aktor is not None
        and Instansi.objects.for_user(aktor, ubah=True).filter(pk=instansi_id).exists()
    )


def siapkan_laporan(
    *, aktor, instansi: Instansi, jenis: str, tahun: int, periode: int = 0
) -> Laporan:
    """The report of a kind and period (created once; asking again returns it).

    `aktor` None: the schedule's run drafts it on the system's behalf.
    """
    if jenis not in Laporan.Jenis.values:
        raise AturanLaporan(_("Jenis laporan tidak dikenal."))
    if aktor is not None and not _boleh_ubah(aktor, instansi.pk):
        raise PermissionDenied(_("Anda tidak berwenang menyusun laporan instansi ini."))
    if jenis == Laporan.Jenis.BULANAN and not 1 <= periode <= 12:
        raise AturanLaporan(_("Laporan bulanan memerlukan bulan 1–12."))
    if jenis == Laporan.Jenis.SEMESTERAN and periode not in (1, 2):
        raise AturanLaporan(_("Laporan semesteran memerlukan semester 1 atau 2."))
    if jenis not in (Laporan.Jenis.BULANAN, Laporan.Jenis.SEMESTERAN):
        periode = 0
    with transaction.atomic():
        laporan, dibuat = Laporan.objects.get_or_create(
            instansi=instansi, jenis=jenis, tahun=tahun, periode=periode
        )
        if dibuat:
            audit.catat(
                aktor=aktor,
                aksi=CatatanAudit.Aksi.TAMBAH,
                objek=laporan,
                sesudah={"jenis": jenis, "tahun": tahun, "periode": periode},
                keterangan="Menyiapkan draf laporan",
            )
    return laporan


def _pastikan_draf(laporan: Laporan) -> None:
    if laporan.status != Laporan.Status.DRAF:
        raise AturanLaporan(_("Laporan ini sudah ditandatangani dan tidak dapat diubah."))


def simpan_narasi(*, aktor, laporan: Laporan, kunci: str, teks: str) -> Laporan:
    """Write one section of the narrative (or an indicator's analysis, `analisis:<kode>`)."""
    if not _boleh_ubah(aktor, laporan.instansi_id):
        raise PermissionDenied(_("Anda tidak berwenang menyusun laporan instansi ini."))
    if kunci not in BAGIAN_NARASI and not kunci.startswith("analisis:"):
        raise AturanLaporan(_("Bagian laporan tidak dikenal."))
    with transaction.atomic():
        laporan = Laporan.objects.select_for_update(of=("self",)).get(pk=laporan.pk)
        _pastikan_draf(laporan)
        lama = laporan.narasi.get(kunci, "")
        teks = (teks or "").strip()
        if lama == teks:
            return laporan
        laporan.narasi = {**laporan.narasi, kunci: teks}
        laporan.save(update_fields=["narasi"])
        audit.catat(
            aktor=aktor,
            aksi=CatatanAudit.Aksi.UBAH,
            objek=laporan,
            sebelum={kunci: lama},
            sesudah={kunci: teks},
            keterangan="Menulis narasi laporan",
        )
    return laporan


def komentari(*, aktor, laporan: Laporan, isi: str, bagian: str = "") -> KomentarLaporan:
    """A reviewer comments on the draft (shown to the writer until marked handled)."""
    isi = (isi or "").strip()
    if not isi:
        raise AturanLaporan(_("Tulis komentarnya."))
    if not _boleh_ubah(aktor, laporan.instansi_id):
        raise PermissionDenied(_("Anda tidak berwenang mengomentari laporan instansi ini."))
    with transaction.atomic():
        k = KomentarLaporan(laporan=laporan, bagian=bagian[:100], isi=isi, penulis=aktor)
        return audit.simpan_teraudit(aktor=aktor, objek=k)


def tandai_komentar(*, aktor, komentar: KomentarLaporan) -> KomentarLaporan:
    if not _boleh_ubah(aktor, komentar.laporan.instansi_id):
        raise PermissionDenied(_("Anda tidak berwenang."))
    with transaction.atomic():
        komentar.selesai = True
        return audit.simpan_teraudit(aktor=aktor, objek=komentar)


def tandatangani_laporan(*, aktor, laporan: Laporan) -> Laporan:
    """Freeze the report: the data as it stands, the narrative, and its PDF and DOCX."""
    from .data import data_laporan

    with transaction.atomic():
        laporan = Laporan.objects.select_for_update(of=("self",)).get(pk=laporan.pk)
        if laporan.status == Laporan.Status.DITANDATANGANI:
            return laporan  # the signing step completed twice
        if not _boleh_ubah(aktor, laporan.instansi_id):
            raise PermissionDenied(_("Anda tidak berwenang menandatangani laporan ini."))
        laporan.bekukan(data_laporan(laporan))
        laporan.tandai_ditandatangani(oleh=aktor)
        _simpan_berkas(laporan)
        laporan.save()
        audit.catat(
            aktor=aktor,
            aksi=CatatanAudit.Aksi.UBAH,
            objek=laporan,
            sebelum={"status": Laporan.Status.DRAF},
            sesudah={"status": laporan.status},
            keterangan="Menandatangani laporan (dibekukan)",
        )
    return laporan


def _simpan_berkas(laporan: Laporan) -> None:
    """Render the signed report once and keep the files with it."""
    from . import dokumen

    nama = f"{laporan.jenis}-{laporan.instansi.kode_unit}-{laporan.tahun}-{laporan.periode}"
    laporan.simpan_berkas(
        nama, pdf=dokumen.laporan_pdf(laporan), docx=dokumen.laporan_docx(laporan)
    )
