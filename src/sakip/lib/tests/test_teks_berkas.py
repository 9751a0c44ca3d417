"""Typed text never reaches a header; uploads are accepted by structure, not first bytes.

Tests named after the input that broke the old checks (issue 14).
"""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError

from sakip.lib.berkas import BerkasTidakSah, periksa_isi
from sakip.lib.teks import (
    bersihkan_baris,
    content_disposition,
    nama_berkas_aman,
    satu_baris,
    tolak_kontrol,
)
from sakip.testing import pdf_uji


def _zip(**isi: bytes) -> bytes:
    keluaran = io.BytesIO()
    with zipfile.ZipFile(keluaran, "w") as z:
        for nama, data in isi.items():
            z.writestr(nama.replace("__", "/").replace("CT", "[Content_Types].xml"), data)
    return keluaran.getvalue()


def _png() -> bytes:
    from PIL import Image

    keluaran = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(keluaran, format="PNG")
    return keluaran.getvalue()


# ---------------------------------------------------------------- text


@pytest.mark.parametrize("teks", ["Uji\rBcc: x@evil", "Uji\nBaris", "a\u2028b", "nul\x00"])
def test_satu_baris_menolak_ganti_baris_dan_kendali(teks):
    with pytest.raises(ValidationError):
        satu_baris(teks)


def test_satu_baris_menerima_teks_biasa():
    assert satu_baris("Laporan Bulanan — Oktober 2026") == "Laporan Bulanan — Oktober 2026"


def test_tolak_kontrol_nul_ditolak_tab_dan_baris_boleh():
    assert tolak_kontrol("baris 1\n\tbaris 2\r\n") == "baris 1\n\tbaris 2\r\n"
    with pytest.raises(ValidationError) as exc:
        tolak_kontrol("nul \x00 di tengah")
    assert "karakter kendali" in exc.value.messages[0]


def test_bersihkan_baris_subjek_bcc():
    assert bersihkan_baris("Uji\rBcc: x@evil\x00") == "Uji Bcc: x@evil"


@pytest.mark.parametrize(
    "nama, harap",
    [
        ('lap"oran\r\nX-Evil: 1.pdf', 'attachment; filename="lap oran X-Evil 1.pdf"'),
        ("../../etc/passwd", 'attachment; filename="passwd"'),
        ("C:\\Users\\a\\surat.pdf", 'attachment; filename="surat.pdf"'),
        ("", 'attachment; filename="berkas"'),
    ],
)
def test_content_disposition_nama_berbahaya(nama, harap):
    assert content_disposition(nama) == harap


def test_content_disposition_non_ascii_dengan_cadangan_ascii():
    h = content_disposition("Laporan Ákun — 2026.pdf", unduh=False)
    assert h.startswith("inline; filename=\"Laporan Akun - 2026.pdf\"; filename*=UTF-8''")
    assert "%C3%81kun" in h and "\r" not in h and "\n" not in h
    assert nama_berkas_aman("a/b\\c") == "c"


# ---------------------------------------------------------------- files


def test_pdf_sah_diterima():
    periksa_isi(pdf_uji("bukti"), "pdf")


def test_pdf_followed_by_html_ditolak():
    # "%PDF- followed by HTML"
    with pytest.raises(BerkasTidakSah, match="HTML"):
        periksa_isi(b"%PDF-1.7\n<html><script>alert(1)</script></html>", "pdf")


def test_pdf_kepala_saja_ditolak():
    with pytest.raises(BerkasTidakSah):
        periksa_isi(b"%PDF-1.4 bukan pdf sungguhan", "pdf")


def test_any_zip_as_docx_ditolak():
    # "any zip as docx"
    with pytest.raises(BerkasTidakSah, match="DOCX"):
        periksa_isi(_zip(**{"catatan.txt": b"halo"}), "docx")
    # An xlsx named .docx is not a docx either.
    with pytest.raises(BerkasTidakSah):
        periksa_isi(_zip(CT=b"<Types/>", xl__workbook_xml=b"<w/>"), "docx")


def test_docx_dan_xlsx_sah_diterima():
    periksa_isi(_zip(CT=b"<Types/>", **{"word__document.xml": b"<d/>"}), "docx")
    periksa_isi(_zip(CT=b"<Types/>", **{"xl__workbook.xml": b"<w/>"}), "xlsx")


def test_svg_renamed_png_ditolak():
    # "svg renamed png"
    svg = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'
    with pytest.raises(BerkasTidakSah, match="SVG"):
        periksa_isi(svg, "png")


def test_png_dengan_kepala_saja_ditolak_png_sah_diterima():
    periksa_isi(_png(), "png")
    with pytest.raises(BerkasTidakSah):
        periksa_isi(b"\x89PNG\r\n\x1a\n" + b"<html>" * 10, "png")
    with pytest.raises(BerkasTidakSah):
        periksa_isi(_png(), "jpg")  # a PNG named .jpg
