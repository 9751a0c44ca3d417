"""Outgoing letters: the draft carrying a document, the letter typed on the agenda page,
its number and agenda entry (gap-free, `penomoran`), and cancelling it."""

from __future__ import annotations

import datetime
from pathlib import PurePath

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sakip.audit.models import CatatanAudit
from sakip.organisasi.models import Instansi

from ..models import PengaturanSurat, Surat, Urutan
from ..penomoran import format_nomor, naikkan, periksa_pola
from .pengaturan import boleh_atur, pengaturan
from .umum import (
    _catat,
    _klasifikasi,
    _kunci_surat,
    _pastikan_boleh_tulis,
    _pdf,
    _snapshot,
    _wajib,
    hari_ini,
    validasi_scan,
)

# Statuses after which a letter has left the building and can no longer be cancelled.
TIDAK_DAPAT_BATAL = (Surat.Status.DIKIRIM, Surat.Status.DIARSIPKAN)


# ---------------------------------------------------------------- outgoing letters


def naskah_keluar(
    *,
    aktor,
    instansi: Instansi,
    perihal: str,
    kode_klasifikasi: str | None = None,
    dokumen=None,
    pelaksanaan=None,
    tujuan: str = "",
    berkas: bytes | None = None,
    nama_berkas: str = "",
) -> Surat:
    """The outgoing letter carrying `dokumen` (one per document, not cancelled), or, with no
    document, the one letter of `pelaksanaan`; else a new draft typed by hand. Calling it
    again returns the same letter; a new `berkas` replaces the unsigned PDF while the letter
    is not yet signed."""
    _pastikan_boleh_tulis(aktor, instansi.pk)
    perihal = _wajib(perihal, _("Perihal"), satu=True)
    klasifikasi = _klasifikasi(kode_klasifikasi)
    if berkas is not None:
        _pdf(berkas)
    ct = ContentType.objects.get_for_model(dokumen._meta.model) if dokumen is not None else None
    with transaction.atomic():
        surat = None
        if dokumen is not None:
            surat = _naskah_dokumen(ct, dokumen.pk)
        elif pelaksanaan is not None:
            surat = _naskah_pelaksanaan(pelaksanaan)
        if surat is None:
            surat = Surat(
                instansi=instansi,
                arah=Surat.Arah.KELUAR,
                status=Surat.Status.DRAF,
                perihal=perihal[:500],
                tujuan=(tujuan or "").strip()[:500],
                klasifikasi=klasifikasi,
                dokumen_ct=ct,
                dokumen_id=dokumen.pk if dokumen is not None else None,
                pelaksanaan=pelaksanaan,
                dibuat_oleh=aktor if getattr(aktor, "is_authenticated", False) else None,
            )
            try:
                with transaction.atomic():
                    surat.save()
            except IntegrityError:
                # A concurrent call made the document's letter first: use that one.
                surat = _naskah_dokumen(ct, dokumen.pk) if dokumen is not None else None
                if surat is None:
                    raise
            else:
                if berkas is not None:
                    _simpan_berkas(surat, berkas, nama_berkas)
                _catat(aktor, CatatanAudit.Aksi.TAMBAH, surat, None, "Membuat naskah surat keluar")
                return surat
        return _perbarui_naskah(aktor, surat, klasifikasi, pelaksanaan, berkas, nama_berkas)


def _naskah_dokumen(ct, dokumen_id) -> Surat | None:
    return (
        Surat.objects.select_for_update(of=("self",))
        .filter(arah=Surat.Arah.KELUAR, dokumen_ct=ct, dokumen_id=dokumen_id)
        .exclude(status=Surat.Status.BATAL)
        .first()
    )


def _naskah_pelaksanaan(pelaksanaan) -> Surat | None:
    """A run without a bound document carries one letter too (the run's PDF attachment)."""
    from sakip.sop.models import Pelaksanaan

    # The run's row serialises two steps of the same run asking at once.
    Pelaksanaan.objects.select_for_update().filter(pk=pelaksanaan.pk).first()
    return (
        Surat.objects.select_for_update(of=("self",))
        .filter(arah=Surat.Arah.KELUAR, pelaksanaan=pelaksanaan, dokumen_id__isnull=True)
        .exclude(status=Surat.Status.BATAL)
        .order_by("id")
        .first()
    )


def _perbarui_naskah(aktor, surat, klasifikasi, pelaksanaan, berkas, nama_berkas) -> Surat:
    """Fill what the existing letter lacks; a signed letter's file is never replaced."""
    sebelum = _snapshot(surat)
    ubah = []
    if klasifikasi is not None and surat.klasifikasi_id is None:
        surat.klasifikasi = klasifikasi
        ubah.append("klasifikasi")
    if pelaksanaan is not None and surat.pelaksanaan_id is None:
        surat.pelaksanaan = pelaksanaan
        ubah.append("pelaksanaan")
    if ubah:
        surat.save(update_fields=ubah)
    if berkas is not None and not surat.berkas_ttd:
        _simpan_berkas(surat, berkas, nama_berkas)
        ubah.append("berkas")
    if ubah:
        _catat(aktor, CatatanAudit.Aksi.UBAH, surat, sebelum, "Memperbarui naskah surat keluar")
    return surat


def _simpan_berkas(surat: Surat, isi: bytes, nama: str) -> None:
    nama = PurePath(nama or "").name or f"surat-{surat.pk}.pdf"
    if not nama.lower().endswith(".pdf"):
        nama += ".pdf"
    surat.berkas.save(nama, ContentFile(isi), save=False)
    surat.save(update_fields=["berkas"])


def buat_surat_keluar(
    *,
    aktor,
    instansi: Instansi,
    perihal: str,
    tujuan: str,
    kode_klasifikasi: str,
    tanggal: datetime.date | None = None,
    lampiran: str = "",
    keterangan: str = "",
    berkas=None,
    beri_nomor_sekarang: bool = True,
) -> Surat:
    """A letter typed on the agenda page (not made by an SOP), numbered at once by default."""
    _pastikan_boleh_tulis(aktor, instansi.pk)
    _wajib(perihal, _("Perihal"), satu=True)
    _wajib(tujuan, _("Tujuan"), satu=True)
    if not (kode_klasifikasi or "").strip():
        raise ValidationError(_("Pilih kode klasifikasi surat."))
    isi = None
    if berkas is not None:
        validasi_scan(berkas)
        berkas.seek(0)
        isi = _pdf(berkas.read())
    with transaction.atomic():
        # The agency row serialises hand-typed letters: a double submit finds the first.
        Instansi.objects.select_for_update().filter(pk=instansi.pk).first()
        kembar = (
            Surat.objects.filter(
                instansi=instansi,
                arah=Surat.Arah.KELUAR,
                dokumen_id__isnull=True,
                perihal=perihal.strip(),
                tujuan=tujuan.strip(),
                dibuat_oleh=aktor,
                dibuat_pada__gte=timezone.now() - datetime.timedelta(minutes=2),
            )
            .exclude(status=Surat.Status.BATAL)
            .first()
        )
        if kembar is not None:
            return kembar
        surat = naskah_keluar(
            aktor=aktor,
            instansi=instansi,
            perihal=perihal,
            kode_klasifikasi=kode_klasifikasi,
            tujuan=tujuan,
            berkas=isi,
            nama_berkas=getattr(berkas, "name", ""),
        )
        if lampiran or keterangan:
            surat.lampiran = (lampiran or "").strip()[:120]
            surat.keterangan = (keterangan or "").strip()
            surat.save(update_fields=["lampiran", "keterangan"])
        if beri_nomor_sekarang:
            surat = beri_nomor(aktor=aktor, surat=surat, tanggal=tanggal)
    return surat


def tahun_berjalan() -> set[int]:
    """The years anyone may date a letter in: this year. One place, so the suite's letters
    written with 2026 dates keep that year after New Year (surat/tests/conftest.py)."""
    return {hari_ini().year}


def _pastikan_tahun_berjalan(aktor, surat: Surat, tanggal: datetime.date) -> None:
    """A letter is dated in the current year (Asia/Jakarta): its year is in its number and
    opens a sequence. Another year (a late letter of December numbered in January) is for
    those who may set the agency's numbering (`boleh_atur`: head, secretary, Kasubag
    Umum who keeps the agenda, the Pemda administrator); the system (None) dates today."""
    tahun = hari_ini().year
    if tanggal.year in tahun_berjalan() or aktor is None or boleh_atur(aktor, surat.instansi):
        return
    raise ValidationError(
        _(
            "Tanggal surat harus dalam tahun %(tahun)s. Surat bertanggal tahun lain hanya "
            "dapat diberi nomor oleh pimpinan, Kasubag Umum, atau administrator Pemda."
        )
        % {"tahun": tahun}
    )


def beri_nomor(*, aktor, surat: Surat, tanggal: datetime.date | None = None) -> Surat:
    """Give an outgoing letter its number and its agenda entry, under row locks.

    Idempotent: a letter that has its number is returned unchanged. The sequence counts
    per agency per calendar year (and per classification code when the agency says so).

    Locks in one order, so two calls never deadlock: the letter, the number counter, the
    agenda counter (then the audit chain's head, in `_catat`). Every number of an agency
    waits from its counter update to its commit for the one before, so everything that
    does not need the number is done before the counter is taken.
    """
    _pastikan_boleh_tulis(aktor, surat.instansi_id)
    with transaction.atomic():
        surat = _kunci_surat_nomor(surat.pk)
        if surat.nomor_urut is not None:
            return surat
        if surat.arah != Surat.Arah.KELUAR:
            raise ValidationError(_("Hanya surat keluar yang diberi nomor dari pola instansi."))
        if surat.status == Surat.Status.BATAL:
            raise ValidationError(_("Surat yang dibatalkan tidak diberi nomor."))
        if surat.klasifikasi_id is None:
            raise ValidationError(_("Pilih kode klasifikasi surat sebelum mengambil nomor."))
        tanggal = tanggal or hari_ini()
        _pastikan_tahun_berjalan(aktor, surat, tanggal)
        atur = _pengaturan_dimuat(surat.instansi)
        periksa_pola(atur.pola_nomor)  # a bad pattern fails before any counter is locked
        kode = surat.klasifikasi.kode
        sebelum = _snapshot(surat)
        # ---- from here to the commit, every other number of the agency waits
        nomor = naikkan(
            instansi_id=surat.instansi_id,
            jenis=Urutan.Jenis.NOMOR_SURAT,
            tahun=tanggal.year,
            kode=kode if atur.urut_per_klasifikasi else "",
        )
        agenda = naikkan(
            instansi_id=surat.instansi_id, jenis=Urutan.Jenis.AGENDA_KELUAR, tahun=tanggal.year
        )
        surat.nomor_surat = format_nomor(
            atur.pola_nomor, kode=kode, nomor=nomor, unit=surat.instansi.kode_unit, tanggal=tanggal
        )
        surat.nomor_urut = nomor
        surat.tahun_nomor = tanggal.year
        surat.tanggal_surat = tanggal
        surat.nomor_agenda = agenda
        surat.tanggal_agenda = tanggal
        if surat.status == Surat.Status.DRAF:
            surat.status = Surat.Status.BERNOMOR
        try:
            surat.save(update_fields=KOLOM_NOMOR)
        except IntegrityError as exc:
            # Only a pattern changed mid-year can collide (nomor_surat_keluar_unik); the
            # whole take is rolled back with this block, counters included.
            if not _nomor_bentrok(exc):
                raise
            raise ValidationError(
                _("Nomor %(nomor)s sudah dipakai surat lain; periksa pola nomor instansi.")
                % {"nomor": surat.nomor_surat}
            ) from None
        _catat(aktor, CatatanAudit.Aksi.UBAH, surat, sebelum, "Memberi nomor surat keluar")
    return surat


# What numbering writes: saved alone, not every column of the letter.
KOLOM_NOMOR = [
    "nomor_surat",
    "nomor_urut",
    "tahun_nomor",
    "tanggal_surat",
    "nomor_agenda",
    "tanggal_agenda",
    "status",
]


def _kunci_surat_nomor(pk: int) -> Surat:
    """The letter under its row lock with what numbering reads — its agency, the agency's
    numbering settings and the classification — in one query."""
    return (
        Surat.objects.select_for_update(of=("self",))
        .select_related("instansi__pengaturan_surat", "klasifikasi")
        .get(pk=pk)
    )


def _pengaturan_dimuat(instansi: Instansi) -> PengaturanSurat:
    """The settings loaded with the letter; created with the defaults on first use."""
    try:
        return instansi.pengaturan_surat
    except PengaturanSurat.DoesNotExist:
        return pengaturan(instansi)


def _nomor_bentrok(exc: IntegrityError) -> bool:
    """The letter number is taken (PostgreSQL names the constraint, SQLite its columns)."""
    teks = str(exc)
    return "nomor_surat_keluar_unik" in teks or "surat_surat.nomor_surat" in teks


def batalkan(*, aktor, surat: Surat, alasan: str) -> Surat:
    """Cancel a letter: it keeps its number and agenda entry, marked "batal" with the reason."""
    _pastikan_boleh_tulis(aktor, surat.instansi_id)
    alasan = _wajib(alasan, _("Alasan pembatalan"))
    with transaction.atomic():
        surat = _kunci_surat(surat)
        if surat.status == Surat.Status.BATAL:
            return surat
        if surat.status in TIDAK_DAPAT_BATAL:
            raise ValidationError(
                _("Surat berstatus “%(s)s” tidak dapat dibatalkan.")
                % {"s": surat.get_status_display()}
            )
        sebelum = _snapshot(surat)
        surat.status = Surat.Status.BATAL
        surat.alasan_batal = alasan
        surat.save(update_fields=["status", "alasan_batal"])
        _catat(aktor, CatatanAudit.Aksi.UBAH, surat, sebelum, "Membatalkan surat")
    return surat
