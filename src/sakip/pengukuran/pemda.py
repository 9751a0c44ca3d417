"""The Pemda view (seed 003): every agency of a Pemda side by side — read side.

A Bagian of the Setda (Organisasi), the Inspektorat or Bappeda compares its agencies:
how complete each month's data entry is, the average capaian per agency and per sasaran,
the ranking, budget serapan and SOP steps past their due time. Each function takes the
agencies already scoped by `for_user` and answers for all of them in a fixed number of
queries (grouped by agency), so the page costs the same for 2 or 40 kecamatan.

Capaian uses the agency pages' own formulas and Pemda rules (`penilaian`), so a figure here
equals the one on the agency's capaian page.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, Count, F, Sum, TextField, Value, When
from django.db.models.functions import Concat
from django.utils import timezone

from sakip.organisasi.models import Instansi
from sakip.perencanaan.models import Indikator, ItemAnggaran, TargetTahunan
from sakip.sop.models import Tugas

from . import capaian as rumus
from .models import Realisasi, RealisasiAnggaran

# The per-indicator computation of penilaian, shared so both pages agree to the decimal.
from .penilaian import (
    Aturan,
    CapaianIndikator,
    Ringkas,
    aturan_pemda,
    bulanan_per,
    capaian_indikator,
    capaian_ringkas,
    rata_capaian,
    ringkas_realisasi,
)

SERATUS = Decimal(100)


# ---------------------------------------------------------------- capaian


@dataclass
class CapaianSasaran:
    label: str  # "S1 Meningkatnya kepuasan masyarakat", or the tujuan for tujuan indicators
    rata: Decimal | None
    kategori: str
    jumlah_indikator: int


@dataclass
class CapaianInstansi:
    indikator: list[CapaianIndikator] = field(default_factory=list)
    sasaran: list[CapaianSasaran] = field(default_factory=list)
    rata: Decimal | None = None
    kategori: str = ""
    # The sasaran (or tujuan) each indicator measures, in `indikator` order.
    label_sasaran: list[str] = field(default_factory=list)


def _label(induk: str) -> Concat:
    return Concat(f"{induk}__kode", Value(" "), f"{induk}__uraian", output_field=TextField())


# The sasaran (or, for a tujuan indicator, the tujuan) an indicator measures, as the page
# labels it: "S1 Meningkatnya kepuasan masyarakat". Joined in SQL rather than built from a
# Sasaran or Tujuan object per indicator.
LABEL_SASARAN = Case(
    When(sasaran__isnull=False, then=_label("sasaran")),
    When(tujuan__isnull=False, then=_label("tujuan")),
    default=Value("—"),
    output_field=TextField(),
)

# What the capaian rows read of an indicator (the rest — definition, formula, baselines —
# stays in the database: a kabupaten's 3,000 indicators are built on every request).
_KOLOM_INDIKATOR = (
    "kode", "nama", "satuan", "polaritas", "agregasi", "toleransi", "urutan", "skala__nilai",
)  # fmt: skip


def _aturan_per_pemda(instansi_list: Sequence[Instansi]) -> dict[int, Aturan]:
    return {pid: aturan_pemda(pid) for pid in {i.pemda_id for i in instansi_list}}


def capaian_semua(
    instansi_list: Sequence[Instansi], tahun: int, sampai_bulan: int, *, bulanan: bool = True
) -> dict[int, CapaianInstansi]:
    """Capaian of every Renstra indicator of each agency, their average per sasaran and
    per agency (the mean of the indicators that have a capaian), with the category.

    With `bulanan` each indicator carries its twelve months (an agency's answer shows
    them); without, the months are summed and picked in the database (`ringkas_realisasi`)
    and only one row per indicator reaches Python — the comparison of every agency
    (`bandingkan`) needs no months, and a kabupaten's year is ~36,000 of them (issue 15).
    The figures are the same either way.

    Queries: the Pemda rules (2 per Pemda), indicators, targets, realisations.
    """
    ids = [i.pk for i in instansi_list]
    aturan = _aturan_per_pemda(instansi_list)
    pemda_dari = {i.pk: i.pemda_id for i in instansi_list}
    # Later queries take this as a subquery: a list of thousands of objects in IN (…)
    # costs more to build than the query takes to run.
    dipakai = Indikator.objects.filter(
        renstra__instansi_id__in=ids,
        renstra__tahun_awal__lte=tahun,
        renstra__tahun_akhir__gte=tahun,
    )
    indikator = list(
        dipakai.select_related("skala")
        .only(*_KOLOM_INDIKATOR)
        .annotate(pemilik_id=F("renstra__instansi_id"), label_sasaran=LABEL_SASARAN)
        .order_by("renstra__instansi_id", "urutan", "kode", "id")
    )
    target = {
        t.indikator_id: t
        for t in TargetTahunan.objects.filter(indikator__in=dipakai, tahun=tahun).order_by()
    }
    if bulanan:
        per = bulanan_per(Realisasi.objects.disetujui().filter(indikator__in=dipakai, tahun=tahun))
    else:
        ringkas = ringkas_realisasi(dipakai, tahun, sampai_bulan)
    hasil = {pk: CapaianInstansi() for pk in ids}
    for i in indikator:
        a, t = aturan[pemda_dari[i.pemilik_id]], target.get(i.pk)
        c = (
            capaian_indikator(i, t, per[i.pk], sampai_bulan, a)
            if bulanan
            else capaian_ringkas(i, t, ringkas.get(i.pk, Ringkas()), a)
        )
        hasil[i.pemilik_id].indikator.append(c)
        hasil[i.pemilik_id].label_sasaran.append(i.label_sasaran)
    for instansi_id, c in hasil.items():
        a = aturan[pemda_dari[instansi_id]]
        c.rata = rata_capaian(c.indikator)
        c.kategori = a.kategori_dari(c.rata)
        c.sasaran = _per_sasaran(c, a)
    return hasil


def _per_sasaran(c: CapaianInstansi, aturan: Aturan) -> list[CapaianSasaran]:
    kelompok: dict[str, list[CapaianIndikator]] = defaultdict(list)
    for label, ind in zip(c.label_sasaran, c.indikator, strict=True):
        kelompok[label].append(ind)
    hasil = []
    for label, daftar in kelompok.items():
        rata = rata_capaian(daftar)
        hasil.append(CapaianSasaran(label, rata, aturan.kategori_dari(rata), len(daftar)))
    return hasil


# ---------------------------------------------------------------- completeness


@dataclass(frozen=True)
class SelKelengkapan:
    """One month of one agency: approved realisations against indicators to measure."""

    bulan: int
    terisi: int
    diharapkan: int
    jatuh_tempo: bool  # the month is within the period asked about

    @property
    def persen(self) -> Decimal | None:
        if not self.diharapkan:
            return None
        return Decimal(min(self.terisi, self.diharapkan)) / self.diharapkan * SERATUS

    @property
    def kelas(self) -> str:
        """The heat-map shade: lengkap / sebagian / kosong, or na (nothing to measure)."""
        if not self.jatuh_tempo:
            return "nanti"
        if not self.diharapkan:
            return "na"
        if self.terisi >= self.diharapkan:
            return "lengkap"
        return "sebagian" if self.terisi else "kosong"


def kelengkapan_semua(
    instansi_list: Sequence[Instansi], tahun: int, sampai_bulan: int = 12
) -> dict[int, list[SelKelengkapan]]:
    """Twelve months per agency: approved Renstra realisations vs the agency's Renstra
    indicators for the year (the same count as `penilaian.kelengkapan_bulanan`). Two queries.
    """
    ids = [i.pk for i in instansi_list]
    diharapkan = dict(
        Indikator.objects.filter(
            renstra__instansi_id__in=ids,
            renstra__tahun_awal__lte=tahun,
            renstra__tahun_akhir__gte=tahun,
        )
        .values_list("renstra__instansi_id")
        .annotate(n=Count("id"))
        .values_list("renstra__instansi_id", "n")
    )
    terisi = {
        (instansi_id, bulan): n
        for instansi_id, bulan, n in Realisasi.objects.disetujui()
        .filter(instansi_id__in=ids, tahun=tahun, indikator__isnull=False)
        .values_list("instansi_id", "bulan")
        .annotate(n=Count("id"))
        .values_list("instansi_id", "bulan", "n")
    }
    return {
        pk: [
            SelKelengkapan(
                b, terisi.get((pk, b), 0), diharapkan.get(pk, 0), jatuh_tempo=b <= sampai_bulan
            )
            for b in range(1, 13)
        ]
        for pk in ids
    }


def kelengkapan_total(sel: Iterable[SelKelengkapan]) -> Decimal | None:
    """Completeness over the months due: approved / expected × 100 (None: nothing expected)."""
    jatuh_tempo = [s for s in sel if s.jatuh_tempo]
    diharapkan = sum(s.diharapkan for s in jatuh_tempo)
    if not diharapkan:
        return None
    terisi = sum(min(s.terisi, s.diharapkan) for s in jatuh_tempo)
    return Decimal(terisi) / diharapkan * SERATUS


# ---------------------------------------------------------------- budget


def serapan_semua(
    instansi_list: Sequence[Instansi], tahun: int, sampai_bulan: int
) -> dict[int, rumus.Hasil | None]:
    """Budget serapan of each agency's DPA of the year up to the month (None: no DPA).

    Summed over sub-kegiatan, as `penilaian.serapan_dpa` does. Two queries.
    """
    ids = [i.pk for i in instansi_list]
    sub = {"level": ItemAnggaran.Level.SUB_KEGIATAN, "dokumen__jenis": "dpa"}
    pagu = dict(
        ItemAnggaran.objects.filter(dokumen__instansi_id__in=ids, dokumen__tahun=tahun, **sub)
        .values_list("dokumen__instansi_id")
        .annotate(p=Sum("pagu"))
        .values_list("dokumen__instansi_id", "p")
    )
    realisasi = dict(
        RealisasiAnggaran.objects.filter(
            item__dokumen__instansi_id__in=ids,
            item__dokumen__tahun=tahun,
            item__level=sub["level"],
            item__dokumen__jenis="dpa",
            bulan__lte=sampai_bulan,
        )
        .values_list("item__dokumen__instansi_id")
        .annotate(j=Sum("jumlah"))
        .values_list("item__dokumen__instansi_id", "j")
    )
    return {
        pk: rumus.serapan(realisasi.get(pk) or Decimal(0), pagu[pk]) if pk in pagu else None
        for pk in ids
    }


# ---------------------------------------------------------------- late SOP steps


def tugas_terlambat(instansi_list: Sequence[Instansi], sekarang: datetime.datetime):
    """Open SOP tasks past their due time (`Tugas.kondisi_tenggat` says 'terlambat')."""
    return Tugas.objects.filter(
        instansi_id__in=[i.pk for i in instansi_list],
        status=Tugas.Status.TERBUKA,
        tenggat__lt=sekarang,
    )


def terlambat_semua(
    instansi_list: Sequence[Instansi], sekarang: datetime.datetime
) -> dict[int, int]:
    """Number of late SOP steps per agency. One query."""
    jumlah = dict(
        tugas_terlambat(instansi_list, sekarang)
        .values_list("instansi_id")
        .annotate(n=Count("id"))
        .values_list("instansi_id", "n")
    )
    return {i.pk: jumlah.get(i.pk, 0) for i in instansi_list}


# ---------------------------------------------------------------- ranking and the page


def peringkat(
    nilai: dict[int, Decimal | None], lengkap: dict[int, bool] | None = None
) -> dict[int, int | None]:
    """Rank by value, highest first; equal values share a rank (1, 2, 2, 4); None unranked.

    With `lengkap`, agencies whose data is complete come first (by value), then the
    incomplete ones (by value): an average over part of the indicators is not comparable
    with one over all of them, so 75%-complete data never outranks complete data."""
    lengkap = lengkap or {}
    kunci = {k: (not lengkap.get(k, True), -v) for k, v in nilai.items() if v is not None}
    urut = sorted(kunci.values())
    return {k: (urut.index(kunci[k]) + 1 if k in kunci else None) for k in nilai}


def data_lengkap(kelengkapan_persen: Decimal | None) -> bool:
    """Every approved realisation due up to the month is in (nothing to measure: not complete)."""
    return kelengkapan_persen is not None and kelengkapan_persen >= SERATUS


@dataclass
class BarisPemda:
    """One agency on the Pemda page."""

    instansi: Instansi
    capaian: CapaianInstansi
    kelengkapan: list[SelKelengkapan]
    kelengkapan_persen: Decimal | None
    serapan: rumus.Hasil | None
    efisiensi: rumus.Hasil
    terlambat: int
    peringkat: int | None

    @property
    def lengkap(self) -> bool:
        return data_lengkap(self.kelengkapan_persen)


def bandingkan(
    instansi_list: Sequence[Instansi],
    tahun: int,
    sampai_bulan: int,
    sekarang: datetime.datetime | None = None,
) -> list[BarisPemda]:
    """Every agency's row: agencies with complete data first by average capaian, then the
    incomplete ones by average capaian, agencies without a capaian last (by name)."""
    sekarang = sekarang or timezone.now()
    capaian = capaian_semua(instansi_list, tahun, sampai_bulan, bulanan=False)
    kelengkapan = kelengkapan_semua(instansi_list, tahun, sampai_bulan)
    persen = {pk: kelengkapan_total(sel) for pk, sel in kelengkapan.items()}
    serapan = serapan_semua(instansi_list, tahun, sampai_bulan)
    terlambat = terlambat_semua(instansi_list, sekarang)
    urutan = peringkat(
        {pk: c.rata for pk, c in capaian.items()},
        {pk: data_lengkap(p) for pk, p in persen.items()},
    )
    baris = []
    for i in instansi_list:
        c, s = capaian[i.pk], serapan[i.pk]
        baris.append(
            BarisPemda(
                instansi=i,
                capaian=c,
                kelengkapan=kelengkapan[i.pk],
                kelengkapan_persen=persen[i.pk],
                serapan=s,
                efisiensi=rumus.efisiensi(c.rata, s.nilai if s else None),
                terlambat=terlambat[i.pk],
                peringkat=urutan[i.pk],
            )
        )
    baris.sort(key=lambda b: (b.peringkat is None, b.peringkat or 0, b.instansi.nama))
    return baris


def rata_pemda(baris: Sequence[BarisPemda]) -> Decimal | None:
    """The Pemda's average: the mean of the agencies' averages (each agency weighs the same)."""
    nilai = [b.capaian.rata for b in baris if b.capaian.rata is not None]
    return sum(nilai, Decimal(0)) / len(nilai) if nilai else None
