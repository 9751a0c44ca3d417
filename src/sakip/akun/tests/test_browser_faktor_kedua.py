"""In Chromium: the Camat turns on the second factor, signs out, and signs in again with
the password and a code from the authenticator (computed here by pyotp)."""

import time

import pyotp
import pytest

from sakip import testing
from sakip.akun.models import FaktorKedua

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_camat_mendaftar_totp_keluar_lalu_masuk_dengan_kode(
    persona, live_server, browser, tangkapan
):
    camat = persona.a.camat
    page = testing.masuk_peramban(browser, live_server, camat)
    page.goto(live_server.url + f"/pegawai/{camat.pk}/")
    page.get_by_role("link", name="Verifikasi dua langkah").click()
    page.get_by_role("button", name="Mulai mengaktifkan").click()
    page.get_by_role("img", name="Kode QR").wait_for()
    rahasia = page.locator("#rahasia-totp").inner_text().strip()
    assert rahasia == FaktorKedua.objects.get(pegawai=camat).rahasia
    tangkapan(page, "qr")
    page.get_by_label("Kode verifikasi").fill(pyotp.TOTP(rahasia).now())
    page.get_by_role("button", name="Aktifkan").click()
    page.get_by_text("tidak akan ditampilkan lagi").wait_for()
    assert page.locator("#kode-pemulihan li").count() == 10

    page.get_by_role("button", name="Keluar").click()
    page.get_by_role("heading", name="Masuk ke SAKIP").wait_for()
    page.get_by_label("NIP atau nama pengguna").fill(camat.username)
    page.get_by_label("Kata sandi").fill(testing.SANDI)
    page.get_by_role("button", name="Masuk").click()
    page.get_by_role("heading", name="Verifikasi dua langkah").wait_for()
    # The next 30-second step: the code used to confirm is never accepted twice.
    page.get_by_label("Kode verifikasi").fill(pyotp.TOTP(rahasia).at(time.time() + 30))
    page.get_by_role("button", name="Verifikasi").click()
    page.get_by_role("heading", name=f"Selamat datang, {camat.nama}").wait_for()
