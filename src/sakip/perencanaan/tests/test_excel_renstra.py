"""The Renstra matrix: a bad sheet is refused whole with one galat per bad row, year
columns stay inside the period, the model's own validation rolls the import back.
"""

from __future__ import annotations

from decimal import Decimal as D
from io import BytesIO

import pytest
from openpyxl import load_workbook

from sakip.audit.models import CatatanAudit
from sakip.perencanaan import excel
from sakip.perencanaan.models import Indikator, TargetTahunan, Tujuan

from .excel_bantu import DATA, JUDUL_KOLOM, isi_renstra, siapkan, tempat, ubah

pytestmark = pytest.mark.django_db


def test_petunjuk_renstra_menyebut_polaritas_skala_dan_jabatan(persona):
    renstra = siapkan("renstra", persona)
    buku = load_workbook(BytesIO(excel.templat("renstra", renstra)))
    petunjuk = " ".join(str(v) for row in buku["Petunjuk"].values for v in row if v)

    assert "Rentang target" in petunjuk and "Akhir periode" in petunjuk
    assert "Opini BPK: WTP, WDP, TW, TMP" in petunjuk
    assert "Sekretaris Camat" in petunjuk
    assert buku["Renstra"].cell(JUDUL_KOLOM, 12).value == "Target 2021"


def test_lembar_renstra_salah_ditolak_utuh_dengan_satu_galat_per_baris(persona):
    kosong = siapkan("renstra", persona, isi=False)
    data = ubah(
        excel.ekspor("renstra", siapkan("renstra", persona)),
        {
            (DATA, "Polaritas"): "Naik-turun",
            (DATA + 1, "Target 2023"): "empat",
            (DATA + 2, "Target 2024"): "BAIK",
            (DATA + 3, "Penanggung Jawab"): "Lurah",
            (DATA + 4, "Kode Indikator"): "IT1",
            (DATA + 6, "Tujuan"): None,
        },
    )

    hasil = excel.impor("renstra", aktor=persona.b.staf, objek=kosong, berkas=BytesIO(data))

    assert not hasil.berhasil and (hasil.dibuat, hasil.diubah) == (0, 0)
    assert tempat(hasil) == [
        (DATA, "Polaritas"),
        (DATA + 1, "Target 2023"),
        (DATA + 2, "Target 2024"),
        (DATA + 3, "Penanggung Jawab"),
        (DATA + 4, "Kode Indikator"),
        (DATA + 6, "Tujuan"),
    ]
    pesan = [g.pesan for g in hasil.galat]
    assert "Polaritas “Naik-turun” tidak dikenal" in pesan[0]
    assert pesan[1] == "“empat” bukan angka."
    assert pesan[2] == "“BAIK” bukan nilai skala Opini BPK (pilihan: WTP, WDP, TW, TMP)."
    assert pesan[3] == "Jabatan “Lurah” tidak ada di Kecamatan Beta."
    assert pesan[4] == f"Kode indikator IT1 sudah dipakai di baris {DATA}."
    assert pesan[5] == "Tujuan wajib diisi."
    assert isi_renstra(kosong) == {"tujuan": [], "sasaran": [], "indikator": [], "target": []}


def test_kolom_tahun_di_luar_periode_renstra_ditolak(persona):
    renstra = siapkan("renstra", persona)
    sebelum = isi_renstra(renstra)
    buku = load_workbook(BytesIO(excel.ekspor("renstra", renstra)))
    buku.active.cell(JUDUL_KOLOM, 17, "Target 2027")  # was Target 2026
    keluaran = BytesIO()
    buku.save(keluaran)

    hasil = excel.impor("renstra", aktor=persona.a.staf, objek=renstra, berkas=keluaran)

    assert tempat(hasil) == [(JUDUL_KOLOM, "Target 2027")]
    assert hasil.galat[0].pesan == "Kolom Target 2027 di luar periode Renstra 2021–2026."
    assert isi_renstra(renstra) == sebelum


def test_galat_validasi_model_dikembalikan_per_baris_dan_semua_dibatalkan(persona):
    """The model (not the reader) refuses a range whose upper bound is below the lower."""
    kosong = siapkan("renstra", persona, isi=False)
    data = ubah(
        excel.ekspor("renstra", siapkan("renstra", persona)),
        {(DATA + 3, "Target 2023"): "95 - 85"},
    )

    hasil = excel.impor("renstra", aktor=persona.b.staf, objek=kosong, berkas=BytesIO(data))

    assert tempat(hasil) == [(DATA + 3, "Target 2023")]
    assert "Batas atas rentang" in hasil.galat[0].pesan
    assert not Tujuan.objects.filter(renstra=kosong).exists()  # earlier rows rolled back
    assert not Indikator.objects.filter(renstra=kosong).exists()


def test_target_renstra_berubah_setelah_impor_ulang(persona):
    renstra = siapkan("renstra", persona)
    data = ubah(excel.ekspor("renstra", renstra), {(DATA + 1, "Target 2023"): "3,75"})

    excel.impor("renstra", aktor=persona.a.staf, objek=renstra, berkas=BytesIO(data))

    assert TargetTahunan.objects.get(indikator__kode="IS1", tahun=2023).target == D("3.75")
    assert TargetTahunan.objects.filter(indikator__renstra=renstra).count() == 30
    catatan = CatatanAudit.objects.filter(keterangan="Impor Excel").get()
    assert catatan.aktor == persona.a.staf
