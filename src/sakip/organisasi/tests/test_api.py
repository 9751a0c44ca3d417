"""The JSON API: same access path, paginated lists with bounded queries, OpenAPI docs."""

from sakip import testing
from sakip.organisasi.models import Jabatan


def test_openapi_memuat_rute_organisasi(client, db):
    skema = client.get("/api/openapi.json").json()
    for rute in (
        "/api/instansi",
        "/api/instansi/{instansi_id}",
        "/api/pegawai",
        "/api/jabatan/{jabatan_id}",
    ):
        assert rute in skema["paths"], rute
    assert client.get("/api/docs").status_code == 200


def test_daftar_pegawai_terbatas_pada_instansi(persona, masuk):
    data = masuk(persona.a.staf).get("/api/pegawai").json()
    nama = {p["nama"] for p in data["items"]}
    assert nama == {"Camat Alpha", "Sekcam Alpha", "Kasubag Alpha", "Staf Alpha"}
    assert data["count"] == 4


def test_evaluator_membaca_semua_instansi_pemdanya_saja(persona, masuk):
    data = masuk(persona.evaluator).get("/api/instansi").json()
    assert {i["nama"] for i in data["items"]} == {"Kecamatan Alpha", "Kecamatan Beta"}
    data = masuk(persona.evaluator_lain).get("/api/instansi").json()
    assert data["items"] == []


def test_jabatan_dengan_pemangku(persona, masuk):
    data = masuk(persona.a.staf).get(f"/api/instansi/{persona.a.instansi.pk}/jabatan").json()
    camat = next(j for j in data if j["nama"] == "Camat")
    assert camat["pemangku"] == [
        {"pegawai_id": persona.a.camat.pk, "nama": "Camat Alpha", "status": "definitif"}
    ]
    assert camat["peran"] == "kepala" and camat["atasan_id"] is None


def test_daftar_api_jumlah_query_tetap(persona, masuk, django_assert_max_num_queries):
    c = masuk(persona.a.staf)
    for n in range(25):
        j = Jabatan.objects.create(
            instansi=persona.a.instansi, nama=f"J{n}", atasan=persona.a.j_camat
        )
        testing.buat_pegawai(f"api{n}.a", instansi=persona.a.instansi, jabatan=j)
    with django_assert_max_num_queries(6):
        r = c.get("/api/pegawai?limit=100")
    assert r.json()["count"] == 29
    with django_assert_max_num_queries(8):
        r = c.get(f"/api/instansi/{persona.a.instansi.pk}/jabatan")
    assert len(r.json()) == 29


def test_api_404_berbahasa_indonesia(persona, masuk):
    r = masuk(persona.a.staf).get(f"/api/pegawai/{persona.b.staf.pk}")
    assert r.status_code == 404 and r.json() == {"detail": "Data tidak ditemukan."}
