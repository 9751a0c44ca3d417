"""Import limits (issue 14): an upload is refused before openpyxl parses it when it has too
many bytes, unpacks too far or too compressed (a zip bomb), holds too many rows, or is no
zip at all; each refusal is one galat in Indonesian, at row 0 (the whole file).
"""

from __future__ import annotations

import re
import time
import zipfile
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sakip.dokumen.excel import BerkasDitolak, BukanExcel, Kolom, Lembar, baca_berkas, buka_buku
from sakip.dokumen.excel import batas as b

from .berkas_jahat import bom_zip, bukan_zip, xlsx_banyak_baris, xlsx_kecil

LEMBAR = Lembar("Data", [], [Kolom("Kode"), Kolom("Uraian")])


def galat_dari(berkas) -> list[tuple[int, str]]:
    galat: list = []
    assert baca_berkas(berkas, [LEMBAR], galat) == {}
    return [(g.baris, g.pesan) for g in galat]


def test_bom_zip_60_mb_ditolak_sebelum_diurai():
    data = bom_zip(60)
    assert len(data) < 200_000  # a small upload

    mulai = time.monotonic()
    [(baris, pesan)] = galat_dari(data)

    assert time.monotonic() - mulai < 2  # nothing was unpacked
    assert baris == 0
    assert pesan.startswith(
        "Isi berkas terlalu besar setelah diurai: 60,0 MB, paling banyak 50 MB."
    )


def test_bom_zip_kecil_ditolak_karena_rasio_pemampatan():
    """8 MB unpacked is under the size limit, but 8 MB of spaces packed 1000 times is no sheet."""
    with pytest.raises(BerkasDitolak) as info:
        buka_buku(bom_zip(8))

    assert "dimampatkan secara tidak wajar" in info.value.pesan
    assert "paling banyak 200 kali" in info.value.pesan


def test_lembar_20001_baris_ditolak():
    data = xlsx_banyak_baris(b.MAKS_BARIS + 1)

    [(baris, pesan)] = galat_dari(data)

    assert baris == 0
    assert pesan == (
        "Lembar “Data” berisi lebih dari 20.000 baris. Bagi datanya menjadi beberapa berkas; "
        "tidak ada data yang disimpan."
    )


def test_lembar_tepat_20000_baris_diterima():
    buku = buka_buku(xlsx_banyak_baris(b.MAKS_BARIS), hanya_baca=True)
    buku.close()


def test_dimensi_lembar_yang_berbohong_tidak_menolong(settings):
    """The row count is streamed, not taken from the sheet's <dimension> (which may lie)."""
    settings.SAKIP_IMPOR_MAKS_BARIS = 10
    asal = zipfile.ZipFile(BytesIO(xlsx_banyak_baris(50)))
    keluaran = BytesIO()
    with zipfile.ZipFile(keluaran, "w", zipfile.ZIP_DEFLATED) as z:
        for info in asal.infolist():
            isi = asal.read(info.filename)
            if info.filename.startswith("xl/worksheets/sheet"):
                isi = re.sub(rb"<dimension [^>]*/>", b"", isi)  # then claim one row
                isi = isi.replace(b"<sheetData>", b'<dimension ref="A1:B1"/><sheetData>', 1)
                assert isi.count(b"<row ") == 50
            z.writestr(info.filename, isi)

    [(_baris, pesan)] = galat_dari(keluaran.getvalue())

    assert "lebih dari 10 baris" in pesan


def test_berkas_lebih_dari_5_mb_ditolak_tanpa_dibaca():
    berkas = SimpleUploadedFile("besar.xlsx", b"PK" + b"\0" * (5 * 1024 * 1024))

    assert galat_dari(berkas) == [
        (
            0,
            "Berkas lebih dari 5 MB. Kurangi isinya atau bagi menjadi beberapa berkas; "
            "tidak ada data yang disimpan.",
        )
    ]


def test_batas_byte_dari_pengaturan(settings):
    settings.SAKIP_IMPOR_MAKS_BYTE = 1024
    data = xlsx_kecil()
    assert len(data) > 1024

    with pytest.raises(BerkasDitolak, match="^Berkas lebih dari 1 KB. "):
        buka_buku(data)


def test_pdf_dinamai_xlsx_bukan_excel():
    berkas = SimpleUploadedFile("matriks.xlsx", bukan_zip())

    assert galat_dari(berkas) == [(0, "Berkas bukan Excel (.xlsx)")]
    with pytest.raises(BukanExcel):
        buka_buku(bukan_zip())


def test_berkas_wajar_lolos_semua_batas():
    buku = buka_buku(xlsx_kecil())
    assert buku.sheetnames == ["Data"]
