"""Writing a workbook in the house style: a title block, a framed header row, the rows.

A sheet is described once (`Lembar`: title block, `Kolom`s, rows); the same description
writes the filled export and the blank template, and `baca.baca_berkas` checks an upload
against it. A template adds a "Petunjuk" sheet explaining every column and the rules.
Every value goes through `aman.isi_sel` (text never becomes a formula).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from .aman import buku_baru, isi_sel, simpan_buku
from .nilai import jumlah_desimal


@dataclass(frozen=True)
class Kolom:
    """One column: header text, width, how its cells are formatted, its Petunjuk line."""

    judul: str
    lebar: float = 14
    jenis: str = "teks"  # teks | kode | angka | uang | tahun | no
    keterangan: str = ""


@dataclass
class Lembar:
    """One sheet: a title block, one blank row, the header row, then the data rows."""

    nama: str
    judul: list[list[Any]]
    kolom: list[Kolom]
    baris: list[list[Any]] = field(default_factory=list)
    penutup: list[list[Any]] = field(default_factory=list)  # e.g. a total row; not imported

    @property
    def nomor_baris_judul_kolom(self) -> int:
        return len(self.judul) + 2


TIPIS = Side(style="thin", color="808080")
BINGKAI = Border(left=TIPIS, right=TIPIS, top=TIPIS, bottom=TIPIS)
LATAR_JUDUL = PatternFill("solid", fgColor="DDEBF7")


def format_angka(nilai: int | float) -> str:
    """#,##0 for whole numbers, else as many decimals as needed (at least two).

    Excel shows these with the reader's separators: 1.250.000 and 97,50 in Indonesian.
    """
    if isinstance(nilai, int):
        return "#,##0"
    return "#,##0." + "0" * max(2, jumlah_desimal(Decimal(repr(nilai))))


def buku_excel(daftar: list[Lembar], petunjuk: list[tuple[str, str]] | None = None) -> bytes:
    """The .xlsx file of `daftar`; with `petunjuk` (the rules) a "Petunjuk" sheet is added."""
    buku = buku_baru()
    for lembar in daftar:
        tulis_lembar(buku.create_sheet(lembar.nama), lembar)
    if petunjuk is not None:
        tulis_petunjuk(buku.create_sheet("Petunjuk"), daftar, petunjuk)
    return simpan_buku(buku)


def tulis_lembar(ws, lembar: Lembar) -> None:
    for r, isi in enumerate(lembar.judul, 1):
        for c, nilai in enumerate(isi, 1):
            sel = isi_sel(ws.cell(r, c), nilai)
            sel.font = Font(bold=True, size=13 if r == 1 else 11)
            if isinstance(nilai, datetime.date):
                sel.number_format = "dd/mm/yyyy"
    h = lembar.nomor_baris_judul_kolom
    for c, kolom in enumerate(lembar.kolom, 1):
        sel = isi_sel(ws.cell(h, c), kolom.judul)
        sel.font = Font(bold=True)
        sel.fill = LATAR_JUDUL
        sel.border = BINGKAI
        sel.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(c)].width = kolom.lebar
    for r, isi in enumerate(lembar.baris + lembar.penutup, h + 1):
        for c, kolom in enumerate(lembar.kolom, 1):
            tulis_sel(ws.cell(r, c), kolom, isi[c - 1] if c <= len(isi) else None)
            if r > h + len(lembar.baris):
                ws.cell(r, c).font = Font(bold=True)
    ws.freeze_panes = ws.cell(h + 1, 1)
    ws.print_title_rows = f"{h}:{h}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def tulis_sel(sel, kolom: Kolom, nilai: Any) -> None:
    isi_sel(sel, nilai)
    sel.border = BINGKAI
    sel.alignment = Alignment(vertical="top", wrap_text=kolom.jenis == "teks")
    if kolom.jenis == "kode":
        sel.number_format = "@"  # "1.10" must stay text, not become the number 1.1
    elif isinstance(nilai, int | float):
        bulat = {"tahun": "0", "no": "0"}  # years and numbers print without separators
        sel.number_format = bulat.get(kolom.jenis) or format_angka(nilai)


def tulis_petunjuk(ws, daftar: list[Lembar], catatan: list[tuple[str, str]]) -> None:
    isi_sel(ws.cell(1, 1), _("Petunjuk pengisian")).font = Font(bold=True, size=13)
    isi_sel(ws.cell(2, 1), daftar[0].judul[0][0] if daftar[0].judul else "")
    baris = 4
    for lembar in daftar:
        judul = _("Kolom lembar “%(n)s”") % {"n": lembar.nama}
        isi_sel(ws.cell(baris, 1), judul).font = Font(bold=True)
        isi_sel(ws.cell(baris, 2), _("Keterangan")).font = Font(bold=True)
        baris += 1
        for kolom in lembar.kolom:
            isi_sel(ws.cell(baris, 1), kolom.judul)
            isi_sel(ws.cell(baris, 2), kolom.keterangan)
            baris += 1
        baris += 1
    isi_sel(ws.cell(baris, 1), _("Aturan")).font = Font(bold=True)
    for hal, keterangan in catatan:
        baris += 1
        isi_sel(ws.cell(baris, 1), hal)
        isi_sel(ws.cell(baris, 2), keterangan)
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 110
    for row in ws.iter_rows(min_row=4):
        for sel in row:
            sel.alignment = Alignment(vertical="top", wrap_text=True)
