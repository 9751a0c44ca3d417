"""Capaian of an agency, a PK and its indicators, and budget absorption — read side.

Each function loads what it needs in a fixed number of queries (no per-row queries),
so pages, the Pemda comparison and documents can call them freely. Realisations are read
through `Realisasi.objects.disetujui()`: only what the Kasubag approved counts; what still
waits is listed by `menunggu_persetujuan` so pages can say why a figure did not move.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, Count, OuterRef, Q, Subquery, Sum, When

from sakip.perencanaan.models import (
    Agregasi,
    DokumenAnggaran,
    Indikator,
    IndikatorPK,
    ItemAnggaran,
    PerjanjianKinerja,
    TargetTahunan,
)

from . import capaian as rumus
from .models import AturanCapaian, KategoriCapaian, Realisasi, RealisasiAnggaran

KATEGORI_BAWAAN = [
    (Decimal(91), "Sangat Baik"),
    (Decimal(76), "Baik"),
    (Decimal(66), "Cukup"),
    (Decimal(51), "Kurang"),
    (Decimal(0), "Sangat Kurang"),
]


@dataclass(frozen=True)
class Aturan:
    batas_atas: Decimal | None
    lantai_nol: bool
    kategori: list[tuple[Decimal, str]]

    def kategori_dari(self, nilai: Decimal | None) -> str:
        return rumus.kategori(nilai, self.kategori)


def aturan_pemda(pemda_id: int) -> Aturan:
    a = AturanCapaian.objects.filter(pemda_id=pemda_id).first()
    kategori = [
        (k.batas_bawah, k.nama) for k in KategoriCapaian.objects.filter(pemda_id=pemda_id)
    ] or KATEGORI_BAWAAN
    return Aturan(a.batas_atas if a else None, a.lantai_nol if a else True, kategori)


@dataclass(frozen=True)
class Menunggu:
    """A submitted realisation not yet approved (shown beside the figures, never counted)."""

    realisasi_id: int
    indikator_id: int | None
    indikator_pk_id: int | None
    bulan: int
    nilai: Decimal | str | None

    @property
    def nama_bulan(self) -> str:
        from .forms import BULAN_PANJANG

        return str(BULAN_PANJANG[self.bulan - 1])

    @property
    def nilai_tampil(self) -> str:
        from .forms import tulis_angka

        if self.nilai is None or self.nilai == "":
            return "—"
        return self.nilai if isinstance(self.nilai, str) else tulis_angka(self.nilai)


@dataclass
class CapaianIndikator:
    nama: str
    satuan: str
    polaritas: str
    agregasi: str
    target: str  # as displayed: "85", "90 – 100", "WTP"
    realisasi: Decimal | str | None
    bulanan: list  # 12 monthly values (None where empty)
    hasil: rumus.Hasil
    kategori: str
    kode: str = ""
    indikator_id: int | None = None
    indikator_pk_id: int | None = None
    # Submitted values of this indicator still waiting for approval (not in the figures).
    menunggu: list[Menunggu] = field(default_factory=list)

    @property
    def nilai(self) -> Decimal | None:
        return self.hasil.nilai


def bulanan_per(realisasi, kunci: str = "indikator_id") -> defaultdict[int, list]:
    """Each indicator's 12 monthly values from approved realisations, reading four columns
    per row: no model objects, which cost far more than the values at Pemda size (issue 15).
    A missing key gives 12 empty months."""
    per: defaultdict[int, list] = defaultdict(lambda: [None] * 12)
    for k, bulan, nilai, nilai_skala in realisasi.values_list(
        kunci, "bulan", "nilai", "nilai_skala"
    ):
        per[k][bulan - 1] = nilai_skala or nilai
    return per


def hitung_indikator(
    indikator: Indikator | None, nilai_target, bulanan: list, sampai: int, aturan: Aturan
):
    """(realisasi to date, Hasil) for one indicator and its target object."""
    agregasi = indikator.agregasi if indikator else "akhir_periode"
    sampai_ini = bulanan[:sampai]
    if indikator is not None and indikator.skala is not None:
        terisi = [v for v in sampai_ini if v]
        realisasi = terisi[-1] if terisi else None
    else:
        realisasi = rumus.agregasi(agregasi, [(i + 1, v) for i, v in enumerate(sampai_ini)])
    return realisasi, hasil_capaian(indikator, nilai_target, realisasi, aturan)


def hasil_capaian(indikator: Indikator | None, nilai_target, realisasi, aturan: Aturan):
    """The capaian of a realisation to date (already aggregated over the months)."""
    polaritas = indikator.polaritas if indikator else "naik"
    skala = indikator.skala if indikator else None
    if skala is not None:
        return rumus.hitung_skala(
            skala.nilai,
            realisasi or "",
            nilai_target.target_skala,
            batas_atas=aturan.batas_atas,
            lantai_nol=aturan.lantai_nol,
        )
    return rumus.hitung(
        polaritas,
        realisasi,
        nilai_target.target if nilai_target else None,
        target_atas=nilai_target.target_atas if nilai_target else None,
        toleransi=indikator.toleransi if indikator else None,
        batas_atas=aturan.batas_atas,
        lantai_nol=aturan.lantai_nol,
    )


# ---------------------------------------------------------------- aggregated in the database


@dataclass(frozen=True)
class Ringkas:
    """One indicator's approved months up to a month, reduced by the database to what its
    period aggregation needs (docs/domain.md §7); the other figures stay None."""

    jumlah: Decimal | None = None  # sum of the numeric months (kumulatif, rata_rata)
    banyak: int | None = None  # numeric months filled (rata_rata divides by it)
    akhir: Decimal | None = None  # the latest numeric month's value (akhir_periode)
    akhir_skala: str | None = None  # the latest scale value (scale indicators)

    def realisasi(self, indikator: Indikator):
        """The realisation to date, as `hitung_indikator` aggregates the months. A value
        is a number or a scale value by the indicator's kind (`Realisasi.clean`)."""
        if indikator.skala_id is not None:
            return self.akhir_skala or None
        if indikator.agregasi == Agregasi.KUMULATIF:
            return self.jumlah
        if indikator.agregasi == Agregasi.RATA_RATA:
            # Divided here, not AVG(): PostgreSQL rounds AVG to 16 places, Python keeps 28.
            return self.jumlah / self.banyak if self.banyak else None
        return self.akhir


def ringkas_realisasi(indikator, tahun: int, sampai: int) -> dict[int, Ringkas]:
    """Each indicator's approved months 1..sampai reduced to its period value's inputs:
    the sum (kumulatif), sum and count (rata_rata), the latest value (akhir_periode, a
    scale). One query, one row per indicator: each figure is a correlated subquery on the
    (indikator, tahun, bulan) unique index, inside a CASE on the indicator's kind so only
    the figures it needs are looked up; the work grows with the indicators, not with the
    realisations, and no realisation reaches Python. The same SQL on PostgreSQL and SQLite
    (no window, no DISTINCT ON). `indikator`: a queryset of indicators or a list of ids."""
    dasar = Realisasi.objects.disetujui().filter(
        indikator=OuterRef("pk"), tahun=tahun, bulan__lte=sampai
    )
    angka = dasar.filter(nilai__isnull=False)

    def per_indikator(agregat):
        return Subquery(angka.order_by().values("indikator").annotate(x=agregat).values("x"))

    def bila(syarat: Q, nilai):
        return Case(When(syarat, then=nilai), default=None)

    bilangan = Q(skala__isnull=True)
    berjumlah = [Agregasi.KUMULATIF, Agregasi.RATA_RATA]
    baris = (
        Indikator.objects.filter(pk__in=indikator)
        .order_by()
        .annotate(
            jumlah=bila(bilangan & Q(agregasi__in=berjumlah), per_indikator(Sum("nilai"))),
            banyak=bila(bilangan & Q(agregasi=Agregasi.RATA_RATA), per_indikator(Count("pk"))),
            akhir=bila(
                bilangan & ~Q(agregasi__in=berjumlah),
                Subquery(angka.order_by("-bulan").values("nilai")[:1]),
            ),
            akhir_skala=bila(
                Q(skala__isnull=False),
                Subquery(
                    dasar.exclude(nilai_skala="").order_by("-bulan").values("nilai_skala")[:1]
                ),
            ),
        )
        .values_list("pk", "jumlah", "banyak", "akhir", "akhir_skala")
    )
    return {pk: Ringkas(*figur) for pk, *figur in baris}


def capaian_ringkas(
    i: Indikator, t: TargetTahunan | None, r: Ringkas, aturan: Aturan
) -> CapaianIndikator:
    """One Renstra indicator's capaian from its database figures: like `capaian_indikator`,
    without the months (`bulanan` stays empty)."""
    realisasi = r.realisasi(i)
    return _baris_capaian(i, t, realisasi, [], hasil_capaian(i, t, realisasi, aturan), aturan)


# ---------------------------------------------------------------- month by month


def _data_renstra(instansi, tahun: int):
    """Indicators, targets and monthly values of the agency for the year: three queries."""
    indikator = list(
        Indikator.objects.filter(
            renstra__instansi=instansi,
            renstra__tahun_awal__lte=tahun,
            renstra__tahun_akhir__gte=tahun,
        ).select_related("skala", "sasaran", "tujuan")
    )
    target = {
        t.indikator_id: t
        for t in TargetTahunan.objects.filter(indikator__in=indikator, tahun=tahun)
    }
    disetujui = Realisasi.objects.disetujui().filter(indikator__in=indikator, tahun=tahun)
    return indikator, target, bulanan_per(disetujui)


def capaian_indikator(
    i: Indikator, t: TargetTahunan | None, bulanan: list, sampai_bulan: int, aturan
) -> CapaianIndikator:
    """One Renstra indicator's capaian to a month, from its target and approved months."""
    realisasi, h = hitung_indikator(i, t, bulanan, sampai_bulan, aturan)
    return _baris_capaian(i, t, realisasi, bulanan, h, aturan)


def _baris_capaian(i: Indikator, t, realisasi, bulanan: list, h, aturan) -> CapaianIndikator:
    return CapaianIndikator(
        nama=i.nama,
        satuan=i.satuan,
        polaritas=i.polaritas,
        agregasi=i.agregasi,
        target=t.target_tampil() if t else "—",
        realisasi=realisasi,
        bulanan=bulanan,
        hasil=h,
        kategori=aturan.kategori_dari(h.nilai),
        kode=i.kode,
        indikator_id=i.pk,
    )


def _baris_renstra(data, sampai_bulan: int, aturan: Aturan) -> list[CapaianIndikator]:
    indikator, target, per_indikator = data
    return [
        capaian_indikator(i, target.get(i.pk), per_indikator[i.pk], sampai_bulan, aturan)
        for i in indikator
    ]


def capaian_renstra(instansi, tahun: int, sampai_bulan: int = 12) -> list[CapaianIndikator]:
    """Every Renstra indicator of the agency for the year: target, realisation, capaian."""
    aturan = aturan_pemda(instansi.pemda_id)
    return _baris_renstra(_data_renstra(instansi, tahun), sampai_bulan, aturan)


def capaian_renstra_bulanan(instansi, tahun: int, sampai_bulan: int = 12) -> list[list]:
    """`capaian_renstra` for each month 1..sampai_bulan (a trend), from one load."""
    aturan = aturan_pemda(instansi.pemda_id)
    data = _data_renstra(instansi, tahun)
    return [_baris_renstra(data, b, aturan) for b in range(1, sampai_bulan + 1)]


def capaian_pk(pk: PerjanjianKinerja, sampai_bulan: int = 12) -> list[CapaianIndikator]:
    """The PK's indicators: linked ones measured by their Renstra indicator, others by
    their own monthly realisations."""
    aturan = aturan_pemda(pk.instansi.pemda_id)
    indikator = list(
        IndikatorPK.objects.filter(sasaran__pk_dokumen=pk)
        .select_related("indikator_renstra__skala", "sasaran")
        .order_by("sasaran__urutan", "sasaran_id", "urutan", "id")
    )
    renstra_ids = {i.indikator_renstra_id for i in indikator if i.indikator_renstra_id}
    disetujui = Realisasi.objects.disetujui().filter(tahun=pk.tahun)
    per_renstra = bulanan_per(disetujui.filter(indikator_id__in=renstra_ids))
    per_pk = bulanan_per(disetujui.filter(indikator_pk__in=indikator), "indikator_pk_id")
    hasil = []
    for i in indikator:
        sumber = per_renstra if i.indikator_renstra_id else per_pk
        bulanan = sumber[i.indikator_renstra_id or i.pk]
        realisasi, h = hitung_indikator(i.indikator_renstra, i, bulanan, sampai_bulan, aturan)
        ref = i.indikator_renstra
        hasil.append(
            CapaianIndikator(
                nama=i.nama,
                satuan=i.satuan,
                polaritas=ref.polaritas if ref else "naik",
                agregasi=ref.agregasi if ref else "akhir_periode",
                target=i.target_tampil(),
                realisasi=realisasi,
                bulanan=bulanan,
                hasil=h,
                kategori=aturan.kategori_dari(h.nilai),
                kode=ref.kode if ref else "",
                indikator_id=i.indikator_renstra_id,
                indikator_pk_id=i.pk,
            )
        )
    return hasil


@dataclass
class BarisSerapan:
    item: ItemAnggaran
    pagu: Decimal
    realisasi: Decimal
    hasil: rumus.Hasil
    bulanan: list[Decimal] = field(default_factory=list)


def serapan_dpa(
    dpa: DokumenAnggaran, sampai_bulan: int = 12
) -> tuple[list[BarisSerapan], rumus.Hasil]:
    """Absorption per sub-kegiatan and for the whole DPA, up to a month."""
    sub = list(dpa.item.filter(level=ItemAnggaran.Level.SUB_KEGIATAN).order_by("kode"))
    per_item = defaultdict(lambda: [Decimal(0)] * 12)
    for r in RealisasiAnggaran.objects.filter(item__in=sub):
        per_item[r.item_id][r.bulan - 1] = r.jumlah
    baris = []
    for s in sub:
        bulanan = per_item[s.pk]
        realisasi = sum(bulanan[:sampai_bulan], Decimal(0))
        baris.append(BarisSerapan(s, s.pagu, realisasi, rumus.serapan(realisasi, s.pagu), bulanan))
    total_pagu = sum((b.pagu for b in baris), Decimal(0))
    total_real = sum((b.realisasi for b in baris), Decimal(0))
    return baris, rumus.serapan(total_real, total_pagu)


def dpa_tahun(instansi_id: int, tahun: int) -> DokumenAnggaran | None:
    return DokumenAnggaran.objects.filter(instansi_id=instansi_id, tahun=tahun, jenis="dpa").first()


def rata_capaian(baris: list[CapaianIndikator]) -> Decimal | None:
    nilai = [b.nilai for b in baris if b.nilai is not None]
    return sum(nilai, Decimal(0)) / len(nilai) if nilai else None


def menunggu_persetujuan(instansi, tahun: int, sampai_bulan: int = 12) -> list[Menunggu]:
    """The agency's realisations of the year up to a month waiting for approval. One query."""
    return [
        Menunggu(r.pk, r.indikator_id, r.indikator_pk_id, r.bulan, r.nilai_skala or r.nilai)
        for r in Realisasi.objects.menunggu_persetujuan()
        .filter(instansi=instansi, tahun=tahun, bulan__lte=sampai_bulan)
        .order_by("bulan", "id")
    ]


def tandai_menunggu(
    baris: list[CapaianIndikator], menunggu: list[Menunggu]
) -> list[tuple[CapaianIndikator, Menunggu]]:
    """Attach each waiting realisation to its indicator's row (Renstra or own PK indicator);
    returns (row, waiting) pairs, so a page can list what did not move its figures."""
    per_renstra = {b.indikator_id: b for b in baris if b.indikator_id}
    per_pk = {b.indikator_pk_id: b for b in baris if b.indikator_pk_id and not b.indikator_id}
    hasil = []
    for m in menunggu:
        b = per_renstra.get(m.indikator_id) if m.indikator_id else per_pk.get(m.indikator_pk_id)
        if b is not None:
            b.menunggu.append(m)
            hasil.append((b, m))
    return hasil


def kelengkapan_bulanan(instansi, tahun: int) -> list[tuple[int, int, int]]:
    """(month, realisations approved, realisations expected) for each month of the year."""
    jumlah_indikator = Indikator.objects.filter(
        renstra__instansi=instansi, renstra__tahun_awal__lte=tahun, renstra__tahun_akhir__gte=tahun
    ).count()
    terisi = dict(
        Realisasi.objects.disetujui()
        .filter(instansi=instansi, tahun=tahun, indikator__isnull=False)
        .values_list("bulan")
        .annotate(n=Sum(1))
        .values_list("bulan", "n")
    )
    return [(b, terisi.get(b, 0), jumlah_indikator) for b in range(1, 13)]
