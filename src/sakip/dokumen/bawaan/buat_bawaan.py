"""Builds the built-in Word templates shipped in this folder (run after changing it):

    .venv/bin/python src/sakip/dokumen/bawaan/buat_bawaan.py

The output is committed; agencies download it, restyle it in Word and upload it back.
Tags are docxtpl's Jinja: `{{ pk.tahun }}`, `{%p if … %}` paragraphs, `{%tr for … %}`
table rows and `{% vm %}` cells merged down a loop. Variables: `sakip.dokumen.jenis`.
The house style (page, kop, tables, saving) is `sakip.dokumen.word`, shared with the
reports (buat_laporan.py) and the SKM report of `ikm`.

Layout of the PK: PermenPAN-RB 53/2014, Lampiran (format Perjanjian Kinerja): the
statement page with both parties, then the form page with the Sasaran/Indikator/Target
table, the Program/Kegiatan budget table and both signatures.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Cm, Emu, Pt

from sakip.dokumen import word as w
from sakip.dokumen.word import LEBAR_ISI

FOLDER = Path(__file__).parent

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


# ---------------------------------------------------------------- parts of the PK


def _tanda_draf(doc) -> None:
    # Tags through w.paragraf (an empty run format), as pk.docx has always had them.
    w.paragraf(doc, "{%p if pk.draf %}")
    w.paragraf(doc, "DRAF — belum ditandatangani", tebal=True, rata=w.TENGAH, warna=w.MERAH,
               sesudah=Pt(6))  # fmt: skip
    w.paragraf(doc, "{%p endif %}")


def _judul(doc, *baris: str) -> None:
    for i, teks in enumerate(baris):
        akhir = i == len(baris) - 1
        w.paragraf(
            doc,
            teks,
            tebal=True,
            ukuran=Pt(12),
            rata=WD_ALIGN_PARAGRAPH.CENTER,
            sesudah=Pt(6) if akhir else None,
        )
    w.paragraf(doc, "{%p if pk.revisi %}")
    w.paragraf(
        doc,
        "{{ pk.revisi }}: {{ pk.alasan_revisi }}"
        "{% if pk.keterangan_revisi %} — {{ pk.keterangan_revisi }}{% endif %}",
        rata=WD_ALIGN_PARAGRAPH.CENTER,
        sesudah=Pt(6),
    )
    w.paragraf(doc, "{%p endif %}")
    w.paragraf(doc, sesudah=Pt(6))


def _identitas(doc, pihak: str, penutup: str) -> None:
    tabel = doc.add_table(rows=2, cols=3)
    w.tanpa_garis(tabel)
    w.atur_lebar(tabel, [Cm(2.5), Cm(0.5), LEBAR_ISI - Cm(3)])
    for baris, (label, tag) in zip(
        tabel.rows,
        (("Nama", f"{{{{ {pihak}.nama }}}}"), ("Jabatan", f"{{{{ {pihak}.jabatan }}}}")),
        strict=True,
    ):
        w.isi_sel(baris.cells[0], label)
        w.isi_sel(baris.cells[1], ":")
        w.isi_sel(baris.cells[2], tag)
    w.paragraf(doc, penutup, sesudah=Pt(8))


def _blok_ttd(sel, judul: str, pihak: str) -> None:
    w.isi_sel(sel, judul, rata=WD_ALIGN_PARAGRAPH.CENTER)
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
    w.paragraf(doc, sesudah=Pt(6))
    tabel = doc.add_table(rows=2, cols=2)
    w.tanpa_garis(tabel)
    w.atur_lebar(tabel, [Emu(LEBAR_ISI // 2), Emu(LEBAR_ISI // 2)])
    w.isi_sel(tabel.rows[0].cells[1], "{{ pk.tempat_tanggal }}", rata=WD_ALIGN_PARAGRAPH.CENTER)
    _blok_ttd(tabel.rows[1].cells[0], "PIHAK KEDUA,", "pihak_kedua")
    _blok_ttd(tabel.rows[1].cells[1], "PIHAK PERTAMA,", "pihak_pertama")


def _tabel_sasaran(doc) -> None:
    tabel = doc.add_table(rows=1, cols=4)
    tabel.style = doc.styles["Table Grid"]
    tabel.alignment = WD_TABLE_ALIGNMENT.CENTER
    for sel, judul in zip(
        tabel.rows[0].cells, ("No", "Sasaran Strategis", "Indikator Kinerja", "Target"), strict=True
    ):
        w.isi_sel(sel, judul)
    w.baris_kepala(tabel.rows[0])
    w.baris_tag(tabel, "{%tr for s in sasaran %}")
    w.baris_tag(tabel, "{%tr for i in s.indikator %}")
    isi = tabel.add_row()
    for sel, tag, rata in zip(
        isi.cells,
        ("{% vm %}{{ s.no }}", "{% vm %}{{ s.uraian }}", "{{ i.nama }}", "{{ i.target }}"),
        (WD_ALIGN_PARAGRAPH.CENTER, None, None, WD_ALIGN_PARAGRAPH.CENTER),
        strict=True,
    ):
        w.isi_sel(sel, tag, rata=rata)
    w.baris_tag(tabel, "{%tr endfor %}")
    w.baris_tag(tabel, "{%tr endfor %}")
    w.atur_lebar(tabel, [Cm(1), Cm(6), Cm(6), Cm(3)])


def _tabel_anggaran(doc) -> None:
    tabel = doc.add_table(rows=1, cols=3)
    tabel.style = doc.styles["Table Grid"]
    tabel.alignment = WD_TABLE_ALIGNMENT.CENTER
    for sel, judul in zip(
        tabel.rows[0].cells, ("No", "{{ pk.label_anggaran }}", "Anggaran"), strict=True
    ):
        w.isi_sel(sel, judul)
    w.baris_kepala(tabel.rows[0])
    w.baris_tag(tabel, "{%tr for a in anggaran %}")
    isi = tabel.add_row()
    for sel, tag, rata in zip(
        isi.cells,
        ("{{ a.no }}", "{{ a.uraian }}", "{{ a.anggaran }}"),
        (WD_ALIGN_PARAGRAPH.CENTER, None, WD_ALIGN_PARAGRAPH.RIGHT),
        strict=True,
    ):
        w.isi_sel(sel, tag, rata=rata)
    w.baris_tag(tabel, "{%tr endfor %}")
    jumlah = tabel.add_row()
    w.isi_sel(jumlah.cells[0].merge(jumlah.cells[1]), "Jumlah", tebal=True)
    w.isi_sel(jumlah.cells[2], "{{ pk.total_anggaran }}", tebal=True, rata=WD_ALIGN_PARAGRAPH.RIGHT)
    w.atur_lebar(tabel, [Cm(1), Cm(10.5), Cm(4.5)], gabung=False)


def buat_pk(tujuan: Path) -> Path:
    doc = w.dokumen()
    w.kop(doc)
    _tanda_draf(doc)
    _judul(doc, "PERJANJIAN KINERJA TAHUN {{ pk.tahun }}")
    w.paragraf(doc, KALIMAT_PEMBUKA, rata=WD_ALIGN_PARAGRAPH.JUSTIFY, sesudah=Pt(8))
    _identitas(doc, "pihak_pertama", "selanjutnya disebut pihak pertama.")
    _identitas(doc, "pihak_kedua", "selaku atasan pihak pertama, selanjutnya disebut pihak kedua.")
    for kalimat in (KALIMAT_JANJI, KALIMAT_SUPERVISI):
        w.paragraf(doc, kalimat, rata=WD_ALIGN_PARAGRAPH.JUSTIFY, sesudah=Pt(8))
    _tanda_tangan(doc)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _tanda_draf(doc)
    _judul(doc, "PERJANJIAN KINERJA TAHUN {{ pk.tahun }}", "{{ pk.unit }}")
    _tabel_sasaran(doc)
    w.paragraf(doc, sesudah=Pt(12))
    _tabel_anggaran(doc)
    _tanda_tangan(doc)
    return w.simpan(doc, tujuan, "Perjanjian Kinerja")


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else FOLDER
    print(buat_pk(folder / "pk.docx"))
    # The report templates live in their own module; it borrows the helpers above.
    from buat_laporan import buat_semua

    for path in buat_semua(folder):
        print(path)


if __name__ == "__main__":
    main()
