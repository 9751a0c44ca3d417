"""Hostile uploads, built in the test: a zip bomb, too many rows, too many bytes, not a zip.

Shared by the kit's own tests and the import pages' tests of each app.
"""

from __future__ import annotations

import zipfile
from io import BytesIO

from openpyxl import Workbook

from sakip.dokumen.excel import Kolom, Lembar, buku_excel

KEPALA = b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
EKOR = b"</sheetData></worksheet>"


def xlsx_kecil() -> bytes:
    return buku_excel([Lembar("Data", [["JUDUL"]], [Kolom("Kode"), Kolom("Uraian")])])


def bom_zip(mb_terurai: int = 60) -> bytes:
    """A real .xlsx whose first sheet XML is `mb_terurai` MB of repeated spaces: it packs
    to a few tens of KB and would unpack (and be parsed) to the full size."""
    asal = zipfile.ZipFile(BytesIO(xlsx_kecil()))
    keluaran = BytesIO()
    with zipfile.ZipFile(keluaran, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as bom:
        for info in asal.infolist():
            isi = asal.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                isi = KEPALA + b" " * (mb_terurai * 1024 * 1024) + EKOR
            bom.writestr(info.filename, isi)
    return keluaran.getvalue()


def xlsx_banyak_baris(jumlah: int, *, kolom_pertama: str = "Kode") -> bytes:
    """A workbook of `jumlah` rows (header included), streamed so the test stays fast."""
    buku = Workbook(write_only=True)
    ws = buku.create_sheet("Data")
    ws.append([kolom_pertama, "Uraian"])
    for n in range(1, jumlah):
        ws.append([n, "x"])
    keluaran = BytesIO()
    buku.save(keluaran)
    return keluaran.getvalue()


def bukan_zip() -> bytes:
    """A PDF (or anything) renamed to .xlsx."""
    return b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
