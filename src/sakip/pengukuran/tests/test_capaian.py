"""Capaian formulas (docs/domain.md §7) as properties, plus the worked examples people check."""

from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from sakip.pengukuran import capaian

angka = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("100000"), places=2)
realisasi = st.decimals(min_value=Decimal("0"), max_value=Decimal("200000"), places=2)


@given(target=angka, r1=realisasi, r2=realisasi)
def test_naik_realisasi_lebih_tinggi_tidak_menurunkan_capaian(target, r1, r2):
    assume(r1 <= r2)
    a = capaian.hitung("naik", r1, target, lantai_nol=False).nilai
    b = capaian.hitung("naik", r2, target, lantai_nol=False).nilai
    assert a <= b


@given(target=angka, r1=realisasi, r2=realisasi)
def test_turun_realisasi_lebih_tinggi_tidak_menaikkan_capaian(target, r1, r2):
    assume(r1 <= r2)
    a = capaian.hitung("turun", r1, target, lantai_nol=False).nilai
    b = capaian.hitung("turun", r2, target, lantai_nol=False).nilai
    assert a >= b


@given(a=angka, lebar=angka, posisi=st.floats(min_value=0, max_value=1))
def test_rentang_di_dalam_selalu_100(a, lebar, posisi):
    b = a + lebar
    r = a + (b - a) * Decimal(str(posisi))
    assume(a <= r <= b)
    assert capaian.hitung("rentang", r, a, target_atas=b).nilai == 100


@given(
    target=angka, toleransi=st.decimals(min_value=0, max_value=50, places=2), geser=st.floats(-1, 1)
)
def test_stabil_dalam_toleransi_100_di_luar_kurang(target, toleransi, geser):
    r = target + toleransi * Decimal(str(geser))
    assert capaian.hitung("stabil", r, target, toleransi=toleransi).nilai == 100
    jauh = target + toleransi + target / 2
    assert capaian.hitung("stabil", jauh, target, toleransi=toleransi).nilai < 100


@given(target=angka, r=realisasi, polaritas=st.sampled_from(["naik", "turun", "rentang", "stabil"]))
def test_lantai_nol_dan_batas_atas(target, r, polaritas):
    h = capaian.hitung(
        polaritas, r, target, target_atas=target * 2, toleransi=Decimal(1), batas_atas=Decimal(120)
    )
    if h.nilai is not None:
        assert 0 <= h.nilai <= 120
        assert "%" in h.rumus  # every figure can show how it was computed


@pytest.mark.parametrize(
    ("polaritas", "r", "t", "hasil", "rumus"),
    [
        ("naik", 82, 85, Decimal("96.47"), "82 / 85 × 100 = 96,47%"),
        ("turun", 4, 6, Decimal("133.33"), "(2 × 6 − 4) / 6 × 100 = 133,33%"),
        ("turun", 15, 6, Decimal(0), "(dibatasi paling rendah 0%)"),
    ],
)
def test_contoh_hitungan(polaritas, r, t, hasil, rumus):
    h = capaian.hitung(polaritas, Decimal(r), Decimal(t))
    assert h.nilai.quantize(Decimal("0.01")) == hasil
    assert rumus in h.rumus


def test_rentang_di_luar_dibagi_batasnya():
    assert capaian.hitung(
        "rentang", Decimal(80), Decimal(90), target_atas=Decimal(100)
    ).nilai.quantize(Decimal("0.01")) == Decimal("88.89")
    assert (
        capaian.hitung("rentang", Decimal(110), Decimal(90), target_atas=Decimal(100)).nilai == 110
    )


def test_target_nol_dan_tanpa_realisasi():
    assert capaian.hitung("turun", Decimal(0), Decimal(0)).nilai == 100
    assert capaian.hitung("turun", Decimal(2), Decimal(0)).nilai is None
    assert capaian.hitung("naik", None, Decimal(5)).rumus == "belum ada realisasi"


def test_skala():
    skala = ["WTP", "WDP", "TW", "TMP"]
    assert capaian.hitung_skala(skala, "WTP", "WTP").nilai == 100
    assert capaian.hitung_skala(skala, "WDP", "WTP").nilai == 75
    assert capaian.hitung_skala(skala, "WTP", "WDP", batas_atas=Decimal(120)).nilai == 120
    assert capaian.hitung_skala(skala, "XX", "WTP").nilai is None


@given(
    st.lists(
        st.tuples(st.integers(1, 12), st.one_of(st.none(), realisasi)),
        max_size=12,
        unique_by=lambda x: x[0],
    )
)
def test_agregasi(bulanan):
    terisi = [v for _b, v in sorted(bulanan) if v is not None]
    kum = capaian.agregasi("kumulatif", bulanan)
    rata = capaian.agregasi("rata_rata", bulanan)
    akhir = capaian.agregasi("akhir_periode", bulanan)
    if not terisi:
        assert kum is rata is akhir is None
    else:
        assert kum == sum(terisi)
        assert min(terisi) <= rata <= max(terisi)
        assert akhir == terisi[-1]


def test_serapan_efisiensi_kategori():
    s = capaian.serapan(Decimal(750_000), Decimal(1_000_000))
    assert s.nilai == 75 and "750.000 / 1.000.000" in s.rumus
    assert capaian.efisiensi(Decimal(90), Decimal(75)).nilai == Decimal("1.2")
    skala = [(Decimal(91), "Sangat Baik"), (Decimal(76), "Baik"), (Decimal(0), "Kurang")]
    assert capaian.kategori(Decimal(91), skala) == "Sangat Baik"
    assert capaian.kategori(Decimal("90.99"), skala) == "Baik"
    assert capaian.kategori(Decimal(3), skala) == "Kurang"
