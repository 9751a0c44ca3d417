"""Builds the built-in Word template of the SKM report (run after changing it):

    .venv/bin/python src/sakip/ikm/bawaan/buat_laporan_skm.py

The output (laporan_skm.docx) is committed; agencies download it, restyle it in Word and
upload it back. It uses the house style of `sakip.dokumen.word` (kop, tables, styles,
signature) so that it looks like the other reports. Variables:
sakip.ikm.jenis_dokumen.VARIABEL_SKM.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx.shared import Cm

from sakip.dokumen import word as w
from sakip.dokumen.word import TENGAH

FOLDER = Path(__file__).parent


def _judul(doc, teks: str) -> None:
    doc.add_paragraph(teks, style="Heading 2")


def buat_laporan_skm(tujuan: Path) -> Path:
    doc = w.dokumen()
    w.gaya_judul(doc)
    w.kepala_kaki(doc.sections[0], kepala=False)
    w.kop(doc)
    w.tanda_draf(doc, "periode.draf")
    w.judul_di_bawah_kop(doc, "periode")

    _judul(doc, "BAB I PENDAHULUAN")
    w.teks(doc, "{{ narasi.pendahuluan }}")

    _judul(doc, "BAB II PELAKSANAAN SURVEI")
    w.teks(doc, "{{ narasi.metode }}")
    w.keterangan(doc, "Tabel 1. Unsur Pelayanan yang Disurvei")
    w.tabel_loop(
        doc, ["No", "Kode", "Unsur pelayanan"], [Cm(1.2), Cm(1.8), Cm(13)], "u in unsur",
        [("{{ u.no }}", TENGAH), ("{{ u.kode }}", TENGAH), ("{{ u.nama }}", None)],
    )  # fmt: skip

    _judul(doc, "BAB III HASIL SURVEI")
    w.teks(doc, "A. Profil Responden", tebal=True, rata=None)
    w.teks(doc, "Jumlah responden: {{ hasil.responden }}. {{ hasil.kalimat_sampel }}")
    w.keterangan(doc, "Tabel 2. Profil Responden dan IKM per Kelompok")
    lebar = [Cm(6), Cm(2.5), Cm(2.5), Cm(2.5), Cm(2.5)]
    # One table per dimension, walked in a single table with a header row per group.
    tabel = w.tabel(doc, ["Kelompok", "Jumlah", "Persen", "IKM", "Mutu"], lebar)
    w.baris_tag(tabel, "{%tr for g in profil %}")
    w.baris(tabel, [("{{ g.judul }}", None), ("", None), ("", None), ("", None), ("", None)])
    w.baris_tag(tabel, "{%tr for b in g.baris %}")
    w.baris(
        tabel,
        [("{{ b.label }}", None), ("{{ b.jumlah }}", TENGAH), ("{{ b.persen }}", TENGAH),
         ("{{ b.ikm }}", TENGAH), ("{{ b.mutu }}", TENGAH)],
    )  # fmt: skip
    w.baris_tag(tabel, "{%tr endfor %}")
    w.baris_tag(tabel, "{%tr endfor %}")
    w.selesai(tabel, lebar)

    w.teks(doc, "B. Nilai per Unsur Pelayanan", tebal=True, rata=None)
    w.keterangan(doc, "Tabel 3. Nilai Rata-rata (NRR) per Unsur")
    w.tabel_loop(
        doc,
        ["No", "Unsur", "Jumlah nilai", "NRR", "NRR × 1/9", "Mutu", "Kinerja"],
        [Cm(1), Cm(5.4), Cm(2), Cm(1.8), Cm(2), Cm(1.3), Cm(2.5)],
        "u in unsur",
        [("{{ u.no }}", TENGAH), ("{{ u.kode }} {{ u.nama }}", None), ("{{ u.jumlah }}", TENGAH),
         ("{{ u.nrr }}", TENGAH), ("{{ u.nrr_tertimbang }}", TENGAH), ("{{ u.mutu }}", TENGAH),
         ("{{ u.kinerja }}", None)],
    )  # fmt: skip

    w.teks(doc, "C. Indeks Kepuasan Masyarakat", tebal=True, rata=None)
    w.teks(doc, "{{ hasil.kalimat }}")
    w.keterangan(doc, "Tabel 4. Konversi Nilai IKM (PermenPAN-RB 14/2017)")
    w.tabel_loop(
        doc,
        ["Nilai persepsi", "Nilai interval", "Nilai interval konversi", "Mutu", "Kinerja"],
        [Cm(2.5), Cm(3.5), Cm(4), Cm(2), Cm(4)],
        "k in konversi",
        [("{{ k.nilai_persepsi }}", TENGAH), ("{{ k.interval }}", TENGAH),
         ("{{ k.konversi }}", TENGAH), ("{{ k.mutu }}", TENGAH), ("{{ k.kinerja }}", None)],
    )  # fmt: skip

    w.teks(doc, "D. IKM per Jenis Layanan", tebal=True, rata=None)
    w.tabel_loop(
        doc,
        ["No", "Jenis layanan", "Responden", "IKM", "Mutu", "Kinerja"],
        [Cm(1), Cm(7), Cm(2.2), Cm(2), Cm(1.5), Cm(2.3)],
        "l in layanan",
        [("{{ l.no }}", TENGAH), ("{{ l.nama }}", None), ("{{ l.responden }}", TENGAH),
         ("{{ l.ikm }}", TENGAH), ("{{ l.mutu }}", TENGAH), ("{{ l.kinerja }}", None)],
    )  # fmt: skip

    w.teks(doc, "E. Perkembangan IKM", tebal=True, rata=None)
    w.tabel_loop(
        doc,
        ["Periode", "Responden", "IKM", "Mutu", "Kinerja"],
        [Cm(5), Cm(2.5), Cm(2.5), Cm(2), Cm(4)],
        "t in tren",
        [("{{ t.periode }}", None), ("{{ t.responden }}", TENGAH), ("{{ t.ikm }}", TENGAH),
         ("{{ t.mutu }}", TENGAH), ("{{ t.kinerja }}", None)],
    )  # fmt: skip

    w.teks(doc, "F. Analisis dan Prioritas Perbaikan", tebal=True, rata=None)
    w.teks(doc, "{{ narasi.analisis }}")
    w.tabel_loop(
        doc,
        ["No", "Unsur", "NRR", "Mutu", "Kinerja"],
        [Cm(1), Cm(8), Cm(2.2), Cm(1.8), Cm(3)],
        "p in prioritas",
        [("{{ p.no }}", TENGAH), ("{{ p.kode }} {{ p.nama }}", None), ("{{ p.nrr }}", TENGAH),
         ("{{ p.mutu }}", TENGAH), ("{{ p.kinerja }}", None)],
    )  # fmt: skip

    w.teks(doc, "G. Saran dan Masukan Masyarakat", tebal=True, rata=None)
    w.blok(doc, "{%p for s in saran %}")
    w.daftar_baris(doc, "{{ s.no }}. {{ s.saran }} ({{ s.layanan }}, {{ s.tanggal }})")
    w.blok(doc, "{%p else %}")
    w.teks(doc, "Tidak ada saran tertulis pada periode ini.")
    w.blok(doc, "{%p endfor %}")

    _judul(doc, "BAB IV KESIMPULAN DAN RENCANA TINDAK LANJUT")
    w.teks(doc, "A. Kesimpulan", tebal=True, rata=None)
    w.teks(doc, "{{ narasi.kesimpulan }}")
    w.teks(doc, "B. Rencana Tindak Lanjut", tebal=True, rata=None)
    w.teks(doc, "{{ narasi.rencana_tindak_lanjut }}")
    w.tanda_tangan(doc, "{{ periode.tempat_tanggal }}", baris_kosong=3)
    return w.simpan(doc, tujuan, "Laporan Hasil Survei Kepuasan Masyarakat")


if __name__ == "__main__":
    print(buat_laporan_skm(Path(sys.argv[1]) if len(sys.argv) > 1 else FOLDER / "laporan_skm.docx"))
