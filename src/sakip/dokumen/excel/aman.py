"""Creating, filling and saving a workbook: the one place a workbook is written.

Formula injection (OWASP "CSV injection"): text people typed — a perihal, an uraian, a
note — that begins with = + - @, a tab or a carriage return would be run by Excel or
LibreOffice as a formula (`=HYPERLINK(...)` leaks data on a click). The kit writes such
text as a literal string: the cell keeps its type "s" and the quote prefix of its style
(the apostrophe Excel shows only in the edit bar), so the text reads back unchanged and
stays text when someone edits the cell. Numbers, negative ones too, stay numbers.

`simpan_buku` checks every cell before saving, so text written by any path (`isi_sel`,
`tambah_baris`, a sheet's own `cell()`) is guarded. A formula the code means to write
goes through `Rumus`, the only way a live formula reaches a file.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.worksheet.datavalidation import DataValidation

# What a spreadsheet reads as the start of a formula (OWASP's list).
PEMICU_RUMUS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Rumus:
    """A formula the code writes on purpose, e.g. `Rumus("=SUM(C5:C9)")`; never user text."""

    teks: str

    def __post_init__(self):
        if not self.teks.startswith("="):
            raise ValueError(f"Rumus harus diawali '=': {self.teks!r}")


# The cells of each sheet that hold a deliberate `Rumus` (coordinates such as "C10").
_RUMUS_SENGAJA: weakref.WeakKeyDictionary[Any, set[str]] = weakref.WeakKeyDictionary()


def buku_baru() -> Workbook:
    """An empty workbook without the default sheet; fill it, then `simpan_buku`."""
    buku = Workbook()
    buku.remove(buku.active)
    return buku


def isi_sel(sel, nilai: Any):
    """Put `nilai` in `sel`: text stays text whatever it begins with; a `Rumus` is a formula."""
    if isinstance(nilai, Rumus):
        sel.value = nilai.teks
        _RUMUS_SENGAJA.setdefault(sel.parent, set()).add(sel.coordinate)
        return sel
    _RUMUS_SENGAJA.get(sel.parent, set()).discard(sel.coordinate)  # overwritten: no longer one
    sel.value = nilai
    _jadikan_teks(sel)
    return sel


def tambah_baris(ws, isi: list[Any]) -> None:
    """`ws.append(isi)` through `isi_sel`: the row after the sheet's last one."""
    r = ws._current_row + 1  # as append counts: the highest row written so far
    for c, nilai in enumerate(isi, 1):
        isi_sel(ws.cell(r, c), nilai)
    ws._current_row = r  # an empty row still takes its place, as with append


def simpan_buku(buku: Workbook) -> bytes:
    """The .xlsx bytes of `buku`, after every cell's text is made safe (see the module)."""
    for ws in buku.worksheets:
        sengaja = _RUMUS_SENGAJA.get(ws, set())
        # _cells: the cells that exist; iter_rows would create every empty one in the range.
        for sel in list(ws._cells.values()):
            if sel.coordinate not in sengaja:
                _jadikan_teks(sel)
    keluaran = BytesIO()
    buku.save(keluaran)
    return keluaran.getvalue()


def _jadikan_teks(sel) -> None:
    nilai = sel.value
    if isinstance(nilai, str) and nilai.startswith(PEMICU_RUMUS):
        sel.data_type = TYPE_STRING  # openpyxl made "=…" a formula (TYPE_FORMULA)
        sel.quotePrefix = True


def validasi_bulat(ws, rentang: str, minimum: int, maksimum: int, pesan: str) -> None:
    """A drop-in check on `rentang` (e.g. "G2:O5001"): whole numbers minimum–maksimum only."""
    aturan = DataValidation(
        type="whole",
        operator="between",
        formula1=str(minimum),
        formula2=str(maksimum),
        showErrorMessage=True,
        error=pesan,
    )
    ws.add_data_validation(aturan)
    aturan.add(rentang)
