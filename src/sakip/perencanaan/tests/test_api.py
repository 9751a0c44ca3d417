"""The planning API: reads through the access path, writes through the services."""

import datetime

from sakip.akun.services import buat_token
from sakip.perencanaan import services
from sakip.perencanaan.models import (
    DokumenAnggaran,
    Indikator,
    Renstra,
    Tujuan,
)


def _auth(pegawai):
    _t, token = buat_token(aktor=pegawai, nama="uji")
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_renstra_target_dan_pk_lewat_api(persona, client):
    a = persona.a
    r = Renstra.objects.create(instansi=a.instansi, tahun_awal=2021, tahun_akhir=2026)
    t = Tujuan.objects.create(renstra=r, kode="T1", uraian="Pelayanan")
    i = Indikator.objects.create(renstra=r, tujuan=t, kode="I1", nama="IKM", satuan="nilai")
    auth = _auth(a.kasubag)
    detail = client.get(f"/api/renstra/{r.pk}", **auth).json()
    assert detail["indikator"][0]["kode"] == "I1"
    r2 = client.put(
        f"/api/indikator/{i.pk}/target",
        {"target": [{"tahun": 2025, "target": "82"}, {"tahun": 2030, "target": "85"}]},
        "application/json",
        **auth,
    )
    assert r2.status_code == 422 and "di luar periode" in r2.json()["pesan"][0]
    assert not i.target.exists()  # all or nothing
    r2 = client.put(
        f"/api/indikator/{i.pk}/target",
        {"target": [{"tahun": 2025, "target": "82"}]},
        "application/json",
        **auth,
    )
    assert r2.status_code == 200 and r2.json()["target"][0]["target"] == "82.0000"

    pk = services.buat_pk(aktor=a.kasubag, jabatan=a.j_camat, tahun=2026)
    r3 = client.post(
        f"/api/pk/{pk.pk}/sasaran",
        {
            "uraian": "Pelayanan prima",
            "indikator": [{"nama": "IKM", "satuan": "nilai", "target": "83"}],
        },
        "application/json",
        **auth,
    )
    assert r3.status_code == 201 and r3.json()["sasaran"][0]["indikator"][0]["target"] == "83.0000"
    r4 = client.post(
        f"/api/pk/{pk.pk}/tandatangani", {"tanggal": "2026-01-10"}, "application/json", **auth
    )
    assert r4.status_code == 409 and "DPA tahun 2026 belum disahkan" in r4.json()["detail"]
    DokumenAnggaran.objects.create(
        instansi=a.instansi,
        renstra=r,
        jenis="dpa",
        tahun=2026,
        tanggal_pengesahan=datetime.date(2025, 12, 30),
    )
    r4 = client.post(
        f"/api/pk/{pk.pk}/tandatangani", {"tanggal": "2026-01-10"}, "application/json", **auth
    )
    assert r4.status_code == 200 and r4.json()["pk"]["status"] == "ditandatangani"
    r5 = client.post(f"/api/pk/{pk.pk}/sasaran", {"uraian": "x"}, "application/json", **auth)
    assert r5.status_code == 409
    kaskade = client.get(f"/api/pk/{pk.pk}/kaskade", **auth).json()
    assert kaskade[0]["jenis"] == "belum_ada_bawahan"


def test_evaluator_membaca_tetapi_tidak_menulis(persona, client):
    a = persona.a
    r = Renstra.objects.create(instansi=a.instansi, tahun_awal=2021, tahun_akhir=2026)
    t = Tujuan.objects.create(renstra=r, kode="T1", uraian="Pelayanan")
    i = Indikator.objects.create(renstra=r, tujuan=t, kode="I1", nama="IKM", satuan="nilai")
    auth = _auth(persona.evaluator)
    assert client.get(f"/api/renstra/{r.pk}", **auth).status_code == 200
    r2 = client.put(
        f"/api/indikator/{i.pk}/target",
        {"target": [{"tahun": 2025, "target": "1"}]},
        "application/json",
        **auth,
    )
    assert r2.status_code == 403
    assert client.get(f"/api/renstra/{r.pk}", **_auth(persona.evaluator_lain)).status_code == 404
