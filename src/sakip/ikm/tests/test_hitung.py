"""The SKM arithmetic (docs/domain.md §9): exact weights, the conversion table at every
boundary, Krejcie & Morgan against the published table, the CSV reader."""

import io
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sakip.ikm import hitung
from sakip.ikm.hitung import KODE_UNSUR, DataTidakSah, baca_csv, hitung_ikm, mutu, mutu_skala_4

jawaban = st.integers(min_value=1, max_value=4)
kuesioner = st.fixed_dictionaries(dict.fromkeys(KODE_UNSUR, jawaban))
survei = st.lists(kuesioner, min_size=1, max_size=60)


def semua(nilai: int) -> dict:
    return dict.fromkeys(KODE_UNSUR, nilai)


# ---------------------------------------------------------------- properties


@given(survei)
def test_ikm_selalu_antara_25_dan_100(baris):
    hasil = hitung_ikm(baris)
    assert Fraction(25) <= hasil.ikm <= Fraction(100)
    assert hasil.responden == len(baris)


@given(st.integers(min_value=1, max_value=500))
def test_semua_empat_tepat_100_dan_semua_satu_tepat_25(n):
    assert hitung_ikm([semua(4)] * n).ikm == 100  # exactly, not 99,9 (1/9, not 0,111)
    assert hitung_ikm([semua(4)] * n).mutu == "A"
    assert hitung_ikm([semua(1)] * n).ikm == 25
    assert hitung_ikm([semua(1)] * n).kinerja == "Tidak Baik"


@given(survei, st.randoms(use_true_random=False))
def test_urutan_responden_tidak_berpengaruh(baris, acak):
    diacak = list(baris)
    acak.shuffle(diacak)
    assert hitung_ikm(diacak) == hitung_ikm(baris)


@given(survei)
def test_ikm_sama_dengan_25_kali_rata_rata_semua_jawaban(baris):
    semua_jawaban = [v for b in baris for v in b.values()]
    assert hitung_ikm(baris).ikm == 25 * Fraction(sum(semua_jawaban), len(semua_jawaban))


@given(survei)
def test_nrr_tertimbang_adalah_nrr_kali_sepersembilan(baris):
    hasil = hitung_ikm(baris)
    for k in KODE_UNSUR:
        assert hasil.nrr[k] == Fraction(sum(b[k] for b in baris), len(baris))
        assert hasil.nrr_tertimbang[k] * 9 == hasil.nrr[k]
    assert sum(hasil.nrr_tertimbang.values()) * 25 == hasil.ikm


@settings(max_examples=300)
@given(st.fractions(min_value=1, max_value=4))
def test_mutu_skala_1_4_sama_dengan_skala_ikm(nilai):
    assert mutu_skala_4(nilai) == mutu(nilai * 25)


@given(survei)
def test_mutu_hasil_sesuai_nilai_interval(baris):
    hasil = hitung_ikm(baris)
    assert (hasil.mutu, hasil.kinerja) == mutu_skala_4(hasil.nilai_skala_4)


# ---------------------------------------------------------------- the conversion table


@pytest.mark.parametrize(
    ("ikm", "huruf", "kinerja"),
    [
        ("25.00", "D", "Tidak Baik"),
        ("64.99", "D", "Tidak Baik"),
        ("64.999", "D", "Tidak Baik"),
        ("65.00", "C", "Kurang Baik"),
        ("76.60", "C", "Kurang Baik"),
        ("76.605", "C", "Kurang Baik"),
        ("76.61", "B", "Baik"),
        ("88.30", "B", "Baik"),
        ("88.305", "B", "Baik"),  # shows as 88,31 but is below the A line: exact compare
        ("88.3099", "B", "Baik"),
        ("88.31", "A", "Sangat Baik"),
        ("100", "A", "Sangat Baik"),
    ],
)
def test_batas_tabel_konversi(ikm, huruf, kinerja):
    assert mutu(Fraction(ikm)) == (huruf, kinerja)
    assert mutu(Decimal(ikm)) == (huruf, kinerja)
    assert mutu_skala_4(Fraction(ikm) / 25) == (huruf, kinerja)


@pytest.mark.parametrize(
    ("nilai", "huruf"),
    [("2.5996", "D"), ("2.60", "C"), ("3.064", "C"), ("3.0644", "B"), ("3.532", "B"),
     ("3.5324", "A"), ("4", "A"), ("1", "D")],
)  # fmt: skip
def test_batas_skala_1_4(nilai, huruf):
    assert mutu_skala_4(Fraction(nilai))[0] == huruf


def test_survei_nyata_tepat_di_batas_c():
    # 10 questionnaires whose answers sum to 234 over 90: IKM = 25 × 234/90 = 65 exactly.
    baris = [semua(3)] * 4 + [semua(2)] * 6  # 4×27 + 6×18 = 216
    baris[0] = {**baris[0], "U1": 4, "U2": 4, "U3": 4, "U4": 4, "U5": 4, "U6": 4}
    baris[1] = {**baris[1], "U1": 4, "U2": 4, "U3": 4, "U4": 4, "U5": 4, "U6": 4}
    baris[2] = {**baris[2], "U1": 4, "U2": 4, "U3": 4, "U4": 4, "U5": 4, "U6": 4}
    hasil = hitung_ikm(baris)
    assert hasil.ikm == 65 and hasil.mutu == "C" and hasil.kinerja == "Kurang Baik"
    # one answer less and the agency falls to D
    baris[0] = {**baris[0], "U9": 2}
    assert hitung_ikm(baris).ikm < 65 and hitung_ikm(baris).mutu == "D"


def test_bobot_0111_tidak_dipakai():
    hasil = hitung_ikm([semua(4)])
    assert hasil.ikm_tampil == Decimal("100.00")  # 0,111 × 9 × 4 × 25 would give 99,90
    assert Fraction(1, 9) == hitung.BOBOT


def test_pembulatan_hanya_untuk_tampilan():
    assert hitung.bulat(Fraction("88.305")) == Decimal("88.31")  # half up, on the exact value
    assert hitung.bulat(Fraction("88.3049999")) == Decimal("88.30")
    assert hitung.bulat(Fraction(2, 3), 3) == Decimal("0.667")
    assert hitung.bulat(None) is None


def test_unsur_tidak_dijawab_tidak_dihitung_dan_jawaban_salah_ditolak():
    hasil = hitung_ikm([semua(4), {**semua(2), "U3": None}])
    assert hasil.nrr["U3"] == 4 and hasil.nrr["U1"] == 3
    with pytest.raises(DataTidakSah, match="baris 2, kolom U4") as e:
        hitung_ikm([semua(4), {**semua(2), "U4": 5}])
    assert (e.value.baris, e.value.kolom) == (2, "U4")
    kosong = hitung_ikm([])
    assert kosong.responden == 0 and kosong.ikm is None and kosong.mutu is None


# ---------------------------------------------------------------- sample size

# Krejcie & Morgan (1970), Table 1: population → sample.
TABEL_KREJCIE_MORGAN = {
    10: 10, 15: 14, 20: 19, 25: 24, 30: 28, 35: 32, 40: 36, 45: 40, 50: 44, 55: 48,
    60: 52, 65: 56, 70: 59, 75: 63, 80: 66, 85: 70, 90: 73, 95: 76, 100: 80, 110: 86,
    120: 92, 130: 97, 140: 103, 150: 108, 160: 113, 170: 118, 180: 123, 190: 127,
    200: 132, 210: 136, 220: 140, 230: 144, 240: 148, 250: 152, 260: 155, 270: 159,
    280: 162, 290: 165, 300: 169, 320: 175, 340: 181, 360: 186, 380: 191, 400: 196,
    420: 201, 440: 205, 460: 210, 480: 214, 500: 217, 550: 226, 600: 234, 650: 242,
    700: 248, 750: 254, 800: 260, 850: 265, 900: 269, 950: 274, 1000: 278, 1100: 285,
    1200: 291, 1300: 297, 1400: 302, 1500: 306, 1600: 310, 1700: 313, 1800: 317,
    1900: 320, 2000: 322, 2200: 327, 2400: 331, 2600: 335, 2800: 338, 3000: 341,
    3500: 346, 4000: 351, 4500: 354, 5000: 357, 6000: 361, 7000: 364, 8000: 367,
    9000: 368, 10000: 370, 15000: 375, 20000: 377, 30000: 379, 40000: 380, 50000: 381,
    75000: 382, 1000000: 384,
}  # fmt: skip


@pytest.mark.parametrize(("populasi", "sampel"), sorted(TABEL_KREJCIE_MORGAN.items()))
def test_ukuran_sampel_sama_dengan_tabel_krejcie_morgan(populasi, sampel):
    assert hitung.ukuran_sampel(populasi) == sampel


def test_ukuran_sampel_kasus_tepi():
    assert hitung.ukuran_sampel(0) == 0
    assert hitung.ukuran_sampel(1) == 1
    assert hitung.ukuran_sampel_desimal(100) == Decimal("79.51")


@given(st.integers(min_value=1, max_value=10**7))
def test_ukuran_sampel_tidak_lebih_dari_populasi_dan_tidak_turun(n):
    s = hitung.ukuran_sampel(n)
    assert 1 <= s <= min(n, 384)
    assert hitung.ukuran_sampel(n + 1) >= s


# ---------------------------------------------------------------- CSV


def test_baca_csv_kolom_lain_diabaikan_dan_pemisah_titik_koma():
    teks = (
        "\ufeffNama;U1;U2;U3;U4;U5;U6;U7;U8;U9;Catatan\n"
        "A;4;4;4;4;4;4;4;4;4;x\n\nB;1;2;3;4;1;2;3;4;1;\n"
    )
    baris = baca_csv(io.StringIO(teks))
    assert baris == [semua(4), dict(zip(KODE_UNSUR, [1, 2, 3, 4, 1, 2, 3, 4, 1], strict=True))]


@pytest.mark.parametrize(
    ("isi", "pesan", "baris", "kolom"),
    [
        ("U1,U2,U3,U4,U5,U6,U8,U9\n4,4,4,4,4,4,4,4\n", "kolom U7 tidak ada", 0, "U7"),
        ("U1,U2,U3,U4,U5,U6,U7,U8,U9\n4,4,4,4,4,4,4,4,4\n3,3,3,3,3,3,3,3,3\n4,4,4,4,5,4,4,4,4\n",
         r"baris 3 \(baris ke-4 berkas\), kolom U5: nilai 5", 3, "U5"),
        ("U1,U2,U3,U4,U5,U6,U7,U8,U9\n4,4,4,4,4,4,4,4,empat\n", "baris 1 .*kolom U9.*bukan", 1,
         "U9"),
        ("U1,U2,U3,U4,U5,U6,U7,U8,U9\n4,4,4,4,4,4,4,4\n", "baris 1 .*kolom U9.*kosong", 1, "U9"),
        ("U1,U2,U3,U4,U5,U6,U7,U8,U9\n3.5,4,4,4,4,4,4,4,4\n", "kolom U1", 1, "U1"),
        ("", "kosong", 0, None),
    ],
)  # fmt: skip
def test_baca_csv_galat_menyebut_baris_dan_kolom(isi, pesan, baris, kolom):
    with pytest.raises(DataTidakSah, match=pesan) as e:
        baca_csv(io.StringIO(isi))
    assert (e.value.baris, e.value.kolom) == (baris, kolom)


def test_json_sesuai_kontrak():
    hasil = hitung_ikm([semua(4), semua(3), semua(3)])
    data = hasil.sebagai_json()
    assert list(data) == ["responden", "nrr", "ikm", "mutu", "kinerja"]
    assert list(data["nrr"]) == list(KODE_UNSUR)
    assert data["ikm"] == 83.33 and data["mutu"] == "B" and data["kinerja"] == "Baik"
