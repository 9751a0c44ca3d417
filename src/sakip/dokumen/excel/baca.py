"""Opening an uploaded workbook and finding its tables: the one place an upload is read.

Every import goes through `buka_buku`, so the limits on what may be opened (bytes,
unpacked size, rows: `batas`) are checked here and hold for all of them. A table is found
by its header row within the first 20 rows; the rows above it are the title block, the
rows below it data.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from .baris import Baris, GalatBaris
from .batas import BerkasDitolak, BukanExcel, periksa_unggahan
from .nilai import kunci
from .tulis import Lembar

BARIS_JUDUL_MAKS = 20  # the header row is looked for this far down, below the title block

# (sheet, header texts as found, their row number) -> (column names to read with, galat)
PeriksaJudul = Callable[[Lembar, list[str], int], tuple[list[str] | None, list[GalatBaris]]]


@dataclass
class Tabel:
    """An uploaded sheet: the title block rows (number, values) and the data rows."""

    atas: list[tuple[int, tuple]]
    kolom: list[str]
    baris: list[Baris]


def buka_buku(berkas, *, hanya_baca: bool = False):
    """The workbook in `berkas` (bytes or a file), once it passed the upload limits.

    Raises `BerkasDitolak` (its `pesan` for the page) for a file too large, an archive
    that unpacks too far, too many rows, or no .xlsx at all (`BukanExcel`).
    """
    data = periksa_unggahan(berkas)
    try:
        # Not read_only by default: merged cells (common in these matrices) are only
        # known this way; the row limit above bounds what this loads.
        return load_workbook(BytesIO(data), read_only=hanya_baca, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, TypeError):
        raise BukanExcel(_("Berkas bukan Excel (.xlsx)")) from None


def galat_judul(nomor: int, lembar: Lembar, harapan: list[str]) -> GalatBaris:
    return GalatBaris(
        nomor,
        "",
        _("Judul kolom lembar “%(n)s” tidak sesuai. Judul kolom yang diharapkan: %(h)s")
        % {"n": lembar.nama, "h": " | ".join(harapan)},
    )


def periksa_judul_tetap(
    lembar: Lembar, judul: list[str], nomor: int
) -> tuple[list[str] | None, list[GalatBaris]]:
    """The header row must be the sheet's columns, in order (case and spaces aside)."""
    harapan = [k.judul for k in lembar.kolom]
    if [kunci(j) for j in judul] == [kunci(h) for h in harapan]:
        return harapan, []
    return None, [galat_judul(nomor, lembar, harapan)]


def baca_berkas(
    berkas,
    daftar: list[Lembar],
    galat: list[GalatBaris],
    periksa_judul: PeriksaJudul = periksa_judul_tetap,
) -> dict[str, Tabel]:
    """Every sheet of `daftar` found in the upload, with checked headers; problems to `galat`."""
    try:
        buku = buka_buku(berkas)
    except BerkasDitolak as exc:
        galat.append(GalatBaris(0, "", exc.pesan))
        return {}
    try:
        hasil = {}
        for lembar in daftar:
            tabel = baca_tabel(
                buku, lembar, galat, periksa_judul=periksa_judul, satu_lembar=len(daftar) == 1
            )
            if tabel is not None:
                hasil[lembar.nama] = tabel
        return hasil
    finally:
        buku.close()


def cari_lembar(buku, lembar: Lembar, satu_lembar: bool):
    for ws in buku.worksheets:
        if kunci(ws.title) == kunci(lembar.nama):
            return ws
    if satu_lembar:  # a renamed single sheet still counts, the Petunjuk sheet does not
        lain = [ws for ws in buku.worksheets if kunci(ws.title) != "petunjuk"]
        return lain[0] if lain else None
    return None


def baca_tabel(
    buku,
    lembar: Lembar,
    galat: list[GalatBaris],
    *,
    periksa_judul: PeriksaJudul = periksa_judul_tetap,
    satu_lembar: bool,
) -> Tabel | None:
    """The table of `lembar` in the workbook, found by its header row; None if unusable."""
    ws = cari_lembar(buku, lembar, satu_lembar)
    if ws is None:
        galat.append(GalatBaris(0, "", _("Lembar “%(n)s” tidak ada.") % {"n": lembar.nama}))
        return None
    harapan = " | ".join(k.judul for k in lembar.kolom)
    rows = baris_terisi(ws)
    atas: list[tuple[int, tuple]] = []
    for nomor, nilai in enumerate(rows, 1):
        isi = tanpa_ekor_kosong(nilai)
        if isi and kunci(isi[0]) == kunci(lembar.kolom[0].judul):
            kolom, salah = periksa_judul(lembar, [teks(v) for v in isi], nomor)
            galat.extend(salah)
            if kolom is None:
                return None
            return Tabel(atas, kolom, baris_data(rows, nomor, kolom, galat))
        atas.append((nomor, nilai))
        if nomor >= BARIS_JUDUL_MAKS:
            break
    galat.append(
        GalatBaris(
            0,
            "",
            _(
                "Lembar “%(n)s”: baris judul kolom tidak ditemukan. "
                "Judul kolom yang diharapkan: %(h)s"
            )
            % {"n": lembar.nama, "h": harapan},
        )
    )
    return None


def baris_terisi(ws) -> Iterator[tuple]:
    """The sheet's rows of values, every cell of a merged block holding the block's value.

    Staff merge a tujuan or sasaran over the rows of its indicators; each row must still
    read as belonging to it.
    """
    gabungan = {}
    for blok in ws.merged_cells.ranges:
        nilai = ws.cell(blok.min_row, blok.min_col).value
        for r in range(blok.min_row, blok.max_row + 1):
            for c in range(blok.min_col, blok.max_col + 1):
                gabungan[(r, c)] = nilai
    for r, baris in enumerate(ws.iter_rows(values_only=True), 1):
        if gabungan:
            baris = tuple(gabungan.get((r, c), v) for c, v in enumerate(baris, 1))
        yield baris


def teks(nilai: Any) -> str:
    """A cell as stripped text; an empty cell is ""."""
    return "" if nilai is None else str(nilai).strip()


def tanpa_ekor_kosong(nilai: tuple) -> list:
    isi = list(nilai)
    while isi and (isi[-1] is None or teks(isi[-1]) == ""):
        isi.pop()
    return isi


def baris_data(rows: Iterable[tuple], nomor_judul: int, kolom: list[str], galat) -> list[Baris]:
    """The non-empty rows after the header, each a `Baris` keyed by `kolom`."""
    hasil = []
    for nomor, nilai in enumerate(rows, nomor_judul + 1):
        if all(v is None or teks(v) == "" for v in nilai):
            continue
        hasil.append(Baris(nomor, dict(zip(kolom, nilai, strict=False)), galat))
    return hasil
