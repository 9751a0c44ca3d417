"""In real Chromium, on a phone: the Camat signs in, sees home and the organisation chart."""

import pytest

from sakip import testing

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_camat_masuk_melihat_beranda_dan_bagan(persona, live_server, halaman_ponsel, tangkapan):
    page = halaman_ponsel
    page.goto(live_server.url + "/")
    assert "/akun/masuk/" in page.url  # not signed in yet

    page.get_by_label("NIP atau nama pengguna").fill(persona.a.camat.nip_tampil)
    page.get_by_label("Kata sandi").fill(testing.SANDI)
    page.get_by_role("button", name="Masuk").click()

    page.get_by_role("heading", name="Selamat datang, Camat Alpha").wait_for()
    # The stylesheet is served (a page without it still "works" but is unusable on a phone).
    warna = page.evaluate("getComputedStyle(document.querySelector('.kepala')).backgroundColor")
    assert warna == "rgb(11, 79, 138)"
    assert page.get_by_text("Kecamatan Alpha").first.is_visible()
    tangkapan(page, "beranda")

    page.get_by_role("link", name="Lihat bagan organisasi").click()
    page.get_by_role("heading", name="Bagan organisasi").wait_for()
    bagan = page.locator("ul.bagan")
    for teks in ("Camat Alpha", "Sekcam Alpha", "Kasubag Alpha", "Staf Alpha"):
        assert bagan.get_by_text(teks).is_visible(), teks
    # Nesting is visible as indentation: each level sits further right on screen.
    x = [
        page.locator(f'.simpul[data-jabatan="{nama}"]').bounding_box()["x"]
        for nama in ("Camat", "Sekretaris Camat", "Kasubag Perencanaan dan Evapor", "Staf")
    ]
    assert x == sorted(x) and len(set(x)) == 4
    tangkapan(page, "bagan")

    # The phone menu opens and leads to the people list.
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("navigation").get_by_role("link", name="Pegawai", exact=True).click()
    page.get_by_role("heading", name="Pegawai").wait_for()
    assert page.get_by_text("Staf Alpha").is_visible()
    assert page.get_by_text("Staf Beta").count() == 0


def test_sandi_salah_menampilkan_pesan_indonesia(persona, live_server, halaman_ponsel, tangkapan):
    page = halaman_ponsel
    page.goto(live_server.url + "/akun/masuk/")
    page.get_by_label("NIP atau nama pengguna").fill("camat.kec-a")
    page.get_by_label("Kata sandi").fill("bukan-sandinya")
    page.get_by_role("button", name="Masuk").click()
    pesan = page.get_by_role("alert")
    pesan.wait_for()
    assert "NIP/nama pengguna atau kata sandi salah" in pesan.inner_text()
    assert "/akun/masuk/" in page.url
    tangkapan(page, "sandi-salah")
