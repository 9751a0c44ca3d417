"""The Django admin for master data: scoped to the administrator's Pemda, saved by services."""

import pytest

from sakip.audit.models import CatatanAudit
from sakip.organisasi.models import Pegawai

MODELS = ["pemda", "instansi", "jabatan", "pelaksanatugas", "pemetaanpelaksana", "pegawai"]


@pytest.mark.parametrize("model", MODELS)
def test_halaman_admin_terbuka_untuk_admin_pemda(persona, masuk, model):
    c = masuk(persona.admin_pemda)
    daftar = c.get(f"/admin/organisasi/{model}/")
    assert daftar.status_code == 200
    assert "Kabupaten Lain" not in daftar.content.decode() or model == "pemda"
    tambah = c.get(f"/admin/organisasi/{model}/add/")
    assert tambah.status_code == (403 if model == "pemda" else 200)


def test_pilihan_instansi_di_formulir_hanya_pemda_sendiri(persona, masuk):
    isi = masuk(persona.admin_lain).get("/admin/organisasi/jabatan/add/").content.decode()
    assert "Kecamatan Alpha" not in isi


def test_admin_menambah_pegawai_dengan_sandi_lewat_layanan(persona, masuk, client):
    c = masuk(persona.admin_pemda)
    r = c.post(
        "/admin/organisasi/pegawai/add/",
        {
            "username": "staf.baru",
            "nip": "19900101 201501 2 003",
            "nama": "Staf Baru",
            "pemda": persona.pemda.pk,
            "instansi": persona.a.instansi.pk,
            "jabatan": persona.a.j_staf.pk,
            "peran": "pegawai",
            "is_active": "on",
            "sandi_baru": "Sandi-Awal-2026",
        },
    )
    assert r.status_code == 302, r.context["adminform"].form.errors if r.context else r
    p = Pegawai.objects.get(username="staf.baru")
    assert p.nip == "199001012015012003" and p.check_password("Sandi-Awal-2026")
    catatan = CatatanAudit.objects.get(object_id=str(p.pk), aksi="tambah")
    assert catatan.aktor == persona.admin_pemda and catatan.instansi_id == persona.a.instansi.pk
    c.logout()
    r = client.post("/akun/masuk/", {"identitas": "199001012015012003", "sandi": "Sandi-Awal-2026"})
    assert r.status_code == 302


def test_admin_menolak_nip_ganda_dengan_pesan(persona, masuk):
    r = masuk(persona.admin_pemda).post(
        "/admin/organisasi/pegawai/add/",
        {
            "username": "ganda",
            "nip": persona.b.camat.nip,
            "nama": "Ganda",
            "pemda": persona.pemda.pk,
            "instansi": persona.a.instansi.pk,
            "peran": "pegawai",
            "is_active": "on",
        },
    )
    assert r.status_code == 200
    assert "NIP ini sudah ada" in r.content.decode()
