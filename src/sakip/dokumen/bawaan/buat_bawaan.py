"""Builds the built-in Word templates shipped in this folder (run after changing it):

    .venv/bin/python src/sakip/dokumen/bawaan/buat_bawaan.py

The output is committed; agencies download it, restyle it in Word and upload it back.
Tags are docxtpl's Jinja: `{{ pk.tahun }}`, `{%p if … %}` paragraphs, `{%tr for … %}`
table rows and `{% vm %}` cells merged down a loop. Variables: `sakip.dokumen.jenis`.

Layout of the PK: PermenPAN-RB 53/2014, Lampiran (format Perjanjian Kinerja): the
statement page with both parties, then the form page with the Sasaran/Indikator/Target
table, the Program/Kegiatan budget table and both signatures.
"""

from __future__ import annotations

import datetime
import sys
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt, RGBColor

FOLDER = Path(__file__).parent
WAKTU_TETAP = datetime.datetime(2026, 1, 1)
HURUF = "Arial"
UKURAN = Pt(11)
LEBAR_ISI = Cm(16)  # A4 (21 cm) less 3 cm left and 2 cm right margins

KALIMAT_PEMBUKA = (
    "Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan, dan akuntabel "
    "serta berorientasi pada hasil, kami yang bertanda tangan di bawah ini:"
)
KALIMAT_JANJI = (
    "Pihak pertama berjanji akan mewujudkan target kinerja yang seharusnya sesuai lampiran "
    "perjanjian ini, dalam rangka mencapai target kinerja jangka menengah seperti yang telah "
    "ditetapkan dalam dokumen perencanaan. Keberhasilan dan kegagalan pencapaian target "
    "kinerja tersebut menjadi tanggung jawab kami."
)
KALIMAT_SUPERVISI = (
    "Pihak kedua akan melakukan supervisi yang diperlukan serta akan melakukan evaluasi "
    "terhadap capaian kinerja dari perjanjian ini dan mengambil tindakan yang diperlukan "
    "dalam rangka pemberian penghargaan dan sanksi."
)


# ---------------------------------------------------------------- small helpers


def _dokumen() -> Document:
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


def _paragraf(
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


def _isi_sel(sel, teks: str, **kw):
    """Put `teks` in the cell's first (empty) paragraph instead of adding a second one."""
    p = sel.paragraphs[0]
    run = p.add_run(teks)
    run.bold = kw.get("tebal") or None
    run.underline = kw.get("garis_bawah") or None
    if kw.get("rata") is not None:
        p.alignment = kw["rata"]
    return p


def _tanpa_garis(tabel) -> None:
    batas = OxmlElement("w:tblBorders")
    for sisi in ("top", "left", "bottom", "right", "insideH", "insideV"):
        e = OxmlElement(f"w:{sisi}")
        e.set(qn("w:val"), "nil")
        batas.append(e)
    tabel._tbl.tblPr.append(batas)


def _lebar_kolom(tabel, lebar: list) -> None:
    """Widths on the grid (read by LibreOffice) and on every cell (read by Word)."""
    tabel.autofit = False
    for kolom, w in zip(tabel.columns, lebar, strict=True):
        kolom.width = w
    for baris in tabel.rows:
        for sel, w in zip(baris.cells, lebar, strict=True):
            sel.width = w


def _garis_ganda_bawah(p) -> None:
    """The kop's rule: a thick line over a thin one (w:thickThinSmallGap)."""
    pbdr = OxmlElement("w:pBdr")
    bawah = OxmlElement("w:bottom")
    for kunci, nilai in (("val", "thickThinSmallGap"), ("sz", "24"), ("space", "1"),
                         ("color", "000000")):  # fmt: skip
        bawah.set(qn(f"w:{kunci}"), nilai)
    pbdr.append(bawah)
    p._p.get_or_add_pPr().append(pbdr)


def _baris_kepala(baris) -> None:
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


def _baris_tag(tabel, tag: str) -> None:
    """A row holding only a {%tr %} tag: docxtpl replaces the whole row by the tag."""
    baris = tabel.add_row()
    _isi_sel(baris.cells[0], tag)


# ---------------------------------------------------------------- parts of the PK


def _kop(doc) -> None:
    tabel = doc.add_table(rows=1, cols=2)
    _tanpa_garis(tabel)
    _lebar_kolom(tabel, [Cm(2.8), LEBAR_ISI - Cm(2.8)])
    logo, teks = tabel.rows[0].cells
    logo.vertical_alignment = teks.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    _isi_sel(logo, "{{ kop.logo }}", rata=WD_ALIGN_PARAGRAPH.CENTER)
    _isi_sel(teks, "{{ kop.pemda }}", tebal=True, rata=WD_ALIGN_PARAGRAPH.CENTER)
    teks.paragraphs[0].runs[0].font.size = Pt(14)
    p = teks.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run("{{ kop.instansi }}")
    run.bold, run.font.size = True, Pt(16)
    for tag in ("{{ kop.alamat }}", "{{ kop.kontak }}"):
        p = teks.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(tag).font.size = Pt(9)
    _garis_ganda_bawah(_paragraf(doc, sesudah=Pt(12)))


def _tanda_draf(doc) -> None:
    _paragraf(doc, "{%p if pk.draf %}")
    _paragraf(
        doc,
        "DRAF — belum ditandatangani",
        tebal=True,
        rata=WD_ALIGN_PARAGRAPH.CENTER,
        warna=RGBColor(0xC0, 0x00, 0x00),
        sesudah=Pt(6),
    )
    _paragraf(doc, "{%p endif %}")


def _judul(doc, *baris: str) -> None:
    for i, teks in enumerate(baris):
        akhir = i == len(baris) - 1
        _paragraf(
            doc,
            teks,
            tebal=True,
            ukuran=Pt(12),
            rata=WD_ALIGN_PARAGRAPH.CENTER,
            sesudah=Pt(6) if akhir else None,
        )
    _paragraf(doc, "{%p if pk.revisi %}")
    _paragraf(
        doc,
        "{{ pk.revisi }}: {{ pk.alasan_revisi }}"
        "{% if pk.keterangan_revisi %} — {{ pk.keterangan_revisi }}{% endif %}",
        rata=WD_ALIGN_PARAGRAPH.CENTER,
        sesudah=Pt(6),
    )
    _paragraf(doc, "{%p endif %}")
    _paragraf(doc, sesudah=Pt(6))


def _identitas(doc, pihak: str, penutup: str) -> None:
    tabel = doc.add_table(rows=2, cols=3)
    _tanpa_garis(tabel)
    _lebar_kolom(tabel, [Cm(2.5), Cm(0.5), LEBAR_ISI - Cm(3)])
    for baris, (label, tag) in zip(
        tabel.rows,
        (("Nama", f"{{{{ {pihak}.nama }}}}"), ("Jabatan", f"{{{{ {pihak}.jabatan }}}}")),
        strict=True,
    ):
        _isi_sel(baris.cells[0], label)
        _isi_sel(baris.cells[1], ":")
        _isi_sel(baris.cells[2], tag)
    _paragraf(doc, penutup, sesudah=Pt(8))


def _blok_ttd(sel, judul: str, pihak: str) -> None:
    _isi_sel(sel, judul, rata=WD_ALIGN_PARAGRAPH.CENTER)
    for teks, tebal in (
        (f"{{{{ {pihak}.jabatan_ttd }}}}", True),
        ("", False),
        ("", False),
        ("", False),
        ("", False),
        (f"{{{{ {pihak}.nama }}}}", True),
    ):
        p = sel.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if teks:
            run = p.add_run(teks)
            run.bold = tebal
            # The signer's name is underlined, as on every Indonesian signature block.
            run.underline = teks.endswith(".nama }}") or None
    p = sel.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run(f"{{% if {pihak}.nip %}}NIP. {{{{ {pihak}.nip }}}}{{% endif %}}")


def _tanda_tangan(doc) -> None:
    _paragraf(doc, sesudah=Pt(6))
    tabel = doc.add_table(rows=2, cols=2)
    _tanpa_garis(tabel)
    _lebar_kolom(tabel, [Emu(LEBAR_ISI // 2), Emu(LEBAR_ISI // 2)])
    _isi_sel(tabel.rows[0].cells[1], "{{ pk.tempat_tanggal }}", rata=WD_ALIGN_PARAGRAPH.CENTER)
    _blok_ttd(tabel.rows[1].cells[0], "PIHAK KEDUA,", "pihak_kedua")
    _blok_ttd(tabel.rows[1].cells[1], "PIHAK PERTAMA,", "pihak_pertama")


def _tabel_sasaran(doc) -> None:
    tabel = doc.add_table(rows=1, cols=4)
    tabel.style = doc.styles["Table Grid"]
    tabel.alignment = WD_TABLE_ALIGNMENT.CENTER
    for sel, judul in zip(
        tabel.rows[0].cells, ("No", "Sasaran Strategis", "Indikator Kinerja", "Target"), strict=True
    ):
        _isi_sel(sel, judul)
    _baris_kepala(tabel.rows[0])
    _baris_tag(tabel, "{%tr for s in sasaran %}")
    _baris_tag(tabel, "{%tr for i in s.indikator %}")
    isi = tabel.add_row()
    for sel, tag, rata in zip(
        isi.cells,
        ("{% vm %}{{ s.no }}", "{% vm %}{{ s.uraian }}", "{{ i.nama }}", "{{ i.target }}"),
        (WD_ALIGN_PARAGRAPH.CENTER, None, None, WD_ALIGN_PARAGRAPH.CENTER),
        strict=True,
    ):
        _isi_sel(sel, tag, rata=rata)
    _baris_tag(tabel, "{%tr endfor %}")
    _baris_tag(tabel, "{%tr endfor %}")
    _lebar_kolom(tabel, [Cm(1), Cm(6), Cm(6), Cm(3)])


def _tabel_anggaran(doc) -> None:
    tabel = doc.add_table(rows=1, cols=3)
    tabel.style = doc.styles["Table Grid"]
    tabel.alignment = WD_TABLE_ALIGNMENT.CENTER
    for sel, judul in zip(
        tabel.rows[0].cells, ("No", "{{ pk.label_anggaran }}", "Anggaran"), strict=True
    ):
        _isi_sel(sel, judul)
    _baris_kepala(tabel.rows[0])
    _baris_tag(tabel, "{%tr for a in anggaran %}")
    isi = tabel.add_row()
    for sel, tag, rata in zip(
        isi.cells,
        ("{{ a.no }}", "{{ a.uraian }}", "{{ a.anggaran }}"),
        (WD_ALIGN_PARAGRAPH.CENTER, None, WD_ALIGN_PARAGRAPH.RIGHT),
        strict=True,
    ):
        _isi_sel(sel, tag, rata=rata)
    _baris_tag(tabel, "{%tr endfor %}")
    jumlah = tabel.add_row()
    _isi_sel(jumlah.cells[0].merge(jumlah.cells[1]), "Jumlah", tebal=True)
    _isi_sel(jumlah.cells[2], "{{ pk.total_anggaran }}", tebal=True, rata=WD_ALIGN_PARAGRAPH.RIGHT)
    _lebar_kolom(tabel, [Cm(1), Cm(10.5), Cm(4.5)])


def buat_pk(tujuan: Path) -> Path:
    doc = _dokumen()
    _kop(doc)
    _tanda_draf(doc)
    _judul(doc, "PERJANJIAN KINERJA TAHUN {{ pk.tahun }}")
    _paragraf(doc, KALIMAT_PEMBUKA, rata=WD_ALIGN_PARAGRAPH.JUSTIFY, sesudah=Pt(8))
    _identitas(doc, "pihak_pertama", "selanjutnya disebut pihak pertama.")
    _identitas(doc, "pihak_kedua", "selaku atasan pihak pertama, selanjutnya disebut pihak kedua.")
    for kalimat in (KALIMAT_JANJI, KALIMAT_SUPERVISI):
        _paragraf(doc, kalimat, rata=WD_ALIGN_PARAGRAPH.JUSTIFY, sesudah=Pt(8))
    _tanda_tangan(doc)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _tanda_draf(doc)
    _judul(doc, "PERJANJIAN KINERJA TAHUN {{ pk.tahun }}", "{{ pk.unit }}")
    _tabel_sasaran(doc)
    _paragraf(doc, sesudah=Pt(12))
    _tabel_anggaran(doc)
    _tanda_tangan(doc)
    doc.core_properties.title = "Perjanjian Kinerja"
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


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else FOLDER
    print(buat_pk(folder / "pk.docx"))
    # The report templates live in their own module; it borrows the helpers above.
    from buat_laporan import buat_semua

    for path in buat_semua(folder):
        print(path)


if __name__ == "__main__":
    main()
