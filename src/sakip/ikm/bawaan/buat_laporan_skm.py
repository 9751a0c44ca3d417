"""Builds the built-in Word template of the SKM report (run after changing it):

    .venv/bin/python src/sakip/ikm/bawaan/buat_laporan_skm.py

The output (laporan_skm.docx) is committed; agencies download it, restyle it in Word and
upload it back. It borrows the house helpers of sakip/dokumen/bawaan (kop, tables, styles)
so that it looks like the other reports. Variables: sakip.ikm.jenis_dokumen.VARIABEL_SKM.
"""

from __future__ import annotations

import sys
from pathlib import Path

FOLDER = Path(__file__).parent
sys.path.insert(0, str(FOLDER.parents[1] / "dokumen" / "bawaan"))

from buat_bawaan import _dokumen, _isi_sel, _kop, _paragraf, _tanpa_garis  # noqa: E402
from buat_laporan import (  # noqa: E402
    LEBAR_ISI,
    MERAH,
    TENGAH,
    _baris,
    _baris_tag,
    _blok,
    _gaya_judul,
    _kepala_kaki,
    _keterangan,
    _lebar,
    _selesai,
    _simpan,
    _tabel,
    _teks,
)
from docx.shared import Cm, Emu, Pt  # noqa: E402


def _judul(doc, teks: str) -> None:
    doc.add_paragraph(teks, style="Heading 2")


def _tanda_draf(doc) -> None:
    _blok(doc, "{%p if periode.draf %}")
    _paragraf(doc, "DRAF — belum ditandatangani", tebal=True, rata=TENGAH, warna=MERAH)
    _blok(doc, "{%p endif %}")


def _tanda_tangan(doc) -> None:
    _paragraf(doc, sesudah=Pt(6))
    tabel = doc.add_table(rows=1, cols=2)
    _tanpa_garis(tabel)
    _lebar(tabel, [Emu(LEBAR_ISI // 2), Emu(LEBAR_ISI // 2)])
    sel = tabel.rows[0].cells[1]
    _isi_sel(sel, "{{ periode.tempat_tanggal }}", rata=TENGAH)
    for teks, tebal, garis in (
        ("{{ penandatangan.jabatan_ttd }},", True, False),
        ("", False, False),
        ("", False, False),
        ("", False, False),
        ("{{ penandatangan.nama }}", True, True),
        ("{% if penandatangan.nip %}NIP. {{ penandatangan.nip }}{% endif %}", False, False),
    ):
        p = sel.add_paragraph()
        p.alignment = TENGAH
        if teks:
            run = p.add_run(teks)
            run.bold, run.underline = tebal or None, garis or None


def _tabel_loop(doc, kepala, lebar, loop: str, sel: list[tuple[str, object]]) -> None:
    tabel = _tabel(doc, kepala, lebar)
    _baris_tag(tabel, "{%tr for " + loop + " %}")
    _baris(tabel, sel)
    _baris_tag(tabel, "{%tr endfor %}")
    _selesai(tabel, lebar)


def _daftar_baris(doc, teks: str) -> None:
    p = _teks(doc, teks, rata=None)
    p.paragraph_format.left_indent, p.paragraph_format.first_line_indent = Cm(0.6), Cm(-0.6)


def buat_laporan_skm(tujuan: Path) -> Path:
    doc = _dokumen()
    _gaya_judul(doc)
    _kepala_kaki(doc.sections[0], kepala=False)
    _kop(doc)
    _tanda_draf(doc)
    for teks, ukuran in (
        ("{{ periode.judul }}", Pt(12.5)),
        ("{{ periode.instansi_besar }}", Pt(11.5)),
        ("{{ periode.subjudul }}", Pt(11.5)),
    ):
        _paragraf(doc, teks, tebal=True, ukuran=ukuran, rata=TENGAH)
    _paragraf(doc, sesudah=Pt(6))

    _judul(doc, "BAB I PENDAHULUAN")
    _teks(doc, "{{ narasi.pendahuluan }}")

    _judul(doc, "BAB II PELAKSANAAN SURVEI")
    _teks(doc, "{{ narasi.metode }}")
    _keterangan(doc, "Tabel 1. Unsur Pelayanan yang Disurvei")
    _tabel_loop(
        doc, ["No", "Kode", "Unsur pelayanan"], [Cm(1.2), Cm(1.8), Cm(13)], "u in unsur",
        [("{{ u.no }}", TENGAH), ("{{ u.kode }}", TENGAH), ("{{ u.nama }}", None)],
    )  # fmt: skip

    _judul(doc, "BAB III HASIL SURVEI")
    _teks(doc, "A. Profil Responden", tebal=True, rata=None)
    _teks(doc, "Jumlah responden: {{ hasil.responden }}. {{ hasil.kalimat_sampel }}")
    _keterangan(doc, "Tabel 2. Profil Responden dan IKM per Kelompok")
    lebar = [Cm(6), Cm(2.5), Cm(2.5), Cm(2.5), Cm(2.5)]
    # One table per dimension, walked in a single table with a header row per group.
    tabel = _tabel(doc, ["Kelompok", "Jumlah", "Persen", "IKM", "Mutu"], lebar)
    _baris_tag(tabel, "{%tr for g in profil %}")
    _baris(tabel, [("{{ g.judul }}", None), ("", None), ("", None), ("", None), ("", None)])
    _baris_tag(tabel, "{%tr for b in g.baris %}")
    _baris(
        tabel,
        [("{{ b.label }}", None), ("{{ b.jumlah }}", TENGAH), ("{{ b.persen }}", TENGAH),
         ("{{ b.ikm }}", TENGAH), ("{{ b.mutu }}", TENGAH)],
    )  # fmt: skip
    _baris_tag(tabel, "{%tr endfor %}")
    _baris_tag(tabel, "{%tr endfor %}")
    _selesai(tabel, lebar)

    _teks(doc, "B. Nilai per Unsur Pelayanan", tebal=True, rata=None)
    _keterangan(doc, "Tabel 3. Nilai Rata-rata (NRR) per Unsur")
    _tabel_loop(
        doc,
        ["No", "Unsur", "Jumlah nilai", "NRR", "NRR × 1/9", "Mutu", "Kinerja"],
        [Cm(1), Cm(5.4), Cm(2), Cm(1.8), Cm(2), Cm(1.3), Cm(2.5)],
        "u in unsur",
        [("{{ u.no }}", TENGAH), ("{{ u.kode }} {{ u.nama }}", None), ("{{ u.jumlah }}", TENGAH),
         ("{{ u.nrr }}", TENGAH), ("{{ u.nrr_tertimbang }}", TENGAH), ("{{ u.mutu }}", TENGAH),
         ("{{ u.kinerja }}", None)],
    )  # fmt: skip

    _teks(doc, "C. Indeks Kepuasan Masyarakat", tebal=True, rata=None)
    _teks(doc, "{{ hasil.kalimat }}")
    _keterangan(doc, "Tabel 4. Konversi Nilai IKM (PermenPAN-RB 14/2017)")
    _tabel_loop(
        doc,
        ["Nilai persepsi", "Nilai interval", "Nilai interval konversi", "Mutu", "Kinerja"],
        [Cm(2.5), Cm(3.5), Cm(4), Cm(2), Cm(4)],
        "k in konversi",
        [("{{ k.nilai_persepsi }}", TENGAH), ("{{ k.interval }}", TENGAH),
         ("{{ k.konversi }}", TENGAH), ("{{ k.mutu }}", TENGAH), ("{{ k.kinerja }}", None)],
    )  # fmt: skip

    _teks(doc, "D. IKM per Jenis Layanan", tebal=True, rata=None)
    _tabel_loop(
        doc,
        ["No", "Jenis layanan", "Responden", "IKM", "Mutu", "Kinerja"],
        [Cm(1), Cm(7), Cm(2.2), Cm(2), Cm(1.5), Cm(2.3)],
        "l in layanan",
        [("{{ l.no }}", TENGAH), ("{{ l.nama }}", None), ("{{ l.responden }}", TENGAH),
         ("{{ l.ikm }}", TENGAH), ("{{ l.mutu }}", TENGAH), ("{{ l.kinerja }}", None)],
    )  # fmt: skip

    _teks(doc, "E. Perkembangan IKM", tebal=True, rata=None)
    _tabel_loop(
        doc,
        ["Periode", "Responden", "IKM", "Mutu", "Kinerja"],
        [Cm(5), Cm(2.5), Cm(2.5), Cm(2), Cm(4)],
        "t in tren",
        [("{{ t.periode }}", None), ("{{ t.responden }}", TENGAH), ("{{ t.ikm }}", TENGAH),
         ("{{ t.mutu }}", TENGAH), ("{{ t.kinerja }}", None)],
    )  # fmt: skip

    _teks(doc, "F. Analisis dan Prioritas Perbaikan", tebal=True, rata=None)
    _teks(doc, "{{ narasi.analisis }}")
    _tabel_loop(
        doc,
        ["No", "Unsur", "NRR", "Mutu", "Kinerja"],
        [Cm(1), Cm(8), Cm(2.2), Cm(1.8), Cm(3)],
        "p in prioritas",
        [("{{ p.no }}", TENGAH), ("{{ p.kode }} {{ p.nama }}", None), ("{{ p.nrr }}", TENGAH),
         ("{{ p.mutu }}", TENGAH), ("{{ p.kinerja }}", None)],
    )  # fmt: skip

    _teks(doc, "G. Saran dan Masukan Masyarakat", tebal=True, rata=None)
    _blok(doc, "{%p for s in saran %}")
    _daftar_baris(doc, "{{ s.no }}. {{ s.saran }} ({{ s.layanan }}, {{ s.tanggal }})")
    _blok(doc, "{%p else %}")
    _teks(doc, "Tidak ada saran tertulis pada periode ini.")
    _blok(doc, "{%p endfor %}")

    _judul(doc, "BAB IV KESIMPULAN DAN RENCANA TINDAK LANJUT")
    _teks(doc, "A. Kesimpulan", tebal=True, rata=None)
    _teks(doc, "{{ narasi.kesimpulan }}")
    _teks(doc, "B. Rencana Tindak Lanjut", tebal=True, rata=None)
    _teks(doc, "{{ narasi.rencana_tindak_lanjut }}")
    _tanda_tangan(doc)
    return _simpan(doc, tujuan, "Laporan Hasil Survei Kepuasan Masyarakat")


if __name__ == "__main__":
    print(buat_laporan_skm(Path(sys.argv[1]) if len(sys.argv) > 1 else FOLDER / "laporan_skm.docx"))
