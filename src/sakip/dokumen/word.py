"""The house style of the built-in Word templates, in python-docx: one set of helpers for
every `bawaan/buat_*.py` script (the PK and the reports here, the SKM report in `ikm`), so
that all built-in documents share the page, the kop, the tables and the signature block.

The scripts run outside Django (`.venv/bin/python src/sakip/dokumen/bawaan/buat_bawaan.py`):
this module imports python-docx only. Tags written into the documents are docxtpl's Jinja:
`{{ … }}`, `{%p … %}` paragraphs, `{%tr … %}` table rows, `{% vm %}` cells merged down a loop.
A built template is committed; `simpan` fixes every timestamp so that building an unchanged
template again gives the same bytes.
"""

from __future__ import annotations

import datetime
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt, RGBColor

WAKTU_TETAP = datetime.datetime(2026, 1, 1)
HURUF = "Arial"
UKURAN = Pt(11)
LEBAR_ISI = Cm(16)  # A4 (21 cm) less 3 cm left and 2 cm right margins
LEBAR_LANSKAP = Cm(25.7)  # A4 landscape (29.7 cm) less 2 cm margins on both sides
TENGAH, KANAN = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT
RATA = WD_ALIGN_PARAGRAPH.JUSTIFY
MERAH = RGBColor(0xC0, 0x00, 0x00)
ISI_TABEL = "Isi Tabel"


# ---------------------------------------------------------------- page and paragraphs


def dokumen() -> Document:
    """An A4 portrait document in the house font."""
    doc = Document()
    bagian = doc.sections[0]
    bagian.orientation = WD_ORIENT.PORTRAIT
    bagian.page_width, bagian.page_height = Cm(21), Cm(29.7)
    bagian.top_margin, bagian.bottom_margin = Cm(2), Cm(2)
    bagian.left_margin, bagian.right_margin = Cm(3), Cm(2)
    gaya = doc.styles["Normal"]
    gaya.font.name = HURUF
    gaya.font.size = UKURAN
    # East-Asian font slot too, or Word falls back to its theme font for some glyphs.
    gaya.element.rPr.rFonts.set(qn("w:eastAsia"), HURUF)
    gaya.paragraph_format.space_after = Pt(0)
    gaya.paragraph_format.line_spacing = 1.15
    return doc


def paragraf(
    wadah,
    teks: str = "",
    *,
    tebal: bool = False,
    garis_bawah: bool = False,
    ukuran: Pt | None = None,
    rata: WD_ALIGN_PARAGRAPH | None = None,
    sesudah: Pt | None = None,
    warna: RGBColor | None = None,
):
    p = wadah.add_paragraph()
    if teks:
        run = p.add_run(teks)
        run.bold, run.underline = tebal or None, garis_bawah or None
        if ukuran:
            run.font.size = ukuran
        if warna:
            run.font.color.rgb = warna
    if rata is not None:
        p.alignment = rata
    if sesudah is not None:
        p.paragraph_format.space_after = sesudah
    return p


def teks(doc, isi: str, *, rata=RATA, tebal: bool = False, ukuran: Pt | None = None):
    """Body text: justified unless told otherwise."""
    return paragraf(doc, isi, tebal=tebal, ukuran=ukuran, rata=rata)


def blok(doc, tag: str) -> None:
    """A paragraph holding only a {%p … %} tag: docxtpl removes it on rendering."""
    doc.add_paragraph(tag)


def daftar_baris(doc, isi: str):
    """A numbered or bulleted line with a hanging indent (the number stands out)."""
    p = teks(doc, isi, rata=None)
    p.paragraph_format.left_indent, p.paragraph_format.first_line_indent = Cm(0.6), Cm(-0.6)
    return p


def tanda_draf(doc, syarat: str, *, sesudah: Pt | None = None) -> None:
    """'DRAF — belum ditandatangani' in red while the Jinja condition `syarat` holds."""
    blok(doc, f"{{%p if {syarat} %}}")
    paragraf(
        doc, "DRAF — belum ditandatangani", tebal=True, rata=TENGAH, warna=MERAH, sesudah=sesudah
    )
    blok(doc, "{%p endif %}")


def keterangan(doc, isi: str) -> None:
    """A table caption, above the table as in Indonesian reports."""
    p = paragraf(doc, isi, tebal=True, ukuran=Pt(9.5), rata=TENGAH)
    p.paragraph_format.keep_with_next = True
    p.paragraph_format.space_before = Pt(4)


def _garis_ganda_bawah(p) -> None:
    """The kop's rule: a thick line over a thin one (w:thickThinSmallGap)."""
    pbdr = OxmlElement("w:pBdr")
    bawah = OxmlElement("w:bottom")
    for kunci, nilai in (("val", "thickThinSmallGap"), ("sz", "24"), ("space", "1"),
                         ("color", "000000")):  # fmt: skip
        bawah.set(qn(f"w:{kunci}"), nilai)
    pbdr.append(bawah)
    p._p.get_or_add_pPr().append(pbdr)


def kop(doc) -> None:
    """The letterhead (Permendagri 1/2023): logo beside the Pemda and agency, a double rule."""
    tabel = doc.add_table(rows=1, cols=2)
    tanpa_garis(tabel)
    atur_lebar(tabel, [Cm(2.8), LEBAR_ISI - Cm(2.8)])
    logo, sel = tabel.rows[0].cells
    logo.vertical_alignment = sel.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    isi_sel(logo, "{{ kop.logo }}", rata=WD_ALIGN_PARAGRAPH.CENTER)
    isi_sel(sel, "{{ kop.pemda }}", tebal=True, rata=WD_ALIGN_PARAGRAPH.CENTER)
    sel.paragraphs[0].runs[0].font.size = Pt(14)
    p = sel.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run("{{ kop.instansi }}")
    run.bold, run.font.size = True, Pt(16)
    for tag in ("{{ kop.alamat }}", "{{ kop.kontak }}"):
        p = sel.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(tag).font.size = Pt(9)
    _garis_ganda_bawah(paragraf(doc, sesudah=Pt(12)))


def judul_di_bawah_kop(doc, nama: str) -> None:
    """A report's title block under the kop: `<nama>.judul`, `.instansi_besar`, `.subjudul`."""
    for tag, ukuran in (("judul", Pt(12.5)), ("instansi_besar", Pt(11.5)), ("subjudul", Pt(11.5))):
        paragraf(doc, f"{{{{ {nama}.{tag} }}}}", tebal=True, ukuran=ukuran, rata=TENGAH)
    paragraf(doc, sesudah=Pt(6))


# ---------------------------------------------------------------- styles and page furniture


def gaya_judul(doc) -> None:
    """Headings in the body font, black (Word's default theme paints them blue), so that
    the navigation pane lists the chapters; Heading 1 opens a new page. Also the small
    paragraph style of table cells (ISI_TABEL)."""
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
    for jenis, isi in (("begin", None), (None, kode), ("separate", None), (None, "1"),
                       ("end", None)):  # fmt: skip
        run = p.add_run()
        if jenis:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), jenis)
            run._r.append(fld)
        elif isi == kode:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {kode} "
            run._r.append(instr)
        else:
            run.text = isi


def kepala_kaki(bagian, *, kepala: bool) -> None:
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


def tanda_tangan(doc, tempat_tanggal: str, *, baris_kosong: int) -> None:
    """The head's signature on the right: place and date, position, room to sign, name
    (underlined) and NIP. `tempat_tanggal` is the tag of the place-and-date line."""
    paragraf(doc, sesudah=Pt(6))
    tabel = doc.add_table(rows=1, cols=2)
    tanpa_garis(tabel)
    atur_lebar(tabel, [Emu(LEBAR_ISI // 2), Emu(LEBAR_ISI // 2)])
    sel = tabel.rows[0].cells[1]
    isi_sel(sel, tempat_tanggal, rata=TENGAH)
    for isi, tebal, garis in (
        ("{{ penandatangan.jabatan_ttd }},", True, False),
        *[("", False, False)] * baris_kosong,
        ("{{ penandatangan.nama }}", True, True),
        ("{% if penandatangan.nip %}NIP. {{ penandatangan.nip }}{% endif %}", False, False),
    ):
        p = sel.add_paragraph()
        p.alignment = TENGAH
        if isi:
            run = p.add_run(isi)
            run.bold, run.underline = tebal or None, garis or None


def simpan(doc, tujuan: Path, judul: str) -> Path:
    """Save with fixed properties and timestamps: an unchanged template, the same bytes."""
    doc.core_properties.title = judul
    doc.core_properties.author = "SAKIP"
    doc.core_properties.created = doc.core_properties.modified = WAKTU_TETAP
    doc.core_properties.revision = 1
    doc.save(tujuan)
    _waktu_tetap(tujuan)
    return tujuan


def _waktu_tetap(path: Path) -> None:
    """Rewrite the zip with fixed timestamps so an unchanged template is an unchanged file."""
    with zipfile.ZipFile(path) as arsip:
        isi = [(i.filename, arsip.read(i)) for i in arsip.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as arsip:
        for nama, data in isi:
            arsip.writestr(
                zipfile.ZipInfo(nama, date_time=(2026, 1, 1, 0, 0, 0)),
                data,
                compress_type=zipfile.ZIP_DEFLATED,
            )


# ---------------------------------------------------------------- tables


def isi_sel(sel, isi: str, **kw):
    """Put `isi` in the cell's first (empty) paragraph instead of adding a second one."""
    p = sel.paragraphs[0]
    run = p.add_run(isi)
    run.bold = kw.get("tebal") or None
    run.underline = kw.get("garis_bawah") or None
    if kw.get("rata") is not None:
        p.alignment = kw["rata"]
    return p


def tanpa_garis(tabel) -> None:
    batas = OxmlElement("w:tblBorders")
    for sisi in ("top", "left", "bottom", "right", "insideH", "insideV"):
        e = OxmlElement(f"w:{sisi}")
        e.set(qn("w:val"), "nil")
        batas.append(e)
    tabel._tbl.tblPr.append(batas)


def atur_lebar(tabel, lebar: list, *, gabung: bool = True) -> None:
    """Widths on the grid (read by LibreOffice) and on every cell (read by Word); a merged
    cell gets the sum of the columns it spans (with `gabung=False`, the width of its last
    column, as pk.docx has always had it)."""
    tabel.autofit = False
    for kolom, w in zip(tabel.columns, lebar, strict=True):
        kolom.width = w
    for baris in tabel.rows:
        sel = baris.cells
        for k, s in enumerate(sel):
            if gabung and k and s._tc is sel[k - 1]._tc:
                continue
            rentang = 1
            while gabung and k + rentang < len(sel) and sel[k + rentang]._tc is s._tc:
                rentang += 1
            s.width = Emu(sum(lebar[k : k + rentang]))


def baris_kepala(baris) -> None:
    """Repeat this row at the top of every page, shaded, bold, centred."""
    trpr = baris._tr.get_or_add_trPr()
    kepala = OxmlElement("w:tblHeader")
    kepala.set(qn("w:val"), "true")
    trpr.append(kepala)
    dilihat = set()
    for sel in baris.cells:
        if id(sel._tc) in dilihat:
            continue  # a merged cell is listed once per column it spans: shade it once
        dilihat.add(id(sel._tc))
        arsir = OxmlElement("w:shd")
        for kunci, nilai in (("val", "clear"), ("color", "auto"), ("fill", "D9D9D9")):
            arsir.set(qn(f"w:{kunci}"), nilai)
        sel._tc.get_or_add_tcPr().append(arsir)
        sel.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        for p in sel.paragraphs:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            for run in p.runs:
                run.bold = True


def baris_tag(tabel, tag: str) -> None:
    """A row holding only a {%tr %} tag: docxtpl replaces the whole row by the tag."""
    baris = tabel.add_row()
    isi_sel(baris.cells[0], tag)


def tabel(doc, kepala: list[str], lebar: list, *, tengah: bool = True):
    """A gridded table with its heading row (repeated on every page)."""
    t = doc.add_table(rows=1, cols=len(kepala))
    t.style = doc.styles["Table Grid"]
    if tengah:
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for sel, judul in zip(t.rows[0].cells, kepala, strict=True):
        isi_sel(sel, judul)
    baris_kepala(t.rows[0])
    return t


def baris(t, isi: list[tuple[str, WD_ALIGN_PARAGRAPH | None]]):
    """A row of (text, alignment) cells."""
    b = t.add_row()
    for sel, (nilai, rata) in zip(b.cells, isi, strict=True):
        isi_sel(sel, nilai, rata=rata)
    return b


def jumlah(t, gabung: int, label: str, nilai: list[tuple[str, WD_ALIGN_PARAGRAPH]]):
    """A bold total row: the first `gabung` cells merged under `label`."""
    b = t.add_row()
    sel = b.cells[0].merge(b.cells[gabung - 1]) if gabung > 1 else b.cells[0]
    isi_sel(sel, label, tebal=True, rata=TENGAH)
    for s, (isi, rata) in zip(b.cells[gabung:], nilai, strict=True):
        isi_sel(s, isi, tebal=True, rata=rata)


def selesai(t, lebar: list) -> None:
    """Column widths, and the small table font on every cell."""
    atur_lebar(t, lebar)
    for b in t.rows:
        for sel in b.cells:
            for p in sel.paragraphs:
                p.style = ISI_TABEL


def tabel_loop(doc, kepala, lebar, loop: str, sel: list[tuple[str, object]]):
    """A table of one row per item: heading, `{%tr for <loop> %}`, the row, endfor."""
    t = tabel(doc, kepala, lebar)
    baris_tag(t, "{%tr for " + loop + " %}")
    baris(t, sel)
    baris_tag(t, "{%tr endfor %}")
    selesai(t, lebar)
    return t
