"""Optional second factor (TOTP) for heads, secretaries and administrators (issue 14)."""

import re
import time

import pyotp
import pytest

from sakip import testing
from sakip.akun import services
from sakip.akun.models import FaktorKedua, KodePemulihan
from sakip.audit.models import CatatanAudit

HALAMAN = "/akun/verifikasi-dua-langkah/"


def _kode(rahasia: str, geser: int = 0) -> str:
    return pyotp.TOTP(rahasia).at(time.time() + geser * 30)


def _daftarkan(c, pegawai) -> tuple[str, list[str]]:
    """Enrol `pegawai` through the pages; returns the secret and the recovery codes."""
    assert c.post(HALAMAN, {"aksi": "mulai"}).status_code == 302
    isi = c.get(HALAMAN).content.decode()
    assert "<svg" in isi and "Pindai kode QR" in isi
    rahasia = FaktorKedua.objects.get(pegawai=pegawai).rahasia
    assert rahasia in isi
    r = c.post(HALAMAN, {"aksi": "konfirmasi", "kode": _kode(rahasia)})
    assert r.status_code == 200
    kode = re.findall(r"<code>([0-9A-F]{5}-[0-9A-F]{5})</code>", r.content.decode())
    return rahasia, kode


def test_camat_mendaftar_dan_kode_pemulihan_tampil_sekali_disimpan_hash(persona, masuk):
    camat = persona.a.camat
    c = masuk(camat)
    rahasia, kode = _daftarkan(c, camat)
    assert len(kode) == services.JUMLAH_KODE_PEMULIHAN
    tersimpan = set(KodePemulihan.objects.filter(pegawai=camat).values_list("hash", flat=True))
    assert not tersimpan & set(kode)  # hashes only
    assert FaktorKedua.objects.get(pegawai=camat).aktif
    assert CatatanAudit.objects.filter(keterangan="Mengaktifkan verifikasi dua langkah").exists()
    isi = c.get(HALAMAN).content.decode()
    assert "aktif sejak" in isi and kode[0] not in isi and rahasia not in isi


def test_uri_otpauth_menyebut_situs_dan_pengguna(persona):
    faktor = services.mulai_faktor_kedua(aktor=persona.a.sekcam)
    uri = services.uri_totp(faktor)
    assert uri.startswith("otpauth://totp/SAKIP:sekcam.kec-a?secret=" + faktor.rahasia)


def test_kode_konfirmasi_salah_tidak_mengaktifkan(persona, masuk):
    c = masuk(persona.a.camat)
    c.post(HALAMAN, {"aksi": "mulai"})
    r = c.post(HALAMAN, {"aksi": "konfirmasi", "kode": "000000"})
    assert "Kode tidak cocok" in r.content.decode()
    assert not FaktorKedua.objects.get(pegawai=persona.a.camat).aktif


def test_staf_tidak_bisa_mendaftar(persona, masuk):
    c = masuk(persona.a.staf)
    assert "tersedia bagi kepala instansi" in c.get(HALAMAN).content.decode()
    assert c.post(HALAMAN, {"aksi": "mulai"}).status_code == 403


@pytest.mark.parametrize("siapa", ["sekcam", "admin_pemda"])
def test_sekretaris_dan_administrator_boleh_mendaftar(persona, siapa):
    pegawai = persona.admin_pemda if siapa == "admin_pemda" else persona.a.sekcam
    assert services.boleh_faktor_kedua(pegawai)


def _masuk_sandi(client, pegawai, ip="198.51.100.1"):
    return client.post(
        "/akun/masuk/", {"identitas": pegawai.username, "sandi": testing.SANDI}, REMOTE_ADDR=ip
    )


def test_masuk_meminta_kode_setelah_sandi(persona, client, masuk):
    camat = persona.a.camat
    rahasia, _kode_pemulihan = _daftarkan(masuk(camat), camat)
    client.logout()
    r = _masuk_sandi(client, camat)
    assert r.status_code == 302 and r["Location"] == "/akun/masuk/kode/"
    assert "_auth_user_id" not in client.session
    assert "Verifikasi dua langkah" in client.get("/akun/masuk/kode/").content.decode()
    r = client.post("/akun/masuk/kode/", {"kode": "123456"})
    assert r.status_code == 400 and "Kode salah" in r.content.decode()
    r = client.post("/akun/masuk/kode/", {"kode": _kode(rahasia, 1)})
    assert r.status_code == 302 and r["Location"] == "/"
    assert int(client.session["_auth_user_id"]) == camat.pk


def test_kode_yang_sama_tidak_bisa_dipakai_ulang(persona, client):
    camat = persona.a.camat
    faktor = services.mulai_faktor_kedua(aktor=camat)
    services.konfirmasi_faktor_kedua(aktor=camat, kode=_kode(faktor.rahasia))
    kode = _kode(faktor.rahasia, 1)
    assert services.periksa_kode(pegawai=camat, kode=kode)
    assert not services.periksa_kode(pegawai=camat, kode=kode)


def test_kode_pemulihan_sekali_pakai(persona, client, masuk):
    camat = persona.a.camat
    _rahasia, kode = _daftarkan(masuk(camat), camat)
    client.logout()
    _masuk_sandi(client, camat)
    assert client.post("/akun/masuk/kode/", {"kode": kode[0].lower()}).status_code == 302
    client.logout()
    _masuk_sandi(client, camat)
    assert client.post("/akun/masuk/kode/", {"kode": kode[0]}).status_code == 400
    assert CatatanAudit.objects.filter(keterangan="Masuk dengan kode pemulihan").count() == 1


def test_tebakan_kode_ditahan_seperti_sandi(persona, client, settings):
    settings.LOGIN_MAX_GAGAL = 3
    camat = persona.a.camat
    faktor = services.mulai_faktor_kedua(aktor=camat)
    services.konfirmasi_faktor_kedua(aktor=camat, kode=_kode(faktor.rahasia))
    _masuk_sandi(client, camat)
    for _ in range(3):
        client.post("/akun/masuk/kode/", {"kode": "000000"}, REMOTE_ADDR="198.51.100.1")
    r = client.post(
        "/akun/masuk/kode/", {"kode": _kode(faktor.rahasia, 1)}, REMOTE_ADDR="198.51.100.1"
    )
    assert r.status_code == 429 and "Terlalu banyak percobaan" in r.content.decode()
    assert "_auth_user_id" not in client.session


def test_langkah_kode_kedaluwarsa_kembali_ke_sandi(persona, client):
    camat = persona.a.camat
    faktor = services.mulai_faktor_kedua(aktor=camat)
    services.konfirmasi_faktor_kedua(aktor=camat, kode=_kode(faktor.rahasia))
    _masuk_sandi(client, camat)
    sesi = client.session
    sesi["akun_menunggu_kode"]["waktu"] -= 301
    sesi.save()
    r = client.post("/akun/masuk/kode/", {"kode": _kode(faktor.rahasia, 1)})
    assert r.status_code == 302 and r["Location"] == "/akun/masuk/"
    assert "_auth_user_id" not in client.session


def test_admin_pemda_mengatur_ulang_dengan_audit(persona, masuk):
    camat = persona.a.camat
    faktor = services.mulai_faktor_kedua(aktor=camat)
    services.konfirmasi_faktor_kedua(aktor=camat, kode=_kode(faktor.rahasia))
    url = f"/akun/verifikasi-dua-langkah/{camat.pk}/atur-ulang/"
    c = masuk(persona.admin_pemda)
    assert "Ya, atur ulang" in c.get(url).content.decode()
    assert "Atur ulang verifikasi" in c.get(f"/pegawai/{camat.pk}/").content.decode()
    r = c.post(url)
    assert r.status_code == 302
    assert not FaktorKedua.objects.filter(pegawai=camat).exists()
    assert not KodePemulihan.objects.filter(pegawai=camat).exists()
    catatan = CatatanAudit.objects.get(keterangan="Mengatur ulang verifikasi dua langkah")
    assert catatan.aktor == persona.admin_pemda and catatan.object_id == str(camat.pk)


def test_hanya_admin_pemda_sendiri_yang_bisa_mengatur_ulang(persona, masuk):
    camat = persona.a.camat
    url = f"/akun/verifikasi-dua-langkah/{camat.pk}/atur-ulang/"
    assert masuk(persona.admin_lain).post(url).status_code == 404
    assert masuk(persona.b.camat).post(url).status_code == 404
    assert masuk(persona.a.sekcam).post(url).status_code == 403
