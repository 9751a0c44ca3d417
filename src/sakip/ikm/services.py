"""The survey's services: elements, services and their Standar Pelayanan, periods, results.

Every write checks who may write (the agency's own staff, never evaluators), runs in one
transaction and leaves an audit record. Results are computed by `hitung` from database
sums (one grouped query per table, whatever the number of questionnaires), so the web
pages, the report, the API and the CLI agree to the last fraction.
"""

from __future__ import annotations

import datetime
import json
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

import yaml
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Sum, Value, When
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from sakip.audit import services as audit
from sakip.audit.models import CatatanAudit
from sakip.organisasi.models import Instansi, Pemda
from sakip.organisasi.services import boleh_kelola_master

from . import hitung
from .hitung import KODE_UNSUR, HasilIkm
from .models import Layanan, PeriodeSurvei, Responden, StandarPelayanan, UnsurSurvei

DATA_UNSUR = Path(__file__).parent / "data" / "unsur.yaml"
BAGIAN_NARASI = ("pendahuluan", "metode", "analisis", "kesimpulan", "rencana_tindak_lanjut")
KOLOM_JAWABAN = [f"u{i}" for i in range(1, 10)]
# How many elements the improvement priorities list at least (more when more are below B).
JUMLAH_PRIORITAS = 3
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


@cache
def unsur_bawaan() -> tuple[dict, ...]:
    """The nine elements of PermenPAN-RB 14/2017 as shipped in data/unsur.yaml."""
    data = yaml.safe_load(DATA_UNSUR.read_text(encoding="utf-8"))
    if len(data) != 9 or any(len(u["jawaban"]) != 4 for u in data):
        raise ValueError("data/unsur.yaml harus berisi 9 unsur dengan 4 jawaban masing-masing")
    return tuple(data)


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
    from django.core.files.base import ContentFile

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
        periode.status = Status.DITANDATANGANI
        periode.ditandatangani_oleh = aktor if getattr(aktor, "is_authenticated", False) else None
        periode.ditandatangani_pada = timezone.now()
        data = laporan.data_laporan(periode)
        periode.isi_beku = json.loads(json.dumps(data, default=str))
        nama = f"skm-{periode.instansi.kode_unit}-{periode.tahun}-{periode.semester}"
        periode.pdf.save(f"{nama}.pdf", ContentFile(laporan.laporan_pdf(periode)), save=False)
        periode.docx.save(f"{nama}.docx", ContentFile(laporan.laporan_docx(periode)), save=False)
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


# ---------------------------------------------------------------- results


def _jumlah_kolom() -> dict:
    return {"n": Count("id"), **{f"j{i}": Sum(f"u{i}") for i in range(1, 10)}}


def _hasil_baris(baris: dict) -> HasilIkm:
    jumlah = {f"U{i}": baris[f"j{i}"] or 0 for i in range(1, 10)}
    return hitung.dari_jumlah(baris["n"], jumlah)


def agregat(qs: QuerySet, *kelompok: str) -> dict:
    """HasilIkm per group of `qs` (Responden rows) in ONE query; no group → the whole."""
    if not kelompok:
        return {None: _hasil_baris(qs.aggregate(**_jumlah_kolom()))}
    baris = qs.order_by().values(*kelompok).annotate(**_jumlah_kolom())
    hasil = {}
    for b in baris:
        kunci = b[kelompok[0]] if len(kelompok) == 1 else tuple(b[k] for k in kelompok)
        hasil[kunci] = _hasil_baris(b)
    return hasil


def hasil_periode(periode: PeriodeSurvei, layanan: Layanan | None = None) -> HasilIkm:
    """The period's result (or one service's) from the stored questionnaires."""
    qs = Responden.objects.filter(periode=periode)
    if layanan is not None:
        qs = qs.filter(layanan=layanan)
    return agregat(qs)[None]


@dataclass(frozen=True)
class BarisHasil:
    """One row of a results table: a label, a group key, its result."""

    kunci: object
    label: str
    hasil: HasilIkm


def hasil_per_layanan(periode: PeriodeSurvei) -> list[BarisHasil]:
    """Every active service of the agency (and any inactive one that was answered)."""
    per = agregat(Responden.objects.filter(periode=periode), "layanan")
    layanan = Layanan.objects.filter(instansi_id=periode.instansi_id).filter(
        Q(aktif=True) | Q(pk__in=list(per))
    )
    kosong = hitung.dari_jumlah(0, {})
    return [BarisHasil(lay.pk, lay.nama, per.get(lay.pk, kosong)) for lay in layanan]


# Usia bands commonly reported in SKM profiles.
KELOMPOK_USIA = (
    (0, 19, "< 20 tahun"),
    (20, 29, "20–29 tahun"),
    (30, 39, "30–39 tahun"),
    (40, 49, "40–49 tahun"),
    (50, 59, "50–59 tahun"),
    (60, 200, "≥ 60 tahun"),
)


def _anotasi_usia() -> Case:
    return Case(
        *[
            When(usia__gte=lo, usia__lte=hi, then=Value(i))
            for i, (lo, hi, _l) in enumerate(KELOMPOK_USIA)
        ],
        default=Value(len(KELOMPOK_USIA) - 1),
        output_field=IntegerField(),
    )


def demografi(periode: PeriodeSurvei, layanan: Layanan | None = None) -> dict[str, dict]:
    """The respondent profile with each group's IKM: {dimension: {judul, baris[BarisHasil]}}.

    Every group of the questionnaire is listed (with 0 respondents when none answered),
    so the profile tables always read the same. Four grouped queries in all.
    """
    qs = Responden.objects.filter(periode=periode)
    if layanan is not None:
        qs = qs.filter(layanan=layanan)
    kosong = hitung.dari_jumlah(0, {})
    hasil = {}
    for kolom, judul, pilihan in (
        ("jenis_kelamin", _("Jenis kelamin"), Responden.JenisKelamin.choices),
        ("pendidikan", _("Pendidikan"), Responden.Pendidikan.choices),
        ("pekerjaan", _("Pekerjaan"), Responden.Pekerjaan.choices),
    ):
        per = agregat(qs, kolom)
        hasil[kolom] = {
            "judul": judul,
            "baris": [BarisHasil(k, str(label), per.get(k, kosong)) for k, label in pilihan],
        }
    per = agregat(qs.annotate(kelompok_usia=_anotasi_usia()), "kelompok_usia")
    hasil["usia"] = {
        "judul": _("Usia"),
        "baris": [
            BarisHasil(i, label, per.get(i, kosong))
            for i, (_lo, _hi, label) in enumerate(KELOMPOK_USIA)
        ],
    }
    return {k: hasil[k] for k in ("jenis_kelamin", "usia", "pendidikan", "pekerjaan")}


def tren(instansi: Instansi) -> list[tuple[PeriodeSurvei, HasilIkm]]:
    """The agency's periods, oldest first, each with its IKM (two queries in all)."""
    periode = list(PeriodeSurvei.objects.filter(instansi=instansi).order_by("tahun", "semester"))
    per = agregat(Responden.objects.filter(periode__instansi=instansi), "periode")
    kosong = hitung.dari_jumlah(0, {})
    return [(p, per.get(p.pk, kosong)) for p in periode]


@dataclass(frozen=True)
class Prioritas:
    kode: str
    nama: str
    nrr: object  # Fraction
    mutu: str
    kinerja: str


def prioritas(
    periode: PeriodeSurvei, hasil: HasilIkm, jumlah: int = JUMLAH_PRIORITAS
) -> list[Prioritas]:
    """The improvement priorities: every element graded below B (NRR < 3,0644), and at
    least the `jumlah` lowest; ties keep the questionnaire's order."""
    if not hasil.ada:
        return []
    nama = nama_unsur(periode)
    urut = sorted(KODE_UNSUR, key=lambda k: (hasil.nrr[k], KODE_UNSUR.index(k)))
    batas_b = hitung.KONVERSI_SKALA_4[1][0]
    pilih = [k for k in urut if hasil.nrr[k] < batas_b]
    for k in urut:
        if len(pilih) >= jumlah:
            break
        if k not in pilih:
            pilih.append(k)
    pilih.sort(key=lambda k: (hasil.nrr[k], KODE_UNSUR.index(k)))
    return [Prioritas(k, nama[k], hasil.nrr[k], *hasil.mutu_unsur(k)) for k in pilih]


def nama_unsur(periode: PeriodeSurvei) -> dict[str, str]:
    """U1 … U9 → the element's name as the period asked it."""
    nama = {u.get("kode"): u.get("nama", "") for u in periode.unsur or []}
    bawaan = {f"U{i}": u["nama"] for i, u in enumerate(unsur_bawaan(), start=1)}
    return {k: nama.get(k) or bawaan[k] for k in KODE_UNSUR}


def daftar_saran(periode: PeriodeSurvei) -> QuerySet:
    """The written suggestions, newest first, with their service."""
    return (
        Responden.objects.filter(periode=periode)
        .exclude(saran="")
        .select_related("layanan")
        .only("id", "saran", "waktu", "layanan__nama", "sumber")
        .order_by("-waktu", "-id")
    )


@dataclass(frozen=True)
class Kemajuan:
    responden: int
    sampel: int  # Krejcie & Morgan for the period's population (0: population unknown)

    @property
    def persen(self) -> int | None:
        if not self.sampel:
            return None
        return min(100, round(100 * self.responden / self.sampel))

    @property
    def cukup(self) -> bool:
        return bool(self.sampel) and self.responden >= self.sampel

    @property
    def kurang(self) -> int:
        return max(0, self.sampel - self.responden)


def kemajuan(periode: PeriodeSurvei, responden: int | None = None) -> Kemajuan:
    if responden is None:
        responden = Responden.objects.filter(periode=periode).count()
    return Kemajuan(responden, hitung.ukuran_sampel(periode.populasi))


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


# ---------------------------------------------------------------- the Pemda's overview


def ringkasan_pemda(user) -> list[dict]:
    """Every agency the user can read with its latest period's IKM (three queries)."""
    instansi = list(Instansi.objects.for_user(user).select_related("pemda").order_by("nama"))
    periode = PeriodeSurvei.objects.filter(instansi__in=instansi).order_by(
        "instansi", "-tahun", "-semester"
    )
    terakhir: dict[int, PeriodeSurvei] = {}
    for p in periode:
        terakhir.setdefault(p.instansi_id, p)
    per = agregat(
        Responden.objects.filter(periode__in=[p.pk for p in terakhir.values()]), "periode"
    )
    kosong = hitung.dari_jumlah(0, {})
    hasil = []
    for i in instansi:
        p = terakhir.get(i.pk)
        hasil.append({"instansi": i, "periode": p, "hasil": per.get(p.pk, kosong) if p else kosong})
    return hasil


def jumlah_responden(periode_ids: list[int]) -> dict[int, int]:
    """Questionnaires per period, one query."""
    baris = (
        Responden.objects.filter(periode_id__in=periode_ids)
        .order_by()
        .values("periode")
        .annotate(n=Count("id"))
    )
    hasil = defaultdict(int)
    for b in baris:
        hasil[b["periode"]] = b["n"]
    return hasil
