"""The survey's services: elements, services and their Standar Pelayanan, periods, the
signed report, the IKM as a realisation.

Every write checks who may write (the agency's own staff, never evaluators), runs in one
transaction and leaves an audit record. The results (reads) are in rekap.py.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from sakip.audit import services as audit
from sakip.audit.models import CatatanAudit
from sakip.organisasi.models import Instansi, Pemda
from sakip.organisasi.services import boleh_kelola_master

from . import hitung
from .models import Layanan, PeriodeSurvei, Responden, StandarPelayanan, UnsurSurvei

# The reads moved to rekap.py; named here too for callers that know them as services.
from .rekap import (  # noqa: F401
    demografi,
    hasil_per_layanan,
    hasil_periode,
    kemajuan,
    nama_unsur,
    prioritas,
    ringkasan_pemda,
    tren,
    unsur_bawaan,
)

BAGIAN_NARASI = ("pendahuluan", "metode", "analisis", "kesimpulan", "rencana_tindak_lanjut")
KOLOM_JAWABAN = [f"u{i}" for i in range(1, 10)]
Status = PeriodeSurvei.Status


class AturanIkm(ValidationError):
    """A survey rule refusing an action; the message is for the user."""


# ---------------------------------------------------------------- who may write


def boleh_ubah(aktor, instansi_id: int) -> bool:
    """The agency's own staff (or Pemda administrators); never evaluators."""
    return (
        aktor is not None
        and Instansi.objects.for_user(aktor, ubah=True).filter(pk=instansi_id).exists()
    )


def _pastikan_boleh(aktor, instansi_id: int) -> None:
    if not boleh_ubah(aktor, instansi_id):
        raise PermissionDenied(_("Anda tidak berwenang mengubah data survei instansi ini."))


# ---------------------------------------------------------------- the nine elements


def pastikan_unsur(pemda: Pemda) -> list[UnsurSurvei]:
    """The Pemda's nine elements, created from the regulation's defaults the first time."""
    ada = list(UnsurSurvei.objects.filter(pemda=pemda).order_by("urutan"))
    if len(ada) == 9:
        return ada
    with transaction.atomic():
        Pemda.objects.select_for_update().filter(pk=pemda.pk).first()  # one creator at a time
        sudah = set(UnsurSurvei.objects.filter(pemda=pemda).values_list("urutan", flat=True))
        for urutan, u in enumerate(unsur_bawaan(), start=1):
            if urutan in sudah:
                continue
            baru = UnsurSurvei.objects.create(
                pemda=pemda,
                urutan=urutan,
                nama=u["nama"],
                pertanyaan=u["pertanyaan"],
                **{f"jawaban_{i}": teks for i, teks in enumerate(u["jawaban"], start=1)},
            )
            audit.catat(
                aktor=None,
                aksi=CatatanAudit.Aksi.TAMBAH,
                objek=baru,
                sesudah=audit.snapshot(baru),
                keterangan="Unsur SKM bawaan PermenPAN-RB 14/2017",
            )
    return list(UnsurSurvei.objects.filter(pemda=pemda).order_by("urutan"))


def simpan_unsur(*, aktor, unsur: UnsurSurvei) -> UnsurSurvei:
    """The Pemda administrator rewords an element (periods already created keep theirs)."""
    if not boleh_kelola_master(aktor, unsur.pemda_id):
        raise PermissionDenied(_("Unsur survei diatur oleh administrator Pemda."))
    unsur.full_clean()
    with transaction.atomic():
        return audit.simpan_teraudit(aktor=aktor, objek=unsur)


# ---------------------------------------------------------------- services and standards


def _slug_unik(layanan: Layanan) -> str:
    dasar = slugify(layanan.slug or layanan.nama)[:70] or "layanan"
    slug, n = dasar, 2
    lain = Layanan.objects.filter(instansi_id=layanan.instansi_id).exclude(pk=layanan.pk)
    while lain.filter(slug=slug).exists():
        slug, n = f"{dasar}-{n}", n + 1
    return slug


def simpan_layanan(*, aktor, layanan: Layanan) -> Layanan:
    """Create or edit a service; the link slug is derived from the name when left empty."""
    _pastikan_boleh(aktor, layanan.instansi_id)
    if layanan.pk is not None:
        # The stored row's agency too: a service is never moved to another agency.
        asal = Layanan.objects.filter(pk=layanan.pk).values_list("instansi_id", flat=True).first()
        if asal is not None and asal != layanan.instansi_id:
            raise PermissionDenied(_("Layanan tidak dapat dipindah ke instansi lain."))
    layanan.nama = (layanan.nama or "").strip()
    if not layanan.nama:
        raise AturanIkm({"nama": _("Tulis nama layanan.")})
    if not layanan.slug:
        layanan.slug = _slug_unik(layanan)
    elif (
        Layanan.objects.filter(instansi_id=layanan.instansi_id, slug=layanan.slug)
        .exclude(pk=layanan.pk)
        .exists()
    ):
        raise AturanIkm({"slug": _("Kode tautan ini sudah dipakai layanan lain.")})
    layanan.full_clean()
    with transaction.atomic():
        return audit.simpan_teraudit(aktor=aktor, objek=layanan)


def standar_dari(layanan: Layanan) -> StandarPelayanan:
    """The service's Standar Pelayanan (an empty, unsaved one before it is written)."""
    try:
        return layanan.standar
    except StandarPelayanan.DoesNotExist:
        return StandarPelayanan(layanan=layanan)


def simpan_standar(*, aktor, layanan: Layanan, data: dict) -> StandarPelayanan:
    """Write the Standar Pelayanan's fourteen components (changing it after it was set
    keeps the decree: a new decree is recorded with `tetapkan_standar`)."""
    _pastikan_boleh(aktor, layanan.instansi_id)
    kolom = [k for k, _label, _g in StandarPelayanan.KOMPONEN]
    with transaction.atomic():
        standar = StandarPelayanan.objects.select_for_update().filter(layanan=layanan).first()
        standar = standar or StandarPelayanan(layanan=layanan)
        for k in kolom:
            if k in data:
                setattr(standar, k, (data[k] or "").strip())
        standar.diperbarui_pada = timezone.now()
        standar.full_clean()
        return audit.simpan_teraudit(aktor=aktor, objek=standar)


def tetapkan_standar(
    *, aktor, standar: StandarPelayanan, nomor: str, tanggal: datetime.date
) -> StandarPelayanan:
    """Record the head's decree that sets the Standar Pelayanan (number and date)."""
    _pastikan_boleh(aktor, standar.layanan.instansi_id)
    nomor = (nomor or "").strip()
    galat = {}
    if not nomor:
        galat["nomor_penetapan"] = _("Tulis nomor keputusan penetapan.")
    if tanggal is None:
        galat["tanggal_penetapan"] = _("Isi tanggal penetapan.")
    kosong = [str(label) for k, label, _g in StandarPelayanan.KOMPONEN if not getattr(standar, k)]
    if kosong:
        galat["__all__"] = _("Lengkapi dahulu komponen: %(k)s.") % {"k": ", ".join(kosong)}
    if galat:
        raise AturanIkm(galat)
    with transaction.atomic():
        standar.nomor_penetapan, standar.tanggal_penetapan = nomor, tanggal
        return audit.simpan_teraudit(
            aktor=aktor, objek=standar, keterangan="Menetapkan Standar Pelayanan"
        )


# ---------------------------------------------------------------- periods


def rentang_periode(tahun: int, semester: int) -> tuple[datetime.date, datetime.date]:
    if semester == 1:
        return datetime.date(tahun, 1, 1), datetime.date(tahun, 6, 30)
    if semester == 2:
        return datetime.date(tahun, 7, 1), datetime.date(tahun, 12, 31)
    return datetime.date(tahun, 1, 1), datetime.date(tahun, 12, 31)


def buat_periode(
    *,
    aktor,
    instansi: Instansi,
    tahun: int,
    semester: int = 0,
    mulai: datetime.date | None = None,
    selesai: datetime.date | None = None,
    populasi: int = 0,
) -> PeriodeSurvei:
    """The agency's survey period (created once; asking again returns it).

    A new period copies the Pemda's nine elements, so rewording them later does not
    change what this period asked. `aktor` None: the SOP schedule prepares it.
    """
    if aktor is not None:
        _pastikan_boleh(aktor, instansi.pk)
    if semester not in (0, 1, 2):
        raise AturanIkm({"semester": _("Semester harus 1, 2, atau kosong (tahunan).")})
    if not 2000 <= int(tahun) <= 2100:
        raise AturanIkm({"tahun": _("Tahun tidak wajar.")})
    awal, akhir = rentang_periode(tahun, semester)
    mulai, selesai = mulai or awal, selesai or akhir
    if selesai < mulai:
        raise AturanIkm({"selesai": _("Tanggal selesai tidak boleh sebelum tanggal mulai.")})
    ada = PeriodeSurvei.objects.filter(instansi=instansi, tahun=tahun, semester=semester).first()
    if ada is not None:
        return ada
    unsur = [u.sebagai_data() for u in pastikan_unsur(instansi.pemda)]
    try:
        with transaction.atomic():
            periode = PeriodeSurvei.objects.create(
                instansi=instansi,
                tahun=tahun,
                semester=semester,
                mulai=mulai,
                selesai=selesai,
                populasi=max(0, int(populasi or 0)),
                unsur=unsur,
            )
            audit.catat(
                aktor=aktor,
                aksi=CatatanAudit.Aksi.TAMBAH,
                objek=periode,
                sesudah=audit.snapshot(periode),
                keterangan="Menyiapkan periode survei",
            )
    except IntegrityError:  # a double submit raced this one
        return PeriodeSurvei.objects.get(instansi=instansi, tahun=tahun, semester=semester)
    return periode


def _kunci(periode: PeriodeSurvei) -> PeriodeSurvei:
    return PeriodeSurvei.objects.select_for_update(of=("self",)).get(pk=periode.pk)


def _belum_ditandatangani(periode: PeriodeSurvei) -> None:
    if periode.status == Status.DITANDATANGANI:
        raise AturanIkm(_("Laporan periode ini sudah ditandatangani dan tidak dapat diubah."))


def simpan_periode(
    *, aktor, periode: PeriodeSurvei, mulai: datetime.date, selesai: datetime.date, populasi: int
) -> PeriodeSurvei:
    """Change a period's dates and the population served (its year and semester stay)."""
    _pastikan_boleh(aktor, periode.instansi_id)
    if selesai < mulai:
        raise AturanIkm({"selesai": _("Tanggal selesai tidak boleh sebelum tanggal mulai.")})
    if populasi is None or populasi < 0:
        raise AturanIkm({"populasi": _("Isi jumlah penerima layanan (0 atau lebih).")})
    with transaction.atomic():
        periode = _kunci(periode)
        _belum_ditandatangani(periode)
        periode.mulai, periode.selesai, periode.populasi = mulai, selesai, populasi
        return audit.simpan_teraudit(aktor=aktor, objek=periode)


def _ubah_status(aktor, periode: PeriodeSurvei, dari: tuple, ke: str, keterangan: str):
    _pastikan_boleh(aktor, periode.instansi_id)
    with transaction.atomic():
        periode = _kunci(periode)
        if periode.status == ke:
            return periode  # a double click
        if periode.status not in dari:
            raise AturanIkm(
                _("Periode berstatus %(s)s tidak dapat diubah menjadi %(k)s.")
                % {"s": periode.get_status_display(), "k": Status(ke).label}
            )
        sebelum = periode.status
        periode.status = ke
        periode.save(update_fields=["status"])
        audit.catat(
            aktor=aktor,
            aksi=CatatanAudit.Aksi.UBAH,
            objek=periode,
            sebelum={"status": sebelum},
            sesudah={"status": ke},
            keterangan=keterangan,
        )
    return periode


def buka_periode(*, aktor, periode: PeriodeSurvei) -> PeriodeSurvei:
    """Open the survey: the public form takes answers (a closed period may reopen)."""
    return _ubah_status(
        aktor, periode, (Status.DRAF, Status.DITUTUP), Status.DIBUKA, "Membuka survei"
    )


def tutup_periode(*, aktor, periode: PeriodeSurvei) -> PeriodeSurvei:
    """Close the survey: no more online answers; paper ones may still be typed in."""
    return _ubah_status(aktor, periode, (Status.DIBUKA,), Status.DITUTUP, "Menutup survei")


def simpan_narasi(*, aktor, periode: PeriodeSurvei, data: dict) -> PeriodeSurvei:
    """Write the report's narrative sections (pendahuluan … rencana tindak lanjut)."""
    _pastikan_boleh(aktor, periode.instansi_id)
    tidak_dikenal = set(data) - set(BAGIAN_NARASI)
    if tidak_dikenal:
        raise AturanIkm(_("Bagian laporan tidak dikenal."))
    with transaction.atomic():
        periode = _kunci(periode)
        _belum_ditandatangani(periode)
        lama = dict(periode.narasi or {})
        baru = {**lama, **{k: (v or "").strip() for k, v in data.items()}}
        if baru == lama:
            return periode
        periode.narasi = baru
        periode.save(update_fields=["narasi"])
        audit.catat(
            aktor=aktor,
            aksi=CatatanAudit.Aksi.UBAH,
            objek=periode,
            sebelum=lama,
            sesudah=baru,
            keterangan="Menulis narasi laporan SKM",
        )
    return periode


def tandatangani_periode(*, aktor, periode: PeriodeSurvei) -> PeriodeSurvei:
    """Freeze the report: the results as they stand, the narrative, its PDF and DOCX.

    Refused while the period has no questionnaire: an empty survey is not a report.
    """
    from . import laporan

    with transaction.atomic():
        periode = _kunci(periode)
        if periode.status == Status.DITANDATANGANI:
            return periode  # the signing step completed twice
        if aktor is not None:
            _pastikan_boleh(aktor, periode.instansi_id)
        if not Responden.objects.filter(periode=periode).exists():
            raise AturanIkm(
                _("Belum ada responden pada %(p)s: laporan SKM tidak dapat ditandatangani.")
                % {"p": periode.label}
            )
        sebelum = periode.status
        # Signed first: the frozen data then carries the signing date and no DRAF mark.
        periode.tandai_ditandatangani(oleh=aktor)
        periode.bekukan(laporan.data_laporan(periode))
        periode.simpan_berkas(
            f"skm-{periode.instansi.kode_unit}-{periode.tahun}-{periode.semester}",
            pdf=laporan.laporan_pdf(periode),
            docx=laporan.laporan_docx(periode),
        )
        periode.save()
        audit.catat(
            aktor=aktor,
            aksi=CatatanAudit.Aksi.UBAH,
            objek=periode,
            sebelum={"status": sebelum},
            sesudah={"status": periode.status},
            keterangan="Menandatangani laporan SKM (dibekukan)",
        )
    return periode


# ---------------------------------------------------------------- the IKM indicator


def indikator_ikm(periode: PeriodeSurvei) -> QuerySet:
    """The agency's Renstra indicators that measure public satisfaction, for the year."""
    from sakip.perencanaan.models import Indikator

    return (
        Indikator.objects.filter(
            renstra__instansi_id=periode.instansi_id,
            renstra__tahun_awal__lte=periode.tahun,
            renstra__tahun_akhir__gte=periode.tahun,
        )
        .filter(Q(nama__icontains="kepuasan") | Q(nama__iregex=r"(^|[^a-z])ikm([^a-z]|$)"))
        .select_related("renstra")
        .order_by("renstra__tahun_awal", "urutan", "kode")
    )


def catat_realisasi_ikm(*, aktor, periode: PeriodeSurvei, indikator):
    """Record the period's IKM (two decimals) as the realisation of the agency's IKM
    indicator in the period's last month, submitted for the Kasubag's review.

    Goes through the measurement service, so its rules hold: the indicator's holder or
    the planning Kasubag, an open month, an approved value changed only by a reviewer.
    """
    from sakip.pengukuran import services as pengukuran
    from sakip.pengukuran.models import Realisasi

    if not indikator_ikm(periode).filter(pk=indikator.pk).exists():
        raise AturanIkm(_("Indikator ini bukan indikator kepuasan masyarakat instansi ini."))
    hasil = hasil_periode(periode)
    if not hasil.ada:
        raise AturanIkm(_("Belum ada responden: IKM belum dapat dicatat sebagai realisasi."))
    tahun, bulan = periode.selesai.year, periode.selesai.month
    nilai = hitung.bulat(hasil.ikm, 2)
    catatan = _("IKM %(p)s: %(n)s responden, mutu %(m)s (%(k)s); dihitung dari SKM.") % {
        "p": periode.label,
        "n": hasil.responden,
        "m": hasil.mutu,
        "k": hasil.kinerja,
    }
    with transaction.atomic():
        realisasi = (
            Realisasi.objects.select_for_update(of=("self",))
            .filter(indikator=indikator, tahun=tahun, bulan=bulan)
            .first()
        ) or Realisasi(
            instansi_id=periode.instansi_id, tahun=tahun, bulan=bulan, indikator=indikator
        )
        realisasi.nilai = Decimal(nilai)
        realisasi.catatan = catatan
        return pengukuran.simpan_realisasi(aktor=aktor, realisasi=realisasi, ajukan=True)
