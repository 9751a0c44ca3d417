"""One questionnaire, whatever its source: the public form, a paper typed in by the Staf,
or a row of an Excel import. The same checks, the same Indonesian messages."""

import datetime
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sakip.audit.models import CatatanAudit
from sakip.ikm.models import PeriodeSurvei, Responden
from sakip.ikm.responden import catat_responden, validasi_responden

from .test_publik_bangun import buat_layanan, buat_periode, jawaban, unsur_bawaan

pytestmark = pytest.mark.django_db
DIBUKA, DITUTUP = PeriodeSurvei.Status.DIBUKA, PeriodeSurvei.Status.DITUTUP


def _periode_lepas(**kw) -> PeriodeSurvei:
    """An unsaved period: validasi_responden reads only its dates and elements."""
    hari = datetime.date(2025, 3, 15)
    return PeriodeSurvei(
        tahun=2025,
        semester=1,
        mulai=hari - datetime.timedelta(days=60),
        selesai=hari + datetime.timedelta(days=100),
        unsur=unsur_bawaan(),
        **kw,
    )


def _galat(fungsi, *args, **kw) -> dict:
    with pytest.raises(ValidationError) as info:
        fungsi(*args, **kw)
    return {k: " ".join(v) for k, v in info.value.message_dict.items()}


# ---------------------------------------------------------------- validasi_responden


def test_isian_kertas_dan_excel_dikenali():
    periode = _periode_lepas()
    data = {
        "jenis_kelamin": "Laki-laki",
        "usia": 52.0,  # openpyxl may give floats
        "pendidikan": "D3",
        "pekerjaan": "pns",
        "waktu": datetime.date(2025, 3, 14),
        **{f"U{i}": i % 4 + 1 for i in range(1, 10)},
        "saran": "  Perlu kursi tunggu tambahan.  ",
    }
    bersih = validasi_responden(periode, data)
    assert bersih["jenis_kelamin"] == "L"
    assert bersih["usia"] == 52
    assert bersih["pendidikan"] == "D1-D4"
    assert bersih["pekerjaan"] == "PNS"
    assert timezone.localtime(bersih["waktu"]).date() == datetime.date(2025, 3, 14)
    assert [bersih[f"u{i}"] for i in range(1, 10)] == [2, 3, 4, 1, 2, 3, 4, 1, 2]
    assert bersih["saran"] == "Perlu kursi tunggu tambahan."


def test_galat_per_isian_dalam_bahasa_indonesia():
    periode = _periode_lepas()
    data = {"jenis_kelamin": "X", "usia": "5", "u1": "0", "u2": 2.5, "waktu": "kemarin"}
    galat = _galat(validasi_responden, periode, data)
    assert galat["jenis_kelamin"] == "Pilih jenis kelamin: laki-laki atau perempuan."
    assert galat["usia"] == "Usia harus antara 10 dan 120 tahun."
    assert galat["pendidikan"] == "Pilih pendidikan terakhir."
    assert galat["pekerjaan"] == "Pilih pekerjaan."
    assert galat["waktu"].startswith("Tanggal dan jam tidak dikenali")
    assert galat["u1"] == "Jawaban Persyaratan harus salah satu dari 1, 2, 3 atau 4."
    assert "u2" in galat
    assert galat["u9"] == "Pertanyaan Sarana dan Prasarana belum dijawab."


def test_tanggal_kertas_di_luar_periode_ditolak():
    periode = _periode_lepas()
    galat = _galat(validasi_responden, periode, jawaban(waktu="2024-12-31"))
    assert galat == {
        "waktu": "Tanggal 31 Desember 2024 di luar periode survei (14 Januari 2025–23 Juni 2025)."
    }


def test_saran_terlalu_panjang():
    galat = _galat(validasi_responden, _periode_lepas(), jawaban(saran="a" * 2001))
    assert galat == {"saran": "Saran paling banyak 2000 karakter."}


def _bulat_1_4(teks: str) -> bool:
    return teks.isascii() and teks.isdigit() and 1 <= int(teks) <= 4


VALID = st.integers(min_value=1, max_value=4)
TIDAK_SAH = st.one_of(
    st.integers().filter(lambda n: not 1 <= n <= 4),
    st.floats(allow_nan=True).filter(lambda f: not (f == f and f.is_integer() and 1 <= f <= 4)),
    st.text().filter(lambda t: t.strip() and not _bulat_1_4(t.strip())),
    st.booleans(),
    st.just([3]),
)


@settings(max_examples=80, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(nilai=st.lists(VALID, min_size=9, max_size=9), huruf_besar=st.booleans())
def test_properti_setiap_kombinasi_sah_diterima(nilai, huruf_besar):
    kunci = "U" if huruf_besar else "u"
    data = {**jawaban(), **{f"u{i}": None for i in range(1, 10)}}
    data.update({f"{kunci}{i}": n for i, n in enumerate(nilai, start=1)})
    bersih = validasi_responden(_periode_lepas(), data)
    assert [bersih[f"u{i}"] for i in range(1, 10)] == nilai


@settings(max_examples=150)
@given(
    nilai=st.lists(VALID, min_size=9, max_size=9),
    posisi=st.integers(min_value=0, max_value=8),
    salah=TIDAK_SAH,
)
def test_properti_jawaban_di_luar_1_4_atau_bukan_bulat_ditolak(nilai, posisi, salah):
    data = jawaban(nilai)
    data[f"u{posisi + 1}"] = salah
    galat = _galat(validasi_responden, _periode_lepas(), data)
    assert list(galat) == [f"u{posisi + 1}"]


# ---------------------------------------------------------------- catat_responden


def test_staf_mengetik_kuesioner_kertas_setelah_periode_ditutup(persona):
    a = persona.a
    layanan = buat_layanan(a)
    periode = buat_periode(a, status=DITUTUP)
    hari = periode.mulai + datetime.timedelta(days=2)

    r = catat_responden(
        periode=periode,
        layanan=layanan,
        data=jawaban(waktu=hari),
        sumber=Responden.Sumber.KERTAS,
        aktor=a.staf,
    )

    assert r.pk and r.sumber == "kertas" and r.dicatat_oleh == a.staf
    assert timezone.localtime(r.waktu).date() == hari
    catatan = CatatanAudit.objects.get(object_id=str(r.pk))
    assert catatan.aktor == a.staf and catatan.aksi == CatatanAudit.Aksi.TAMBAH
    assert catatan.perubahan["u1"] == [None, 4]


@pytest.mark.parametrize(
    ("status", "sumber", "boleh"),
    [
        ("dibuka", "daring", True),
        ("ditutup", "daring", False),
        ("draf", "daring", False),
        ("ditandatangani", "daring", False),
        ("dibuka", "kertas", True),
        ("ditutup", "impor", True),
        ("draf", "kertas", False),
        ("ditandatangani", "impor", False),
    ],
)
def test_status_periode_menentukan_sumber_yang_diterima(persona, status, sumber, boleh):
    a = persona.a
    layanan, periode = buat_layanan(a), buat_periode(a, status=status)
    kw = {"periode": periode, "layanan": layanan, "data": jawaban(), "sumber": sumber}
    if boleh:
        assert catat_responden(aktor=a.staf, **kw).pk
    else:
        assert "periode" in _galat(catat_responden, aktor=a.staf, **kw)
        assert not Responden.objects.exists()


def test_layanan_harus_milik_instansi_periode_dan_aktif(persona):
    periode = buat_periode(persona.a)
    milik_b = buat_layanan(persona.b)
    nonaktif = buat_layanan(persona.a, slug="lama", aktif=False)
    kw = {"periode": periode, "data": jawaban(), "sumber": "daring"}
    assert _galat(catat_responden, layanan=milik_b, **kw) == {
        "layanan": "Layanan ini bukan layanan instansi penyelenggara survei."
    }
    assert _galat(catat_responden, layanan=nonaktif, **kw) == {
        "layanan": "Layanan ini tidak aktif lagi."
    }
    assert not Responden.objects.exists()
    assert not CatatanAudit.objects.filter(aksi="tambah", object_repr__startswith="Resp").exists()


def test_token_sama_mengembalikan_kuesioner_yang_sudah_ada(persona):
    a = persona.a
    layanan, periode = buat_layanan(a), buat_periode(a)
    token = uuid.uuid4()
    kw = {"periode": periode, "layanan": layanan, "sumber": "daring", "token": token}

    pertama = catat_responden(data=jawaban(), sidik="abc", **kw)
    kedua = catat_responden(data=jawaban((1,) * 9), **kw)  # str form of the same token works too
    ketiga = catat_responden(data=jawaban(), **{**kw, "token": str(token)})

    assert pertama.pk == kedua.pk == ketiga.pk
    assert Responden.objects.count() == 1
    assert Responden.objects.get().u1 == 4  # the first send wins
    assert CatatanAudit.objects.filter(object_id=str(pertama.pk)).count() == 1


def test_token_rusak_ditolak(persona):
    a = persona.a
    galat = _galat(
        catat_responden,
        periode=buat_periode(a),
        layanan=buat_layanan(a),
        data=jawaban(),
        sumber="daring",
        token="bukan-uuid",
    )
    assert galat == {"token": "Formulir tidak dikenali; muat ulang halaman."}


def test_periode_ditutup_di_tengah_jalan_tidak_menerima(persona):
    """The form was read while open; the Kasubag closes the period before it is sent."""
    a = persona.a
    layanan, periode = buat_layanan(a), buat_periode(a)
    PeriodeSurvei.objects.filter(pk=periode.pk).update(status=DITUTUP)
    galat = _galat(
        catat_responden, periode=periode, layanan=layanan, data=jawaban(), sumber="daring"
    )
    assert galat == {"periode": "Survei daring periode ini tidak sedang dibuka."}
    assert not Responden.objects.exists()


def test_dua_kiriman_bersamaan_satu_tersimpan(persona, monkeypatch):
    """The other send stores the same token between our check and our insert."""
    from sakip.ikm import responden as modul

    a = persona.a
    layanan, periode = buat_layanan(a), buat_periode(a)
    token = uuid.uuid4()
    asli = modul.validasi_responden

    def validasi_lalu_disalip(*args, **kw):
        bersih = asli(*args, **kw)
        Responden.objects.create(
            periode=periode, layanan=layanan, token=token, **{**bersih, "waktu": timezone.now()}
        )
        return bersih

    monkeypatch.setattr(modul, "validasi_responden", validasi_lalu_disalip)
    r = catat_responden(
        periode=periode, layanan=layanan, data=jawaban(), sumber="daring", token=token
    )
    assert Responden.objects.get().pk == r.pk
