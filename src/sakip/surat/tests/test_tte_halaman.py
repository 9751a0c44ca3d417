"""The TTE pages: the Camat signs on his phone, reviewers initial, other agencies see 404."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from sakip.surat.models import KunciPenanda, Paraf, Surat
from sakip.surat.tte import services

from .contoh_akses_tte import surat_keluar

pytestmark = pytest.mark.django_db
SANDI = "sandi-tte-camat"


@pytest.fixture(autouse=True)
def _ca_sementara(settings, tmp_path):
    settings.TTE_CA_DIR = str(tmp_path / "tte")
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def surat(persona):
    return surat_keluar(persona.a)


def _url(nama, surat):
    return reverse(f"tte:{nama}", args=[surat.pk])


def test_halaman_tanda_tangan_meminta_passphrase_tanpa_isi_otomatis(persona, surat, masuk):
    services.buat_kunci_demo(pegawai=persona.a.camat, passphrase=SANDI)
    r = masuk(persona.a.camat).get(_url("tandatangani", surat))
    assert r.status_code == 200
    teks = r.content.decode()
    assert 'type="password" name="passphrase"' in teks and 'autocomplete="off"' in teks
    assert "Passphrase TTE" in teks and surat.perihal in teks
    assert _url("berkas", surat) in teks


def test_passphrase_salah_lewat_halaman_memberi_pesan_jelas(persona, surat, masuk):
    services.buat_kunci_demo(pegawai=persona.a.camat, passphrase=SANDI)
    c = masuk(persona.a.camat)
    r = c.post(_url("tandatangani", surat), {"passphrase": "salah"})
    assert r.status_code == 400
    assert "Passphrase salah. Dokumen belum ditandatangani" in r.content.decode()
    surat.refresh_from_db()
    assert not surat.berkas_ttd and surat.nomor_surat == ""
    r = c.post(_url("tandatangani", surat), {"passphrase": SANDI}, follow=True)
    assert "Surat ditandatangani secara elektronik." in r.content.decode()
    surat.refresh_from_db()
    assert surat.status == Surat.Status.DITANDATANGANI
    assert reverse("verifikasi:detail", args=[surat.kode_verifikasi]) in r.content.decode()


def test_tanpa_kunci_halaman_mengarahkan_ke_sertifikat(persona, surat, masuk):
    r = masuk(persona.a.camat).get(_url("tandatangani", surat))
    assert "Anda belum memiliki sertifikat TTE." in r.content.decode()
    assert 'name="passphrase"' not in r.content.decode()


def test_paraf_lewat_halaman(persona, surat, masuk):
    c = masuk(persona.a.kasubag)
    r = c.post(_url("paraf", surat), {"catatan": "Sudah diperiksa"}, follow=True)
    assert "Paraf Anda tercatat" in r.content.decode()
    p = Paraf.objects.get()
    assert p.pegawai == persona.a.kasubag and p.catatan == "Sudah diperiksa"
    assert "Kasubag Perencanaan dan Evapor" in r.content.decode()
    assert c.get(_url("paraf", surat)).status_code == 405


def test_pratinjau_berkas_belum_ditandatangani(persona, surat, masuk):
    r = masuk(persona.a.camat).get(_url("berkas", surat))
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert b"".join(r.streaming_content).startswith(b"%PDF-")
    tanpa = surat_keluar(persona.a, perihal="Tanpa berkas", pdf=False)
    r = masuk(persona.a.camat).get(_url("berkas", tanpa))
    assert r.status_code == 302


@pytest.mark.parametrize("siapa", ["b_camat", "b_staf", "evaluator_lain", "admin_lain"])
def test_agensi_lain_mendapat_404(persona, surat, client, siapa):
    orang = {
        "b_camat": persona.b.camat,
        "b_staf": persona.b.staf,
        "evaluator_lain": persona.evaluator_lain,
        "admin_lain": persona.admin_lain,
    }[siapa]
    services.buat_kunci_demo(pegawai=persona.b.camat, passphrase=SANDI)
    client.force_login(orang)
    for nama in ("tandatangani", "berkas"):
        assert client.get(_url(nama, surat)).status_code == 404
    assert client.post(_url("tandatangani", surat), {"passphrase": SANDI}).status_code == 404
    assert client.post(_url("paraf", surat)).status_code == 404
    assert not Paraf.objects.exists()


def test_evaluator_membaca_tetapi_tidak_menulis(persona, surat, client):
    client.force_login(persona.evaluator)
    r = client.get(_url("tandatangani", surat))
    assert r.status_code == 200 and "Beri paraf" not in r.content.decode()
    assert client.post(_url("paraf", surat)).status_code == 404


def test_halaman_perlu_masuk(client, surat):
    r = client.get(_url("tandatangani", surat))
    assert r.status_code == 302 and r["Location"].startswith(reverse("akun:masuk"))
    assert client.get(reverse("tte:kunci")).status_code == 302


def test_halaman_kunci_tanpa_mode_demo(persona, masuk, settings):
    settings.TTE_KUNCI_DEMO = False
    c = masuk(persona.a.camat)
    r = c.get(reverse("tte:kunci"))
    assert "didaftarkan oleh administrator" in r.content.decode()
    assert 'name="passphrase"' not in r.content.decode()
    assert c.post(reverse("tte:kunci"), {"passphrase": "sandi-baru-123"}).status_code == 404
    assert not KunciPenanda.objects.exists()


def test_halaman_kunci_mode_demo_membuat_kunci(persona, masuk, settings):
    settings.TTE_KUNCI_DEMO = True
    c = masuk(persona.a.camat)
    r = c.post(reverse("tte:kunci"), {"passphrase": "pendek"})
    assert r.status_code == 400 and "minimal 8" in r.content.decode()
    r = c.post(reverse("tte:kunci"), {"passphrase": "sandi-baru-123"}, follow=True)
    teks = r.content.decode()
    assert "Kunci TTE demo dibuat" in teks and "CN=Camat Alpha" in teks
    assert "SAKIP Demo Certificate Authority" in teks
    assert KunciPenanda.objects.get().pegawai == persona.a.camat


def test_bagian_tte_untuk_halaman_detail_surat(persona, surat):
    services.beri_paraf(aktor=persona.a.sekcam, surat=surat)
    permintaan = RequestFactory().get("/")
    permintaan.user = persona.a.camat
    html = render_to_string(
        "surat/_tte_bagian.html", {"surat": surat, "user": persona.a.camat}, permintaan
    )
    assert "Sekretaris Camat" in html and "Sekcam Alpha" in html
    assert _url("tandatangani", surat) in html and "Tanda tangani" in html
    services.buat_kunci_demo(pegawai=persona.a.camat, passphrase=SANDI)
    services.tandatangani(aktor=persona.a.camat, surat=surat, passphrase=SANDI)
    surat.refresh_from_db()
    html = render_to_string(
        "surat/_tte_bagian.html", {"surat": surat, "user": persona.a.camat}, permintaan
    )
    assert "Ditandatangani secara elektronik oleh" in html
    assert reverse("verifikasi:detail", args=[surat.kode_verifikasi]) in html
    assert "Tanda tangani</a>" not in html


def test_formulir_passphrase_untuk_langkah_sop():
    html = render_to_string("surat/_tte_passphrase.html")
    assert 'name="passphrase"' in html and "Passphrase TTE" in html
    assert 'type="password"' in html and 'autocomplete="off"' in html
