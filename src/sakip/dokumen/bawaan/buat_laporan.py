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

from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Cm, Emu, Pt

from sakip.dokumen import word as w
from sakip.dokumen.word import KANAN, LEBAR_ISI, LEBAR_LANSKAP, TENGAH

# ---------------------------------------------------------------- page furniture


def _tanda_draf(doc) -> None:
    w.tanda_draf(doc, "laporan.draf")


def _tanda_tangan(doc) -> None:
    w.tanda_tangan(doc, "{{ laporan.tempat_tanggal }}", baris_kosong=4)


# ---------------------------------------------------------------- tables


def _tabel_capaian(doc, *, realisasi: str) -> None:
    lebar = [Cm(1), Cm(3.4), Cm(4.2), Cm(1.4), Cm(1.6), Cm(1.6), Cm(1.6), Cm(1.2)]
    tabel = w.tabel(
        doc,
        ["No", "Sasaran", "Indikator Kinerja", "Satuan", "Target {{ laporan.tahun }}",
         realisasi, "Capaian", "Kategori"],
        lebar,
    )  # fmt: skip
    w.baris_tag(tabel, "{%tr for s in capaian %}")
    w.baris_tag(tabel, "{%tr for i in s.indikator %}")
    w.baris(
        tabel,
        [("{{ i.nomor }}", TENGAH), ("{% vm %}{{ s.sasaran }}", None),
         ("{{ i.kode }} {{ i.nama }}", None), ("{{ i.satuan }}", TENGAH),
         ("{{ i.target }}", TENGAH), ("{{ i.realisasi }}", TENGAH), ("{{ i.capaian }}", KANAN),
         ("{{ i.kategori }}", TENGAH)],
    )  # fmt: skip
    w.baris_tag(tabel, "{%tr endfor %}")
    w.baris_tag(tabel, "{%tr endfor %}")
    w.jumlah(
        tabel,
        6,
        "Rata-rata capaian",
        [("{{ ringkasan.rata_capaian }}", KANAN), ("{{ ringkasan.kategori }}", TENGAH)],
    )
    w.selesai(tabel, lebar)


def _tabel_anggaran(doc, judul: str) -> None:
    w.blok(doc, "{%p if anggaran.ada %}")
    w.keterangan(doc, judul)
    lebar = [Cm(0.9), Cm(2.9), Cm(5.6), Cm(2.6), Cm(2.6), Cm(1.4)]
    tabel = w.tabel(
        doc, ["No", "Kode", "Program / Kegiatan / Sub Kegiatan", "Pagu", "Realisasi", "Serapan"],
        lebar,
    )  # fmt: skip
    w.baris_tag(tabel, "{%tr for r in anggaran.rincian %}")
    w.baris(
        tabel,
        [("{{ r.no }}", TENGAH), ("{{ r.kode }}", None), ("{{ r.nama }}", None),
         ("{{ r.pagu }}", KANAN), ("{{ r.realisasi }}", KANAN), ("{{ r.serapan }}", KANAN)],
    )  # fmt: skip
    w.baris_tag(tabel, "{%tr endfor %}")
    w.jumlah(
        tabel,
        3,
        "Jumlah",
        [("{{ anggaran.pagu }}", KANAN), ("{{ anggaran.realisasi }}", KANAN),
         ("{{ anggaran.serapan }}", KANAN)],
    )  # fmt: skip
    w.selesai(tabel, lebar)
    w.blok(doc, "{%p else %}")
    w.teks(doc, "{{ anggaran.kalimat }}")
    w.blok(doc, "{%p endif %}")


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
    tabel = w.tabel(doc, kepala, lebar)
    w.baris_tag(tabel, "{%tr for k in iku %}")
    w.baris(tabel, isi)
    w.baris_tag(tabel, "{%tr endfor %}")
    w.selesai(tabel, lebar)


def _tabel_pk(doc) -> None:
    w.blok(doc, "{%p if pk.ada %}")
    lebar = [Cm(1), Cm(5), Cm(6), Cm(1.6), Cm(2.4)]
    tabel = w.tabel(
        doc, ["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Target"], lebar
    )
    w.baris_tag(tabel, "{%tr for s in pk.sasaran %}")
    w.baris_tag(tabel, "{%tr for i in s.indikator %}")
    w.baris(
        tabel,
        [("{% vm %}{{ s.no }}", TENGAH), ("{% vm %}{{ s.uraian }}", None), ("{{ i.nama }}", None),
         ("{{ i.satuan }}", TENGAH), ("{{ i.target }}", TENGAH)],
    )  # fmt: skip
    w.baris_tag(tabel, "{%tr endfor %}")
    w.baris_tag(tabel, "{%tr endfor %}")
    w.selesai(tabel, lebar)
    w.paragraf(doc, sesudah=Pt(4))
    lebar = [Cm(1), Cm(11), Cm(4)]
    tabel = w.tabel(doc, ["No", "Program", "Anggaran"], lebar)
    w.baris_tag(tabel, "{%tr for a in pk.anggaran %}")
    w.baris(tabel, [("{{ a.no }}", TENGAH), ("{{ a.uraian }}", None), ("{{ a.anggaran }}", KANAN)])
    w.baris_tag(tabel, "{%tr endfor %}")
    w.jumlah(tabel, 2, "Jumlah", [("{{ pk.total }}", KANAN)])
    w.selesai(tabel, lebar)
    w.blok(doc, "{%p else %}")
    w.teks(doc, "Perjanjian Kinerja kepala instansi tahun {{ pk.tahun }} belum tercatat.")
    w.blok(doc, "{%p endif %}")


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
        w.isi_sel(atas.cells[awal].merge(atas.cells[akhir]), judul)
    w.isi_sel(atas.cells[8].merge(bawah.cells[8]), "Standar Nasional")
    for sel, judul in zip(
        bawah.cells[:8],
        ["Target", "Realisasi", "Capaian", "Kategori", "{{ laporan.tahun_sebelum_2 }}",
         "{{ laporan.tahun_sebelum_1 }}", "Target", "Capaian"],
        strict=True,
    ):  # fmt: skip
        w.isi_sel(sel, judul)
    w.baris_kepala(atas)
    w.baris_kepala(bawah)
    for sel, tag in zip(
        isi.cells,
        ["{{ i.target }} {{ i.satuan }}", "{{ i.realisasi }}", "{{ i.capaian }}",
         "{{ i.kategori }}", "{{ i.realisasi_sebelum_2 }}", "{{ i.realisasi_sebelum_1 }}",
         "{{ i.target_akhir }}", "{{ i.capaian_akhir }}", "{{ i.standar_nasional }}"],
        strict=True,
    ):  # fmt: skip
        w.isi_sel(sel, tag, rata=TENGAH)
    w.selesai(tabel, lebar)


# ---------------------------------------------------------------- the LKjIP


def _sampul(doc) -> None:
    _tanda_draf(doc)
    w.paragraf(doc, sesudah=Pt(60))
    w.paragraf(doc, "{{ laporan.judul }}", tebal=True, ukuran=Pt(20), rata=TENGAH, sesudah=Pt(10))
    w.paragraf(doc, "{{ laporan.subjudul }}", tebal=True, ukuran=Pt(18), rata=TENGAH)
    w.paragraf(doc, sesudah=Pt(70))
    w.paragraf(doc, "{{ kop.logo }}", rata=TENGAH, sesudah=Pt(70))
    w.paragraf(doc, "{{ laporan.instansi_besar }}", tebal=True, ukuran=Pt(16), rata=TENGAH)
    w.paragraf(doc, "{{ laporan.pemerintah }}", tebal=True, ukuran=Pt(14), rata=TENGAH)
    w.paragraf(doc, sesudah=Pt(80))
    w.paragraf(doc, "{{ kop.alamat }}", ukuran=Pt(10), rata=TENGAH)
    w.paragraf(doc, "{{ kop.kontak }}", ukuran=Pt(10), rata=TENGAH)


def _bab(doc, nomor: str, judul: str) -> None:
    p = doc.add_paragraph(style="Heading 1")
    run = p.add_run(nomor)
    run.add_break()
    p.add_run(judul)


def _ringkasan_lanjut(doc) -> None:
    """After the summary: the indicators short of target, the budget, the writer's note."""
    w.blok(doc, "{%p if ringkasan.belum_tercapai %}")
    w.teks(doc, "Indikator yang belum mencapai target: {{ ringkasan.belum_tercapai }}.")
    w.blok(doc, "{%p endif %}")
    w.teks(doc, "{{ ringkasan.anggaran }}")
    w.blok(doc, "{%p if narasi.ikhtisar %}")
    w.teks(doc, "{{ narasi.ikhtisar }}")
    w.blok(doc, "{%p endif %}")


def _ikhtisar(doc) -> None:
    doc.add_paragraph("IKHTISAR EKSEKUTIF", style="Heading 1")
    w.teks(
        doc,
        "Laporan Kinerja Instansi Pemerintah {{ laporan.instansi }} {{ laporan.periode }} "
        "menyajikan capaian kinerja atas Perjanjian Kinerja Tahun {{ laporan.tahun }} dalam "
        "rangka mewujudkan visi Rencana Strategis periode {{ renstra.periode }}: "
        "“{{ renstra.visi }}”.",
    )
    w.teks(doc, "{{ ringkasan.kinerja }}")
    w.keterangan(doc, "Ringkasan Capaian Kinerja {{ laporan.periode }}")
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
        w.baris(tabel, [(label, None), (nilai, KANAN)])
    w.baris_tag(tabel, "{%tr for k in ringkasan.per_kategori %}")
    w.baris(tabel, [("Kategori {{ k.kategori }}", None), ("{{ k.jumlah }} indikator", KANAN)])
    w.baris_tag(tabel, "{%tr endfor %}")
    for label, nilai in (
        ("Rata-rata capaian kinerja", "{{ ringkasan.rata_capaian }} ({{ ringkasan.kategori }})"),
        ("Pagu anggaran", "{{ anggaran.pagu }}"),
        ("Realisasi anggaran", "{{ anggaran.realisasi }}"),
        ("Serapan anggaran", "{{ anggaran.serapan }}"),
        ("Indeks efisiensi (capaian ÷ serapan)", "{{ anggaran.efisiensi }}"),
    ):
        w.baris(tabel, [(label, None), (nilai, KANAN)])
    w.selesai(tabel, lebar)
    w.paragraf(doc, sesudah=Pt(4))
    _ringkasan_lanjut(doc)


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
    w.teks(doc, "{{ narasi.pendahuluan }}")
    doc.add_paragraph("1.2 Struktur Organisasi dan Sumber Daya Manusia", style="Heading 2")
    w.teks(
        doc,
        "{{ laporan.instansi }} dipimpin oleh {{ penandatangan.jabatan }} dan didukung oleh "
        "{{ organisasi.jumlah_pegawai }} orang pegawai. Susunan jabatan struktural sebagai "
        "berikut.",
    )
    w.keterangan(doc, "Tabel 1.1 Jabatan Struktural {{ laporan.instansi }}")
    lebar = [Cm(1), Cm(7), Cm(1.6), Cm(6.4)]
    tabel = w.tabel(doc, ["No", "Jabatan", "Eselon", "Pejabat"], lebar)
    w.baris_tag(tabel, "{%tr for j in organisasi.jabatan %}")
    w.baris(
        tabel,
        [("{{ j.no }}", TENGAH), ("{{ j.jabatan }}", None), ("{{ j.eselon }}", TENGAH),
         ("{{ j.pemangku }}", None)],
    )  # fmt: skip
    w.baris_tag(tabel, "{%tr endfor %}")
    w.selesai(tabel, lebar)
    doc.add_paragraph("1.3 Isu Strategis", style="Heading 2")
    w.teks(doc, "{{ narasi.isu_strategis }}")
    doc.add_paragraph("1.4 Sistematika Penyajian", style="Heading 2")
    w.teks(doc, "Laporan ini disajikan dengan sistematika sebagai berikut:")
    for n, teks in enumerate(SISTEMATIKA, start=1):
        w.daftar_baris(doc, f"{n}. {teks}")


def _daftar(doc, judul: str, daftar: str, nomor: str) -> None:
    w.teks(doc, judul, tebal=True, rata=None)
    w.blok(doc, f"{{%p for x in {daftar} %}}")
    w.daftar_baris(doc, f"{nomor}{{{{ x.uraian }}}}")
    w.blok(doc, "{%p endfor %}")


def _renstra(doc) -> None:
    w.teks(doc, "Periode: {{ renstra.periode }}", rata=None)
    w.teks(doc, "Visi: “{{ renstra.visi }}”", rata=None)
    _daftar(doc, "Misi", "renstra.misi", "{{ x.no }}. ")
    _daftar(doc, "Tujuan", "renstra.tujuan", "• ")
    _daftar(doc, "Sasaran strategis", "renstra.sasaran", "• ")


def _bab_2(doc) -> None:
    _bab(doc, "BAB II", "PERENCANAAN KINERJA")
    doc.add_paragraph("2.1 Rencana Strategis", style="Heading 2")
    w.teks(
        doc,
        "Rencana Strategis (Renstra) {{ laporan.instansi }} periode {{ renstra.periode }} "
        "menjadi acuan penyusunan rencana kerja dan perjanjian kinerja tahunan. Ringkasannya "
        "sebagai berikut.",
    )
    _renstra(doc)
    doc.add_paragraph("2.2 Indikator Kinerja Utama", style="Heading 2")
    w.teks(
        doc,
        "Indikator Kinerja Utama (IKU) adalah ukuran keberhasilan sasaran strategis "
        "{{ laporan.instansi }}; definisi operasional dan formulanya dimuat dalam Lampiran 2.",
    )
    w.keterangan(doc, "Tabel 2.1 Indikator Kinerja Utama")
    _tabel_iku(doc, lengkap=False)
    doc.add_paragraph("2.3 Perjanjian Kinerja Tahun {{ laporan.tahun }}", style="Heading 2")
    w.teks(
        doc,
        "Perjanjian Kinerja Tahun {{ pk.tahun }}{% if pk.ada %} {{ pk.jabatan }} "
        "({{ pk.pihak_pertama }}; status {{ pk.status|lower }}){% endif %} memuat sasaran, "
        "indikator dan target kinerja berikut beserta anggarannya.",
    )
    w.keterangan(doc, "Tabel 2.2 Perjanjian Kinerja Tahun {{ pk.tahun }}")
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
    p = w.paragraf(doc, "Perhitungan capaian: {{ i.rumus }}", ukuran=Pt(9))
    p.paragraph_format.space_before = Pt(2)
    for judul, isi in ANALISIS:
        w.teks(doc, judul, tebal=True, rata=None).paragraph_format.keep_with_next = True
        w.teks(doc, isi).paragraph_format.left_indent = Cm(0.5)
    w.teks(doc, "g. Program yang menunjang", tebal=True, rata=None)
    w.blok(doc, "{%p if i.program %}")
    lebar = [Cm(8), Cm(2.9), Cm(2.9), Cm(1.7)]
    tabel = w.tabel(doc, ["Program / Kegiatan", "Pagu", "Realisasi", "Serapan"], lebar)
    w.baris_tag(tabel, "{%tr for p in i.program %}")
    w.baris(
        tabel,
        [("{{ p.kode }} {{ p.nama }}", None), ("{{ p.pagu }}", KANAN),
         ("{{ p.realisasi }}", KANAN), ("{{ p.serapan }}", KANAN)],
    )  # fmt: skip
    w.baris_tag(tabel, "{%tr endfor %}")
    w.selesai(tabel, lebar)
    w.blok(doc, "{%p else %}")
    w.teks(doc, "Tidak ada program DPA yang dikaitkan langsung dengan indikator ini.")
    w.blok(doc, "{%p endif %}")


def _bab_3(doc) -> None:
    _bab(doc, "BAB III", "AKUNTABILITAS KINERJA")
    doc.add_paragraph("3.1 Capaian Kinerja Organisasi", style="Heading 2")
    w.teks(
        doc,
        "Pengukuran kinerja dilakukan dengan membandingkan realisasi dengan target setiap "
        "indikator. Untuk indikator yang semakin tinggi semakin baik, capaian = realisasi ÷ "
        "target × 100%; untuk indikator yang semakin rendah semakin baik, capaian = (2 × target "
        "− realisasi) ÷ target × 100%; untuk target berupa rentang, realisasi di dalam rentang "
        "bernilai 100%. Kategori capaian mengikuti ketentuan {{ laporan.pemda }}.",
    )
    w.keterangan(doc, "Tabel 3.1 Capaian Indikator Kinerja {{ laporan.periode }}")
    _tabel_capaian(doc, realisasi="Realisasi")
    w.blok(doc, "{%p for s in capaian %}")
    doc.add_paragraph("{{ s.label }} {{ s.sasaran }}", style="Heading 3")
    w.blok(doc, "{%p for i in s.indikator %}")
    _indikator(doc)
    w.blok(doc, "{%p endfor %}")
    w.blok(doc, "{%p endfor %}")
    doc.add_paragraph("Efisiensi penggunaan sumber daya", style="Heading 3")
    w.teks(doc, "{{ anggaran.kalimat_efisiensi or anggaran.kalimat }}")
    doc.add_paragraph("3.2 Realisasi Anggaran", style="Heading 2")
    w.blok(doc, "{%p if anggaran.ada %}")
    w.teks(
        doc,
        "Pada {{ laporan.periode|lower }} {{ laporan.instansi }} mengelola pagu anggaran "
        "{{ anggaran.pagu }} dengan realisasi {{ anggaran.realisasi }} atau serapan "
        "{{ anggaran.serapan }}. Rincian per sub kegiatan sebagai berikut.",
    )
    w.blok(doc, "{%p endif %}")
    _tabel_anggaran(doc, "Tabel 3.2 Realisasi Anggaran {{ laporan.periode }}")


def _lampiran(doc) -> None:
    doc.add_paragraph("LAMPIRAN", style="Heading 1")
    doc.add_paragraph("Lampiran 1. Perjanjian Kinerja Tahun {{ pk.tahun }}", style="Heading 2")
    w.paragraf(doc, "PERJANJIAN KINERJA TAHUN {{ pk.tahun }}", tebal=True, rata=TENGAH)
    w.paragraf(doc, "{{ laporan.instansi_besar }}", tebal=True, rata=TENGAH, sesudah=Pt(8))
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
    w.blok(doc, "{%p if rekomendasi %}")
    doc.add_paragraph("Lampiran 3. Rekomendasi Hasil Evaluasi dan Tindak Lanjutnya", "Heading 2")
    lebar = [Cm(1), Cm(4.5), Cm(7), Cm(4), Cm(2.2), Emu(LEBAR_LANSKAP - Cm(18.7))]
    tabel = w.tabel(
        doc, ["No", "Indikator", "Rekomendasi", "Ditujukan kepada", "Status", "Tindak Lanjut"],
        lebar,
    )  # fmt: skip
    w.baris_tag(tabel, "{%tr for r in rekomendasi %}")
    w.baris(
        tabel,
        [("{{ r.no }}", TENGAH), ("{{ r.indikator }}", None), ("{{ r.uraian }}", None),
         ("{{ r.kepada }}", None), ("{{ r.status }}", TENGAH),
         ("{{ r.tindak_lanjut or '—' }}", None)],
    )  # fmt: skip
    w.baris_tag(tabel, "{%tr endfor %}")
    w.selesai(tabel, lebar)
    w.blok(doc, "{%p endif %}")


def buat_lkjip(tujuan: Path) -> Path:
    doc = w.dokumen()
    w.gaya_judul(doc)
    bagian = doc.sections[0]
    bagian.different_first_page_header_footer = True  # the cover carries no page number
    w.kepala_kaki(bagian, kepala=True)
    _sampul(doc)
    doc.add_paragraph("KATA PENGANTAR", style="Heading 1")
    w.teks(doc, "{{ narasi.kata_pengantar }}")
    _tanda_tangan(doc)
    _ikhtisar(doc)
    _bab_1(doc)
    _bab_2(doc)
    _bab_3(doc)
    _bab(doc, "BAB IV", "PENUTUP")
    w.teks(doc, "{{ narasi.penutup }}")
    _tanda_tangan(doc)
    _lampiran(doc)
    return w.simpan(doc, tujuan, "Laporan Kinerja Instansi Pemerintah (LKjIP)")


# ---------------------------------------------------------------- the periodic reports


def _judul_ringkas(doc, huruf: str, judul: str) -> None:
    doc.add_paragraph(f"{huruf}. {judul}", style="Heading 2")


def buat_ringkas(tujuan: Path, *, sakip: bool, nama: str) -> Path:
    """A monthly, semester or yearly report (or, with `sakip`, the SAKIP report)."""
    doc = w.dokumen()
    w.gaya_judul(doc)
    w.kepala_kaki(doc.sections[0], kepala=False)
    w.kop(doc)
    _tanda_draf(doc)
    w.judul_di_bawah_kop(doc, "laporan")
    huruf = iter("ABCDEFG")
    if sakip:
        _judul_ringkas(doc, next(huruf), "Rencana Strategis {{ renstra.periode }}")
        _renstra(doc)
        _tabel_iku(doc, lengkap=False)
    _judul_ringkas(doc, next(huruf), "Ringkasan")
    w.teks(doc, "{{ ringkasan.kinerja }}")
    _ringkasan_lanjut(doc)
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
        w.teks(doc, judul, tebal=True, rata=None)
        w.blok(doc, f"{{%p for x in {daftar} %}}")
        w.daftar_baris(doc, "{{ x.no }}. {{ x.uraian }}")
        w.blok(doc, "{%p else %}")
        w.teks(doc, kosong)
        w.blok(doc, "{%p endfor %}")
    _judul_ringkas(doc, next(huruf), "Penutup")
    w.teks(doc, "{{ narasi.penutup }}")
    _tanda_tangan(doc)
    return w.simpan(doc, tujuan, nama)


def buat_semua(folder: Path) -> list[Path]:
    return [
        buat_lkjip(folder / "lkjip.docx"),
        buat_ringkas(folder / "laporan_bulanan.docx", sakip=False, nama="Laporan Bulanan"),
        buat_ringkas(folder / "laporan_semesteran.docx", sakip=False, nama="Laporan Semesteran"),
        buat_ringkas(folder / "laporan_tahunan.docx", sakip=False, nama="Laporan Tahunan"),
        buat_ringkas(folder / "laporan_sakip.docx", sakip=True, nama="Laporan SAKIP"),
    ]
