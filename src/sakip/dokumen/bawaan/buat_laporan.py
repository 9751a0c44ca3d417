"""The built-in Word templates of the reports (run through buat_bawaan.py, which builds all):

    .venv/bin/python src/sakip/dokumen/bawaan/buat_bawaan.py

lkjip.docx follows the systematics of the Laporan Kinerja in PermenPAN-RB 53/2014: cover,
Kata Pengantar, Ikhtisar Eksekutif, Bab I Pendahuluan, Bab II Perencanaan Kinerja, Bab III
Akuntabilitas Kinerja (3.1 per sasaran and indicator: target and realisation, previous
years, Renstra end target, national standard, causes and solutions, efficiency, supporting
programs; 3.2 Realisasi Anggaran), Bab IV Penutup, Lampiran (PK, IKU, recommendations).
laporan_bulanan/semesteran/tahunan.docx are the short form under the kop; laporan_sakip.docx
adds the Renstra summary. Variables: sakip.laporan.jenis_dokumen.VARIABEL_LAPORAN.
"""

from __future__ import annotations

from pathlib import Path

from buat_bawaan import (
    HURUF,
    LEBAR_ISI,
    WAKTU_TETAP,
    _baris_kepala,
    _baris_tag,
    _dokumen,
    _isi_sel,
    _kop,
    _paragraf,
    _tanpa_garis,
    _waktu_tetap,
)
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt, RGBColor

TENGAH, KANAN = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT
RATA = WD_ALIGN_PARAGRAPH.JUSTIFY
MERAH = RGBColor(0xC0, 0x00, 0x00)
ISI_TABEL = "Isi Tabel"
LEBAR_LANSKAP = Cm(25.7)  # A4 landscape (29.7 cm) less 2 cm margins on both sides


# ---------------------------------------------------------------- styles and page furniture


def _gaya_judul(doc) -> None:
    """Headings in the body font, black (Word's default theme paints them blue), so that
    the navigation pane lists the chapters; Heading 1 opens a new page."""
    for nama, ukuran, rata, baru in (
        ("Heading 1", 13, TENGAH, True),
        ("Heading 2", 11.5, None, False),
        ("Heading 3", 11, None, False),
        ("Heading 4", 10.5, None, False),
    ):
        gaya = doc.styles[nama]
        huruf = gaya.element.rPr.find(qn("w:rFonts"))
        for tema in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            huruf.attrib.pop(qn(f"w:{tema}"), None)
        gaya.font.name, gaya.font.size = HURUF, Pt(ukuran)
        huruf.set(qn("w:eastAsia"), HURUF)
        gaya.font.bold, gaya.font.italic = True, False
        gaya.font.color.rgb = RGBColor(0, 0, 0)
        gaya.paragraph_format.space_before = Pt(0 if baru else 10)
        gaya.paragraph_format.space_after = Pt(12 if baru else 4)
        gaya.paragraph_format.page_break_before = baru
        gaya.paragraph_format.keep_with_next = True
        if rata is not None:
            gaya.paragraph_format.alignment = rata
    isi = doc.styles.add_style(ISI_TABEL, WD_STYLE_TYPE.PARAGRAPH)
    isi.base_style = doc.styles["Normal"]
    isi.font.size = Pt(9)
    isi.paragraph_format.line_spacing = 1.0
    doc.styles["Normal"].paragraph_format.space_after = Pt(4)


def _bidang(p, kode: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice fill in when they lay out."""
    for jenis, teks in (("begin", None), (None, kode), ("separate", None), (None, "1"),
                        ("end", None)):  # fmt: skip
        run = p.add_run()
        if jenis:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), jenis)
            run._r.append(fld)
        elif teks == kode:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {kode} "
            run._r.append(instr)
        else:
            run.text = teks


def _kepala_kaki(bagian, *, kepala: bool) -> None:
    """'Halaman x dari y' at the foot; the report's name at the head (LKjIP only)."""
    if kepala:
        p = bagian.header.paragraphs[0]
        p.alignment = KANAN
        run = p.add_run("{{ laporan.singkatan }} {{ laporan.instansi }} {{ laporan.periode }}")
        run.font.size, run.font.color.rgb = Pt(8), RGBColor(0x44, 0x44, 0x44)
    p = bagian.footer.paragraphs[0]
    p.alignment = KANAN
    p.add_run("Halaman ")
    _bidang(p, "PAGE")
    p.add_run(" dari ")
    _bidang(p, "NUMPAGES")
    for run in p.runs:
        run.font.size = Pt(8.5)


def _blok(doc, tag: str) -> None:
    """A paragraph holding only a {%p … %} tag: docxtpl removes it on rendering."""
    doc.add_paragraph(tag)


def _teks(doc, teks: str, *, rata=RATA, tebal: bool = False, ukuran: Pt | None = None):
    return _paragraf(doc, teks, tebal=tebal, ukuran=ukuran, rata=rata)


def _tanda_draf(doc) -> None:
    _blok(doc, "{%p if laporan.draf %}")
    _paragraf(doc, "DRAF — belum ditandatangani", tebal=True, rata=TENGAH, warna=MERAH)
    _blok(doc, "{%p endif %}")


def _keterangan(doc, teks: str) -> None:
    """A table caption, above the table as in Indonesian reports."""
    p = _paragraf(doc, teks, tebal=True, ukuran=Pt(9.5), rata=TENGAH)
    p.paragraph_format.keep_with_next = True
    p.paragraph_format.space_before = Pt(4)


def _tanda_tangan(doc) -> None:
    _paragraf(doc, sesudah=Pt(6))
    tabel = doc.add_table(rows=1, cols=2)
    _tanpa_garis(tabel)
    _lebar(tabel, [Emu(LEBAR_ISI // 2), Emu(LEBAR_ISI // 2)])
    sel = tabel.rows[0].cells[1]
    _isi_sel(sel, "{{ laporan.tempat_tanggal }}", rata=TENGAH)
    for teks, tebal, garis in (
        ("{{ penandatangan.jabatan_ttd }},", True, False),
        ("", False, False),
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


# ---------------------------------------------------------------- tables


def _tabel(doc, kepala: list[str], lebar: list, *, tengah: bool = True):
    tabel = doc.add_table(rows=1, cols=len(kepala))
    tabel.style = doc.styles["Table Grid"]
    if tengah:
        tabel.alignment = WD_TABLE_ALIGNMENT.CENTER
    for sel, judul in zip(tabel.rows[0].cells, kepala, strict=True):
        _isi_sel(sel, judul)
    _baris_kepala(tabel.rows[0])
    return tabel


def _baris(tabel, isi: list[tuple[str, WD_ALIGN_PARAGRAPH | None]]):
    baris = tabel.add_row()
    for sel, (teks, rata) in zip(baris.cells, isi, strict=True):
        _isi_sel(sel, teks, rata=rata)
    return baris


def _jumlah(tabel, gabung: int, label: str, nilai: list[tuple[str, WD_ALIGN_PARAGRAPH]]):
    """A bold total row: the first `gabung` cells merged under `label`."""
    baris = tabel.add_row()
    sel = baris.cells[0].merge(baris.cells[gabung - 1]) if gabung > 1 else baris.cells[0]
    _isi_sel(sel, label, tebal=True, rata=TENGAH)
    for s, (teks, rata) in zip(baris.cells[gabung:], nilai, strict=True):
        _isi_sel(s, teks, tebal=True, rata=rata)


def _lebar(tabel, lebar: list) -> None:
    """Widths on the grid (LibreOffice) and on every cell (Word); a merged cell gets the sum
    of the columns it spans."""
    tabel.autofit = False
    for kolom, w in zip(tabel.columns, lebar, strict=True):
        kolom.width = w
    for baris in tabel.rows:
        sel = baris.cells
        for k, s in enumerate(sel):
            if k and s._tc is sel[k - 1]._tc:
                continue
            rentang = 1
            while k + rentang < len(sel) and sel[k + rentang]._tc is s._tc:
                rentang += 1
            s.width = Emu(sum(lebar[k : k + rentang]))


def _selesai(tabel, lebar: list) -> None:
    """Column widths, and the small table font on every cell."""
    _lebar(tabel, lebar)
    for baris in tabel.rows:
        for sel in baris.cells:
            for p in sel.paragraphs:
                p.style = ISI_TABEL


def _tabel_capaian(doc, *, realisasi: str) -> None:
    lebar = [Cm(1), Cm(3.4), Cm(4.2), Cm(1.4), Cm(1.6), Cm(1.6), Cm(1.6), Cm(1.2)]
    tabel = _tabel(
        doc,
        ["No", "Sasaran", "Indikator Kinerja", "Satuan", "Target {{ laporan.tahun }}",
         realisasi, "Capaian", "Kategori"],
        lebar,
    )  # fmt: skip
    _baris_tag(tabel, "{%tr for s in capaian %}")
    _baris_tag(tabel, "{%tr for i in s.indikator %}")
    _baris(
        tabel,
        [("{{ i.nomor }}", TENGAH), ("{% vm %}{{ s.sasaran }}", None),
         ("{{ i.kode }} {{ i.nama }}", None), ("{{ i.satuan }}", TENGAH),
         ("{{ i.target }}", TENGAH), ("{{ i.realisasi }}", TENGAH), ("{{ i.capaian }}", KANAN),
         ("{{ i.kategori }}", TENGAH)],
    )  # fmt: skip
    _baris_tag(tabel, "{%tr endfor %}")
    _baris_tag(tabel, "{%tr endfor %}")
    _jumlah(
        tabel,
        6,
        "Rata-rata capaian",
        [("{{ ringkasan.rata_capaian }}", KANAN), ("{{ ringkasan.kategori }}", TENGAH)],
    )
    _selesai(tabel, lebar)


def _tabel_anggaran(doc, judul: str) -> None:
    _blok(doc, "{%p if anggaran.ada %}")
    _keterangan(doc, judul)
    lebar = [Cm(0.9), Cm(2.9), Cm(5.6), Cm(2.6), Cm(2.6), Cm(1.4)]
    tabel = _tabel(
        doc, ["No", "Kode", "Program / Kegiatan / Sub Kegiatan", "Pagu", "Realisasi", "Serapan"],
        lebar,
    )  # fmt: skip
    _baris_tag(tabel, "{%tr for r in anggaran.rincian %}")
    _baris(
        tabel,
        [("{{ r.no }}", TENGAH), ("{{ r.kode }}", None), ("{{ r.nama }}", None),
         ("{{ r.pagu }}", KANAN), ("{{ r.realisasi }}", KANAN), ("{{ r.serapan }}", KANAN)],
    )  # fmt: skip
    _baris_tag(tabel, "{%tr endfor %}")
    _jumlah(
        tabel,
        3,
        "Jumlah",
        [("{{ anggaran.pagu }}", KANAN), ("{{ anggaran.realisasi }}", KANAN),
         ("{{ anggaran.serapan }}", KANAN)],
    )  # fmt: skip
    _selesai(tabel, lebar)
    _blok(doc, "{%p else %}")
    _teks(doc, "{{ anggaran.kalimat }}")
    _blok(doc, "{%p endif %}")


def _tabel_iku(doc, *, lengkap: bool, lebar_isi=LEBAR_ISI) -> None:
    kepala = ["No", "Indikator Kinerja Utama", "Satuan"]
    isi = [("{{ k.no }}", TENGAH), ("{{ k.kode }} {{ k.indikator }}", None),
           ("{{ k.satuan }}", TENGAH)]  # fmt: skip
    lebar = [Cm(1), Cm(7), Cm(1.8)]
    if lengkap:
        kepala += ["Definisi Operasional", "Formula", "Sumber Data"]
        isi += [(f"{{{{ k.{nama} }}}}", None) for nama in ("definisi", "formula", "sumber_data")]
        lebar = [Cm(1), Cm(4.6), Cm(1.6), Cm(6), Cm(4.5), Cm(4)]
    kepala.append("Penanggung Jawab")
    isi.append(("{{ k.penanggung_jawab }}", None))
    lebar.append(Emu(lebar_isi - sum(lebar)))
    tabel = _tabel(doc, kepala, lebar)
    _baris_tag(tabel, "{%tr for k in iku %}")
    _baris(tabel, isi)
    _baris_tag(tabel, "{%tr endfor %}")
    _selesai(tabel, lebar)


def _tabel_pk(doc) -> None:
    _blok(doc, "{%p if pk.ada %}")
    lebar = [Cm(1), Cm(5), Cm(6), Cm(1.6), Cm(2.4)]
    tabel = _tabel(doc, ["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Target"], lebar)
    _baris_tag(tabel, "{%tr for s in pk.sasaran %}")
    _baris_tag(tabel, "{%tr for i in s.indikator %}")
    _baris(
        tabel,
        [("{% vm %}{{ s.no }}", TENGAH), ("{% vm %}{{ s.uraian }}", None), ("{{ i.nama }}", None),
         ("{{ i.satuan }}", TENGAH), ("{{ i.target }}", TENGAH)],
    )  # fmt: skip
    _baris_tag(tabel, "{%tr endfor %}")
    _baris_tag(tabel, "{%tr endfor %}")
    _selesai(tabel, lebar)
    _paragraf(doc, sesudah=Pt(4))
    lebar = [Cm(1), Cm(11), Cm(4)]
    tabel = _tabel(doc, ["No", "Program", "Anggaran"], lebar)
    _baris_tag(tabel, "{%tr for a in pk.anggaran %}")
    _baris(tabel, [("{{ a.no }}", TENGAH), ("{{ a.uraian }}", None), ("{{ a.anggaran }}", KANAN)])
    _baris_tag(tabel, "{%tr endfor %}")
    _jumlah(tabel, 2, "Jumlah", [("{{ pk.total }}", KANAN)])
    _selesai(tabel, lebar)
    _blok(doc, "{%p else %}")
    _teks(doc, "Perjanjian Kinerja kepala instansi tahun {{ pk.tahun }} belum tercatat.")
    _blok(doc, "{%p endif %}")


def _tabel_banding(doc) -> None:
    """One indicator against this year's target, two past years, the Renstra end target
    and the national standard (docs/domain.md §7, the analyses of Bab III)."""
    lebar = [Cm(1.9), Cm(1.7), Cm(1.7), Cm(1.7), Cm(1.5), Cm(1.5), Cm(1.7), Cm(1.7), Cm(2.6)]
    tabel = doc.add_table(rows=3, cols=9)
    tabel.style = doc.styles["Table Grid"]
    tabel.alignment = WD_TABLE_ALIGNMENT.CENTER
    atas, bawah, isi = tabel.rows
    for (awal, akhir), judul in (
        ((0, 3), "Tahun {{ laporan.tahun }}"),
        ((4, 5), "Realisasi"),
        ((6, 7), "Target Akhir Renstra"),
    ):
        _isi_sel(atas.cells[awal].merge(atas.cells[akhir]), judul)
    _isi_sel(atas.cells[8].merge(bawah.cells[8]), "Standar Nasional")
    for sel, judul in zip(
        bawah.cells[:8],
        ["Target", "Realisasi", "Capaian", "Kategori", "{{ laporan.tahun_sebelum_2 }}",
         "{{ laporan.tahun_sebelum_1 }}", "Target", "Capaian"],
        strict=True,
    ):  # fmt: skip
        _isi_sel(sel, judul)
    _baris_kepala(atas)
    _baris_kepala(bawah)
    for sel, tag in zip(
        isi.cells,
        ["{{ i.target }} {{ i.satuan }}", "{{ i.realisasi }}", "{{ i.capaian }}",
         "{{ i.kategori }}", "{{ i.realisasi_sebelum_2 }}", "{{ i.realisasi_sebelum_1 }}",
         "{{ i.target_akhir }}", "{{ i.capaian_akhir }}", "{{ i.standar_nasional }}"],
        strict=True,
    ):  # fmt: skip
        _isi_sel(sel, tag, rata=TENGAH)
    _selesai(tabel, lebar)


# ---------------------------------------------------------------- the LKjIP


def _sampul(doc) -> None:
    _tanda_draf(doc)
    _paragraf(doc, sesudah=Pt(60))
    _paragraf(doc, "{{ laporan.judul }}", tebal=True, ukuran=Pt(20), rata=TENGAH, sesudah=Pt(10))
    _paragraf(doc, "{{ laporan.subjudul }}", tebal=True, ukuran=Pt(18), rata=TENGAH)
    _paragraf(doc, sesudah=Pt(70))
    _paragraf(doc, "{{ kop.logo }}", rata=TENGAH, sesudah=Pt(70))
    _paragraf(doc, "{{ laporan.instansi_besar }}", tebal=True, ukuran=Pt(16), rata=TENGAH)
    _paragraf(doc, "{{ laporan.pemerintah }}", tebal=True, ukuran=Pt(14), rata=TENGAH)
    _paragraf(doc, sesudah=Pt(80))
    _paragraf(doc, "{{ kop.alamat }}", ukuran=Pt(10), rata=TENGAH)
    _paragraf(doc, "{{ kop.kontak }}", ukuran=Pt(10), rata=TENGAH)


def _bab(doc, nomor: str, judul: str) -> None:
    p = doc.add_paragraph(style="Heading 1")
    run = p.add_run(nomor)
    run.add_break()
    p.add_run(judul)


def _ikhtisar(doc) -> None:
    doc.add_paragraph("IKHTISAR EKSEKUTIF", style="Heading 1")
    _teks(
        doc,
        "Laporan Kinerja Instansi Pemerintah {{ laporan.instansi }} {{ laporan.periode }} "
        "menyajikan capaian kinerja atas Perjanjian Kinerja Tahun {{ laporan.tahun }} dalam "
        "rangka mewujudkan visi Rencana Strategis periode {{ renstra.periode }}: "
        "“{{ renstra.visi }}”.",
    )
    _teks(doc, "{{ ringkasan.kinerja }}")
    _keterangan(doc, "Ringkasan Capaian Kinerja {{ laporan.periode }}")
    lebar = [Cm(7.5), Cm(4.5)]
    tabel = doc.add_table(rows=0, cols=2)
    tabel.style = doc.styles["Table Grid"]
    tabel.alignment = WD_TABLE_ALIGNMENT.CENTER
    for label, nilai in (
        ("Jumlah indikator kinerja", "{{ ringkasan.jumlah_indikator }}"),
        ("Indikator mencapai target",
         "{{ ringkasan.jumlah_tercapai }} ({{ ringkasan.persen_tercapai }})"),
        ("Indikator belum mencapai target", "{{ ringkasan.jumlah_belum }}"),
    ):  # fmt: skip
        _baris(tabel, [(label, None), (nilai, KANAN)])
    _baris_tag(tabel, "{%tr for k in ringkasan.per_kategori %}")
    _baris(tabel, [("Kategori {{ k.kategori }}", None), ("{{ k.jumlah }} indikator", KANAN)])
    _baris_tag(tabel, "{%tr endfor %}")
    for label, nilai in (
        ("Rata-rata capaian kinerja", "{{ ringkasan.rata_capaian }} ({{ ringkasan.kategori }})"),
        ("Pagu anggaran", "{{ anggaran.pagu }}"),
        ("Realisasi anggaran", "{{ anggaran.realisasi }}"),
        ("Serapan anggaran", "{{ anggaran.serapan }}"),
        ("Indeks efisiensi (capaian ÷ serapan)", "{{ anggaran.efisiensi }}"),
    ):
        _baris(tabel, [(label, None), (nilai, KANAN)])
    _selesai(tabel, lebar)
    _paragraf(doc, sesudah=Pt(4))
    _blok(doc, "{%p if ringkasan.belum_tercapai %}")
    _teks(doc, "Indikator yang belum mencapai target: {{ ringkasan.belum_tercapai }}.")
    _blok(doc, "{%p endif %}")
    _teks(doc, "{{ ringkasan.anggaran }}")
    _blok(doc, "{%p if narasi.ikhtisar %}")
    _teks(doc, "{{ narasi.ikhtisar }}")
    _blok(doc, "{%p endif %}")


SISTEMATIKA = [
    "Bab I Pendahuluan: gambaran umum organisasi, tugas, sumber daya dan isu strategis.",
    "Bab II Perencanaan Kinerja: ringkasan Rencana Strategis, Indikator Kinerja Utama dan "
    "Perjanjian Kinerja Tahun {{ laporan.tahun }}.",
    "Bab III Akuntabilitas Kinerja: capaian kinerja organisasi beserta analisisnya dan "
    "realisasi anggaran.",
    "Bab IV Penutup: simpulan dan langkah perbaikan ke depan.",
    "Lampiran: Perjanjian Kinerja, Indikator Kinerja Utama dan dokumen pendukung.",
]


def _bab_1(doc) -> None:
    _bab(doc, "BAB I", "PENDAHULUAN")
    doc.add_paragraph("1.1 Gambaran Umum Organisasi", style="Heading 2")
    _teks(doc, "{{ narasi.pendahuluan }}")
    doc.add_paragraph("1.2 Struktur Organisasi dan Sumber Daya Manusia", style="Heading 2")
    _teks(
        doc,
        "{{ laporan.instansi }} dipimpin oleh {{ penandatangan.jabatan }} dan didukung oleh "
        "{{ organisasi.jumlah_pegawai }} orang pegawai. Susunan jabatan struktural sebagai "
        "berikut.",
    )
    _keterangan(doc, "Tabel 1.1 Jabatan Struktural {{ laporan.instansi }}")
    lebar = [Cm(1), Cm(7), Cm(1.6), Cm(6.4)]
    tabel = _tabel(doc, ["No", "Jabatan", "Eselon", "Pejabat"], lebar)
    _baris_tag(tabel, "{%tr for j in organisasi.jabatan %}")
    _baris(
        tabel,
        [("{{ j.no }}", TENGAH), ("{{ j.jabatan }}", None), ("{{ j.eselon }}", TENGAH),
         ("{{ j.pemangku }}", None)],
    )  # fmt: skip
    _baris_tag(tabel, "{%tr endfor %}")
    _selesai(tabel, lebar)
    doc.add_paragraph("1.3 Isu Strategis", style="Heading 2")
    _teks(doc, "{{ narasi.isu_strategis }}")
    doc.add_paragraph("1.4 Sistematika Penyajian", style="Heading 2")
    _teks(doc, "Laporan ini disajikan dengan sistematika sebagai berikut:")
    for n, teks in enumerate(SISTEMATIKA, start=1):
        p = _teks(doc, f"{n}. {teks}", rata=None)
        p.paragraph_format.left_indent, p.paragraph_format.first_line_indent = Cm(0.6), Cm(-0.6)


def _daftar(doc, judul: str, daftar: str, nomor: str) -> None:
    _teks(doc, judul, tebal=True, rata=None)
    _blok(doc, f"{{%p for x in {daftar} %}}")
    p = _teks(doc, f"{nomor}{{{{ x.uraian }}}}", rata=None)
    p.paragraph_format.left_indent, p.paragraph_format.first_line_indent = Cm(0.6), Cm(-0.6)
    _blok(doc, "{%p endfor %}")


def _renstra(doc) -> None:
    _teks(doc, "Periode: {{ renstra.periode }}", rata=None)
    _teks(doc, "Visi: “{{ renstra.visi }}”", rata=None)
    _daftar(doc, "Misi", "renstra.misi", "{{ x.no }}. ")
    _daftar(doc, "Tujuan", "renstra.tujuan", "• ")
    _daftar(doc, "Sasaran strategis", "renstra.sasaran", "• ")


def _bab_2(doc) -> None:
    _bab(doc, "BAB II", "PERENCANAAN KINERJA")
    doc.add_paragraph("2.1 Rencana Strategis", style="Heading 2")
    _teks(
        doc,
        "Rencana Strategis (Renstra) {{ laporan.instansi }} periode {{ renstra.periode }} "
        "menjadi acuan penyusunan rencana kerja dan perjanjian kinerja tahunan. Ringkasannya "
        "sebagai berikut.",
    )
    _renstra(doc)
    doc.add_paragraph("2.2 Indikator Kinerja Utama", style="Heading 2")
    _teks(
        doc,
        "Indikator Kinerja Utama (IKU) adalah ukuran keberhasilan sasaran strategis "
        "{{ laporan.instansi }}; definisi operasional dan formulanya dimuat dalam Lampiran 2.",
    )
    _keterangan(doc, "Tabel 2.1 Indikator Kinerja Utama")
    _tabel_iku(doc, lengkap=False)
    doc.add_paragraph("2.3 Perjanjian Kinerja Tahun {{ laporan.tahun }}", style="Heading 2")
    _teks(
        doc,
        "Perjanjian Kinerja Tahun {{ pk.tahun }}{% if pk.ada %} {{ pk.jabatan }} "
        "({{ pk.pihak_pertama }}; status {{ pk.status|lower }}){% endif %} memuat sasaran, "
        "indikator dan target kinerja berikut beserta anggarannya.",
    )
    _keterangan(doc, "Tabel 2.2 Perjanjian Kinerja Tahun {{ pk.tahun }}")
    _tabel_pk(doc)


ANALISIS = [
    ("a. Target dan realisasi tahun {{ laporan.tahun }}",
     "Target {{ i.target }} {{ i.satuan }}, realisasi {{ i.realisasi }} {{ i.satuan }}, "
     "capaian {{ i.capaian }} (kategori {{ i.kategori }}): {{ i.status|lower }}."),
    ("b. Perbandingan dengan tahun-tahun sebelumnya", "{{ i.perbandingan_tahun }}"),
    ("c. Perbandingan dengan target akhir Renstra", "{{ i.perbandingan_akhir }}"),
    ("d. Perbandingan dengan standar nasional", "{{ i.perbandingan_nasional }}"),
    ("e. Penyebab keberhasilan/kegagalan dan solusi", "{{ i.analisis }}"),
    ("f. Efisiensi penggunaan sumber daya", "{{ i.efisiensi }}"),
]  # fmt: skip


def _indikator(doc) -> None:
    """Bab III for one indicator: its comparison table and the analyses a–g."""
    doc.add_paragraph("Indikator {{ i.kode }} {{ i.nama }}", style="Heading 4")
    _tabel_banding(doc)
    p = _paragraf(doc, "Perhitungan capaian: {{ i.rumus }}", ukuran=Pt(9))
    p.paragraph_format.space_before = Pt(2)
    for judul, isi in ANALISIS:
        _teks(doc, judul, tebal=True, rata=None).paragraph_format.keep_with_next = True
        _teks(doc, isi).paragraph_format.left_indent = Cm(0.5)
    _teks(doc, "g. Program yang menunjang", tebal=True, rata=None)
    _blok(doc, "{%p if i.program %}")
    lebar = [Cm(8), Cm(2.9), Cm(2.9), Cm(1.7)]
    tabel = _tabel(doc, ["Program / Kegiatan", "Pagu", "Realisasi", "Serapan"], lebar)
    _baris_tag(tabel, "{%tr for p in i.program %}")
    _baris(
        tabel,
        [("{{ p.kode }} {{ p.nama }}", None), ("{{ p.pagu }}", KANAN),
         ("{{ p.realisasi }}", KANAN), ("{{ p.serapan }}", KANAN)],
    )  # fmt: skip
    _baris_tag(tabel, "{%tr endfor %}")
    _selesai(tabel, lebar)
    _blok(doc, "{%p else %}")
    _teks(doc, "Tidak ada program DPA yang dikaitkan langsung dengan indikator ini.")
    _blok(doc, "{%p endif %}")


def _bab_3(doc) -> None:
    _bab(doc, "BAB III", "AKUNTABILITAS KINERJA")
    doc.add_paragraph("3.1 Capaian Kinerja Organisasi", style="Heading 2")
    _teks(
        doc,
        "Pengukuran kinerja dilakukan dengan membandingkan realisasi dengan target setiap "
        "indikator. Untuk indikator yang semakin tinggi semakin baik, capaian = realisasi ÷ "
        "target × 100%; untuk indikator yang semakin rendah semakin baik, capaian = (2 × target "
        "− realisasi) ÷ target × 100%; untuk target berupa rentang, realisasi di dalam rentang "
        "bernilai 100%. Kategori capaian mengikuti ketentuan {{ laporan.pemda }}.",
    )
    _keterangan(doc, "Tabel 3.1 Capaian Indikator Kinerja {{ laporan.periode }}")
    _tabel_capaian(doc, realisasi="Realisasi")
    _blok(doc, "{%p for s in capaian %}")
    doc.add_paragraph("{{ s.label }} {{ s.sasaran }}", style="Heading 3")
    _blok(doc, "{%p for i in s.indikator %}")
    _indikator(doc)
    _blok(doc, "{%p endfor %}")
    _blok(doc, "{%p endfor %}")
    doc.add_paragraph("Efisiensi penggunaan sumber daya", style="Heading 3")
    _teks(doc, "{{ anggaran.kalimat_efisiensi or anggaran.kalimat }}")
    doc.add_paragraph("3.2 Realisasi Anggaran", style="Heading 2")
    _blok(doc, "{%p if anggaran.ada %}")
    _teks(
        doc,
        "Pada {{ laporan.periode|lower }} {{ laporan.instansi }} mengelola pagu anggaran "
        "{{ anggaran.pagu }} dengan realisasi {{ anggaran.realisasi }} atau serapan "
        "{{ anggaran.serapan }}. Rincian per sub kegiatan sebagai berikut.",
    )
    _blok(doc, "{%p endif %}")
    _tabel_anggaran(doc, "Tabel 3.2 Realisasi Anggaran {{ laporan.periode }}")


def _lampiran(doc) -> None:
    doc.add_paragraph("LAMPIRAN", style="Heading 1")
    doc.add_paragraph("Lampiran 1. Perjanjian Kinerja Tahun {{ pk.tahun }}", style="Heading 2")
    _paragraf(doc, "PERJANJIAN KINERJA TAHUN {{ pk.tahun }}", tebal=True, rata=TENGAH)
    _paragraf(doc, "{{ laporan.instansi_besar }}", tebal=True, rata=TENGAH, sesudah=Pt(8))
    _tabel_pk(doc)
    # The IKU and the recommendations have many columns: a landscape section of their own.
    bagian = doc.add_section(WD_SECTION.NEW_PAGE)
    bagian.orientation = WD_ORIENT.LANDSCAPE
    bagian.page_width, bagian.page_height = Cm(29.7), Cm(21)
    bagian.left_margin = bagian.right_margin = Cm(2)
    bagian.different_first_page_header_footer = False
    doc.add_paragraph(
        "Lampiran 2. Indikator Kinerja Utama {{ laporan.instansi }} Periode {{ renstra.periode }}",
        style="Heading 2",
    )
    _tabel_iku(doc, lengkap=True, lebar_isi=LEBAR_LANSKAP)
    _blok(doc, "{%p if rekomendasi %}")
    doc.add_paragraph("Lampiran 3. Rekomendasi Hasil Evaluasi dan Tindak Lanjutnya", "Heading 2")
    lebar = [Cm(1), Cm(4.5), Cm(7), Cm(4), Cm(2.2), Emu(LEBAR_LANSKAP - Cm(18.7))]
    tabel = _tabel(
        doc, ["No", "Indikator", "Rekomendasi", "Ditujukan kepada", "Status", "Tindak Lanjut"],
        lebar,
    )  # fmt: skip
    _baris_tag(tabel, "{%tr for r in rekomendasi %}")
    _baris(
        tabel,
        [("{{ r.no }}", TENGAH), ("{{ r.indikator }}", None), ("{{ r.uraian }}", None),
         ("{{ r.kepada }}", None), ("{{ r.status }}", TENGAH),
         ("{{ r.tindak_lanjut or '—' }}", None)],
    )  # fmt: skip
    _baris_tag(tabel, "{%tr endfor %}")
    _selesai(tabel, lebar)
    _blok(doc, "{%p endif %}")


def buat_lkjip(tujuan: Path) -> Path:
    doc = _dokumen()
    _gaya_judul(doc)
    bagian = doc.sections[0]
    bagian.different_first_page_header_footer = True  # the cover carries no page number
    _kepala_kaki(bagian, kepala=True)
    _sampul(doc)
    doc.add_paragraph("KATA PENGANTAR", style="Heading 1")
    _teks(doc, "{{ narasi.kata_pengantar }}")
    _tanda_tangan(doc)
    _ikhtisar(doc)
    _bab_1(doc)
    _bab_2(doc)
    _bab_3(doc)
    _bab(doc, "BAB IV", "PENUTUP")
    _teks(doc, "{{ narasi.penutup }}")
    _tanda_tangan(doc)
    _lampiran(doc)
    return _simpan(doc, tujuan, "Laporan Kinerja Instansi Pemerintah (LKjIP)")


# ---------------------------------------------------------------- the periodic reports


def _judul_ringkas(doc, huruf: str, judul: str) -> None:
    doc.add_paragraph(f"{huruf}. {judul}", style="Heading 2")


def buat_ringkas(tujuan: Path, *, sakip: bool, nama: str) -> Path:
    """A monthly, semester or yearly report (or, with `sakip`, the SAKIP report)."""
    doc = _dokumen()
    _gaya_judul(doc)
    _kepala_kaki(doc.sections[0], kepala=False)
    _kop(doc)
    _tanda_draf(doc)
    for teks, ukuran in (
        ("{{ laporan.judul }}", Pt(12.5)),
        ("{{ laporan.instansi_besar }}", Pt(11.5)),
        ("{{ laporan.subjudul }}", Pt(11.5)),
    ):
        _paragraf(doc, teks, tebal=True, ukuran=ukuran, rata=TENGAH)
    _paragraf(doc, sesudah=Pt(6))
    huruf = iter("ABCDEFG")
    if sakip:
        _judul_ringkas(doc, next(huruf), "Rencana Strategis {{ renstra.periode }}")
        _renstra(doc)
        _tabel_iku(doc, lengkap=False)
    _judul_ringkas(doc, next(huruf), "Ringkasan")
    _teks(doc, "{{ ringkasan.kinerja }}")
    _blok(doc, "{%p if ringkasan.belum_tercapai %}")
    _teks(doc, "Indikator yang belum mencapai target: {{ ringkasan.belum_tercapai }}.")
    _blok(doc, "{%p endif %}")
    _teks(doc, "{{ ringkasan.anggaran }}")
    _blok(doc, "{%p if narasi.ikhtisar %}")
    _teks(doc, "{{ narasi.ikhtisar }}")
    _blok(doc, "{%p endif %}")
    _judul_ringkas(doc, next(huruf), "Capaian Indikator Kinerja")
    _tabel_capaian(
        doc,
        realisasi="Realisasi{% if laporan.jenis in ['bulanan', 'semesteran'] %} s.d. "
        "{{ laporan.sampai_bulan }}{% endif %}",
    )
    _judul_ringkas(doc, next(huruf), "Realisasi Anggaran")
    _tabel_anggaran(doc, "Realisasi Anggaran {{ laporan.periode }}")
    _judul_ringkas(doc, next(huruf), "Kendala dan Tindak Lanjut")
    for judul, daftar, kosong in (
        ("Kendala", "kendala", "Tidak ada kendala yang dicatat dalam kartu kendali periode ini."),
        ("Tindak lanjut", "tindak_lanjut", "Belum ada tindak lanjut yang dicatat."),
    ):
        _teks(doc, judul, tebal=True, rata=None)
        _blok(doc, f"{{%p for x in {daftar} %}}")
        p = _teks(doc, "{{ x.no }}. {{ x.uraian }}", rata=None)
        p.paragraph_format.left_indent, p.paragraph_format.first_line_indent = Cm(0.6), Cm(-0.6)
        _blok(doc, "{%p else %}")
        _teks(doc, kosong)
        _blok(doc, "{%p endfor %}")
    _judul_ringkas(doc, next(huruf), "Penutup")
    _teks(doc, "{{ narasi.penutup }}")
    _tanda_tangan(doc)
    return _simpan(doc, tujuan, nama)


def _simpan(doc, tujuan: Path, judul: str) -> Path:
    doc.core_properties.title = judul
    doc.core_properties.author = "SAKIP"
    doc.core_properties.created = doc.core_properties.modified = WAKTU_TETAP
    doc.core_properties.revision = 1
    doc.save(tujuan)
    _waktu_tetap(tujuan)
    return tujuan


def buat_semua(folder: Path) -> list[Path]:
    return [
        buat_lkjip(folder / "lkjip.docx"),
        buat_ringkas(folder / "laporan_bulanan.docx", sakip=False, nama="Laporan Bulanan"),
        buat_ringkas(folder / "laporan_semesteran.docx", sakip=False, nama="Laporan Semesteran"),
        buat_ringkas(folder / "laporan_tahunan.docx", sakip=False, nama="Laporan Tahunan"),
        buat_ringkas(folder / "laporan_sakip.docx", sakip=True, nama="Laporan SAKIP"),
    ]
