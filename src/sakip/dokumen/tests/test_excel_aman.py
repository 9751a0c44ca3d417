"""Formula injection (issue 14): text people typed never becomes a live formula in a
workbook the kit writes, reads back unchanged, and numbers stay numbers. Only a `Rumus`
the code writes on purpose is a formula. No module outside the kit writes a workbook.
"""

from __future__ import annotations

import re
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from sakip.dokumen.excel import (
    Kolom,
    Lembar,
    Rumus,
    baca_berkas,
    buku_baru,
    buku_excel,
    isi_sel,
    simpan_buku,
    tambah_baris,
)

JAHAT = ['=HYPERLINK("http://x","y")', "@SUM(A1)", "+62 81", "-2+3", "\tTAB", "\rCR", "="]


def xml_lembar(data: bytes) -> str:
    with zipfile.ZipFile(BytesIO(data)) as arsip:
        nama = [n for n in arsip.namelist() if n.startswith("xl/worksheets/sheet")]
        return "".join(arsip.read(n).decode() for n in nama)


def tidak_ada_rumus(data: bytes) -> bool:
    return re.search(r"<f[ >]", xml_lembar(data)) is None


@pytest.mark.parametrize("teks", JAHAT)
def test_teks_berawalan_pemicu_rumus_ditulis_sebagai_teks(teks):
    buku = buku_baru()
    ws = buku.create_sheet("Data")
    isi_sel(ws.cell(1, 1), teks)
    tambah_baris(ws, [teks, -12.5, -3])

    data = simpan_buku(buku)

    ws = load_workbook(BytesIO(data))["Data"]
    assert (ws["A1"].value, ws["A1"].data_type, ws["A1"].quotePrefix) == (teks, "s", True)
    assert (ws["A2"].value, ws["A2"].data_type) == (teks, "s")
    assert (ws["B2"].value, ws["B2"].data_type) == (-12.5, "n")  # a negative number stays one
    assert (ws["C2"].value, ws["C2"].data_type) == (-3, "n")
    assert tidak_ada_rumus(data)


def test_sel_yang_ditulis_langsung_pun_dijaga_saat_disimpan():
    """A cell set with openpyxl's own `cell(value=…)` is made safe by `simpan_buku` too."""
    buku = buku_baru()
    ws = buku.create_sheet("Data")
    ws.cell(1, 1, '=HYPERLINK("http://x","y")')
    ws.append(["@SUM(A1)"])

    data = simpan_buku(buku)

    ws = load_workbook(BytesIO(data))["Data"]
    assert [ws["A1"].data_type, ws["A2"].data_type] == ["s", "s"]
    assert tidak_ada_rumus(data)


def test_rumus_sengaja_tetap_rumus():
    buku = buku_baru()
    ws = buku.create_sheet("Data")
    tambah_baris(ws, [1, 2, Rumus("=SUM(A1:B1)"), "=SUM(A1:B1)"])

    data = simpan_buku(buku)

    ws = load_workbook(BytesIO(data))["Data"]
    assert (ws["C1"].value, ws["C1"].data_type) == ("=SUM(A1:B1)", "f")
    assert (ws["D1"].value, ws["D1"].data_type) == ("=SUM(A1:B1)", "s")
    with pytest.raises(ValueError):
        Rumus("SUM(A1)")


def test_buku_excel_kit_judul_dan_isi_tetap_teks_dan_dibaca_kembali_sama():
    kolom = [Kolom("Kode", 10, "kode"), Kolom("Uraian", 40), Kolom("Jumlah", 12, "uang")]
    baris = [["1", teks, -5] for teks in JAHAT]
    data = buku_excel([Lembar("Data", [['=HYPERLINK("http://x","judul")']], kolom, baris)])

    assert tidak_ada_rumus(data)
    galat: list = []
    tabel = baca_berkas(data, [Lembar("Data", [], kolom)], galat)["Data"]
    assert galat == []
    assert tabel.atas[0][1][0] == '=HYPERLINK("http://x","judul")'
    # \r is kept in the file; the reader's `teks` strips the ends of a cell, as for any text
    assert [b.mentah("Uraian") for b in tabel.baris] == JAHAT
    assert [b.uang("Jumlah") for b in tabel.baris] == [None] * len(JAHAT)  # negative: refused
    assert [b.angka("Jumlah") for b in tabel.baris][0] == -5


# Text a workbook can hold: XML 1.0 characters (openpyxl refuses the other control
# characters and lone surrogates), up to Excel's 32,767 characters per cell.
TEKS_XML = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs",),
        blacklist_characters=[chr(c) for c in range(32) if chr(c) not in "\t\n\r"]
        + ["\ufffe", "\uffff"],
    ),
    max_size=200,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(teks=TEKS_XML, awal=st.sampled_from(["", "=", "+", "-", "@", "\t", "\r", "=SUM("]))
def test_teks_apa_pun_kembali_utuh_dan_tidak_pernah_menjadi_rumus(teks, awal):
    isi = awal + teks
    buku = buku_baru()
    ws = buku.create_sheet("Data")
    isi_sel(ws.cell(1, 1), isi)
    tambah_baris(ws, [isi])

    data = simpan_buku(buku)

    ws = load_workbook(BytesIO(data))["Data"]
    for sel in (ws["A1"], ws["A2"]):
        assert (sel.value or "") == isi  # an empty text reads back as an empty cell
        assert sel.value is None or sel.data_type == "s"
    assert tidak_ada_rumus(data)


def test_tidak_ada_modul_di_luar_kit_yang_memakai_openpyxl():
    """Every workbook is written (and every upload opened) through `sakip.dokumen.excel`."""
    akar = Path(__file__).resolve().parents[2]
    kit = akar / "dokumen" / "excel"
    pelanggar = [
        str(p.relative_to(akar))
        for p in akar.rglob("*.py")
        if kit not in p.parents
        and "tests" not in p.relative_to(akar).parts
        and re.search(r"^\s*(from|import) openpyxl", p.read_text(encoding="utf-8"), re.M)
    ]
    assert pelanggar == []
