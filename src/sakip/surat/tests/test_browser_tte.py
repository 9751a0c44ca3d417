"""In Chromium on a phone: the Camat opens the letter, mistypes his passphrase and is told
so, signs, and the QR's verification page (opened without signing in) says the letter is
intact; a copy changed by one byte is reported as changed."""

from __future__ import annotations

import pytest

from sakip import testing
from sakip.surat.tte import services

from .contoh_akses_tte import surat_keluar

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SANDI = "sandi-tte-camat"


def _masuk_ponsel(browser, live_server, pegawai):
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID")
    page = ctx.new_page()
    page.set_default_timeout(30_000)
    page.goto(live_server.url + "/akun/masuk/")
    page.get_by_label("NIP atau nama pengguna").fill(pegawai.username)
    page.get_by_label("Kata sandi").fill(testing.SANDI)
    page.get_by_role("button", name="Masuk").click()
    page.get_by_role("heading", name=f"Selamat datang, {pegawai.nama}").wait_for()
    return page


def test_camat_menandatangani_di_ponsel_lalu_qr_memverifikasi(
    persona, live_server, browser, tangkapan, settings, tmp_path
):
    settings.TTE_CA_DIR = str(tmp_path / "tte")
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.SITE_URL = live_server.url
    a = persona.a
    surat = surat_keluar(a)
    services.beri_paraf(aktor=a.kasubag, surat=surat)
    services.buat_kunci_demo(pegawai=a.camat, passphrase=SANDI)

    page = _masuk_ponsel(browser, live_server, a.camat)
    page.goto(live_server.url + f"/tte/surat/{surat.pk}/tandatangani/")
    page.get_by_role("heading", name="Paraf dan tanda tangan elektronik").wait_for()
    assert page.get_by_role("cell", name="Kasubag Alpha").is_visible()
    sandi = page.get_by_label("Passphrase TTE")
    assert sandi.get_attribute("type") == "password"
    # The button fits the phone's width: no sideways scrolling to sign.
    tombol = page.get_by_role("button", name="Tanda tangani secara elektronik")
    kotak = tombol.bounding_box()
    assert kotak["x"] >= 0 and kotak["x"] + kotak["width"] <= 390
    tangkapan(page, "formulir")

    sandi.fill("salah-ketik")
    tombol.click()
    page.get_by_role("alert").filter(has_text="Passphrase salah").wait_for()
    assert page.locator("#nomor-surat").inner_text() == "(diberikan saat ditandatangani)"
    assert page.get_by_label("Passphrase TTE").input_value() == ""  # never echoed back

    page.get_by_label("Passphrase TTE").fill(SANDI)
    page.get_by_role("button", name="Tanda tangani secara elektronik").click()
    page.get_by_text("Surat ditandatangani secara elektronik.").wait_for()
    surat.refresh_from_db()
    assert surat.nomor_surat in page.locator("#nomor-surat").inner_text()
    tangkapan(page, "ditandatangani")

    # Anyone scanning the QR: a fresh browser, not signed in.
    tamu = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID")
    publik = tamu.new_page()
    publik.set_default_timeout(30_000)
    publik.goto(services.lembar.url_verifikasi(surat))
    publik.get_by_text("Tanda tangan sah: dokumen utuh dan sama dengan arsip.").wait_for()
    assert surat.nomor_surat in publik.locator("#nomor").inner_text()
    tangkapan(publik, "verifikasi")

    with surat.berkas_ttd.open("rb") as f:
        isi = bytearray(f.read())
    isi[len(isi) // 2] ^= 0x01
    salinan = tmp_path / "salinan.pdf"
    salinan.write_bytes(bytes(isi))
    publik.get_by_label("Berkas PDF").set_input_files(str(salinan))
    publik.get_by_role("button", name="Periksa").click()
    publik.locator("#hasil-unggahan .verif-hasil").filter(
        has_text="Dokumen telah diubah"
    ).wait_for()
    tangkapan(publik, "salinan-diubah")
    tamu.close()
