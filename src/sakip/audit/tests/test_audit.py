"""The audit trail: who, when, from where, what changed — in the same transaction, never edited."""

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from sakip.audit import services as audit
from sakip.audit.context import KonteksPermintaan, lepas_konteks, pasang_konteks
from sakip.audit.models import AppendOnlyError, CatatanAudit
from sakip.organisasi import services
from sakip.organisasi.models import Jabatan


def test_perubahan_dicatat_dengan_pelaku_asal_dan_nilai_lama_baru(persona):
    token = pasang_konteks(KonteksPermintaan("req-12345678", "10.1.2.3"))
    try:
        j = persona.a.j_kasubag
        j.nama = "Kasubag Program dan Pelaporan"
        services.simpan_jabatan(aktor=persona.admin_pemda, jabatan=j)
    finally:
        lepas_konteks(token)
    c = CatatanAudit.objects.get(object_id=str(j.pk), aksi="ubah")
    assert c.aktor == persona.admin_pemda
    assert c.aktor_nama == persona.admin_pemda.nama_lengkap
    assert c.request_id == "req-12345678"
    assert c.ip == "10.1.2.3"
    assert c.instansi_id == persona.a.instansi.pk
    assert c.pemda_id == persona.pemda.pk
    assert c.perubahan == {
        "nama": ["Kasubag Perencanaan dan Evapor", "Kasubag Program dan Pelaporan"]
    }


def test_tambah_dan_hapus_dicatat(persona):
    j = services.simpan_jabatan(
        aktor=persona.admin_pemda, jabatan=Jabatan(instansi=persona.a.instansi, nama="Kasi Trantib")
    )
    services.hapus_master(aktor=persona.admin_pemda, objek=j)
    aksi = list(
        CatatanAudit.objects.filter(object_repr="Kasi Trantib")
        .order_by("id")
        .values_list("aksi", flat=True)
    )
    assert aksi == ["tambah", "hapus"]
    hapus = CatatanAudit.objects.get(object_repr="Kasi Trantib", aksi="hapus")
    assert hapus.perubahan["nama"] == ["Kasi Trantib", None]


def test_kata_sandi_tidak_pernah_masuk_catatan(persona):
    p = persona.a.staf
    services.simpan_pegawai(aktor=persona.admin_pemda, pegawai=p, sandi="rahasia-baru-99")
    c = CatatanAudit.objects.filter(object_id=str(p.pk)).latest("id")
    assert "rahasia" not in str(c.perubahan)
    lama, baru = c.perubahan["password"]
    assert lama.startswith("•••• ") and baru.startswith("•••• ") and lama != baru
    assert "md5$" not in str(c.perubahan)


def test_catatan_tidak_bisa_diubah_atau_dihapus(persona):
    services.simpan_jabatan(aktor=persona.admin_pemda, jabatan=persona.a.j_staf)
    c = CatatanAudit.objects.latest("id")
    c.keterangan = "diubah"
    with pytest.raises(AppendOnlyError):
        c.save()
    with pytest.raises(AppendOnlyError):
        c.delete()
    with pytest.raises(AppendOnlyError):
        CatatanAudit.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        CatatanAudit.objects.update(keterangan="x")


def test_gagal_simpan_tidak_meninggalkan_catatan(persona):
    sebelum = CatatanAudit.objects.count()
    j = persona.a.j_camat
    j.atasan = persona.a.j_staf
    with pytest.raises(ValidationError):
        services.simpan_jabatan(aktor=persona.admin_pemda, jabatan=j)
    assert CatatanAudit.objects.count() == sebelum


@pytest.mark.django_db(transaction=True)
def test_catatan_hanya_dalam_transaksi(persona):
    with pytest.raises(RuntimeError, match="transaksi"):
        audit.catat(aktor=None, aksi="lain", objek=persona.a.j_staf)
    with transaction.atomic():
        audit.catat(aktor=None, aksi="lain", objek=persona.a.j_staf, keterangan="uji")
    assert CatatanAudit.objects.get(keterangan="uji").aktor_nama == "sistem"


def test_admin_menyimpan_lewat_layanan_dengan_request_id_dan_ip(persona, masuk):
    c = masuk(persona.admin_pemda)
    j = persona.a.j_kasubag
    url = reverse("admin:organisasi_jabatan_change", args=[j.pk])
    r = c.post(
        url,
        {
            "instansi": j.instansi_id,
            "nama": "Kasubag Evapor Baru",
            "atasan": j.atasan_id,
            "eselon": "IV.b",
            "peran": "",
            "tunggal": "on",
            "urutan": 3,
        },
        HTTP_X_REQUEST_ID="admin-req-0001",
        REMOTE_ADDR="192.0.2.7",
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    catatan = CatatanAudit.objects.get(object_id=str(j.pk), aksi="ubah")
    assert catatan.request_id == "admin-req-0001"
    assert catatan.ip == "192.0.2.7"
    assert catatan.perubahan["nama"] == ["Kasubag Perencanaan dan Evapor", "Kasubag Evapor Baru"]
    assert catatan.perubahan["urutan"] == [0, 3]


def test_admin_menolak_lingkaran_dengan_pesan_di_formulir(persona, masuk):
    c = masuk(persona.admin_pemda)
    j = persona.a.j_camat
    r = c.post(
        reverse("admin:organisasi_jabatan_change", args=[j.pk]),
        {"instansi": j.instansi_id, "nama": "Camat", "atasan": persona.a.j_staf.pk, "urutan": 0},
    )
    assert r.status_code == 200
    assert "membentuk lingkaran" in r.content.decode()


def test_riwayat_objek_tampil_untuk_instansinya(persona, masuk):
    services.simpan_jabatan(aktor=persona.admin_pemda, jabatan=persona.a.j_staf)
    url = reverse("audit:riwayat_objek", args=["jabatan", persona.a.j_staf.pk])
    r = masuk(persona.a.staf).get(url)
    assert r.status_code == 200
    assert "Admin Uji" in r.content.decode()


def test_riwayat_instansi_untuk_kepala_dan_sekretaris_saja(persona, client):
    services.simpan_jabatan(aktor=persona.admin_pemda, jabatan=persona.a.j_staf)
    url = reverse("organisasi:instansi_riwayat", args=[persona.a.instansi.pk])
    for orang, status in [
        (persona.a.camat, 200),
        (persona.a.sekcam, 200),
        (persona.evaluator, 200),
        (persona.a.kasubag, 403),
        (persona.a.staf, 403),
        (persona.b.camat, 404),
        (persona.evaluator_lain, 404),
    ]:
        client.force_login(orang)
        r = client.get(url)
        assert r.status_code == status, orang
        if status == 403:
            assert "hanya untuk kepala dan sekretaris" in r.content.decode()


def test_riwayat_instansi_tidak_memuat_instansi_lain(persona, masuk):
    services.simpan_jabatan(aktor=persona.admin_pemda, jabatan=persona.b.j_staf)
    b = persona.b.j_staf
    b.nama = "Staf Rahasia Beta"
    services.simpan_jabatan(aktor=persona.admin_pemda, jabatan=b)
    r = masuk(persona.a.camat).get(
        reverse("organisasi:instansi_riwayat", args=[persona.a.instansi.pk])
    )
    assert "Staf Rahasia Beta" not in r.content.decode()


def test_riwayat_instansi_jumlah_query_terbatas(persona, masuk, django_assert_max_num_queries):
    for n in range(30):
        j = persona.a.j_staf
        j.urutan = n + 1
        services.simpan_jabatan(aktor=persona.admin_pemda, jabatan=j)
    c = masuk(persona.a.camat)
    with django_assert_max_num_queries(13):  # the menu's badges included
        r = c.get(reverse("organisasi:instansi_riwayat", args=[persona.a.instansi.pk]))
    assert r.content.decode().count("<tr>") >= 30
