"""Personal API tokens: shown once, stored hashed, scoped like the user, revocable."""

from sakip.akun.models import TokenAPI, hash_token
from sakip.akun.services import buat_token


def test_buat_token_ditampilkan_sekali_dan_disimpan_hash(persona, masuk):
    c = masuk(persona.a.kasubag)
    r = c.post("/akun/token/", {"nama": "Dasbor Bappeda"})
    isi = r.content.decode()
    token = TokenAPI.objects.get(pegawai=persona.a.kasubag)
    teks = isi.split('id="token-baru">')[1].split("<")[0]
    assert teks.startswith("sakip_") and token.hash == hash_token(teks)
    assert teks not in c.get("/akun/token/").content.decode()  # never shown again


def test_token_membuka_api_dengan_cakupan_pemiliknya(persona, client):
    _t, teks = buat_token(aktor=persona.a.kasubag, nama="uji")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {teks}"}
    r = client.get("/api/instansi", **auth)
    assert r.status_code == 200
    assert [i["nama"] for i in r.json()["items"]] == ["Kecamatan Alpha"]
    assert client.get(f"/api/instansi/{persona.b.instansi.pk}", **auth).status_code == 404
    assert client.get("/api/saya", **auth).json()["nama"] == persona.a.kasubag.nama


def test_token_dicabut_tidak_berlaku_dan_cabut_ulang_aman(persona, masuk, client):
    t, teks = buat_token(aktor=persona.a.kasubag, nama="uji")
    c = masuk(persona.a.kasubag)
    assert c.post(f"/akun/token/{t.pk}/cabut/").status_code == 302
    assert c.post(f"/akun/token/{t.pk}/cabut/").status_code == 302  # double click: harmless
    c.logout()
    r = client.get("/api/instansi", HTTP_AUTHORIZATION=f"Bearer {teks}")
    assert r.status_code == 401


def test_token_salah_ditolak(persona, client):
    assert client.get("/api/instansi", HTTP_AUTHORIZATION="Bearer sakip_ngawur").status_code == 401
