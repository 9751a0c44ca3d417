"""The capaian exports: the agency's capaian matrix (with the serapan sheet) and the
Pemda's comparison of its agencies, in the house style of `excel`.

Both write figures as numbers rounded as the pages show them (two decimals) and every
capaian with its formula, so a reader of the workbook can check each figure.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from sakip.dokumen.excel import BULAN, BULAN_PANJANG
from sakip.dokumen.excel import sel_angka as _sel

from .excel import Lembar, buku_xlsx

if TYPE_CHECKING:
    from .pemda import BarisPemda
    from .ringkasan import RingkasanCapaian


# The columns naming an indicator, and those of its capaian to a month: both exports.
KOLOM_INDIKATOR = [
    ("Sasaran / Tujuan", 36),
    ("Kode", 10),
    ("Indikator", 44),
    ("Satuan", 12),
    ("Target", 12),
]


def _kolom_capaian(nama_sampai: str, *, lebar_rumus: int) -> list[tuple[str, int]]:
    return [
        (f"Realisasi s.d. {nama_sampai}", 14),
        ("Capaian (%)", 12),
        ("Kategori", 14),
        ("Rumus", lebar_rumus),
    ]


# ---------------------------------------------------------------- the capaian matrix


def ekspor_capaian(instansi, tahun: int, sampai: int, ringkasan: RingkasanCapaian) -> bytes:
    """Per indicator: target, the monthly realisations, realisation to date, capaian and
    category with its formula; then serapan per program/kegiatan/sub-kegiatan."""
    nama_sampai = BULAN_PANJANG[sampai - 1]
    judul = [
        ["MATRIKS CAPAIAN KINERJA"],
        ["Instansi", instansi.nama],
        ["Tahun", tahun],
        ["Sampai bulan", nama_sampai],
    ]
    kolom = [
        ("No", 5),
        *KOLOM_INDIKATOR,
        *((b, 10) for b in BULAN),
        *_kolom_capaian(nama_sampai, lebar_rumus=60),
    ]
    baris = []
    nomor = 0
    for k in ringkasan.kelompok:
        for b in k.baris:
            c = b.c
            nomor += 1
            bulanan = [
                (v if isinstance(v, str) else _sel(v)) if i < sampai else None
                for i, v in enumerate(c.bulanan)
            ]
            realisasi = c.realisasi if isinstance(c.realisasi, str) else _sel(_dua(c.realisasi))
            baris.append(
                [
                    nomor,
                    f"{k.kode} {k.uraian}",
                    c.kode,
                    c.nama,
                    c.satuan,
                    c.target,
                    *bulanan,
                    realisasi,
                    _sel(_dua(c.nilai)),
                    c.kategori or None,
                    f"{b.rumus_realisasi}; capaian {c.hasil.rumus}",
                ]
            )
        baris.append(
            [None, f"{k.kode} {k.uraian}", None, _("Rata-rata capaian"), *[None] * 14]
            + [_sel(_dua(k.rata.nilai)), k.kategori or None, k.rata.rumus]
        )
    baris.append(
        [None, None, None, _("Rata-rata capaian instansi"), *[None] * 14]
        + [_sel(_dua(ringkasan.rata.nilai)), ringkasan.kategori_rata or None, ringkasan.rata.rumus]
    )
    daftar = [Lembar("Capaian", judul, kolom, baris)]
    if ringkasan.serapan:
        daftar.append(_lembar_serapan(judul, ringkasan, nama_sampai))
    return buku_xlsx(daftar)


def _lembar_serapan(judul, ringkasan: RingkasanCapaian, nama_sampai: str) -> Lembar:
    kolom = [
        ("Kode", 20),
        ("Program / kegiatan / sub kegiatan", 50),
        ("Pagu (Rp)", 18),
        (f"Realisasi s.d. {nama_sampai} (Rp)", 18),
        ("Serapan (%)", 12),
        ("Capaian sasaran (%)", 14),
        ("Efisiensi", 10),
        ("Rumus", 60),
    ]
    baris = []
    for b in ringkasan.serapan:
        rumus = [f"serapan {b.serapan.rumus}"]
        if b.efisiensi is not None:
            rumus.append(f"efisiensi {b.efisiensi.rumus}")
        baris.append(
            [
                b.item.kode,
                ("    " * b.tingkat) + b.item.nama,
                _sel(b.pagu),
                _sel(b.realisasi),
                _sel(_dua(b.serapan.nilai)),
                _sel(_dua(b.capaian.nilai)) if b.capaian else None,
                _sel(_dua(b.efisiensi.nilai)) if b.efisiensi else None,
                "; ".join(rumus),
            ]
        )
    total = ringkasan.total_serapan
    baris.append(
        [
            None,
            _("Jumlah"),
            _sel(sum((b.pagu for b in ringkasan.serapan if b.tingkat == 2), Decimal(0))),
            _sel(sum((b.realisasi for b in ringkasan.serapan if b.tingkat == 2), Decimal(0))),
            _sel(_dua(total.nilai)) if total else None,
            _sel(_dua(ringkasan.rata.nilai)),
            _sel(_dua(ringkasan.efisiensi.nilai)),
            f"serapan {total.rumus if total else '—'}; efisiensi {ringkasan.efisiensi.rumus}",
        ]
    )
    return Lembar(
        "Serapan Anggaran", [["SERAPAN ANGGARAN DAN EFISIENSI"], *judul[1:]], kolom, baris
    )


def _dua(nilai) -> Decimal | None:
    if nilai is None or isinstance(nilai, str):
        return None
    return Decimal(nilai).quantize(Decimal("0.01"))


# ---------------------------------------------------------------- the Pemda comparison

ATURAN_PERINGKAT = (
    "Instansi yang datanya lengkap (semua realisasi indikator Renstra sampai bulan ini sudah "
    "disetujui) diurutkan lebih dulu menurut rata-rata capaian; yang belum lengkap menyusul. "
    "Hanya realisasi yang disetujui yang dihitung."
)


def ekspor_pemda(pemda, tahun: int, sampai: int, baris: list[BarisPemda], rata_pemda) -> bytes:
    """The evaluator's comparison (seed 003): ranking with completeness, serapan, efficiency
    and late SOP steps; completeness per month; capaian per sasaran and per indicator."""
    nama_sampai = BULAN_PANJANG[sampai - 1]
    judul = [
        ["PERBANDINGAN KINERJA INSTANSI"],
        ["Pemda", pemda.nama],
        ["Tahun", tahun],
        ["Sampai bulan", nama_sampai],
        ["Peringkat", ATURAN_PERINGKAT],
    ]
    kolom = [
        ("Peringkat", 10),
        ("Instansi", 36),
        ("Rata-rata capaian (%)", 14),
        ("Kategori", 14),
        ("Kelengkapan data (%)", 14),
        ("Data lengkap", 10),
        ("Jumlah indikator", 10),
        ("Serapan anggaran (%)", 14),
        ("Efisiensi", 10),
        ("Langkah SOP terlambat", 12),
    ]
    isi = [
        [
            b.peringkat,
            b.instansi.nama,
            _sel(_dua(b.capaian.rata)),
            b.capaian.kategori or None,
            _sel(_dua(b.kelengkapan_persen)),
            _("Ya") if b.lengkap else _("Tidak"),
            len(b.capaian.indikator),
            _sel(_dua(b.serapan.nilai)) if b.serapan else None,
            _sel(_dua(b.efisiensi.nilai)),
            b.terlambat,
        ]
        for b in baris
    ]
    isi.append([None, _("Rata-rata Pemda"), _sel(_dua(rata_pemda))])
    kelengkapan = [
        [
            b.instansi.nama,
            *(
                f"{s.terisi}/{s.diharapkan}" if s.jatuh_tempo and s.diharapkan else None
                for s in b.kelengkapan
            ),
            _sel(_dua(b.kelengkapan_persen)),
        ]
        for b in baris
    ]
    sasaran = [
        [b.instansi.nama, s.label, s.jumlah_indikator, _sel(_dua(s.rata)), s.kategori or None]
        for b in baris
        for s in b.capaian.sasaran
    ]
    indikator = [
        [
            b.instansi.nama,
            label,
            c.kode,
            c.nama,
            c.satuan,
            c.target,
            c.realisasi if isinstance(c.realisasi, str) else _sel(_dua(c.realisasi)),
            _sel(_dua(c.nilai)),
            c.kategori or None,
            c.hasil.rumus,
        ]
        for b in baris
        for label, c in zip(b.capaian.label_sasaran, b.capaian.indikator, strict=True)
    ]
    return buku_xlsx(
        [
            Lembar("Perbandingan", judul, kolom, isi),
            Lembar(
                "Kelengkapan",
                [["KELENGKAPAN REALISASI YANG DISETUJUI PER BULAN"], *judul[1:4]],
                [("Instansi", 36), *((b, 8) for b in BULAN), ("Total (%)", 10)],
                kelengkapan,
            ),
            Lembar(
                "Capaian per sasaran",
                [["CAPAIAN PER SASARAN"], *judul[1:4]],
                [
                    ("Instansi", 30),
                    ("Sasaran / Tujuan", 50),
                    ("Jumlah indikator", 10),
                    ("Rata-rata capaian (%)", 14),
                    ("Kategori", 14),
                ],
                sasaran,
            ),
            Lembar(
                "Capaian indikator",
                [["CAPAIAN PER INDIKATOR"], *judul[1:4]],
                [
                    ("Instansi", 30),
                    *KOLOM_INDIKATOR,
                    *_kolom_capaian(nama_sampai, lebar_rumus=50),
                ],
                indikator,
            ),
        ]
    )
