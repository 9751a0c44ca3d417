"""Printed planning documents: the Camat of Alpha's PK (PDF and Word) and the matrices.

The story: Alpha's Renstra 2025–2029 has two sasaran; the 2026 DPA funds two programs;
the Camat's PK carries three indicators (a percentage, a range and a BPK opinion on a
scale) and Rp 1.500.000. The Bupati co-signs by name only (not a user of the system).
"""

from __future__ import annotations

import datetime
import io
import os
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document
from pypdf import PdfReader

from sakip.dokumen import services as dokumen_services
from sakip.perencanaan import dokumen
from sakip.perencanaan.models import (
    IKU,
    AnggaranPK,
    DokumenAnggaran,
    Indikator,
    IndikatorItem,
    IndikatorPK,
    ItemAnggaran,
    PerjanjianKinerja,
    Polaritas,
    Renstra,
    Sasaran,
    SasaranPK,
    Skala,
    TargetTahunan,
    Tujuan,
)

BUPATI = "Dr. H. Alfedri, M.Si."


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


# ---------------------------------------------------------------- builders


def buat_renstra(agensi) -> Renstra:
    r = Renstra.objects.create(
        instansi=agensi.instansi, tahun_awal=2025, tahun_akhir=2029, visi="Alpha yang melayani"
    )
    t1 = Tujuan.objects.create(renstra=r, kode="T1", uraian="Meningkatkan kualitas pelayanan")
    s1 = Sasaran.objects.create(
        renstra=r, tujuan=t1, kode="S1", uraian="Meningkatnya kepuasan masyarakat", urutan=1
    )
    s2 = Sasaran.objects.create(
        renstra=r, tujuan=t1, kode="S2", uraian="Meningkatnya akuntabilitas kinerja", urutan=2
    )
    opini, _ = Skala.objects.get_or_create(
        pemda=agensi.instansi.pemda,
        nama="Opini BPK",
        defaults={"nilai": ["WTP", "WDP", "TW", "TMP"]},
    )
    ikm = Indikator.objects.create(
        renstra=r, sasaran=s1, kode="I1", nama="Indeks Kepuasan Masyarakat", satuan="%",
        baseline=Decimal("82"), target_akhir=Decimal("92"), urutan=1,
    )  # fmt: skip
    waktu = Indikator.objects.create(
        renstra=r, sasaran=s1, kode="I2", nama="Ketepatan waktu layanan", satuan="%",
        polaritas=Polaritas.RENTANG, target_akhir=Decimal("85"), target_akhir_atas=Decimal("95"),
        urutan=2,
    )  # fmt: skip
    bpk = Indikator.objects.create(
        renstra=r, sasaran=s2, kode="I3", nama="Opini atas laporan keuangan", satuan="opini",
        skala=opini, baseline_skala="WDP", target_akhir_skala="WTP", urutan=3,
    )  # fmt: skip
    for i, tahun in enumerate(r.tahun):
        TargetTahunan.objects.create(indikator=ikm, tahun=tahun, target=Decimal(88 + i))
        TargetTahunan.objects.create(indikator=waktu, tahun=tahun, target=80, target_atas=90)
        TargetTahunan.objects.create(indikator=bpk, tahun=tahun, target_skala="WTP")
    IKU.objects.create(
        renstra=r, indikator=ikm, tahun_mulai=2025, alasan="Mengukur mutu layanan langsung",
        definisi="Nilai survei kepuasan (PermenPAN-RB 14/2017)",
        formula="Σ NRR tertimbang × 25", sumber_data="Survei IKM semesteran",
        penanggung_jawab=agensi.j_sekcam,
    )  # fmt: skip
    return r


def buat_dpa(renstra: Renstra, agensi) -> tuple[DokumenAnggaran, ItemAnggaran, ItemAnggaran]:
    """The 2026 DPA and its two programs (Rp 1.000.000 with a kegiatan, Rp 500.000)."""
    dpa = DokumenAnggaran.objects.create(
        instansi=agensi.instansi, renstra=renstra, jenis=DokumenAnggaran.Jenis.DPA, tahun=2026,
        nomor="DPA/KEC-A/2026", tanggal_pengesahan=datetime.date(2025, 12, 30),
    )  # fmt: skip
    p1 = ItemAnggaran.objects.create(
        dokumen=dpa, level="program", kode="7.01.01", nama="Program Penunjang Urusan Pemerintahan",
        pagu=Decimal("1000000"),
    )  # fmt: skip
    k1 = ItemAnggaran.objects.create(
        dokumen=dpa, induk=p1, level="kegiatan", kode="7.01.01.2.01",
        nama="Perencanaan, Penganggaran, dan Evaluasi Kinerja", pagu=Decimal("1000000"),
    )  # fmt: skip
    sub = ItemAnggaran.objects.create(
        dokumen=dpa, induk=k1, level="sub", kode="7.01.01.2.01.0001",
        nama="Penyusunan Dokumen Perencanaan Perangkat Daerah", pagu=Decimal("1000000"),
    )  # fmt: skip
    IndikatorItem.objects.create(item=sub, nama="Jumlah dokumen perencanaan", satuan="dokumen",
                                 target=Decimal("4"))  # fmt: skip
    IndikatorItem.objects.create(item=sub, nama="Dokumen tepat waktu", satuan="%",
                                 target=Decimal("100"))  # fmt: skip
    p2 = ItemAnggaran.objects.create(
        dokumen=dpa, level="program", kode="7.01.02", nama="Program Penyelenggaraan Pemerintahan",
        pagu=Decimal("500000"),
    )  # fmt: skip
    return dpa, p1, p2


def buat_pk(agensi, *, status=PerjanjianKinerja.Status.DITANDATANGANI) -> PerjanjianKinerja:
    renstra = buat_renstra(agensi)
    _, p1, p2 = buat_dpa(renstra, agensi)
    pk = PerjanjianKinerja.objects.create(
        instansi=agensi.instansi, tahun=2026, jabatan=agensi.j_camat,
        pihak_pertama=agensi.camat, pihak_kedua_nama=BUPATI, pihak_kedua_jabatan="Bupati Uji",
        status=status, tempat="Alpha", tanggal=datetime.date(2026, 1, 2),
    )  # fmt: skip
    indikator = {i.kode: i for i in renstra.indikator.all()}
    s1 = SasaranPK.objects.create(
        pk_dokumen=pk, uraian="Meningkatnya kepuasan masyarakat", urutan=1
    )
    s2 = SasaranPK.objects.create(
        pk_dokumen=pk, uraian="Meningkatnya akuntabilitas kinerja", urutan=2
    )
    IndikatorPK.objects.create(sasaran=s1, nama="Indeks Kepuasan Masyarakat", satuan="%",
                               indikator_renstra=indikator["I1"], target=Decimal("90"),
                               urutan=1)  # fmt: skip
    IndikatorPK.objects.create(sasaran=s1, nama="Ketepatan waktu layanan", satuan="%",
                               indikator_renstra=indikator["I2"], target=80, target_atas=90,
                               urutan=2)  # fmt: skip
    IndikatorPK.objects.create(sasaran=s2, nama="Opini atas laporan keuangan", satuan="opini",
                               indikator_renstra=indikator["I3"], target_skala="WTP")  # fmt: skip
    AnggaranPK.objects.create(pk_dokumen=pk, item=p1, uraian=p1.nama, anggaran=p1.pagu, urutan=1)
    AnggaranPK.objects.create(pk_dokumen=pk, item=p2, uraian=p2.nama, anggaran=p2.pagu, urutan=2)
    return pk


def teks_pdf(pdf: bytes) -> str:
    return "\n".join(halaman.extract_text() for halaman in PdfReader(io.BytesIO(pdf)).pages)


def ukuran_halaman(pdf: bytes) -> list[tuple[float, float]]:
    return [
        (float(h.mediabox.width), float(h.mediabox.height))
        for h in PdfReader(io.BytesIO(pdf)).pages
    ]


def simpan_artefak(nama: str, isi: bytes) -> None:
    """With TEST_ARTIFACTS set, keep the document for a human to look at."""
    folder = os.environ.get("TEST_ARTIFACTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        (Path(folder) / nama).write_bytes(isi)


def satu_spasi(teks: str) -> str:
    return " ".join(teks.split())


# ---------------------------------------------------------------- PK


def test_pk_pdf_memuat_kedua_pihak_indikator_target_dan_jumlah(persona):
    pk = buat_pk(persona.a)
    pdf = dokumen.pk_pdf(pk)
    simpan_artefak("pk.pdf", pdf)
    teks = satu_spasi(teks_pdf(pdf))
    assert "PEMERINTAH KABUPATEN UJI" in teks and "KECAMATAN ALPHA" in teks
    assert teks.count("PERJANJIAN KINERJA TAHUN 2026") == 2
    assert "kami yang bertanda tangan di bawah ini" in teks
    assert "Camat Alpha" in teks and BUPATI in teks and "Bupati Uji" in teks
    assert "selanjutnya disebut pihak pertama" in teks
    assert "selaku atasan pihak pertama, selanjutnya disebut pihak kedua" in teks
    for indikator, target in [
        ("Indeks Kepuasan Masyarakat", "90 %"),
        ("Ketepatan waktu layanan", "80 – 90 %"),
        ("Opini atas laporan keuangan", "WTP"),
    ]:
        assert f"{indikator} {target}" in teks
    assert "Program Penunjang Urusan Pemerintahan Rp 1.000.000" in teks
    assert "Jumlah Rp 1.500.000" in teks
    assert "Alpha, 2 Januari 2026" in teks
    assert f"NIP. {persona.a.camat.nip_tampil}" in teks
    assert "DRAF" not in teks
    assert ukuran_halaman(pdf) == [pytest.approx((595.3, 841.9), abs=1)] * 2  # A4 portrait


def test_pk_draf_bertanda_draf_dan_revisi_menyebut_alasannya(persona):
    pk = buat_pk(persona.a, status=PerjanjianKinerja.Status.DRAF)
    pk.tanggal = None
    pk.nomor_revisi, pk.alasan_revisi = 1, PerjanjianKinerja.AlasanRevisi.ANGGARAN
    pk.keterangan_revisi = "APBD Perubahan"
    pk.save()
    pdf = dokumen.pk_pdf(pk)
    simpan_artefak("pk-draf-revisi.pdf", pdf)
    teks = satu_spasi(teks_pdf(pdf))
    assert "DRAF" in teks
    assert "Revisi ke-1: Perubahan anggaran — APBD Perubahan" in teks
    assert "Alpha, ………………… 2026" in teks  # undated draft: the date is written by hand


def test_pk_docx_memuat_angka_yang_sama_di_sel_tabel(persona):
    pk = buat_pk(persona.a)
    isi = dokumen.pk_docx(pk)
    simpan_artefak("pk.docx", isi)
    doc = Document(io.BytesIO(isi))
    baris = [[sel.text for sel in b.cells] for t in doc.tables for b in t.rows]
    assert ["1", "Meningkatnya kepuasan masyarakat", "Indeks Kepuasan Masyarakat", "90 %"] in baris
    # The sasaran cell spans its two indicators (Word repeats a merged cell's text).
    assert [
        "1",
        "Meningkatnya kepuasan masyarakat",
        "Ketepatan waktu layanan",
        "80 – 90 %",
    ] in baris
    assert [
        "2",
        "Meningkatnya akuntabilitas kinerja",
        "Opini atas laporan keuangan",
        "WTP",
    ] in baris
    assert ["1", "Program Penunjang Urusan Pemerintahan", "Rp 1.000.000"] in baris
    assert ["Jumlah", "Jumlah", "Rp 1.500.000"] in baris
    assert ["Nama", ":", persona.a.camat.nama_lengkap] in baris
    assert ["Jabatan", ":", "Bupati Uji"] in baris
    teks = "\n".join(p.text for p in doc.paragraphs)
    assert "PERJANJIAN KINERJA TAHUN 2026" in teks and "DRAF" not in teks
    assert "{{" not in teks and "{%" not in teks


def test_templat_unggahan_camat_menggantikan_bawaan_hanya_di_instansinya(persona):
    templat = Document()
    templat.add_paragraph("PERJANJIAN KINERJA GAYA ALPHA {{ pk.tahun }}")
    templat.add_paragraph("{{ pihak_pertama.nama }} — jumlah {{ pk.total_anggaran }}")
    berkas = io.BytesIO()
    templat.save(berkas)
    dokumen_services.unggah_templat(
        aktor=persona.a.camat,
        instansi=persona.a.instansi,
        jenis="pk",
        berkas=SimpleUploadedFile("pk-alpha.docx", berkas.getvalue()),
    )
    teks = [p.text for p in Document(io.BytesIO(dokumen.pk_docx(buat_pk(persona.a)))).paragraphs]
    assert teks == [
        "PERJANJIAN KINERJA GAYA ALPHA 2026",
        f"{persona.a.camat.nama_lengkap} — jumlah Rp 1.500.000",
    ]
    beta = Document(io.BytesIO(dokumen.pk_docx(buat_pk(persona.b))))
    assert "GAYA ALPHA" not in "\n".join(p.text for p in beta.paragraphs)


def test_konteks_pk_dibaca_dengan_jumlah_kueri_tetap(persona, django_assert_max_num_queries):
    pk = buat_pk(persona.a)
    with django_assert_max_num_queries(8):
        konteks = dokumen.pk_konteks(pk)
    assert konteks["pk"]["label_anggaran"] == "Program"
    assert [len(s["indikator"]) for s in konteks["sasaran"]] == [2, 1]


def test_anggaran_eselon_empat_berjudul_kegiatan_sub_kegiatan(persona):
    pk = buat_pk(persona.a)
    pk.anggaran.update(item=None)
    pk.jabatan = persona.a.j_kasubag
    pk.save()
    konteks = dokumen.pk_konteks(pk)
    assert konteks["pk"]["label_anggaran"] == "Kegiatan/Sub Kegiatan"
    assert konteks["pk"]["unit"] == "KASUBAG PERENCANAAN DAN EVAPOR KECAMATAN ALPHA"


def test_target_ditulis_dengan_satuan_rentang_dan_skala():
    assert dokumen.target_dengan_satuan(IndikatorPK(target=Decimal("90")), "%") == "90 %"
    rentang = IndikatorPK(target=Decimal("80"), target_atas=Decimal("90"))
    assert dokumen.target_dengan_satuan(rentang, "%") == "80 – 90 %"
    assert dokumen.target_dengan_satuan(IndikatorPK(target=Decimal("2.5")), "") == "2,50"
    assert dokumen.target_dengan_satuan(IndikatorPK(target_skala="WTP"), "opini") == "WTP"
    assert dokumen.target_dengan_satuan(IndikatorPK(), "%") == "—"


# ---------------------------------------------------------------- matrices


def test_matriks_renstra_lanskap_memuat_indikator_dan_target_tiap_tahun(persona):
    pdf = dokumen.matriks_pdf("renstra", buat_renstra(persona.a))
    simpan_artefak("matriks-renstra.pdf", pdf)
    teks = satu_spasi(teks_pdf(pdf))
    assert "MATRIKS RENCANA STRATEGIS (RENSTRA)" in teks and "TAHUN 2025–2029" in teks
    assert "T1 Meningkatkan kualitas pelayanan" in teks
    assert "S2 Meningkatnya akuntabilitas kinerja" in teks
    assert "I1 Indeks Kepuasan Masyarakat % 82 88 89 90 91 92 92" in teks
    assert "80 – 90" in teks and "85 – 95" in teks
    assert "WDP WTP WTP WTP WTP WTP WTP" in teks
    assert "Halaman 1 dari 1" in teks
    lebar, tinggi = ukuran_halaman(pdf)[0]
    assert lebar > tinggi


def test_matriks_dpa_memuat_pohon_program_pagu_dan_jumlah(persona):
    dpa, _, _ = buat_dpa(buat_renstra(persona.a), persona.a)
    pdf = dokumen.matriks_pdf("renja", dpa)
    simpan_artefak("matriks-dpa.pdf", pdf)
    teks = satu_spasi(teks_pdf(pdf))
    assert "DOKUMEN PELAKSANAAN ANGGARAN (DPA)" in teks and "TAHUN ANGGARAN 2026" in teks
    assert "Tanggal pengesahan: 30 Desember 2025" in teks
    posisi = [
        teks.index(nama)
        for nama in (
            "Program Penunjang Urusan Pemerintahan",
            "Perencanaan, Penganggaran, dan Evaluasi Kinerja",
            "Penyusunan Dokumen Perencanaan Perangkat Daerah",
            "Program Penyelenggaraan Pemerintahan",
        )
    ]
    assert posisi == sorted(posisi)
    assert "Jumlah dokumen perencanaan 4 dokumen" in teks
    assert "Jumlah Rp 1.500.000" in teks
    lebar, tinggi = ukuran_halaman(pdf)[0]
    assert lebar > tinggi


def test_matriks_iku_memuat_definisi_formulasi_dan_penanggung_jawab(persona):
    pdf = dokumen.matriks_pdf("iku", buat_renstra(persona.a))
    simpan_artefak("matriks-iku.pdf", pdf)
    teks = satu_spasi(teks_pdf(pdf))
    assert "INDIKATOR KINERJA UTAMA (IKU)" in teks
    for isi in (
        "Indeks Kepuasan Masyarakat",
        "Mengukur mutu layanan langsung",
        "Σ NRR tertimbang × 25",
        "Survei IKM semesteran",
        "Sekretaris Camat Alpha",
    ):
        assert isi in teks
    lebar, tinggi = ukuran_halaman(pdf)[0]
    assert lebar > tinggi


def test_kepala_tabel_matriks_berulang_di_setiap_halaman(persona):
    renstra = buat_renstra(persona.a)
    sasaran = renstra.sasaran.first()
    for n in range(40):
        Indikator.objects.create(
            renstra=renstra, sasaran=sasaran, kode=f"X{n:02d}", nama=f"Indikator tambahan {n}",
            satuan="%", target_akhir=Decimal(n), urutan=10 + n,
        )  # fmt: skip
    pdf = dokumen.matriks_pdf("renstra", renstra)
    simpan_artefak("matriks-renstra-panjang.pdf", pdf)
    halaman = [satu_spasi(h.extract_text()) for h in PdfReader(io.BytesIO(pdf)).pages]
    assert len(halaman) >= 2
    for nomor, isi in enumerate(halaman, start=1):
        assert "Kondisi Awal" in isi and "Target Akhir Periode" in isi
        assert f"Halaman {nomor} dari {len(halaman)}" in isi


def test_matriks_tidak_dikenal_ditolak(persona):
    with pytest.raises(ValueError, match="Matriks tidak dikenal"):
        dokumen.matriks_pdf("lkjip", buat_renstra(persona.a))
