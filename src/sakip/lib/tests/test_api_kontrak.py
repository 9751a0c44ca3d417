"""The API keeps its contract: schemathesis fuzzes every operation of /api/openapi.json.

Each operation gets a bounded, reproducible run (fixed examples, derandomized): valid
and invalid inputs (`positive` and `negative` generation) sent in-process, as Kecamatan
Alpha's Kasubag with a personal token, over a persona world with one adopted SOP, one
run and its task. Every answer must be: no 5xx, a status code the schema documents, a
body matching the documented schema for that code (errors: `Galat`, in Indonesian).

A second, deeper run sends the write operations as Alpha's Camat (who may write) over a
world with real ids (a Renstra with sasaran and indicators, a DPA, a PK, a realisation,
an SOP run, a draft letter): most path and body ids are swapped for real ones, so the
requests reach the services and the database, where a too-big year, Decimal or string
once answered 500 (PostgreSQL's integer/numeric overflow, varchar length).

The failures it once found each have a test below named after the input.
The counts (operations, cases) reach the CI log through the `ringkasan` fixture
(src/sakip/conftest.py prints them in the terminal summary, under xdist too).
"""

from __future__ import annotations

import pytest
import schemathesis
from django.test.client import ClientHandler
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from sakip.akun.services import buat_token
from sakip.api import api
from sakip.organisasi.models import PemetaanPelaksana
from sakip.pengukuran.models import Realisasi
from sakip.perencanaan.models import IndikatorPK
from sakip.perencanaan.tests import bangun
from sakip.sop import services
from sakip.sop.models import Pelaksanaan, SopInstansi
from sakip.surat import services as surat

CONTOH_PER_OPERASI = 25
CONTOH_PER_TULIS = 15  # the deep run: write operations only, each reaching the database
PERIKSA = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]

_penangan = ClientHandler(enforce_csrf_checks=False)


def aplikasi(environ, start_response):
    """Django as a WSGI app the way its test client runs it.

    Django's own WSGIHandler closes the connection after each request, which would end
    the test's transaction; the test client's handler does not.
    """
    response = _penangan(environ)
    kepala = list(response.items())
    kepala += [("Set-Cookie", c.output(header="").strip()) for c in response.cookies.values()]
    start_response(f"{response.status_code} {response.reason_phrase}", kepala)
    return response


schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.app = aplikasi


@pytest.fixture
def dunia(persona):
    """A token for Alpha's Kasubag, an adopted SOP, a run and its first task."""
    a = persona.a
    PemetaanPelaksana.objects.create(
        instansi=a.instansi, nama_pelaksana="Kasubag Umum", jabatan=a.j_kasubag
    )
    sop = services.adopsi(aktor=a.camat, instansi=a.instansi, kode="000-laporan-bulanan")
    services.mulai(aktor=a.kasubag, sop=sop, judul="Laporan Bulanan Uji")
    _t, token = buat_token(aktor=a.kasubag, nama="fuzz")
    return {"Authorization": f"Bearer {token}", "Host": "testserver"}


# Every operation by its label ("GET /api/pegawai"). Parametrized here rather than with
# `schema.parametrize()`: under pytest 9 the latter gives all its tests one node id, and
# pytest-xdist (`make test` runs -n auto) would then run only one operation.
OPERASI = {op.ok().label: op.ok() for op in schema.get_all_operations()}


def _kasus_dari(operasi) -> st.SearchStrategy:
    """Valid and invalid requests (wrong types, out-of-range numbers, missing fields)."""
    return st.one_of(
        operasi.as_strategy(generation_mode=GenerationMode.POSITIVE),
        operasi.as_strategy(generation_mode=GenerationMode.NEGATIVE),
    )


def _pengaturan(contoh: int):
    return settings(
        max_examples=contoh,
        derandomize=True,  # the same cases on every run and machine
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],  # no shrinking: the failing case is printed
        suppress_health_check=list(HealthCheck),
    )


@pytest.mark.parametrize("label", list(OPERASI))
def test_api_menepati_skema(label, dunia, ringkasan):
    operasi = OPERASI[label]
    kasus = 0

    @_pengaturan(CONTOH_PER_OPERASI)
    @given(case=_kasus_dari(operasi))
    def periksa(case):
        nonlocal kasus
        kasus += 1
        response = case.call(headers=dunia)
        case.validate_response(response, checks=PERIKSA)

    periksa()
    ringkasan("fuzz API (Kasubag Alpha)", operasi=1, kasus=kasus)


# ---------------------------------------------------------------- the deep run: writes

TULIS = [label for label, op in OPERASI.items() if op.method.upper() != "GET"]


@pytest.fixture
def dunia_tulis(persona):
    """Alpha's Camat's token and the ids of real rows the write operations can name."""
    a = persona.a
    r = bangun.renstra(a)
    bangun.iku(r, a)
    bangun.dokumen(a, r, "dpa")
    pk = bangun.pk(a, r)
    # The Camat holds the SOP's first step, so the task operations reach the engine.
    PemetaanPelaksana.objects.create(
        instansi=a.instansi, nama_pelaksana="Kasubag Umum", jabatan=a.j_camat
    )
    sop = services.adopsi(aktor=a.camat, instansi=a.instansi, kode="000-laporan-bulanan")
    run = services.mulai(aktor=a.camat, sop=sop, judul="Laporan Bulanan Uji")
    indikator = r.indikator.order_by("pk").first()
    realisasi = Realisasi.objects.create(
        instansi=a.instansi,
        tahun=2025,
        bulan=1,
        indikator=indikator,
        nilai=1,
        status=Realisasi.Status.DIAJUKAN,
    )
    draf = surat.naskah_keluar(
        aktor=a.staf, instansi=a.instansi, perihal="Surat uji", kode_klasifikasi="000.1.5"
    )
    _t, token = buat_token(aktor=a.camat, nama="fuzz-tulis")
    ids = {
        "tugas_id": run.tugas.order_by("pk").first().pk,
        "sop_id": sop.pk,
        "indikator_id": indikator.pk,
        "pk_id": pk.pk,
        "realisasi_id": realisasi.pk,
        "surat_id": draf.pk,
        "indikator_pk_id": IndikatorPK.objects.filter(sasaran__pk_dokumen=pk).first().pk,
        "sasaran_renstra_id": r.sasaran.order_by("pk").first().pk,
        "indikator_renstra_id": indikator.pk,
    }
    return {"Authorization": f"Bearer {token}", "Host": "testserver"}, ids


def _id_nyata(ids: dict, label: str) -> dict:
    """Which real id each name means in this operation (a rencana-aksi row names a PK
    indicator by `indikator_id`)."""
    if "rencana-aksi" in label:
        return {**ids, "indikator_id": ids["indikator_pk_id"]}
    return ids


def _tanam(nilai, ids: dict, pilih):
    """`nilai` with ids (ints under a known name) swapped for real ones where `pilih()`."""
    if isinstance(nilai, list):
        return [_tanam(v, ids, pilih) for v in nilai]
    if not isinstance(nilai, dict):
        return nilai
    hasil = {}
    for k, v in nilai.items():
        if k in ids and isinstance(v, int) and not isinstance(v, bool) and pilih():
            v = ids[k]
        elif k in ids and isinstance(v, list) and pilih():
            v = [ids[k] if isinstance(x, int) and not isinstance(x, bool) else x for x in v]
        hasil[k] = _tanam(v, ids, pilih)
    return hasil


@pytest.mark.parametrize("label", TULIS)
def test_api_menepati_skema_sampai_basis_data(label, dunia_tulis, ringkasan):
    kepala, ids = dunia_tulis
    ids = _id_nyata(ids, label)
    operasi = OPERASI[label]
    kasus = berhasil = 0

    @_pengaturan(CONTOH_PER_TULIS)
    @given(case=_kasus_dari(operasi), data=st.data())
    def periksa(case, data):
        nonlocal kasus, berhasil
        kasus += 1

        def pilih() -> bool:  # mostly a real id: the point is to get past the lookup
            return data.draw(st.integers(0, 3), label="id nyata") > 0

        for nama in list(case.path_parameters or {}):
            if nama in ids and pilih():
                case.path_parameters[nama] = ids[nama]
        case.body = _tanam(case.body, ids, pilih)
        response = case.call(headers=kepala)
        case.validate_response(response, checks=PERIKSA)
        if response.status_code < 300:
            berhasil += 1  # reached the service and was saved: the run goes deep

    periksa()
    ringkasan(
        "fuzz API sampai basis data (Camat Alpha)", operasi=1, kasus=kasus, berhasil_2xx=berhasil
    )


# ---------------------------------------------------------------- the failures it found

BESAR = "99999999999999999999"  # beyond bigint (2^63 - 1)


def _daftar() -> list[str]:
    """The path of every list endpoint (those with `limit`)."""
    return [op.path for op in OPERASI.values() if any(p.name == "limit" for p in op.query)]


def _galat_indonesia(r, status: int) -> dict:
    assert r.status_code == status, (r.status_code, r.content)
    body = r.json()
    assert isinstance(body["detail"], str) and isinstance(body.get("pesan", []), list)
    return body


def test_limit_99999999999999999999_dijawab_422(dunia, client):
    daftar = _daftar()
    assert len(daftar) >= 14
    for path in daftar:
        r = client.get(path, {"limit": BESAR}, HTTP_AUTHORIZATION=dunia["Authorization"])
        body = _galat_indonesia(r, 422)
        assert "limit: paling besar 500" in body["detail"], path


def test_offset_melebihi_bigint_dijawab_422(dunia, client):
    for path in _daftar():
        for offset in (BESAR, str(2**63), "1000000001", "-1"):
            r = client.get(path, {"offset": offset}, HTTP_AUTHORIZATION=dunia["Authorization"])
            assert "offset: paling" in _galat_indonesia(r, 422)["detail"], (path, offset)
    r = client.get("/api/pegawai", {"offset": 10**9}, HTTP_AUTHORIZATION=dunia["Authorization"])
    assert r.status_code == 200 and r.json()["items"] == []  # the bound itself is fine


def test_instansi_id_melebihi_bigint_dijawab_422(dunia, client):
    # Found by the fuzzer: a foreign-key filter `instansi_id=-11108059085061816320`
    # overflowed SQLite (500); Django checks the range of plain integer lookups only.
    dengan = [
        op.path
        for op in OPERASI.values()
        if op.method.upper() == "GET" and any(p.name == "instansi_id" for p in op.query)
    ]
    assert len(dengan) >= 10
    for path in dengan:
        r = client.get(
            path, {"instansi_id": "-" + BESAR}, HTTP_AUTHORIZATION=dunia["Authorization"]
        )
        assert "instansi_id: paling kecil 1" in _galat_indonesia(r, 422)["detail"], path


@pytest.mark.parametrize("path", ["/api/pegawai", "/api/surat"])
def test_q_dengan_nul_dijawab_422(dunia, client, path):
    r = client.get(path, {"q": "Uji\x00"}, HTTP_AUTHORIZATION=dunia["Authorization"])
    assert "karakter kendali" in _galat_indonesia(r, 422)["detail"]


def test_judul_sop_uji_cr_bcc_ditolak_tanpa_pelaksanaan(dunia, client):
    sop = SopInstansi.objects.get(kode="000-laporan-bulanan")
    sebelum = Pelaksanaan.objects.count()
    for judul in ("Uji\rBcc: x@evil", "Uji\nBcc: x@evil", "Uji\x00"):
        r = client.post(
            f"/api/sop/{sop.pk}/mulai",
            {"judul": judul},
            "application/json",
            HTTP_AUTHORIZATION=dunia["Authorization"],
        )
        body = _galat_indonesia(r, 422)
        assert "judul" in body["detail"] or "kendali" in body["detail"], body
    assert Pelaksanaan.objects.count() == sebelum  # refused before anything was saved


def test_realisasi_id_melebihi_bigint_dijawab_422(dunia, client):
    # Found by the fuzzer: `pk__in=[-11108059085061816320]` overflowed SQLite (500).
    r = client.post(
        "/api/realisasi/menunggu",
        {"realisasi_id": [1, -11108059085061816320], "setuju": True},
        "application/json",
        HTTP_AUTHORIZATION=dunia["Authorization"],
    )
    assert "realisasi_id.1: paling kecil 1" in _galat_indonesia(r, 422)["pesan"]


def test_json_rusak_dijawab_400_indonesia(dunia, client):
    r = client.post(
        "/api/realisasi",
        "{bukan json",
        "application/json",
        HTTP_AUTHORIZATION=dunia["Authorization"],
    )
    assert _galat_indonesia(r, 400)["detail"] == "Isi permintaan bukan JSON yang sah."


def test_galat_validasi_berbentuk_galat_dan_berbahasa_indonesia(dunia, client):
    r = client.post(
        "/api/realisasi",
        {"tahun": "dua ribu", "bulan": 13},
        "application/json",
        HTTP_AUTHORIZATION=dunia["Authorization"],
    )
    body = _galat_indonesia(r, 422)
    assert "tahun: harus bilangan bulat" in body["pesan"]


def test_tanpa_token_dijawab_401_indonesia(client):
    body = _galat_indonesia(client.get("/api/instansi"), 401)
    assert body["detail"].startswith("Autentikasi diperlukan")


def test_skema_mendokumentasikan_galat_di_setiap_operasi():
    for label, op in OPERASI.items():
        kode = {str(k) for k in op.definition.raw["responses"]}
        assert "401" in kode, label
        if op.path_parameters:
            assert "404" in kode, label
        if op.body or op.query or op.path_parameters:
            assert "422" in kode, label


def test_ringkasan_fuzz():
    """Every operation is fuzzed, the writes twice (the counts: the terminal summary)."""
    assert len(OPERASI) >= 40
    assert len(TULIS) >= 13


# ---------------------------------------------------------------- found by the deep run
# As the Camat, with real ids: these reached the database before the schemas were bounded
# (PostgreSQL: integer out of range, numeric field overflow, value too long for varchar).


def _kirim(client, kepala, metode: str, path: str, isi) -> dict:
    r = getattr(client, metode)(
        path, isi, "application/json", HTTP_AUTHORIZATION=kepala["Authorization"]
    )
    return _galat_indonesia(r, 422)


def _realisasi(ids, **ubah) -> dict:
    return {"tahun": 2025, "bulan": 2, "indikator_id": ids["indikator_id"], **ubah}


def test_tahun_99999999999_dijawab_422(dunia_tulis, client):
    kepala, ids = dunia_tulis
    body = _kirim(client, kepala, "post", "/api/realisasi", _realisasi(ids, tahun=99999999999))
    assert "tahun: paling besar 2100" in body["pesan"]
    body = _kirim(
        client,
        kepala,
        "put",
        f"/api/indikator/{ids['indikator_id']}/target",
        {"target": [{"tahun": 99999999999, "target": "1"}]},
    )
    assert "target.0.tahun: paling besar 2100" in body["pesan"]
    r = client.get("/api/pk", {"tahun": 99999999999}, HTTP_AUTHORIZATION=kepala["Authorization"])
    assert "tahun: paling besar 2100" in _galat_indonesia(r, 422)["detail"]


@pytest.mark.parametrize("bulan", [13, 0, 2**31])
def test_bulan_13_0_dan_2_pangkat_31_dijawab_422(dunia_tulis, client, bulan):
    kepala, ids = dunia_tulis
    body = _kirim(client, kepala, "post", "/api/realisasi", _realisasi(ids, bulan=bulan))
    assert any(p.startswith("bulan: paling") for p in body["pesan"]), body
    body = _kirim(
        client,
        kepala,
        "put",
        f"/api/pk/{ids['pk_id']}/rencana-aksi",
        [{"indikator_id": ids["indikator_pk_id"], "jenis_periode": "bulan", "periode": bulan}],
    )
    assert any(p.startswith("0.periode: paling") for p in body["pesan"]), body


def test_nilai_1e30_dan_empat_lebih_desimal_dijawab_422(dunia_tulis, client):
    kepala, ids = dunia_tulis
    sebelum = Realisasi.objects.count()
    body = _kirim(client, kepala, "post", "/api/realisasi", _realisasi(ids, nilai="1e30"))
    assert "nilai: paling banyak 20 digit" in body["pesan"], body
    body = _kirim(client, kepala, "post", "/api/realisasi", _realisasi(ids, nilai="1.123456"))
    assert "nilai: paling banyak 4 angka di belakang koma" in body["pesan"], body
    body = _kirim(
        client,
        kepala,
        "put",
        f"/api/pk/{ids['pk_id']}/rencana-aksi",
        [{"indikator_id": ids["indikator_pk_id"], "periode": 1, "anggaran": 10**20}],
    )
    assert "0.anggaran: paling banyak 18 digit" in body["pesan"], body
    assert Realisasi.objects.count() == sebelum


def test_satuan_51_karakter_dan_nama_501_karakter_dijawab_422(dunia_tulis, client):
    kepala, ids = dunia_tulis
    indikator = {"nama": "n" * 501, "satuan": "s" * 51}
    body = _kirim(
        client,
        kepala,
        "post",
        f"/api/pk/{ids['pk_id']}/sasaran",
        {"uraian": "Sasaran uji", "indikator": [indikator]},
    )
    assert "indikator.0.nama: paling panjang 500 karakter" in body["pesan"]
    assert "indikator.0.satuan: paling panjang 50 karakter" in body["pesan"]
    body = _kirim(client, kepala, "post", "/api/realisasi", _realisasi(ids, nilai_skala="x" * 51))
    assert "nilai_skala: paling panjang 50 karakter" in body["pesan"]


def test_catatan_sepuluh_ribu_satu_karakter_dijawab_422(dunia_tulis, client):
    kepala, ids = dunia_tulis
    body = _kirim(
        client, kepala, "post", f"/api/tugas/{ids['tugas_id']}/selesai", {"catatan": "c" * 10_001}
    )
    assert "catatan: paling panjang 10000 karakter" in body["pesan"]


def test_realisasi_sah_sebagai_camat_tersimpan(dunia_tulis, client):
    """The bounds leave a normal value through (the deep run's 2xx are such cases)."""
    kepala, ids = dunia_tulis
    r = client.post(
        "/api/realisasi",
        _realisasi(ids, nilai="1234.5678"),
        "application/json",
        HTTP_AUTHORIZATION=kepala["Authorization"],
    )
    assert r.status_code == 200, r.content
    assert str(Realisasi.objects.get(pk=r.json()["id"]).nilai) == "1234.5678"
