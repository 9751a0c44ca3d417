"""Working-time arithmetic: properties over random calendars, then the cases people ask about."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from sakip.kalender.waktu_kerja import (
    KALENDER_BAWAAN,
    Kalender,
    awal_kerja,
    baca_hari_kerja,
    dalam_jam_kerja,
    hari_kerja_berikutnya,
    menit_kerja_antara,
    tambah_hari_kerja,
    tambah_menit_kerja,
    tulis_hari_kerja,
)

WIB = ZoneInfo("Asia/Jakarta")
WITA = ZoneInfo("Asia/Makassar")
AWAL_UJI, AKHIR_UJI = date(2026, 1, 1), date(2026, 3, 31)


def wib(tahun, bulan, hari, jam, menit=0) -> datetime:
    return datetime(tahun, bulan, hari, jam, menit, tzinfo=WIB)


def _jam(menit: int) -> time:
    return time(menit // 60, menit % 60)


# ---------------------------------------------------------------- generated calendars


@st.composite
def kalender_acak(draw) -> Kalender:
    """Any calendar an administrator could save: hours, an optional break, weekdays, holidays."""
    mulai = draw(st.integers(0, 22 * 60))
    selesai = draw(st.integers(mulai + 1, 23 * 60 + 59))
    istirahat = None
    if selesai - mulai >= 2 and draw(st.booleans()):
        awal = draw(st.integers(mulai, selesai - 1))
        akhir = draw(st.integers(awal + 1, selesai))
        assume((awal, akhir) != (mulai, selesai))  # a break may not fill the whole day
        istirahat = (_jam(awal), _jam(akhir))
    return Kalender(
        jam_mulai=_jam(mulai),
        jam_selesai=_jam(selesai),
        hari_kerja=draw(st.frozensets(st.integers(1, 7), min_size=1)),
        libur=draw(st.frozensets(st.dates(AWAL_UJI, AKHIR_UJI), max_size=40)),
        istirahat=istirahat,
        tz=draw(st.sampled_from([WIB, WITA])),
    )


# Instants in any zone (the caller's), with seconds and microseconds.
saat_acak = st.datetimes(
    min_value=datetime(2026, 1, 1), max_value=datetime(2026, 2, 28), timezones=st.just(UTC)
).map(lambda d: d.astimezone(WIB))
saat_menit = saat_acak.map(lambda d: d.replace(second=0, microsecond=0))
menit_acak = st.integers(0, 4000)


def _di_ujung_atau_dalam_jendela(saat: datetime, kalender: Kalender) -> bool:
    """opening < saat <= closing of a window on a working day: where results may land."""
    dinding = saat.astimezone(kalender.tz).replace(tzinfo=None)
    return any(awal < dinding <= akhir for awal, akhir in kalender.segmen(dinding.date()))


@given(kalender_acak(), saat_acak, st.integers(1, 4000))
def test_hasil_selalu_di_jam_kerja_atau_tepat_saat_tutup(kalender, mulai, menit):
    hasil = tambah_menit_kerja(mulai, menit, kalender)
    assert _di_ujung_atau_dalam_jendela(hasil, kalender)
    assert kalender.bekerja_pada(hasil.astimezone(kalender.tz).date())
    assert hasil.tzinfo is kalender.tz
    assert hasil > mulai


@given(kalender_acak(), saat_acak, menit_acak)
def test_menit_antara_membalik_penambahan(kalender, mulai, menit):
    assert menit_kerja_antara(mulai, tambah_menit_kerja(mulai, menit, kalender), kalender) == menit


@given(kalender_acak(), saat_acak, menit_acak, menit_acak)
def test_penambahan_monoton(kalender, mulai, m1, m2):
    kecil, besar = sorted([m1, m2])
    a = tambah_menit_kerja(mulai, kecil, kalender)
    b = tambah_menit_kerja(mulai, besar, kalender)
    assert a <= b
    if kecil < besar:
        assert a < b


@given(kalender_acak(), saat_acak, menit_acak, menit_acak)
def test_menambah_bertahap_sama_dengan_sekaligus(kalender, mulai, m1, m2):
    bertahap = tambah_menit_kerja(tambah_menit_kerja(mulai, m1, kalender), m2, kalender)
    assert bertahap == tambah_menit_kerja(mulai, m1 + m2, kalender)


@given(kalender_acak(), st.lists(saat_menit, min_size=3, max_size=3))
def test_menit_antara_dapat_dipecah(kalender, tiga):
    a, b, c = sorted(tiga)
    antara = menit_kerja_antara
    assert antara(a, c, kalender) == antara(a, b, kalender) + antara(b, c, kalender)
    assert antara(c, a, kalender) == 0


@given(kalender_acak(), saat_acak)
def test_awal_kerja_adalah_saat_kerja_pertama(kalender, saat):
    awal = awal_kerja(saat, kalender)
    assert dalam_jam_kerja(awal, kalender)
    assert awal >= saat
    assert menit_kerja_antara(saat, awal, kalender) == 0
    assert (awal == saat) == dalam_jam_kerja(saat, kalender)


@given(kalender_acak(), saat_acak, st.integers(0, 5))
def test_n_hari_adalah_n_kali_menit_sehari(kalender, mulai, hari):
    hasil = tambah_hari_kerja(mulai, hari, kalender)
    assert hasil == tambah_menit_kerja(mulai, hari * kalender.menit_per_hari, kalender)


@given(kalender_acak(), st.dates(AWAL_UJI, AKHIR_UJI), st.data())
def test_satu_hari_dari_jam_kerja_jatuh_pada_jam_yang_sama_hari_kerja_berikutnya(
    kalender, tanggal, data
):
    # A start strictly inside a window: from an opening the window-end convention applies.
    hari = hari_kerja_berikutnya(tanggal, kalender)
    awal, akhir = data.draw(st.sampled_from(kalender.segmen(hari)))
    assume(akhir - awal > timedelta(minutes=1))
    menit = data.draw(st.integers(1, (akhir - awal) // timedelta(minutes=1) - 1))
    mulai = (awal + timedelta(minutes=menit)).replace(tzinfo=kalender.tz)
    hasil = tambah_hari_kerja(mulai, 1, kalender).replace(tzinfo=None)
    assert hasil.date() == hari_kerja_berikutnya(hari, kalender)
    assert hasil.time() == mulai.time()


@given(kalender_acak(), st.dates(AWAL_UJI, AKHIR_UJI))
def test_hari_kerja_berikutnya_tidak_melewatkan_hari_kerja(kalender, tanggal):
    berikut = hari_kerja_berikutnya(tanggal, kalender)
    assert berikut > tanggal and kalender.bekerja_pada(berikut)
    lewat = (tanggal + timedelta(days=n) for n in range(1, (berikut - tanggal).days))
    assert not any(kalender.bekerja_pada(d) for d in lewat)


@given(st.frozensets(st.integers(1, 7), min_size=1))
def test_hari_kerja_tersimpan_bolak_balik(hari):
    assert baca_hari_kerja(tulis_hari_kerja(hari)) == hari


# ---------------------------------------------------------------- the cases people ask about

SENIN_JUMAT = KALENDER_BAWAAN  # 07:30–16:00 WIB, no break


def test_jumat_sore_ditambah_20_menit_jatuh_senin_pagi():
    # Friday 9 January 2026, 15:50: ten minutes today, ten on Monday.
    assert tambah_menit_kerja(wib(2026, 1, 9, 15, 50), 20, SENIN_JUMAT) == wib(2026, 1, 12, 7, 40)


def test_hari_libur_dilewati():
    # Friday 16 January 2026 is Isra Mikraj: Thursday 15:30 + 60 menit → Monday 08:00.
    kalender = Kalender(libur=frozenset({date(2026, 1, 16)}))
    assert tambah_menit_kerja(wib(2026, 1, 15, 15, 30), 60, kalender) == wib(2026, 1, 19, 8, 0)


def test_satu_hari_dari_rabu_jam_sepuluh_adalah_kamis_jam_sepuluh():
    assert tambah_hari_kerja(wib(2026, 1, 7, 10), 1, SENIN_JUMAT) == wib(2026, 1, 8, 10)


def test_instansi_yang_bekerja_sabtu():
    sabtu_masuk = Kalender(hari_kerja=frozenset({1, 2, 3, 4, 5, 6}))
    assert tambah_menit_kerja(wib(2026, 1, 9, 15, 50), 20, sabtu_masuk) == wib(2026, 1, 10, 7, 40)
    assert hari_kerja_berikutnya(date(2026, 1, 9), sabtu_masuk) == date(2026, 1, 10)
    assert hari_kerja_berikutnya(date(2026, 1, 9), SENIN_JUMAT) == date(2026, 1, 12)


def test_istirahat_siang_tidak_dihitung():
    kalender = Kalender(istirahat=(time(12), time(13)))
    assert kalender.menit_per_hari == 450  # 8.5 hours less the break: 37.5 hours a week
    assert tambah_menit_kerja(wib(2026, 1, 7, 11), 90, kalender) == wib(2026, 1, 7, 13, 30)
    assert menit_kerja_antara(wib(2026, 1, 7, 11), wib(2026, 1, 7, 14), kalender) == 120


@pytest.mark.parametrize(
    ("mulai", "tenggat"),
    [
        (wib(2026, 1, 11, 9), wib(2026, 1, 12, 8)),  # Sunday: from Monday's opening
        (wib(2026, 1, 12, 6), wib(2026, 1, 12, 8)),  # before opening
        (wib(2026, 1, 12, 17), wib(2026, 1, 13, 8)),  # after closing
        (wib(2026, 1, 12, 16), wib(2026, 1, 13, 8)),  # exactly at closing
    ],
)
def test_mulai_di_luar_jam_kerja_dihitung_dari_jam_buka_berikutnya(mulai, tenggat):
    assert tambah_menit_kerja(mulai, 30, SENIN_JUMAT) == tenggat


def test_tenggat_tepat_saat_tutup_tetap_hari_itu():
    assert tambah_menit_kerja(wib(2026, 1, 12, 15), 60, SENIN_JUMAT) == wib(2026, 1, 12, 16)
    assert tambah_hari_kerja(wib(2026, 1, 12, 7, 30), 1, SENIN_JUMAT) == wib(2026, 1, 12, 16)


def test_nol_menit_tidak_mengubah_apa_pun():
    minggu = wib(2026, 1, 11, 9)
    assert tambah_menit_kerja(minggu, 0, SENIN_JUMAT) == minggu


def test_waktu_dari_zona_lain_dijawab_dalam_zona_kalender():
    hasil = tambah_menit_kerja(datetime(2026, 1, 9, 8, 50, tzinfo=UTC), 20, SENIN_JUMAT)
    assert hasil == wib(2026, 1, 12, 7, 40)
    assert hasil.tzinfo is WIB


def test_menit_kerja_antara_melewati_akhir_pekan():
    assert menit_kerja_antara(wib(2026, 1, 9, 15), wib(2026, 1, 12, 8, 30), SENIN_JUMAT) == 120
    assert menit_kerja_antara(wib(2026, 1, 12, 8, 30), wib(2026, 1, 9, 15), SENIN_JUMAT) == 0


def test_waktu_tanpa_zona_ditolak():
    with pytest.raises(ValueError, match="zona waktu"):
        tambah_menit_kerja(datetime(2026, 1, 9, 15, 50), 20, SENIN_JUMAT)


def test_menit_negatif_ditolak():
    with pytest.raises(ValueError, match="negatif"):
        tambah_menit_kerja(wib(2026, 1, 9, 15, 50), -5, SENIN_JUMAT)


@pytest.mark.parametrize(
    ("isian", "pesan"),
    [
        ({"jam_mulai": time(16), "jam_selesai": time(7, 30)}, "harus sesudah jam mulai"),
        ({"hari_kerja": frozenset()}, "paling sedikit satu hari"),
        ({"hari_kerja": frozenset({0, 8})}, "1 (Senin) sampai 7 (Minggu)"),
        ({"istirahat": (time(13), time(12))}, "Akhir istirahat harus sesudah"),
        ({"istirahat": (time(6), time(8))}, "di dalam jam kerja (07:30–16:00)"),
        ({"istirahat": (time(7, 30), time(16))}, "seluruh jam kerja"),
        ({"jam_mulai": time(7, 30, 15)}, "menit penuh"),
    ],
)
def test_kalender_mustahil_ditolak_dengan_pesan(isian, pesan):
    with pytest.raises(ValueError, match=pesan.replace("(", r"\(").replace(")", r"\)")):
        Kalender(**isian)


@settings(max_examples=20)
@given(st.text(alphabet="0123456789a ,", min_size=0, max_size=8))
def test_teks_hari_kerja_asing_ditolak(teks):
    assume(not teks or not set(teks) <= set("1234567"))
    with pytest.raises(ValueError, match="Hari kerja tidak dikenal"):
        baca_hari_kerja(teks)
