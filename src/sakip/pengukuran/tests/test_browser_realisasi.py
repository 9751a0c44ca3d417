"""In Chromium: the Camat enters March's realisasi of his indicator on the grid (htmx, one
row); the dashboard does not count it while it waits; the Kasubag approves it on a phone,
and the dashboard's capaian figure and chart for that indicator change."""

import pytest

from sakip import testing
from sakip.pengukuran.models import Realisasi
from sakip.perencanaan.tests import bangun

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NILAI_IT1 = "() => Chart.getChart('grafik-capaian').data.datasets[0].data[0]"


def _masuk(browser, live_server, pegawai, ponsel=False):
    ctx = browser.new_context(
        viewport={"width": 390, "height": 844} if ponsel else {"width": 1280, "height": 900},
        locale="id-ID",
    )
    page = ctx.new_page()
    page.set_default_timeout(15_000)
    page.goto(live_server.url + "/akun/masuk/")
    page.get_by_label("NIP atau nama pengguna").fill(pegawai.username)
    page.get_by_label("Kata sandi").fill(testing.SANDI)
    page.get_by_role("button", name="Masuk").click()
    page.get_by_role("heading", name=f"Selamat datang, {pegawai.nama}").wait_for()
    return page


def test_isi_realisasi_lalu_dasbor_berubah(persona, live_server, browser, tangkapan):
    a = persona.a
    renstra = bangun.renstra(a)
    bangun.dokumen(a, renstra, "dpa")
    it1 = renstra.indikator.get(kode="IT1")
    dasbor = f"{live_server.url}/pengukuran/instansi/{a.instansi.pk}/dasbor/?tahun=2025&sampai=3"

    camat = _masuk(browser, live_server, a.camat)
    camat.goto(dasbor)
    assert camat.locator("#dasbor-IT1 .nilai-capaian").inner_text().strip() == "—"
    assert camat.evaluate(NILAI_IT1) is None
    tangkapan(camat, "dasbor-sebelum")

    # through the menu, like a person would
    camat.get_by_role("link", name="Realisasi kinerja").click()
    camat.locator("#nav-bulan").get_by_role("link", name="Mar", exact=True).click()
    camat.get_by_role("heading", name="Realisasi kinerja Maret 2025").wait_for()
    baris = camat.locator(f"#baris-i{it1.pk}")
    baris.get_by_label("Realisasi IT1").fill("80")
    baris.get_by_label("Catatan IT1").fill("Survei IKM bulan Maret")
    baris.get_by_role("button", name="Ajukan").click()
    camat.locator(f"#baris-i{it1.pk}").get_by_text("Diajukan ke Kasubag.").wait_for()
    # the Camat also reviews: his submission joins the review list without a reload
    camat.get_by_role("heading", name="Menunggu pemeriksaan (1)").wait_for()
    r = Realisasi.objects.get(indikator=it1, tahun=2025, bulan=3)
    assert (str(r.nilai), r.status, r.catatan) == ("80.0000", "diajukan", "Survei IKM bulan Maret")
    tangkapan(camat, "grid-setelah-ajukan")

    # Submitted is not approved: the dashboard does not move, and says why.
    camat.goto(dasbor)
    assert camat.locator("#dasbor-IT1 .nilai-capaian").inner_text().strip().startswith("—")
    assert camat.evaluate(NILAI_IT1) is None
    assert "IT1" in camat.locator("#menunggu-persetujuan").inner_text()
    camat.context.close()

    kasubag = _masuk(browser, live_server, a.kasubag, ponsel=True)
    kasubag.goto(
        f"{live_server.url}/pengukuran/instansi/{a.instansi.pk}/realisasi/?tahun=2025&bulan=3"
    )
    periksa = kasubag.locator(f"#periksa-{r.pk}")
    assert "80" in periksa.inner_text()
    tangkapan(kasubag, "grid-ponsel")
    periksa.get_by_role("button", name="Setujui").click()
    kasubag.locator(f"#periksa-{r.pk}").get_by_text("Disetujui").wait_for()
    r.refresh_from_db()
    assert r.status == "disetujui"
    kasubag.goto(dasbor)
    kasubag.locator("#grafik-capaian").wait_for()
    capaian = kasubag.locator("#dasbor-IT1 .nilai-capaian")
    assert capaian.inner_text().strip() == "95,24%"
    capaian.locator("summary").click()
    assert "80 / 84 × 100 = 95,24%" in capaian.inner_text()
    assert kasubag.evaluate(NILAI_IT1) == 95.24
    assert kasubag.locator("#kpi-kelengkapan .angka").inner_text().startswith("1")
    kasubag.locator("#versi-cetak svg").first.wait_for()
    tangkapan(kasubag, "dasbor-ponsel")

    # the budget of March, then the capaian page with serapan and efficiency
    kasubag.get_by_role("link", name="Realisasi anggaran").click()
    kasubag.locator("#nav-bulan").get_by_role("link", name="Mar", exact=True).click()
    kasubag.get_by_label("7.01.01.2.01.0001 Penyusunan Dokumen Perencanaan").fill("15.000.000")
    tangkapan(kasubag, "anggaran-ponsel")
    kasubag.get_by_role("button", name="Simpan realisasi Maret").click()
    kasubag.get_by_text("Realisasi anggaran Maret tersimpan").wait_for()
    kasubag.get_by_role("link", name="Capaian", exact=True).click()
    kasubag.locator("#nav-bulan").get_by_role("link", name="Mar", exact=True).click()
    kasubag.locator("#ringkas-serapan summary").click()
    assert "15.000.000 / 150.000.002 × 100" in kasubag.locator("#ringkas-serapan").inner_text()
    tangkapan(kasubag, "capaian-ponsel")
    kasubag.context.close()
