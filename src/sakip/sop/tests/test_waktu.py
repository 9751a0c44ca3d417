"""Time standards: every waktu in the seeds parses, in whatever case and spacing."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sakip.sop.definisi import muat_pustaka
from sakip.sop.waktu import SATUAN, WaktuBaku, WaktuTidakDikenal, parse_waktu

# A kecamatan working 07:30–16:00 with a one-hour break.
MENIT_PER_HARI = 450


def test_setiap_waktu_di_pustaka_terbaca_atau_kosong():
    isi = {lk.waktu for sop in muat_pustaka().values() for lk in sop.langkah}
    # The spellings docs/domain.md §5 lists, all present in the seeds.
    assert {"5 menit", "180 menit", "60 Menit", "1 jam", "1hari", "2 Hari", "14 hari"} <= isi
    assert {"1 Minggu", "1 menit", "30 Menit", "3 hari", "2 jam", ""} <= isi
    for teks in isi:
        hasil = parse_waktu(teks)
        assert (hasil is None) == (teks == ""), teks


@pytest.mark.parametrize(
    ("teks", "harapan"),
    [
        ("5 menit", WaktuBaku(5, "menit")),
        ("60 Menit", WaktuBaku(60, "menit")),
        ("1hari", WaktuBaku(1, "hari")),
        ("2 Hari", WaktuBaku(2, "hari")),
        ("1 Minggu", WaktuBaku(1, "minggu")),
        ("  2 JAM ", WaktuBaku(2, "jam")),
        ("3 hari.", WaktuBaku(3, "hari")),
    ],
)
def test_ejaan_seed(teks, harapan):
    assert parse_waktu(teks) == harapan


@pytest.mark.parametrize("teks", ["", "   ", None])
def test_sel_kosong_bukan_galat(teks):
    assert parse_waktu(teks) is None


@pytest.mark.parametrize("teks", ["segera", "1/2 jam", "2 bulan", "jam 5", "0 menit", "-1 hari"])
def test_bukan_waktu_ditolak(teks):
    with pytest.raises(WaktuTidakDikenal) as e:
        parse_waktu(teks)
    assert isinstance(e.value, ValueError)
    assert e.value.teks == teks


def test_menit_kerja_menghitung_hari_dan_minggu_kerja():
    assert parse_waktu("90 menit").menit_kerja(MENIT_PER_HARI) == 90
    assert parse_waktu("2 jam").menit_kerja(MENIT_PER_HARI) == 120
    assert parse_waktu("2 hari").menit_kerja(MENIT_PER_HARI) == 900
    assert parse_waktu("1 minggu").menit_kerja(MENIT_PER_HARI) == 5 * 450
    # Agencies that work on Saturdays have a six-day week.
    assert parse_waktu("1 minggu").menit_kerja(MENIT_PER_HARI, hari_per_minggu=6) == 6 * 450


def test_menit_kerja_menolak_kalender_mustahil():
    with pytest.raises(ValueError):
        parse_waktu("1 hari").menit_kerja(0)
    with pytest.raises(ValueError):
        parse_waktu("1 minggu").menit_kerja(450, hari_per_minggu=8)


def _acak_huruf(draw, kata):
    return "".join(draw(st.sampled_from([h.lower(), h.upper()])) for h in kata)


@st.composite
def teks_waktu(draw):
    jumlah = draw(st.integers(min_value=1, max_value=10_000))
    satuan = draw(st.sampled_from(SATUAN))
    spasi = st.text(alphabet=" \t", max_size=3)
    teks = f"{draw(spasi)}{jumlah}{draw(spasi)}{_acak_huruf(draw, satuan)}{draw(spasi)}"
    return teks, jumlah, satuan


@given(teks_waktu())
def test_sifat_jumlah_dan_satuan_selalu_terbaca(data):
    teks, jumlah, satuan = data
    assert parse_waktu(teks) == WaktuBaku(jumlah, satuan)


@given(teks_waktu(), st.integers(min_value=1, max_value=24 * 60), st.integers(1, 7))
def test_sifat_menit_kerja_naik_menurut_satuan(data, menit_per_hari, hari_per_minggu):
    _, jumlah, satuan = data
    menit = parse_waktu(f"{jumlah} {satuan}").menit_kerja(menit_per_hari, hari_per_minggu)
    per_satuan = {
        "menit": 1,
        "jam": 60,
        "hari": menit_per_hari,
        "minggu": menit_per_hari * hari_per_minggu,
    }
    assert menit == jumlah * per_satuan[satuan]
