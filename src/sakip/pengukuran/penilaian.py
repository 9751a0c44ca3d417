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

from django.db.models import Sum

from sakip.perencanaan.models import (
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


def nilai_bulanan(realisasi: list[Realisasi]) -> list:
    bulanan: list = [None] * 12
    for r in realisasi:
        bulanan[r.bulan - 1] = r.nilai_skala or r.nilai
    return bulanan


def hitung_indikator(
    indikator: Indikator | None, nilai_target, bulanan: list, sampai: int, aturan: Aturan
):
    """(realisasi to date, Hasil) for one indicator and its target object."""
    polaritas = indikator.polaritas if indikator else "naik"
    agregasi = indikator.agregasi if indikator else "akhir_periode"
    skala = indikator.skala if indikator else None
    sampai_ini = bulanan[:sampai]
    if skala is not None:
        terisi = [v for v in sampai_ini if v]
        realisasi = terisi[-1] if terisi else None
        hasil = rumus.hitung_skala(
            skala.nilai,
            realisasi or "",
            nilai_target.target_skala,
            batas_atas=aturan.batas_atas,
            lantai_nol=aturan.lantai_nol,
        )
        return realisasi, hasil
    realisasi = rumus.agregasi(agregasi, [(i + 1, v) for i, v in enumerate(sampai_ini)])
    hasil = rumus.hitung(
        polaritas,
        realisasi,
        nilai_target.target if nilai_target else None,
        target_atas=nilai_target.target_atas if nilai_target else None,
        toleransi=indikator.toleransi if indikator else None,
        batas_atas=aturan.batas_atas,
        lantai_nol=aturan.lantai_nol,
    )
    return realisasi, hasil


def _data_renstra(instansi, tahun: int):
    """Indicators, targets and realisations of the agency for the year: three queries."""
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
    per_indikator = defaultdict(list)
    for r in Realisasi.objects.disetujui().filter(indikator__in=indikator, tahun=tahun):
        per_indikator[r.indikator_id].append(r)
    return indikator, target, per_indikator


def capaian_indikator(
    i: Indikator, t: TargetTahunan | None, disetujui: list[Realisasi], sampai_bulan: int, aturan
) -> CapaianIndikator:
    """One Renstra indicator's capaian to a month, from its target and approved months."""
    bulanan = nilai_bulanan(disetujui)
    realisasi, h = hitung_indikator(i, t, bulanan, sampai_bulan, aturan)
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
    per_renstra, per_pk = defaultdict(list), defaultdict(list)
    for r in Realisasi.objects.disetujui().filter(indikator_id__in=renstra_ids, tahun=pk.tahun):
        per_renstra[r.indikator_id].append(r)
    for r in Realisasi.objects.disetujui().filter(indikator_pk__in=indikator, tahun=pk.tahun):
        per_pk[r.indikator_pk_id].append(r)
    hasil = []
    for i in indikator:
        sumber = per_renstra[i.indikator_renstra_id] if i.indikator_renstra_id else per_pk[i.pk]
        bulanan = nilai_bulanan(sumber)
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
