"""In Chromium on a 1366×768 laptop: the Kasubag's kartu kendali shows its last column
("Kendala dan tindak lanjut") and the evaluator's Pemda ranking its "Terlambat" and
"Rincian" columns without scrolling sideways — both were cut off before (issue 12)."""

from decimal import Decimal as D

import pytest

from sakip import testing
from sakip.organisasi.models import Instansi
from sakip.pengukuran import monitoring
from sakip.perencanaan.models import ItemAnggaran
from sakip.perencanaan.tests import bangun

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
LAPTOP = {"width": 1366, "height": 768}
NAMA_PANJANG = "Bagian Administrasi Pembangunan Sekretariat Daerah Kabupaten"

# The rightmost cell of a table, its scroll container and the viewport, measured in the page.
UKUR = """(sel) => {
  const t = document.querySelector(sel);
  const wadah = t.closest('.gulir') || t.parentElement;
  const sel_akhir = t.querySelector('thead tr:first-child th:last-child');
  const a = sel_akhir.getBoundingClientRect(), w = wadah.getBoundingClientRect();
  return {kanan: a.right, wadah: w.right, lebar: window.innerWidth,
          gulir: wadah.scrollWidth - wadah.clientWidth,
          halaman: document.documentElement.scrollWidth - window.innerWidth};
}"""


def _masuk(browser, live_server, pegawai):
    ctx = browser.new_context(viewport=LAPTOP, locale="id-ID")
    page = ctx.new_page()
    page.set_default_timeout(15_000)
    page.goto(live_server.url + "/akun/masuk/")
    page.get_by_label("NIP atau nama pengguna").fill(pegawai.username)
    page.get_by_label("Kata sandi").fill(testing.SANDI)
    page.get_by_role("button", name="Masuk").click()
    page.get_by_role("heading", name=f"Selamat datang, {pegawai.nama}").wait_for()
    return page


def _dpa_besar(agensi):
    """A DPA with the long names and billion-rupiah pagu of a real kecamatan."""
    renstra = bangun.renstra(agensi)
    dpa = bangun.dokumen(agensi, renstra, "dpa")
    panjang = {
        "7.01.01.2.01.0001": "Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan, Pajak dan "
        "Perizinan Kendaraan Dinas Operasional atau Lapangan",
        "7.01.01.2.01.0006": "Penyelenggaraan Urusan Pemerintahan yang Tidak Dilaksanakan oleh "
        "Unit Kerja Perangkat Daerah yang Ada di Kecamatan",
    }
    for kode, nama in panjang.items():
        ItemAnggaran.objects.filter(dokumen=dpa, kode=kode).update(nama=nama)
    ItemAnggaran.objects.filter(dokumen=dpa).update(pagu=D("12345678000"))
    return dpa


def _terlihat(ukuran: dict) -> None:
    assert ukuran["kanan"] <= ukuran["wadah"] + 1, ukuran  # not hidden in its scroller
    assert ukuran["kanan"] <= ukuran["lebar"], ukuran  # inside the viewport
    assert ukuran["gulir"] <= 1 and ukuran["halaman"] <= 0, ukuran


def test_kolom_terakhir_terlihat_pada_layar_1366(persona, live_server, browser, tangkapan):
    a = persona.a
    _dpa_besar(a)
    _dpa_besar(persona.b)
    Instansi.objects.filter(pk=persona.b.instansi.pk).update(nama=NAMA_PANJANG)
    kartu = monitoring.buat_kartu(aktor=a.kasubag, instansi=a.instansi, tahun=2025, bulan=4)

    kasubag = _masuk(browser, live_server, a.kasubag)
    kasubag.goto(f"{live_server.url}/pengukuran/kartu-kendali/{kartu.pk}/")
    kolom = kasubag.get_by_role("columnheader", name="Kendala dan tindak lanjut")
    kolom.scroll_into_view_if_needed()
    _terlihat(kasubag.evaluate(UKUR, "#tabel-kartu"))
    isian = kasubag.locator("#tabel-kartu textarea").first  # the Kendala box itself
    kotak = isian.bounding_box()
    assert kotak["x"] + kotak["width"] <= LAPTOP["width"]
    tangkapan(kasubag, "kartu-1366")

    evaluator = _masuk(browser, live_server, persona.evaluator)
    evaluator.goto(f"{live_server.url}/pengukuran/pemda/?tahun=2025&bulan=12")
    evaluator.get_by_role("link", name=NAMA_PANJANG).wait_for()
    _terlihat(evaluator.evaluate(UKUR, "#tabel-peringkat"))
    for teks in ("Terlambat",):
        sel = evaluator.locator("#tabel-peringkat thead th", has_text=teks).bounding_box()
        assert sel["x"] + sel["width"] <= LAPTOP["width"], teks
    rincian = evaluator.locator("#tabel-peringkat").get_by_role("link", name="Rincian").last
    kotak = rincian.bounding_box()
    assert kotak["x"] + kotak["width"] <= LAPTOP["width"]
    tangkapan(evaluator, "pemda-1366")
