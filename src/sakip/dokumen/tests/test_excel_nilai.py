"""Cell values as staff type them: Indonesian numbers, dates, ranges and scale values."""

from __future__ import annotations

import datetime
from decimal import Decimal as D

import pytest

from sakip.dokumen import excel
from sakip.dokumen.excel import Nilai, ke_tanggal, kunci, sel_angka


@pytest.mark.parametrize(
    ("nilai", "harapan"),
    [
        (3, D(3)),
        (2.5, D("2.5")),
        ("1.250.000", D(1_250_000)),
        ("12,5", D("12.5")),
        ("1.234,56", D("1234.56")),
        ("1.5", D("1.5")),
        ("Rp 1.000", D(1000)),
        ("-2", D(-2)),
    ],
)
def test_angka_indonesia_dibaca(nilai, harapan):
    assert excel.ke_desimal(nilai) == harapan


@pytest.mark.parametrize("nilai", ["abc", "1,2,3", "NaN", True, ""])
def test_bukan_angka(nilai):
    with pytest.raises(ValueError):
        excel.ke_desimal(nilai)


@pytest.mark.parametrize(
    "nilai",
    [
        datetime.date(2025, 1, 15),
        datetime.datetime(2025, 1, 15, 8, 30),
        "15/01/2025",
        "15-01-2025",
        "2025-01-15",
        "15 Januari 2025",
        " 15  januari 2025 ",
        45672,  # the Excel serial number of that day
    ],
)
def test_tanggal_dibaca(nilai):
    assert ke_tanggal(nilai) == datetime.date(2025, 1, 15)


@pytest.mark.parametrize("nilai", ["besok", "32/01/2025", "15 Jan 2025"])
def test_bukan_tanggal(nilai):
    with pytest.raises(ValueError):
        ke_tanggal(nilai)


def test_kunci_tidak_peduli_huruf_spasi_dan_pemisah():
    assert kunci("Rata-rata") == kunci(" rata_rata ") == kunci("RATA  RATA") == "rata rata"
    assert kunci(None) == ""


def test_nilai_ke_sel():
    assert Nilai(target=D("97.5")).ke_sel() == 97.5
    assert Nilai(target=D("80")).ke_sel() == 80 and isinstance(sel_angka(D("80.00")), int)
    assert Nilai(target=D("85"), atas=D("95.5")).ke_sel() == "85 – 95,5"
    assert Nilai(skala="WTP").ke_sel() == "WTP"
    assert Nilai().kosong and Nilai().ke_sel() is None
    assert Nilai(target=D(1), atas=D(2)).sebagai_field("baseline", dengan_atas=False) == {
        "baseline": D(1),
        "baseline_skala": "",
    }
