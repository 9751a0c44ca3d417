"""The capaian summary of an agency's year: per sasaran (or tujuan) the indicators with
target, realisation to date and capaian, each with its formula; the group means and the
agency's mean; then serapan per program, kegiatan and sub-kegiatan, and efficiency.

The formulas themselves are `capaian` (pure functions) and the figures come from
`penilaian`; this module arranges them the way the capaian page, the dashboard and the
capaian matrix export (`ekspor_capaian`) show them, so the three show the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from sakip.perencanaan.models import Agregasi, Indikator, ItemAnggaran, Polaritas

from . import penilaian
from .capaian import Hasil, efisiensi, serapan
from .forms import BULAN_PANJANG, BULAN_PENDEK, tulis_angka
from .models import KategoriCapaian

# Colours for the default category scale, used when the Pemda has not set its own.
WARNA_BAWAAN = {
    "Sangat Baik": "#1f7a4d",
    "Baik": "#2e7d32",
    "Cukup": "#b54708",
    "Kurang": "#c4320a",
    "Sangat Kurang": "#b42318",
}
ABU = "#98a2b3"  # no category yet (no realisation)


def tampil(nilai) -> str:
    """A realisation as the page writes it: "82,5", a scale value as it is, "—" when none."""
    if nilai is None or nilai == "":
        return "—"
    return nilai if isinstance(nilai, str) else tulis_angka(nilai)


def persen(nilai: Decimal | None) -> str:
    return "—" if nilai is None else tulis_angka(nilai.quantize(Decimal("0.01"))) + "%"


def warna_kategori(pemda_id: int) -> dict[str, str]:
    """The Pemda's category colours, or the default scale's when it has set none."""
    return {
        k.nama: k.warna for k in KategoriCapaian.objects.filter(pemda_id=pemda_id)
    } or WARNA_BAWAAN


def _label(pilihan, nilai: str) -> str:
    """The short label of a choice: "Naik (makin tinggi makin baik)" → "Naik"."""
    return str(dict(pilihan.choices).get(nilai, nilai)).split(" (")[0]


def rumus_realisasi(c: penilaian.CapaianIndikator, sampai: int) -> str:
    """How the realisation to date came from the months (docs/domain.md §7 period aggregation)."""
    terisi = [(b, v) for b, v in enumerate(c.bulanan[:sampai], 1) if v not in (None, "")]
    if not terisi:
        return _("belum ada realisasi s.d. %(b)s") % {"b": BULAN_PANJANG[sampai - 1]}
    if isinstance(terisi[-1][1], str) or c.agregasi == "akhir_periode":
        b, v = terisi[-1]
        return _("akhir periode: nilai %(b)s = %(v)s") % {"b": BULAN_PENDEK[b - 1], "v": tampil(v)}
    nama = " + ".join(BULAN_PENDEK[b - 1] for b, _v in terisi)
    nilai = " + ".join(tulis_angka(v) for _b, v in terisi)
    if c.agregasi == "kumulatif":
        return _("kumulatif: %(n)s = %(v)s = %(r)s") % {
            "n": nama,
            "v": nilai,
            "r": tampil(c.realisasi),
        }
    rata = Decimal(c.realisasi).quantize(Decimal("0.01"))
    return _("rata-rata %(k)s bulan terisi: (%(v)s) / %(k)s = %(r)s") % {
        "k": len(terisi),
        "v": nilai,
        "r": tulis_angka(rata),
    }


def rata_dengan_rumus(nilai: list[Decimal]) -> Hasil:
    """The mean of capaian figures, with the figures in its formula."""
    if not nilai:
        return Hasil(None, _("belum ada capaian"))
    rata = sum(nilai, Decimal(0)) / len(nilai)
    if len(nilai) == 1:
        return Hasil(rata, _("satu indikator: %(n)s") % {"n": persen(rata)})
    angka = " + ".join(tulis_angka(n.quantize(Decimal("0.01"))) for n in nilai)
    return Hasil(rata, f"({angka}) / {len(nilai)} = {persen(rata)}")


@dataclass
class BarisCapaian:
    c: penilaian.CapaianIndikator
    realisasi: str
    rumus_realisasi: str
    warna: str
    jenis: str  # polarity and period aggregation, e.g. "Turun · Rata-rata"


@dataclass
class KelompokCapaian:
    """The indicators of one sasaran (or tujuan) and their mean capaian."""

    kode: str
    uraian: str
    jenis: str
    sasaran_id: int | None
    baris: list[BarisCapaian] = field(default_factory=list)
    rata: Hasil | None = None
    kategori: str = ""
    warna: str = ""


def susun_capaian(instansi, tahun: int, sampai: int, hasil=None) -> list[KelompokCapaian]:
    """Capaian of the Renstra indicators grouped by sasaran/tujuan, with each group's mean."""
    hasil = hasil if hasil is not None else penilaian.capaian_renstra(instansi, tahun, sampai)
    aturan = penilaian.aturan_pemda(instansi.pemda_id)
    warna = warna_kategori(instansi.pemda_id)
    induk = {
        i.pk: (i.sasaran, "sasaran") if i.sasaran_id else (i.tujuan, "tujuan")
        for i in Indikator.objects.filter(pk__in=[c.indikator_id for c in hasil]).select_related(
            "sasaran", "tujuan"
        )
    }
    kelompok: dict[tuple, KelompokCapaian] = {}
    for c in hasil:
        objek, jenis = induk[c.indikator_id]
        k = kelompok.setdefault(
            (jenis, objek.pk),
            KelompokCapaian(
                objek.kode,
                objek.uraian,
                _("Sasaran") if jenis == "sasaran" else _("Tujuan"),
                objek.pk if jenis == "sasaran" else None,
            ),
        )
        jenis = f"{_label(Polaritas, c.polaritas)} · {_label(Agregasi, c.agregasi)}"
        k.baris.append(
            BarisCapaian(
                c,
                tampil(c.realisasi),
                rumus_realisasi(c, sampai),
                warna.get(c.kategori, ""),
                jenis,
            )
        )
    for k in kelompok.values():
        k.rata = rata_dengan_rumus([b.c.nilai for b in k.baris if b.c.nilai is not None])
        k.kategori = aturan.kategori_dari(k.rata.nilai)
        k.warna = warna.get(k.kategori, "")
    return list(kelompok.values())


@dataclass
class BarisSerapan:
    """A program, kegiatan or sub-kegiatan with its realisation to date and serapan; a
    program linked to a Renstra sasaran also compares the sasaran's capaian (efisiensi)."""

    item: ItemAnggaran
    tingkat: int
    pagu: Decimal
    realisasi: Decimal
    serapan: Hasil
    capaian: Hasil | None = None
    efisiensi: Hasil | None = None


def susun_serapan(dpa, sampai: int, capaian_sasaran: dict[int, Hasil]):
    """The DPA tree with serapan per program, kegiatan and sub-kegiatan, and the total."""
    sub, total = penilaian.serapan_dpa(dpa, sampai)
    semua = list(dpa.item.select_related("program_renstra").order_by("kode"))
    jumlah: dict[int, list[Decimal]] = {}
    induk = {i.pk: i.induk_id for i in semua}
    for s in sub:
        # a sub-kegiatan's money counts for its kegiatan and that kegiatan's program
        simpul = s.item.pk
        while simpul is not None:
            pagu, real = jumlah.get(simpul, [Decimal(0), Decimal(0)])
            jumlah[simpul] = [pagu + s.pagu, real + s.realisasi]
            simpul = induk.get(simpul)
    tingkat = {"program": 0, "kegiatan": 1, "sub": 2}
    baris = []
    for i in semua:
        pagu, real = jumlah.get(i.pk, [Decimal(0), Decimal(0)])
        b = BarisSerapan(i, tingkat[i.level], pagu, real, serapan(real, pagu))
        sasaran_id = i.program_renstra.sasaran_id if i.program_renstra else None
        if i.level == "program" and sasaran_id in capaian_sasaran:
            b.capaian = capaian_sasaran[sasaran_id]
            b.efisiensi = efisiensi(b.capaian.nilai, b.serapan.nilai)
        baris.append(b)
    return baris, total


@dataclass
class RingkasanCapaian:
    """Everything the capaian page shows and the capaian matrix exports."""

    kelompok: list[KelompokCapaian]
    rata: Hasil
    kategori_rata: str
    serapan: list[BarisSerapan]
    total_serapan: Hasil | None
    efisiensi: Hasil


def ringkasan_capaian(instansi, tahun: int, sampai: int, hasil=None) -> RingkasanCapaian:
    """The whole summary; `hasil` is the year's capaian when the caller has it already."""
    hasil = hasil if hasil is not None else penilaian.capaian_renstra(instansi, tahun, sampai)
    kelompok = susun_capaian(instansi, tahun, sampai, hasil)
    rata = rata_dengan_rumus([c.nilai for c in hasil if c.nilai is not None])
    dpa = penilaian.dpa_tahun(instansi.pk, tahun)
    serapan, total = [], None
    if dpa is not None:
        per_sasaran = {k.sasaran_id: k.rata for k in kelompok if k.sasaran_id}
        serapan, total = susun_serapan(dpa, sampai, per_sasaran)
    return RingkasanCapaian(
        kelompok=kelompok,
        rata=rata,
        kategori_rata=penilaian.aturan_pemda(instansi.pemda_id).kategori_dari(rata.nilai),
        serapan=serapan,
        total_serapan=total,
        efisiensi=efisiensi(rata.nilai, total.nilai if total else None),
    )
