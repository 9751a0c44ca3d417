"""The API keeps its contract: schemathesis fuzzes every operation of /api/openapi.json.

Each operation gets a bounded, reproducible run (fixed examples, derandomized): valid
and invalid inputs (`positive` and `negative` generation) sent in-process, as Kecamatan
Alpha's Kasubag with a personal token, over a persona world with one adopted SOP, one
run and its task. Every answer must be: no 5xx, a status code the schema documents, a
body matching the documented schema for that code (errors: `Galat`, in Indonesian).

The failures it once found each have a test below named after the input.
The counts (operations, cases) are printed at the end so CI logs show them.
"""

from __future__ import annotations

import sys
from collections import Counter

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
from sakip.sop import services
from sakip.sop.models import Pelaksanaan, SopInstansi

CONTOH_PER_OPERASI = 25
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

_kasus: Counter[str] = Counter()


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


@pytest.mark.parametrize("label", list(OPERASI))
def test_api_menepati_skema(label, dunia):
    operasi = OPERASI[label]

    @settings(
        max_examples=CONTOH_PER_OPERASI,
        derandomize=True,  # the same cases on every run and machine
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],  # no shrinking: the failing case is printed
        suppress_health_check=list(HealthCheck),
    )
    @given(case=_kasus_dari(operasi))
    def periksa(case):
        _kasus[label] += 1
        response = case.call(headers=dunia)
        case.validate_response(response, checks=PERIKSA)

    periksa()


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


def test_ringkasan_fuzz(capsys):
    """Prints the counts; runs last in this module (pytest keeps file order)."""
    with capsys.disabled():
        sys.stderr.write(
            f"\n== fuzz API: {len(_kasus)} dari {len(OPERASI)} operasi, "
            f"{sum(_kasus.values())} kasus\n"
        )
    assert len(OPERASI) >= 40
