"""Every change to the agenda book: outgoing letters and their numbers, incoming letters
and their dispositions (docs/domain.md §11).

One function per use case, keyword-only `aktor`, one transaction, one audit record.
Numbers come from gap-free counters locked for the transaction (see `penomoran`): a
number once given is never given again, and a cancelled letter keeps its number.
Bad input raises ValidationError (Indonesian), a user outside the agency
PermissionDenied; nothing is half-written.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable, Mapping
from pathlib import PurePath
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sakip.audit import services as audit
from sakip.audit.models import CatatanAudit
from sakip.notifikasi import services as notifikasi
from sakip.organisasi.access import jabatan_pimpinan_ids
from sakip.organisasi.models import Instansi, Jabatan, PemetaanPelaksana

from .models import POLA_BAKU, Disposisi, KodeKlasifikasi, PengaturanSurat, Surat, Urutan
from .penomoran import ambil_nomor, format_nomor, kunci_urutan, periksa_pola

__all__ = [
    "INSTRUKSI_BAKU",
    "batalkan",
    "beri_nomor",
    "boleh_atur",
    "boleh_tulis",
    "cari_agenda",
    "daftarkan_surat_masuk",
    "disposisi_untuk",
    "disposisikan",
    "format_nomor",
    "hari_ini",
    "jabatan_dipegang_ids",
    "mulai_sop_dari_disposisi",
    "naskah_keluar",
    "pengaturan",
    "simpan_pengaturan",
    "tanggapi_disposisi",
]

ZONA = ZoneInfo("Asia/Jakarta")
# The checkboxes of the usual lembar disposisi; free text goes in `catatan`.
INSTRUKSI_BAKU = (
    "Untuk diketahui",
    "Untuk ditindaklanjuti",
    "Proses lebih lanjut",
    "Koordinasikan",
    "Siapkan bahan/jawaban",
    "Hadiri/wakili",
    "Arsipkan",
)
# The scan of an incoming letter: a PDF or a photo of the paper.
JENIS_SCAN = ("pdf", "jpg", "jpeg", "png")
# Statuses after which a letter has left the building and can no longer be cancelled.
TIDAK_DAPAT_BATAL = (Surat.Status.DIKIRIM, Surat.Status.DIARSIPKAN)


def hari_ini() -> datetime.date:
    """Today in Riau (docs/domain.md §5: Asia/Jakarta), whatever the server's zone."""
    return timezone.localdate(timezone=ZONA)


# ---------------------------------------------------------------- who may do what


def boleh_tulis(aktor, instansi_id: int) -> bool:
    """The agency's own staff (and Pemda administrators); never evaluators or outsiders."""
    return Instansi.objects.for_user(aktor, ubah=True).filter(pk=instansi_id).exists()


def _pastikan_boleh_tulis(aktor, instansi_id: int) -> None:
    # aktor None is the system (a scheduled SOP step); people are checked.
    if aktor is not None and not boleh_tulis(aktor, instansi_id):
        raise PermissionDenied(_("Anda tidak berwenang mengubah surat instansi ini."))


def jabatan_dipegang_ids(user) -> set[int]:
    """Positions `user` holds today (definitive, Plt, Plh), as the SOP engine counts them."""
    from sakip.sop import engine  # late: the SOP integration imports this module

    return engine.jabatan_dipegang_ids(user, hari_ini())


def boleh_atur(user, instansi: Instansi) -> bool:
    """Numbering settings: the head or secretary, a Kasubag of the agency (Kasubag Umum
    keeps the agenda), or the Pemda's administrator."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    if user.peran == user.Peran.ADMIN_PEMDA:
        return user.pemda_id == instansi.pemda_id
    if user.peran != user.Peran.PEGAWAI or not boleh_tulis(user, instansi.pk):
        return False
    if instansi.pk in jabatan_pimpinan_ids(user):
        return True
    dipegang = jabatan_dipegang_ids(user)
    kasubag = Jabatan.objects.filter(instansi=instansi, pk__in=dipegang).filter(
        Q(nama__istartswith="Kasubag")
        | Q(
            pk__in=PemetaanPelaksana.objects.filter(
                instansi=instansi, nama_pelaksana__iexact="Kasubag Umum"
            ).values("jabatan_id")
        )
    )
    return kasubag.exists()


# ---------------------------------------------------------------- settings


def pengaturan(instansi: Instansi) -> PengaturanSurat:
    """The agency's numbering settings, created with the defaults on first use."""
    hasil, _dibuat = PengaturanSurat.objects.get_or_create(
        instansi=instansi, defaults={"pola_nomor": POLA_BAKU}
    )
    return hasil


def simpan_pengaturan(
    *, aktor, instansi: Instansi, pola_nomor: str, urut_per_klasifikasi: bool
) -> PengaturanSurat:
    """Save the pattern after it rendered a sample; counters are untouched (no reuse)."""
    if aktor is not None and not boleh_atur(aktor, instansi):
        raise PermissionDenied(_("Anda tidak berwenang mengatur penomoran surat instansi ini."))
    pola_nomor = (pola_nomor or "").strip()
    periksa_pola(pola_nomor)
    if urut_per_klasifikasi and "{kode" not in pola_nomor:
        raise ValidationError(
            _(
                "Nomor urut per kode klasifikasi memerlukan isian {kode} pada pola, agar nomor "
                "dua kode berbeda tidak sama."
            )
        )
    format_nomor(pola_nomor, kode="000", nomor=1, unit=instansi.kode_unit, tanggal=hari_ini())
    with transaction.atomic():
        p = pengaturan(instansi)
        p = PengaturanSurat.objects.select_for_update().get(pk=p.pk)
        sebelum = _snapshot(p)
        p.pola_nomor = pola_nomor
        p.urut_per_klasifikasi = bool(urut_per_klasifikasi)
        p.full_clean()
        p.save()
        audit.catat(
            aktor=aktor,
            aksi=CatatanAudit.Aksi.UBAH,
            objek=p,
            sebelum=sebelum,
            sesudah=_snapshot(p),
            keterangan="Mengubah pola nomor surat",
        )
    return p


# ---------------------------------------------------------------- helpers


def _klasifikasi(kode: str | None) -> KodeKlasifikasi | None:
    kode = (kode or "").strip()
    if not kode:
        return None
    k = KodeKlasifikasi.objects.filter(kode=kode).first()
    if k is None:
        raise ValidationError(
            _("Kode klasifikasi “%(kode)s” tidak dikenal (Permendagri 83/2022).") % {"kode": kode}
        )
    return k


def _kunci_surat(surat: Surat) -> Surat:
    """Re-read the letter under a row lock: the state we act on is the current one."""
    return Surat.objects.select_for_update(of=("self",)).select_related("instansi").get(pk=surat.pk)


def _tautan(surat: Surat) -> str:
    return reverse("surat:detail", args=[surat.pk])


def _snapshot(obj) -> dict:
    """audit.snapshot, with UUIDs (Surat.kode_verifikasi) as text so the log is JSON."""
    return {k: str(v) if isinstance(v, uuid.UUID) else v for k, v in audit.snapshot(obj).items()}


def _catat(aktor, aksi, objek, sebelum, keterangan: str) -> None:
    audit.catat(
        aktor=aktor,
        aksi=aksi,
        objek=objek,
        sebelum=sebelum,
        sesudah=_snapshot(objek),
        keterangan=keterangan,
    )


def _wajib(nilai: str, label: str) -> str:
    nilai = (nilai or "").strip()
    if not nilai:
        raise ValidationError(_("%(label)s wajib diisi.") % {"label": label})
    return nilai


def _pdf(isi: bytes) -> bytes:
    if not isi.startswith(b"%PDF-"):
        raise ValidationError(_("Berkas naskah surat keluar harus PDF."))
    return isi


def validasi_scan(berkas) -> None:
    """The scan of an incoming letter: PDF, JPG or PNG, checked by content and size."""
    from sakip.sop.lampiran import BerkasDitolak, validasi_berkas

    nama = getattr(berkas, "name", "") or ""
    if PurePath(nama).suffix.lower().lstrip(".") not in JENIS_SCAN:
        raise ValidationError(
            _("Berkas “%(nama)s” ditolak: pindaian surat harus PDF, JPG atau PNG.") % {"nama": nama}
        )
    try:
        validasi_berkas(berkas)
    except BerkasDitolak as exc:
        raise ValidationError(str(exc)) from exc


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
    perihal = _wajib(perihal, _("Perihal"))
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
    _wajib(tujuan, _("Tujuan"))
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


def beri_nomor(*, aktor, surat: Surat, tanggal: datetime.date | None = None) -> Surat:
    """Give an outgoing letter its number and its agenda entry, under row locks.

    Idempotent: a letter that has its number is returned unchanged. The sequence counts
    per agency per calendar year (and per classification code when the agency says so).
    """
    _pastikan_boleh_tulis(aktor, surat.instansi_id)
    with transaction.atomic():
        surat = _kunci_surat(surat)
        if surat.nomor_urut is not None:
            return surat
        if surat.arah != Surat.Arah.KELUAR:
            raise ValidationError(_("Hanya surat keluar yang diberi nomor dari pola instansi."))
        if surat.status == Surat.Status.BATAL:
            raise ValidationError(_("Surat yang dibatalkan tidak diberi nomor."))
        if surat.klasifikasi_id is None:
            raise ValidationError(_("Pilih kode klasifikasi surat sebelum mengambil nomor."))
        tanggal = tanggal or hari_ini()
        atur = pengaturan(surat.instansi)
        kode = surat.klasifikasi.kode
        sebelum = _snapshot(surat)
        urutan = kunci_urutan(
            instansi_id=surat.instansi_id,
            jenis=Urutan.Jenis.NOMOR_SURAT,
            tahun=tanggal.year,
            kode=kode if atur.urut_per_klasifikasi else "",
        )
        agenda = kunci_urutan(
            instansi_id=surat.instansi_id, jenis=Urutan.Jenis.AGENDA_KELUAR, tahun=tanggal.year
        )
        nomor = ambil_nomor(urutan)
        surat.nomor_surat = format_nomor(
            atur.pola_nomor, kode=kode, nomor=nomor, unit=surat.instansi.kode_unit, tanggal=tanggal
        )
        if Surat.objects.filter(
            instansi_id=surat.instansi_id, arah=Surat.Arah.KELUAR, nomor_surat=surat.nomor_surat
        ).exists():
            # Only a pattern changed mid-year can collide; the whole take is rolled back.
            raise ValidationError(
                _("Nomor %(nomor)s sudah dipakai surat lain; periksa pola nomor instansi.")
                % {"nomor": surat.nomor_surat}
            )
        surat.nomor_urut = nomor
        surat.tahun_nomor = tanggal.year
        surat.tanggal_surat = tanggal
        surat.nomor_agenda = ambil_nomor(agenda)
        surat.tanggal_agenda = tanggal
        if surat.status == Surat.Status.DRAF:
            surat.status = Surat.Status.BERNOMOR
        surat.save()
        _catat(aktor, CatatanAudit.Aksi.UBAH, surat, sebelum, "Memberi nomor surat keluar")
    return surat


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


# ---------------------------------------------------------------- incoming letters


def daftarkan_surat_masuk(
    *,
    aktor,
    instansi: Instansi,
    asal: str,
    nomor_surat: str,
    tanggal_surat: datetime.date,
    perihal: str,
    diterima_pada: datetime.date | None = None,
    sifat: str = "biasa",
    lampiran: str = "",
    kode_klasifikasi: str | None = None,
    keterangan: str = "",
    berkas=None,
) -> Surat:
    """Register an incoming letter (with its scan) under the next incoming agenda number.

    Registering the same letter again (same sender, number and date) returns the entry
    already made, so a double submit is harmless.
    """
    _pastikan_boleh_tulis(aktor, instansi.pk)
    asal = _wajib(asal, _("Asal surat"))
    nomor_surat = _wajib(nomor_surat, _("Nomor surat"))
    perihal = _wajib(perihal, _("Perihal"))
    if tanggal_surat is None:
        raise ValidationError(_("Tanggal surat wajib diisi."))
    diterima_pada = diterima_pada or hari_ini()
    if tanggal_surat > diterima_pada:
        raise ValidationError(_("Tanggal surat tidak boleh setelah tanggal diterima."))
    if sifat not in Surat.Sifat.values:
        raise ValidationError(_("Sifat surat “%(s)s” tidak dikenal.") % {"s": sifat})
    klasifikasi = _klasifikasi(kode_klasifikasi)
    if berkas is not None:
        validasi_scan(berkas)
    with transaction.atomic():
        agenda = kunci_urutan(
            instansi_id=instansi.pk, jenis=Urutan.Jenis.AGENDA_MASUK, tahun=diterima_pada.year
        )
        # Checked under the counter's lock: a concurrent double submit waits, then finds it.
        ada = (
            Surat.objects.filter(
                instansi=instansi,
                arah=Surat.Arah.MASUK,
                asal__iexact=asal,
                nomor_surat=nomor_surat,
                tanggal_surat=tanggal_surat,
            )
            .exclude(status=Surat.Status.BATAL)
            .first()
        )
        if ada is not None:
            return ada
        surat = Surat(
            instansi=instansi,
            arah=Surat.Arah.MASUK,
            status=Surat.Status.DITERIMA,
            asal=asal[:250],
            nomor_surat=nomor_surat[:120],
            tanggal_surat=tanggal_surat,
            perihal=perihal[:500],
            diterima_pada=diterima_pada,
            sifat=sifat,
            lampiran=(lampiran or "").strip()[:120],
            klasifikasi=klasifikasi,
            keterangan=(keterangan or "").strip(),
            nomor_agenda=ambil_nomor(agenda),
            tanggal_agenda=diterima_pada,
            tahun_nomor=diterima_pada.year,
            dibuat_oleh=aktor if getattr(aktor, "is_authenticated", False) else None,
        )
        if berkas is not None:
            berkas.seek(0)
            surat.berkas.save(PurePath(berkas.name).name, berkas, save=False)
        surat.save()
        _catat(aktor, CatatanAudit.Aksi.TAMBAH, surat, None, "Mendaftarkan surat masuk")
    return surat


# ---------------------------------------------------------------- dispositions


def _jabatan_pendisposisi(aktor, surat: Surat, induk: Disposisi | None) -> Jabatan:
    """The position the disposer acts from: the one the parent disposition reached, else
    the highest position the disposer holds in the letter's agency."""
    dipegang = jabatan_dipegang_ids(aktor)
    if induk is not None:
        if induk.surat_id != surat.pk:
            raise ValidationError(_("Disposisi induk bukan disposisi surat ini."))
        if induk.kepada_id not in dipegang:
            raise PermissionDenied(_("Hanya pemangku jabatan tujuan yang meneruskan disposisi."))
        return induk.kepada
    milik = list(Jabatan.objects.filter(instansi_id=surat.instansi_id, pk__in=dipegang))
    if not milik:
        raise PermissionDenied(
            _("Hanya pemangku jabatan pada %(i)s yang dapat mendisposisikan surat ini.")
            % {"i": surat.instansi}
        )
    # The head first, then the position with the shortest chain of superiors.
    return min(milik, key=lambda j: (j.peran != Jabatan.Peran.KEPALA, len(j.rantai_atasan())))


def _bersihkan_instruksi(instruksi: Iterable[str]) -> list[str]:
    hasil = []
    for i in instruksi or []:
        i = str(i).strip()[:120]
        if i and i not in hasil:
            hasil.append(i)
    if len(hasil) > 20:
        raise ValidationError(_("Terlalu banyak instruksi disposisi."))
    return hasil


def disposisikan(
    *,
    aktor,
    surat: Surat,
    kepada: Jabatan,
    instruksi: list[str],
    catatan: str = "",
    sifat: str | None = None,
    batas_waktu: datetime.date | None = None,
    induk: Disposisi | None = None,
) -> Disposisi:
    """Send an incoming letter down the position tree with instructions; the holders of
    `kepada` are notified and find it in their inbox until they respond."""
    _pastikan_boleh_tulis(aktor, surat.instansi_id)
    instruksi = _bersihkan_instruksi(instruksi)
    catatan = (catatan or "").strip()
    if not instruksi and not catatan:
        raise ValidationError(_("Pilih sedikitnya satu instruksi atau tulis catatan disposisi."))
    if sifat is not None and sifat not in Surat.Sifat.values:
        raise ValidationError(_("Sifat “%(s)s” tidak dikenal.") % {"s": sifat})
    if batas_waktu is not None and batas_waktu < hari_ini():
        raise ValidationError(_("Batas waktu disposisi tidak boleh sebelum hari ini."))
    with transaction.atomic():
        surat = _kunci_surat(surat)
        if surat.arah != Surat.Arah.MASUK:
            raise ValidationError(_("Hanya surat masuk yang didisposisikan."))
        if surat.status == Surat.Status.BATAL:
            raise ValidationError(_("Surat yang dibatalkan tidak dapat didisposisikan."))
        dari_jabatan = _jabatan_pendisposisi(aktor, surat, induk)
        _periksa_tujuan(dari_jabatan, kepada, surat)
        kembar = Disposisi.objects.filter(
            surat=surat,
            induk=induk,
            dari_jabatan=dari_jabatan,
            kepada=kepada,
            status=Disposisi.Status.TERBUKA,
            instruksi=instruksi,
            catatan=catatan,
        ).first()
        if kembar is not None:
            return kembar  # a double submit
        d = Disposisi.objects.create(
            surat=surat,
            induk=induk,
            dari=aktor,
            dari_jabatan=dari_jabatan,
            kepada=kepada,
            instruksi=instruksi,
            catatan=catatan,
            sifat=sifat or surat.sifat,
            batas_waktu=batas_waktu,
        )
        _catat(aktor, CatatanAudit.Aksi.TAMBAH, d, None, "Mendisposisikan surat masuk")
        _beri_tahu_penerima(d, surat)
    return d


def _periksa_tujuan(dari: Jabatan, kepada: Jabatan, surat: Surat) -> None:
    """Down or sideways in the same agency, never up to one's own superiors."""
    if kepada.instansi_id != surat.instansi_id:
        raise ValidationError(_("Tujuan disposisi harus jabatan pada instansi yang sama."))
    if kepada.pk == dari.pk:
        raise ValidationError(_("Surat tidak dapat didisposisikan kepada jabatan sendiri."))
    if kepada.pk in {j.pk for j in dari.rantai_atasan()}:
        raise ValidationError(
            _("Disposisi mengalir ke bawah: %(k)s adalah atasan %(d)s.")
            % {"k": kepada.nama, "d": dari.nama}
        )


def _beri_tahu_penerima(d: Disposisi, surat: Surat) -> None:
    from sakip.sop.engine import pemangku

    for orang in pemangku(d.kepada, hari_ini()):
        notifikasi.kirim(
            penerima=orang,
            judul=_("Disposisi surat: %(p)s") % {"p": surat.perihal[:150]},
            isi=_("%(dari)s mendisposisikan surat dari %(asal)s kepada %(kepada)s: %(i)s. %(c)s")
            % {
                "dari": d.dari_jabatan or d.dari,
                "asal": surat.asal,
                "kepada": d.kepada.nama,
                "i": ", ".join(d.instruksi) or "-",
                "c": d.catatan,
            },
            tautan=_tautan(surat) + f"#disposisi-{d.pk}",
            kunci=f"disposisi-{d.pk}-{orang.pk}",
        )


def _kunci_disposisi(d: Disposisi) -> Disposisi:
    return (
        Disposisi.objects.select_for_update(of=("self",))
        .select_related("surat__instansi", "kepada", "dari_jabatan", "dari")
        .get(pk=d.pk)
    )


def tanggapi_disposisi(*, aktor, disposisi: Disposisi, tanggapan: str, selesai: bool = True):
    """The recipient answers (and by default closes) a disposition; the disposer is told."""
    _pastikan_boleh_tulis(aktor, disposisi.surat.instansi_id)
    tanggapan = _wajib(tanggapan, _("Tanggapan"))
    with transaction.atomic():
        d = _kunci_disposisi(disposisi)
        if d.kepada_id not in jabatan_dipegang_ids(aktor):
            raise PermissionDenied(_("Hanya pemangku jabatan tujuan yang menanggapi disposisi."))
        if d.status == Disposisi.Status.SELESAI:
            return d  # already done: a second click changes nothing
        sebelum = _snapshot(d)
        d.tanggapan = tanggapan
        if selesai:
            d.status = Disposisi.Status.SELESAI
            d.selesai_pada = timezone.now()
            d.selesai_oleh = aktor
        d.save()
        _catat(aktor, CatatanAudit.Aksi.UBAH, d, sebelum, "Menanggapi disposisi")
        if d.dari_id and d.dari_id != aktor.pk:
            notifikasi.kirim(
                penerima=d.dari,
                judul=_("Disposisi ditanggapi: %(p)s") % {"p": d.surat.perihal[:150]},
                isi=f"{d.kepada.nama}: {tanggapan}",
                tautan=_tautan(d.surat) + f"#disposisi-{d.pk}",
                kunci=f"tanggapan-{d.pk}-{d.status}",
            )
    return d


def mulai_sop_dari_disposisi(
    *, aktor, disposisi: Disposisi, sop, judul: str | None = None, periode: str = ""
):
    """Start a run of one of the agency's adopted SOPs on this letter (e.g. the IKM SOP on
    the kabupaten's letter); the run is linked from the disposition and the letter.

    The disposer or a holder of the disposition's position asks; the SOP engine then
    checks that they may start that SOP. Asking again returns the run already started.
    """
    from sakip.sop import engine

    _pastikan_boleh_tulis(aktor, disposisi.surat.instansi_id)
    with transaction.atomic():
        d = _kunci_disposisi(disposisi)
        if d.pelaksanaan_id is not None:
            return d.pelaksanaan
        if d.dari_id != aktor.pk and d.kepada_id not in jabatan_dipegang_ids(aktor):
            raise PermissionDenied(
                _("Hanya pendisposisi atau pemangku jabatan tujuan yang memulai SOP.")
            )
        if sop.instansi_id != d.surat.instansi_id or not sop.aktif:
            raise ValidationError(_("Pilih SOP aktif yang diadopsi instansi ini."))
        judul = (judul or "").strip() or f"{sop.nama}: {d.surat.perihal}"
        try:
            pelaksanaan = engine.mulai(aktor=aktor, sop=sop, judul=judul[:300], periode=periode)
        except engine.KesalahanAlur as exc:
            raise ValidationError(str(exc)) from exc
        sebelum = _snapshot(d)
        d.pelaksanaan = pelaksanaan
        d.save(update_fields=["pelaksanaan"])
        _catat(aktor, CatatanAudit.Aksi.UBAH, d, sebelum, "Memulai SOP dari disposisi")
        surat = _kunci_surat(d.surat)
        if surat.pelaksanaan_id is None:
            sebelum = _snapshot(surat)
            surat.pelaksanaan = pelaksanaan
            surat.save(update_fields=["pelaksanaan"])
            _catat(aktor, CatatanAudit.Aksi.UBAH, surat, sebelum, "Memulai SOP dari surat masuk")
    return pelaksanaan


def disposisi_untuk(user) -> QuerySet[Disposisi]:
    """Open dispositions addressed to the positions `user` holds today (their inbox)."""
    ids = jabatan_dipegang_ids(user)
    if not ids:
        return Disposisi.objects.none()
    return (
        Disposisi.objects.for_user(user)
        .filter(status=Disposisi.Status.TERBUKA, kepada_id__in=ids)
        .exclude(surat__status=Surat.Status.BATAL)
        .select_related("surat", "kepada", "dari_jabatan", "dari")
        .order_by("batas_waktu", "dibuat_pada", "id")
    )


# ---------------------------------------------------------------- agenda search


def _tanggal(teks) -> datetime.date | None:
    if isinstance(teks, datetime.date):
        return teks
    try:
        return datetime.date.fromisoformat(str(teks or "").strip())
    except ValueError:
        return None


def cari_agenda(qs: QuerySet[Surat], params: Mapping) -> QuerySet[Surat]:
    """Filter agenda entries by the search form's fields (unknown or empty ones are ignored).

    q: number, subject, sender/recipient or agenda number; dari/sampai: agenda date range;
    pihak: sender or recipient; klasifikasi: a code and its children; nomor_agenda; arah;
    status; tahun (of the number and agenda entry).
    """
    q = str(params.get("q") or "").strip()
    if q:
        kondisi = (
            Q(nomor_surat__icontains=q)
            | Q(perihal__icontains=q)
            | Q(asal__icontains=q)
            | Q(tujuan__icontains=q)
            | Q(keterangan__icontains=q)
        )
        if q.isdigit():
            kondisi |= Q(nomor_agenda=int(q))
        qs = qs.filter(kondisi)
    arah = params.get("arah")
    if arah in Surat.Arah.values:
        qs = qs.filter(arah=arah)
    status = params.get("status")
    if status in Surat.Status.values:
        qs = qs.filter(status=status)
    if dari := _tanggal(params.get("dari")):
        qs = qs.filter(tanggal_agenda__gte=dari)
    if sampai := _tanggal(params.get("sampai")):
        qs = qs.filter(tanggal_agenda__lte=sampai)
    pihak = str(params.get("pihak") or "").strip()
    if pihak:
        qs = qs.filter(Q(asal__icontains=pihak) | Q(tujuan__icontains=pihak))
    kode = str(params.get("klasifikasi") or "").strip()
    if kode:
        qs = qs.filter(Q(klasifikasi__kode=kode) | Q(klasifikasi__kode__startswith=kode + "."))
    nomor_agenda = str(params.get("nomor_agenda") or "").strip()
    if nomor_agenda.isdigit():
        qs = qs.filter(nomor_agenda=int(nomor_agenda))
    tahun = str(params.get("tahun") or "").strip()
    if tahun.isdigit():
        qs = qs.filter(tahun_nomor=int(tahun))
    return qs
