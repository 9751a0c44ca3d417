"""The SOP API: the inbox and task actions through the same services and access path."""

from sakip.akun.services import buat_token
from sakip.sop import engine


def test_kotak_tugas_dan_aksi_lewat_api(
    persona, laporan_bulanan, client, django_assert_max_num_queries
):
    a = persona.a
    p = engine.mulai(aktor=a.kasubag, sop=laporan_bulanan, judul="LB API")
    _t, token = buat_token(aktor=a.kasubag, nama="uji")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    for n in range(5):
        engine.mulai(aktor=a.kasubag, sop=laporan_bulanan, judul=f"LB {n}")
    with django_assert_max_num_queries(8):
        data = client.get("/api/tugas", **auth).json()
    assert data["count"] == 6
    tugas = next(t for t in data["items"] if t["judul"] == "LB API")
    assert tugas["langkah_no"] == 1 and tugas["perlu_keputusan"] is False
    r = client.post(
        f"/api/tugas/{tugas['id']}/selesai", {"catatan": "via API"}, "application/json", **auth
    )
    assert r.status_code == 200 and r.json()["status"] == "selesai"
    r = client.post(f"/api/tugas/{tugas['id']}/selesai", {}, "application/json", **auth)
    assert r.status_code == 409 and "sudah diselesaikan" in r.json()["detail"]
    detail = client.get(f"/api/pelaksanaan/{p.pk}", **auth).json()
    assert [e["jenis"] for e in detail["peristiwa"]] == ["mulai", "selesai"]
    # the Staf's next task is not the Kasubag's to complete
    ketik = p.tugas.get(status="terbuka")
    r = client.post(f"/api/tugas/{ketik.pk}/selesai", {}, "application/json", **auth)
    assert r.status_code == 409 and "bukan untuk Anda" in r.json()["detail"]


def test_api_mulai_sop(persona, laporan_bulanan, client):
    _t, token = buat_token(aktor=persona.a.kasubag, nama="uji")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    url = f"/api/sop/{laporan_bulanan.pk}/mulai"
    r = client.post(url, {"judul": "LB via API", "periode": "2026-10"}, "application/json", **auth)
    assert r.status_code == 201 and r.json()["sop_kode"] == "000-laporan-bulanan"
    r = client.post(url, {"judul": "  "}, "application/json", **auth)
    assert r.status_code == 409
    _t, token_b = buat_token(aktor=persona.b.camat, nama="uji")
    r = client.post(url, {"judul": "x"}, "application/json", HTTP_AUTHORIZATION=f"Bearer {token_b}")
    assert r.status_code == 404
