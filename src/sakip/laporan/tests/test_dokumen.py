"""Printed reports: Kecamatan Alpha's LKjIP 2025 and its periodic reports, as PDF and Word.

The story: Alpha's Renstra 2021–2026 has five indicators; in 2025 the Staf entered their
realisations (the IKM also for 2024), the DPA's two sub kegiatan spent Rp 129.000.000 of
Rp 150.000.002, and the Camat's PK carries four targets. The Kasubag drafts the LKjIP, the
Camat signs it — after which a late correction of the data no longer changes the signed
files. The Camat's office also tries its own Word template for the LKjIP.
"""

from __future__ import annotations

import io
import os
import re
from decimal import Decimal as D
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from docx import Document
from PIL import Image
from pypdf import PdfReader

from sakip.dokumen import services as dokumen_services
from sakip.dokumen.jenis import jenis_dokumen
from sakip.dokumen.services import TemplatDitolak
from sakip.laporan import dokumen, services
from sakip.laporan.models import Laporan
from sakip.pengukuran.models import (
    BarisKartuKendali,
    KartuKendali,
    Realisasi,
    RealisasiAnggaran,
)
from sakip.perencanaan.models import Indikator, ItemAnggaran
from sakip.perencanaan.tests import bangun


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _realisasi(a, kode: str, tahun: int, bulan: int, nilai=None, skala: str = "") -> Realisasi:
    return Realisasi.objects.create(
        instansi=a.instansi,
        tahun=tahun,
        bulan=bulan,
        indikator=Indikator.objects.get(renstra__instansi=a.instansi, kode=kode),
        nilai=None if nilai is None else D(nilai),
        nilai_skala=skala,
        status=Realisasi.Status.DISETUJUI,
    )


@pytest.fixture
def alpha(persona):
    """Kecamatan Alpha with a measured 2025 (see the module docstring)."""
    a = persona.a
    r = bangun.renstra(a)
    r.indikator.filter(kode="IT1").update(standar_nasional="76,61 (mutu pelayanan Baik)")
    bangun.iku(r, a)
    dpa = bangun.dokumen(a, r, "dpa")
    bangun.pk(a, r)
    _realisasi(a, "IT1", 2024, 12, "80")  # 2024 target 83: capaian 96,39%
    _realisasi(a, "IT1", 2025, 12, "84.42")  # target 84: 100,50%
    _realisasi(a, "IS1", 2025, 3, "3.2")  # lower is better, averaged: 3,30 days
    _realisasi(a, "IS1", 2025, 9, "3.4")  # against 3: (2 × 3 − 3,3) / 3 = 90,00%
    _realisasi(a, "IS2", 2025, 12, skala="WTP")
    _realisasi(a, "IS3", 2025, 12, "88")  # inside 85–95: 100%
    _realisasi(a, "IS4", 2025, 6, "5")
    _realisasi(a, "IS4", 2025, 12, "6")  # cumulative 11, within 10 ± 2: 100%
    sub = {i.kode: i for i in ItemAnggaran.objects.filter(dokumen=dpa, level="sub")}
    # 57.000.000 of 60.000.000 and 72.000.000 of 90.000.002: 129.000.000 = 86,00%
    RealisasiAnggaran.objects.create(item=sub["7.01.01.2.01.0001"], bulan=6, jumlah=57_000_000)
    RealisasiAnggaran.objects.create(item=sub["7.01.01.2.01.0006"], bulan=12, jumlah=72_000_000)
    kartu = KartuKendali.objects.create(instansi=a.instansi, tahun=2025, bulan=6)
    BarisKartuKendali.objects.create(
        kartu=kartu,
        item=sub["7.01.01.2.01.0006"],
        kendala="Data kinerja kampung terlambat masuk",
        tindak_lanjut="Rapat koordinasi dengan penghulu kampung",
    )
    return a


def laporan(a, jenis: str = "lkjip", periode: int = 0) -> Laporan:
    return services.siapkan_laporan(
        aktor=a.kasubag, instansi=a.instansi, jenis=jenis, tahun=2025, periode=periode
    )


# ---------------------------------------------------------------- reading the files


def halaman_pdf(isi: bytes) -> list[str]:
    return [" ".join((h.extract_text() or "").split()) for h in PdfReader(io.BytesIO(isi)).pages]


def antara(teks: str, awal: str, akhir: str) -> str:
    """The text from the last `awal` (headings also stand in the table of contents) up to
    the next `akhir`."""
    mulai = teks.rindex(awal)
    selesai = teks.find(akhir, mulai + len(awal))
    return teks[mulai : selesai if selesai >= 0 else None]


def baris_docx(doc) -> list[list[str]]:
    return [[sel.text for sel in b.cells] for t in doc.tables for b in t.rows]


def simpan_artefak(nama: str, isi: bytes) -> None:
    """With TEST_ARTIFACTS set, keep the document for a person to look at."""
    folder = os.environ.get("TEST_ARTIFACTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        (Path(folder) / nama).write_bytes(isi)


def png() -> bytes:
    berkas = io.BytesIO()
    Image.new("RGB", (60, 72), (20, 90, 160)).save(berkas, "PNG")
    return berkas.getvalue()


# ---------------------------------------------------------------- the LKjIP as PDF


def test_lkjip_pdf_menaruh_setiap_angka_di_babnya(alpha):
    alpha.instansi.logo.save("alpha.png", ContentFile(png()))
    lap = laporan(alpha)
    pdf = dokumen.laporan_pdf(lap)
    simpan_artefak("lkjip.pdf", pdf)
    halaman = halaman_pdf(pdf)
    teks = " ".join(halaman)

    # The cover: title, agency, Pemda and the emblem from the kop; no page number on it.
    assert "LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP) TAHUN 2025" in halaman[0]
    assert "KECAMATAN ALPHA" in halaman[0] and "PEMERINTAH KABUPATEN UJI" in halaman[0]
    assert "Halaman" not in halaman[0]
    assert len(PdfReader(io.BytesIO(pdf)).pages[0].images) == 1
    assert f"Halaman 2 dari {len(halaman)}" in halaman[1]
    for bab in ("KATA PENGANTAR", "IKHTISAR EKSEKUTIF", "BAB I PENDAHULUAN",
                "BAB II PERENCANAAN KINERJA", "BAB III AKUNTABILITAS KINERJA",
                "BAB IV PENUTUP", "LAMPIRAN"):  # fmt: skip
        assert bab in teks

    ikhtisar = antara(teks, "IKHTISAR EKSEKUTIF", "BAB I")
    assert "mengukur 5 indikator kinerja" in ikhtisar
    assert "Sebanyak 4 indikator (80,00%) mencapai atau melampaui target" in ikhtisar
    assert "Serapan anggaran 86,00%" in ikhtisar

    # Bab III, the IKM: this year, last year, the Renstra end target, the national standard.
    ikm = antara(teks, "Indikator IT1 Indeks kepuasan masyarakat", "Indikator IS1")
    assert "84 Indeks 84,42 100,50% Sangat Baik" in ikm
    assert "tahun 2024 realisasi 80 (capaian 96,39%)" in ikm
    assert "capaian meningkat dari 96,39% menjadi 100,50%" in ikm
    assert "Standar nasional indikator ini 76,61 (mutu pelayanan Baik)" in ikm
    # The service time missed its target; its analysis draft says so.
    waktu = antara(teks, "Indikator IS1 Waktu penyelesaian layanan", "Indikator IS2")
    assert "capaian 90,00% (kategori Baik): belum tercapai" in waktu
    # The budget indicator is supported by the DPA's program, with its absorption.
    serapan = antara(teks, "Indikator IS3 Persentase serapan anggaran", "Indikator IS4")
    assert "7.01.01 PROGRAM PENUNJANG URUSAN PEMERINTAHAN" in serapan
    assert "Rp 150.000.000 Rp 129.000.000 86,00%" in serapan
    assert "indeks efisiensi 1,16 (efisien)" in serapan

    # 3.2: the sub kegiatan and the total.
    anggaran = antara(teks, "Tabel 3.2 Realisasi Anggaran", "BAB IV")
    assert (
        "7.01.01.2.01.0001 Penyusunan Dokumen Perencanaan Rp 60.000.000 Rp 57.000.000 95,00%"
        in (anggaran)
    )
    assert "Jumlah Rp 150.000.002 Rp 129.000.000 86,00%" in anggaran

    # The Camat signs the Kata Pengantar and the Penutup.
    assert teks.count("CAMAT ALPHA,") == 2
    assert f"NIP. {alpha.camat.nip_tampil}" in antara(teks, "BAB IV PENUTUP", "LAMPIRAN")

    # Appendices: the PK's targets and the IKU's definitions.
    pk = antara(teks, "Lampiran 1. Perjanjian Kinerja Tahun 2025", "Lampiran 2")
    assert "Layanan selesai tepat waktu % 92,50" in pk
    assert "Persentase serapan anggaran % 85 – 95" in pk
    assert "Jumlah Rp 225.500.000" in pk
    iku = antara(teks, "Lampiran 2. Indikator Kinerja Utama", "Halaman")
    assert "Definisi IT1" in iku and "Rumus IS2" in iku

    ukuran = [(round(float(h.mediabox.width)), round(float(h.mediabox.height)))
              for h in PdfReader(io.BytesIO(pdf)).pages]  # fmt: skip
    assert ukuran[0] == (595, 842) and (842, 595) in ukuran  # A4; the IKU appendix landscape
    assert "DRAF" in teks  # not signed yet


def test_narasi_yang_ditulis_menggantikan_teks_bawaan(alpha):
    lap = laporan(alpha)
    services.simpan_narasi(
        aktor=alpha.kasubag,
        laporan=lap,
        kunci="analisis:IS1",
        teks="Petugas loket berkurang dua orang.\nSolusi: jadwal piket baru.",
    )
    lap = services.simpan_narasi(
        aktor=alpha.kasubag, laporan=lap, kunci="penutup", teks="Alpha terus berbenah."
    )
    teks = " ".join(halaman_pdf(dokumen.laporan_pdf(lap)))
    waktu = antara(teks, "Indikator IS1 Waktu penyelesaian layanan", "Indikator IS2")
    assert "Petugas loket berkurang dua orang. Solusi: jadwal piket baru." in waktu
    assert "Alpha terus berbenah." in antara(teks, "BAB IV PENUTUP", "LAMPIRAN")
    assert "Demikian laporan ini disusun" not in teks  # the default closing is gone


# ---------------------------------------------------------------- the LKjIP as Word


def test_lkjip_docx_memuat_angka_yang_sama_di_sel_tabel(alpha):
    lap = services.simpan_narasi(
        aktor=alpha.kasubag,
        laporan=laporan(alpha),
        kunci="kata_pengantar",
        teks="Paragraf pertama.\r\nParagraf kedua & terakhir.",  # a browser form's CRLF
    )
    isi = dokumen.laporan_docx(lap)
    simpan_artefak("lkjip.docx", isi)
    doc = Document(io.BytesIO(isi))
    baris = baris_docx(doc)
    # Tabel 3.1: the service time's row, under its sasaran.
    assert [
        "2",
        "S1 Meningkatnya kepuasan masyarakat",
        "IS1 Waktu penyelesaian layanan",
        "hari",
        "3",
        "3,30",
        "90,00%",
        "Baik",
    ] in baris
    # Bab III, the IKM against 2024, the Renstra end target (85) and the national standard.
    assert [
        "84 Indeks",
        "84,42",
        "100,50%",
        "Sangat Baik",
        "—",
        "80",
        "85",
        "99,32%",
        "76,61 (mutu pelayanan Baik)",
    ] in baris
    # 3.2 total, and the PK target in the appendix.
    assert ["Jumlah"] * 3 + ["Rp 150.000.002", "Rp 129.000.000", "86,00%"] in baris
    assert ["2", "Meningkatnya akuntabilitas kinerja", "Persentase serapan anggaran", "%",
            "85 – 95"] in baris  # fmt: skip
    paragraf = [p.text for p in doc.paragraphs]
    # The narrative's lines are Word paragraphs; "&" and the CR survive the XML.
    assert paragraf[paragraf.index("Paragraf pertama.") + 1] == "Paragraf kedua & terakhir."
    assert "LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP)" in paragraf
    assert "DRAF — belum ditandatangani" in paragraf
    assert not [p for p in paragraf if "{{" in p or "{%" in p]
    kaki = doc.sections[0].footer._element.xml
    assert "NUMPAGES" in kaki and "Halaman" in kaki


# ---------------------------------------------------------------- signing freezes the files


def test_laporan_ditandatangani_tetap_menunjukkan_angka_saat_ditandatangani(alpha):
    lap = services.tandatangani_laporan(aktor=alpha.camat, laporan=laporan(alpha))
    assert lap.pdf and lap.docx
    # A late correction: December's IKM was 70, not 84,42 (capaian 83,33%).
    Realisasi.objects.filter(indikator__kode="IT1", tahun=2025).update(nilai=D(70))
    lap.refresh_from_db()
    with lap.pdf.open("rb") as f:
        tersimpan = " ".join(halaman_pdf(f.read()))
    ulang = " ".join(halaman_pdf(dokumen.laporan_pdf(lap)))
    for teks in (tersimpan, ulang):
        ikm = antara(teks, "Indikator IT1 Indeks kepuasan masyarakat", "Indikator IS1")
        assert "84,42 100,50%" in ikm and "83,33%" not in ikm
        assert "DRAF" not in teks
        tanggal = timezone.localtime(lap.ditandatangani_pada).day
        assert re.search(rf"Alpha, {tanggal} \w+ \d{{4}} CAMAT ALPHA,", teks)
    with lap.docx.open("rb") as f:
        assert ["1", "T1 Meningkatkan kualitas pelayanan publik", "IT1 Indeks kepuasan masyarakat",
                "Indeks", "84", "84,42", "100,50%", "Sangat Baik"] in baris_docx(
            Document(f)
        )  # fmt: skip


# ---------------------------------------------------------------- the agency's own template


def _bawaan_lkjip(ubah) -> bytes:
    doc = Document(str(jenis_dokumen("lkjip").bawaan))
    ubah(doc)
    keluaran = io.BytesIO()
    doc.save(keluaran)
    return keluaran.getvalue()


def unggah(a, isi: bytes):
    return dokumen_services.unggah_templat(
        aktor=a.camat,
        instansi=a.instansi,
        jenis="lkjip",
        berkas=SimpleUploadedFile("lkjip-alpha.docx", isi),
    )


def test_templat_lkjip_dengan_kesalahan_sintaks_ditolak_dengan_letaknya(alpha):
    letak = {}

    def rusak(doc):
        # Break the capaian cell of Tabel 3.1, as a hurried edit in Word would.
        for t, tabel in enumerate(doc.tables, start=1):
            for b, baris in enumerate(tabel.rows, start=1):
                for k, sel in enumerate(baris.cells, start=1):
                    if sel.text == "{{ i.capaian }}" and not letak:
                        sel.paragraphs[0].runs[0].text = "{{ i.capaian }"
                        letak.update(t=t, b=b, k=k)

    with pytest.raises(TemplatDitolak) as info:
        unggah(alpha, _bawaan_lkjip(rusak))
    [pesan] = info.value.messages
    assert pesan.startswith(
        f"Kesalahan sintaks di tabel {letak['t']}, baris {letak['b']}, kolom {letak['k']}"
    )
    assert "{{ i.capaian }" in pesan and letak["k"] == 7


def test_templat_lkjip_dengan_variabel_tak_dikenal_menyebutnya(alpha):
    def tambah(doc):
        doc.add_paragraph("Nomor {{ laporan.nomor_surat }}, capaian {{ ringkasan.rata }}")

    with pytest.raises(TemplatDitolak) as info:
        unggah(alpha, _bawaan_lkjip(tambah))
    assert info.value.messages == ["Variabel tidak dikenal: laporan.nomor_surat, ringkasan.rata"]


def test_templat_lkjip_kantor_camat_dipakai_untuk_laporannya(alpha):
    unggah(
        alpha, _bawaan_lkjip(lambda d: d.add_paragraph("GAYA ALPHA {{ ringkasan.rata_capaian }}"))
    )
    paragraf = [
        p.text for p in Document(io.BytesIO(dokumen.laporan_docx(laporan(alpha)))).paragraphs
    ]
    assert "GAYA ALPHA 98,10%" in paragraf


# ---------------------------------------------------------------- the periodic reports


def test_laporan_bulanan_lebih_pendek_dengan_kendala_dan_tindak_lanjut(alpha):
    lkjip = halaman_pdf(dokumen.laporan_pdf(laporan(alpha)))
    bulanan = laporan(alpha, "bulanan", 6)
    pdf = dokumen.laporan_pdf(bulanan)
    simpan_artefak("laporan-bulanan.pdf", pdf)
    halaman = halaman_pdf(pdf)
    teks = " ".join(halaman)
    assert len(halaman) <= 3 < 10 <= len(lkjip)
    assert "LAPORAN KINERJA BULANAN KECAMATAN ALPHA BULAN JUNI 2025" in teks
    assert "PEMERINTAH KABUPATEN UJI" in halaman[0]  # under the kop
    assert "BAB III" not in teks and "KATA PENGANTAR" not in teks
    assert "Realisasi s.d. Juni" in teks
    # June: only the first sub kegiatan has spent; IS1's March value stands alone.
    assert "IS1 Waktu penyelesaian layanan hari 3 3,20" in teks
    assert "Jumlah Rp 150.000.002 Rp 57.000.000 38,00%" in teks
    kendala = antara(teks, "Kendala dan Tindak Lanjut", "Penutup")
    assert "Penyusunan Laporan Kinerja: Data kinerja kampung terlambat masuk" in kendala
    assert "Penyusunan Laporan Kinerja: Rapat koordinasi dengan penghulu kampung" in kendala
    assert "CAMAT ALPHA," in teks and f"Halaman 1 dari {len(halaman)}" in halaman[0]

    doc = Document(io.BytesIO(dokumen.laporan_docx(bulanan)))
    lkjip_doc = Document(io.BytesIO(dokumen.laporan_docx(laporan(alpha))))
    assert len(doc.paragraphs) * 3 < len(lkjip_doc.paragraphs)
    paragraf = [p.text for p in doc.paragraphs]
    assert "1. Penyusunan Laporan Kinerja: Data kinerja kampung terlambat masuk" in paragraf
    assert ["Jumlah"] * 3 + ["Rp 150.000.002", "Rp 57.000.000", "38,00%"] in baris_docx(doc)


def test_laporan_sakip_menambahkan_renstra_pada_laporan_tahunan(alpha):
    tahunan = " ".join(halaman_pdf(dokumen.laporan_pdf(laporan(alpha, "tahunan"))))
    sakip = " ".join(halaman_pdf(dokumen.laporan_pdf(laporan(alpha, "sakip"))))
    assert "LAPORAN KINERJA TAHUNAN KECAMATAN ALPHA TAHUN 2025" in tahunan
    assert "SISTEM AKUNTABILITAS KINERJA INSTANSI PEMERINTAH (SAKIP)" in sakip
    for teks in (tahunan, sakip):
        assert "IT1 Indeks kepuasan masyarakat Indeks 84 84,42 100,50% Sangat Baik" in teks
    assert "Rencana Strategis 2021–2026" in sakip and "Rencana Strategis" not in tahunan
    assert "T2 Mewujudkan tata kelola yang akuntabel" in sakip
    paragraf = [
        p.text
        for p in Document(io.BytesIO(dokumen.laporan_docx(laporan(alpha, "sakip")))).paragraphs
    ]
    assert (
        "A. Rencana Strategis 2021–2026" in paragraf
        and "• S3 Tertibnya administrasi umum" in paragraf
    )


def test_instansi_tanpa_data_tetap_mendapat_kerangka_laporan(persona):
    """Beta has no Renstra, DPA or PK yet: every document still prints, saying what is missing."""
    teks = {}
    for jenis, periode in (("lkjip", 0), ("bulanan", 3), ("sakip", 0)):
        lap = laporan(persona.b, jenis, periode)
        teks[jenis] = " ".join(halaman_pdf(dokumen.laporan_pdf(lap)))
        assert "belum ada indikator kinerja yang diukur" in teks[jenis]
        assert "DPA) tahun ini belum tercatat" in teks[jenis]
        paragraf = [p.text for p in Document(io.BytesIO(dokumen.laporan_docx(lap))).paragraphs]
        assert not [p for p in paragraf if "{{" in p or "{%" in p]
    assert "Perjanjian Kinerja kepala instansi tahun 2025 belum tercatat" in teks["lkjip"]
    assert "IKU belum ditetapkan" in teks["sakip"]


# ---------------------------------------------------------------- the preview on the page


def test_pratinjau_adalah_fragmen_dengan_css_terbatas_dan_teks_aman(alpha):
    lap = services.simpan_narasi(
        aktor=alpha.kasubag, laporan=laporan(alpha), kunci="ikhtisar", teks="<b>tebal</b>"
    )
    html = dokumen.laporan_html(lap)
    assert "<html" not in html and "@page" not in html
    assert "&lt;b&gt;tebal&lt;/b&gt;" in html and "<b>tebal</b>" not in html
    assert html.count("<svg") == 2  # capaian, and capaian against absorption
    # Every rule is scoped to the fragment, so the page around it keeps its own look.
    for gaya in re.findall(r"<style>(.*?)</style>", html, re.S):
        gaya = re.sub(r"/\*.*?\*/", "", gaya, flags=re.S)
        for pemilih in re.findall(r"([^{}]+)\{", gaya):
            if pemilih.strip().startswith("@"):
                continue
            for satu in pemilih.split(","):
                assert satu.strip().startswith((".dok-", ".kop-")), satu


@pytest.mark.parametrize(
    ("teks", "nilai"),
    [("95,22%", D("95.22")), ("Rp 1.234.500", D(1234500)), ("0,74", D("0.74")),
     ("Rp 150.000", D(150000)), ("—", None), ("", None)],
)  # fmt: skip
def test_angka_tampilan_dibaca_kembali(teks, nilai):
    assert dokumen._desimal(teks) == nilai
