"""Excel matrices, told as the personas' stories: what holds for every matrix.

Staf Alpha exports a matrix, Staf Beta imports it into an empty document of the same kind
and exports it again: the cells and the stored rows are the same. A second import updates,
never duplicates; a template imports as nothing; outsiders cannot import.
"""

from __future__ import annotations

from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from sakip.audit.models import CatatanAudit
from sakip.perencanaan import excel

from . import bangun
from .excel_bantu import DATA, isi_db, isi_lembar, siapkan, ubah

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("jenis", excel.JENIS)
def test_staf_beta_mengimpor_ekspor_alpha_dan_hasilnya_sama(persona, jenis):
    asal = siapkan(jenis, persona)
    kosong = siapkan(jenis, persona, isi=False)
    data = excel.ekspor(jenis, asal)
    berkas = SimpleUploadedFile(excel.NAMA_BERKAS(jenis, asal), data)

    hasil = excel.impor(jenis, aktor=persona.b.staf, objek=kosong, berkas=berkas)

    assert hasil.galat == []
    assert hasil.berhasil and hasil.dibuat > 0 and hasil.diubah == 0
    assert isi_lembar(excel.ekspor(jenis, kosong)) == isi_lembar(data)
    assert isi_db(jenis, kosong) == isi_db(jenis, asal)


@pytest.mark.parametrize("jenis", excel.JENIS)
def test_impor_ulang_lembar_yang_sama_tidak_mengubah_apa_pun(persona, jenis):
    objek = siapkan(jenis, persona)
    sebelum = isi_db(jenis, objek)
    jumlah_audit = CatatanAudit.objects.count()

    hasil = excel.impor(
        jenis, aktor=persona.a.staf, objek=objek, berkas=BytesIO(excel.ekspor(jenis, objek))
    )

    assert (hasil.dibuat, hasil.diubah, hasil.galat) == (0, 0, [])
    assert isi_db(jenis, objek) == sebelum
    assert CatatanAudit.objects.count() == jumlah_audit  # nothing written, nothing audited


@pytest.mark.parametrize(
    ("jenis", "blok"),
    [
        # T2's code and text merged over its four rows, S2's over its three indicators.
        (
            "renstra",
            [f"A{DATA + 2}:A{DATA + 5}", f"B{DATA + 2}:B{DATA + 5}", f"D{DATA + 2}:D{DATA + 4}"],
        ),
        # The program's name and pagu merged over its two indicator rows.
        ("dpa", [f"B{DATA}:B{DATA + 1}", f"F{DATA}:F{DATA + 1}"]),
    ],
)
def test_sel_yang_digabung_dibaca_untuk_setiap_baris(persona, jenis, blok):
    asal = siapkan(jenis, persona)
    kosong = siapkan(jenis, persona, isi=False)
    buku = load_workbook(BytesIO(excel.ekspor(jenis, asal)))
    for rentang in blok:
        buku.active.merge_cells(rentang)
    keluaran = BytesIO()
    buku.save(keluaran)

    hasil = excel.impor(jenis, aktor=persona.b.staf, objek=kosong, berkas=keluaran)

    assert hasil.galat == []
    assert isi_db(jenis, kosong) == isi_db(jenis, asal)


def test_nama_berkas(persona):
    renstra = siapkan("renstra", persona)
    pk = bangun.pk(persona.a, renstra, isi=False)
    dpa = bangun.dokumen(persona.a, renstra, "dpa", isi=False)

    assert excel.NAMA_BERKAS("renstra", renstra) == "Renstra_Kecamatan_Alpha_2021-2026.xlsx"
    assert excel.NAMA_BERKAS("iku", renstra) == "IKU_Kecamatan_Alpha_2021-2026.xlsx"
    assert excel.NAMA_BERKAS("dpa", dpa) == "DPA_Kecamatan_Alpha_2025.xlsx"
    assert excel.NAMA_BERKAS("pk", pk) == "PK_Kecamatan_Alpha_2025_Camat.xlsx"
    assert excel.NAMA_BERKAS("rencana_aksi", pk) == "Rencana_Aksi_Kecamatan_Alpha_2025_Camat.xlsx"
    with pytest.raises(ValueError):
        excel.NAMA_BERKAS("rka", dpa)


@pytest.mark.parametrize("jenis", excel.JENIS)
def test_templat_berisi_judul_kolom_dan_petunjuk_lalu_diimpor_tanpa_perubahan(persona, jenis):
    objek = siapkan(jenis, persona)
    data = excel.templat(jenis, objek)
    buku = load_workbook(BytesIO(data))

    assert buku.sheetnames[-1] == "Petunjuk"
    petunjuk = " ".join(str(v) for row in buku["Petunjuk"].values for v in row if v)
    assert "Semua atau tidak sama sekali" in petunjuk
    for nama, baris in isi_lembar(data).items():
        assert baris[0] == tuple(isi_lembar(excel.ekspor(jenis, objek))[nama][0])
        assert len(baris) == 1  # header only

    sebelum = isi_db(jenis, objek)
    hasil = excel.impor(jenis, aktor=persona.a.staf, objek=objek, berkas=BytesIO(data))
    assert (hasil.dibuat, hasil.diubah, hasil.galat) == (0, 0, [])
    assert isi_db(jenis, objek) == sebelum


@pytest.mark.parametrize("isi", [b"bukan excel", b"PK\x03\x04rusak", b""])
def test_berkas_bukan_xlsx(persona, isi):
    renstra = siapkan("renstra", persona)
    berkas = SimpleUploadedFile("renstra.xls", isi)

    hasil = excel.impor("renstra", aktor=persona.a.staf, objek=renstra, berkas=berkas)

    assert [(g.baris, g.pesan) for g in hasil.galat] == [(0, "Berkas bukan Excel (.xlsx)")]


@pytest.mark.parametrize(
    ("jenis", "lembar", "perubahan"),
    [
        ("renstra", None, {(DATA + 1, "Target 2023"): "3,75"}),
        ("dpa", None, {(DATA + 3, "Target"): 4}),
        ("iku", None, {(DATA + 1, "Sumber Data"): "Aplikasi SAKIP"}),
        ("pk", "Anggaran", {(DATA + 1, "Anggaran (Rp)"): "80.000.000"}),
        ("rencana_aksi", None, {(DATA, "Rencana Aksi TW II"): "Survei ulang"}),
    ],
)
def test_impor_ulang_memperbarui_tanpa_menggandakan(persona, jenis, lembar, perubahan):
    objek = siapkan(jenis, persona)
    sebelum = isi_db(jenis, objek)

    data = ubah(excel.ekspor(jenis, objek), perubahan, lembar)
    hasil = excel.impor(jenis, aktor=persona.a.staf, objek=objek, berkas=BytesIO(data))

    assert (hasil.dibuat, hasil.diubah, hasil.galat) == (0, 1, [])
    sesudah = isi_db(jenis, objek)
    assert sesudah != sebelum
    assert {k: len(v) for k, v in sesudah.items()} == {k: len(v) for k, v in sebelum.items()}


@pytest.mark.parametrize("siapa", ["evaluator", "evaluator_lain", "staf_beta", "admin_lain"])
def test_evaluator_dan_instansi_lain_tidak_boleh_mengimpor(persona, siapa):
    aktor = {
        "evaluator": persona.evaluator,
        "evaluator_lain": persona.evaluator_lain,
        "staf_beta": persona.b.staf,
        "admin_lain": persona.admin_lain,
    }[siapa]
    renstra = siapkan("renstra", persona)
    data = excel.ekspor("renstra", renstra)

    with pytest.raises(PermissionDenied):
        excel.impor("renstra", aktor=aktor, objek=renstra, berkas=BytesIO(data))
