"""The Excel kit on its own: a sheet described once is written, found again and read back;
each bad cell becomes one galat with its row and column; phase 2 writes all or nothing.
"""

from __future__ import annotations

from decimal import Decimal as D
from io import BytesIO

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from openpyxl import load_workbook

from sakip.dokumen.excel import (
    Baris,
    BentukTarget,
    GalatBaris,
    Kolom,
    Lembar,
    Nilai,
    Penulis,
    baca_berkas,
    buku_excel,
    tulis_semua,
)

KOLOM = [
    Kolom("Kode", 10, "kode", "Kode unik."),
    Kolom("Nama", 30, keterangan="Nama."),
    Kolom("Jumlah (Rp)", 15, "uang", "Rupiah."),
]


def lembar(baris=()) -> Lembar:
    return Lembar("Data", [["JUDUL"], ["Instansi"]], KOLOM, [list(b) for b in baris])


def test_lembar_ditulis_lalu_dibaca_kembali():
    data = buku_excel([lembar([("1.10", "Satu", 1_250_000), ("2", "Dua", 12.5)])])
    galat: list[GalatBaris] = []

    tabel = baca_berkas(BytesIO(data), [lembar()], galat)["Data"]

    assert galat == []
    assert [n for n, _v in tabel.atas] == [1, 2, 3]  # the title block and the blank row
    assert tabel.kolom == ["Kode", "Nama", "Jumlah (Rp)"]
    assert [(b.nomor, b.teks("Kode"), b.uang("Jumlah (Rp)")) for b in tabel.baris] == [
        (5, "1.10", D(1_250_000)),  # a code column stays text
        (6, "2", D("12.5")),
    ]
    ws = load_workbook(BytesIO(data))["Data"]
    assert ws.freeze_panes == "A5" and ws["C5"].number_format == "#,##0"


def test_templat_berisi_lembar_petunjuk():
    data = buku_excel([lembar()], petunjuk=[("Aturan", "Semua atau tidak sama sekali.")])
    buku = load_workbook(BytesIO(data))

    assert buku.sheetnames == ["Data", "Petunjuk"]
    isi = [v for row in buku["Petunjuk"].values for v in row if v]
    assert "Kode unik." in isi and "Semua atau tidak sama sekali." in isi


def test_sel_gabungan_dibaca_di_setiap_baris():
    buku = load_workbook(BytesIO(buku_excel([lembar([("A", "Sama", 1), ("B", None, 2)])])))
    buku["Data"].merge_cells("B5:B6")
    keluaran = BytesIO()
    buku.save(keluaran)

    tabel = baca_berkas(keluaran, [lembar()], [])["Data"]

    assert [b.teks("Nama") for b in tabel.baris] == ["Sama", "Sama"]


@pytest.mark.parametrize("isi", [b"bukan excel", b"PK\x03\x04rusak", b""])
def test_berkas_bukan_xlsx(isi):
    galat: list[GalatBaris] = []

    assert baca_berkas(isi, [lembar()], galat) == {}
    assert galat == [GalatBaris(0, "", "Berkas bukan Excel (.xlsx)")]


def test_judul_kolom_salah_dan_lembar_hilang():
    data = buku_excel([Lembar("Data", [["JUDUL"]], [Kolom("Kode"), Kolom("Uraian")])])
    galat: list[GalatBaris] = []

    hasil = baca_berkas(data, [lembar(), Lembar("Lain", [], KOLOM)], galat)

    assert hasil == {}
    assert [(g.baris, g.kolom) for g in galat] == [(3, ""), (0, "")]
    assert "Kode | Nama | Jumlah (Rp)" in galat[0].pesan
    assert galat[1].pesan == "Lembar “Lain” tidak ada."


def test_pembaca_sel_mencatat_satu_galat_per_sel():
    galat: list[GalatBaris] = []
    b = Baris(7, {"A": "  ", "B": "x", "C": -5, "D": 1999, "E": "80 - 90", "F": 2.0}, galat)

    assert b.teks("A", wajib=True) == ""
    assert b.angka("B") is None
    assert b.uang("C") is None
    assert b.tahun("D") is None
    assert b.target("E", BentukTarget(rentang=False)) is None
    assert b.target("E", BentukTarget(rentang=True)) == Nilai(target=D(80), atas=D(90))
    assert b.teks("F") == "2"  # a code typed as a number

    assert [(g.baris, g.kolom) for g in galat] == [(7, k) for k in "ABCDE"]


def test_pilihan_dan_skala():
    class Skala:
        nama = "Opini BPK"
        nilai = ["WTP", "WDP"]

    galat: list[GalatBaris] = []
    b = Baris(3, {"P": "naik", "Q": "Turun", "S": "wtp", "T": "Baik"}, galat)
    peta = {"naik": "naik"}

    assert b.pilihan("P", peta, "Naik") == "naik"
    assert b.pilihan("Q", peta, "Naik") == ""
    assert b.target("S", BentukTarget(skala=Skala())) == Nilai(skala="WTP")
    assert b.target("T", BentukTarget(skala=Skala())) is None
    assert [g.kolom for g in galat] == ["Q", "T"]
    assert galat[1].pesan == "“Baik” bukan nilai skala Opini BPK (pilihan: WTP, WDP)."


@pytest.mark.django_db
def test_satu_baris_gagal_membatalkan_semua():
    def tulis(penulis: Penulis) -> None:
        if penulis.jalankan(lambda: Group.objects.create(name="Pertama"), baris=5, kolom="Nama"):
            penulis.hitung("dibuat")

        def tolak():
            raise ValidationError({"name": ["Nama sudah dipakai."]})

        assert penulis.jalankan(tolak, baris=6, kolom="Kode", peta_kolom={"name": "Nama"}) is None

    hasil = tulis_semua(Penulis(None), tulis)

    assert not hasil.berhasil and (hasil.dibuat, hasil.diubah) == (0, 0)
    assert hasil.galat == [GalatBaris(6, "Nama", "Nama sudah dipakai.")]
    assert not Group.objects.exists()


@pytest.mark.django_db
def test_bentrok_dan_hitungan():
    def tulis(penulis: Penulis) -> None:
        for perubahan in ("dibuat", "diubah", "tetap"):
            assert penulis.jalankan(lambda p=perubahan: p, baris=5, kolom="Kode") is not None
            penulis.hitung(perubahan)

    assert tulis_semua(Penulis(None), tulis).__dict__ == {"dibuat": 1, "diubah": 1, "galat": []}

    def bentrok():
        raise IntegrityError

    penulis = Penulis(None)
    assert penulis.jalankan(bentrok, baris=9, kolom="Kode") is None
    assert [(g.baris, g.kolom) for g in penulis.galat] == [(9, "Kode")]
    assert "ulangi impor" in penulis.galat[0].pesan
