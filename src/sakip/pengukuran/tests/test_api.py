"""The measurement API: enter, review, read capaian with its formula — same access path."""

from sakip.akun.services import buat_token
from sakip.pengukuran.models import Realisasi
from sakip.perencanaan.models import Indikator
from sakip.perencanaan.tests import bangun


def _auth(pegawai):
    _t, token = buat_token(aktor=pegawai, nama="uji")
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_isi_periksa_dan_capaian(persona, client):
    a = persona.a
    bangun.renstra(a)
    ikm = Indikator.objects.get(renstra__instansi=a.instansi, kode="IT1")  # Camat responsible
    body = {"tahun": 2025, "bulan": 3, "indikator_id": ikm.pk, "nilai": "82.4", "ajukan": True}
    r = client.post("/api/realisasi", body, "application/json", **_auth(a.staf))
    assert r.status_code == 403 and "penanggung jawab" in r.json()["detail"]
    r = client.post("/api/realisasi", body, "application/json", **_auth(a.camat))
    assert r.status_code == 200 and r.json()["status"] == "diajukan"
    rid = r.json()["id"]
    r = client.post(
        f"/api/realisasi/{rid}/periksa", {"setuju": False}, "application/json", **_auth(a.kasubag)
    )
    assert r.status_code == 422 and "catatan" in r.json()["detail"]
    r = client.post(
        f"/api/realisasi/{rid}/periksa", {"setuju": True}, "application/json", **_auth(a.kasubag)
    )
    assert r.json()["status"] == "disetujui"
    cap = client.get(
        f"/api/instansi/{a.instansi.pk}/capaian?tahun=2025&sampai_bulan=3", **_auth(a.staf)
    ).json()
    baris = next(b for b in cap if b["kode"] == "IT1")
    assert baris["realisasi"] == "82.4000" and baris["target"] == "84"
    assert baris["rumus"].startswith("82,40 / 84 × 100")
    assert baris["kategori"] == "Sangat Baik"
    body["indikator_pk_id"] = 1
    r = client.post("/api/realisasi", body, "application/json", **_auth(a.camat))
    assert r.status_code == 422  # exactly one indicator


def test_instansi_lain_404_dan_evaluator_membaca(persona, client):
    a = persona.a
    bangun.renstra(a)
    ikm = Indikator.objects.get(renstra__instansi=a.instansi, kode="IT1")
    body = {"tahun": 2025, "bulan": 3, "indikator_id": ikm.pk, "nilai": "80"}
    assert (
        client.post(
            "/api/realisasi", body, "application/json", **_auth(persona.b.camat)
        ).status_code
        == 404
    )
    assert not Realisasi.objects.exists()
    assert (
        client.get(
            f"/api/instansi/{a.instansi.pk}/capaian?tahun=2025", **_auth(persona.evaluator)
        ).status_code
        == 200
    )
    r = client.post("/api/realisasi", body, "application/json", **_auth(persona.evaluator))
    assert r.status_code == 403
