"""In Chromium: the Kasubag opens the agency's LKjIP from the menu, rewrites an indicator's
analysis inline (the preview follows without a reload) and downloads the PDF, which the
worker renders while the page waits; the Camat
opens the report on a phone; the evaluator reads it."""

from decimal import Decimal as D

import pytest
from pypdf import PdfReader

from sakip import testing
from sakip.antrian.services import jalankan_semua
from sakip.laporan import services
from sakip.pengukuran.models import Realisasi
from sakip.perencanaan.tests import bangun

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ANALISIS = "Loket terpadu mempercepat layanan; survei IKM triwulanan dilanjutkan."


_masuk = testing.masuk_peramban


def _agensi_demo(a):
    """Alpha as the demo holds it: Renstra, IKU, DPA, the Camat's PK and 2025's realisasi."""
    renstra = bangun.renstra(a)
    bangun.iku(renstra, a)
    bangun.dokumen(a, renstra, "dpa")
    bangun.pk(a, renstra)
    for bulan, kode, nilai in ((6, "IT1", 79), (12, "IT1", 80), (12, "IS1", 4), (12, "IS3", 90)):
        Realisasi.objects.create(
            instansi=a.instansi,
            tahun=2025,
            bulan=bulan,
            indikator=renstra.indikator.get(kode=kode),
            nilai=D(nilai),
            status=Realisasi.Status.DISETUJUI,
        )
    # prepared as the LKjIP SOP's run would
    return services.siapkan_laporan(aktor=a.kasubag, instansi=a.instansi, jenis="lkjip", tahun=2025)


def test_kasubag_menyunting_analisis_lalu_mengunduh_lkjip(persona, live_server, browser, tangkapan):
    a = persona.a
    lkjip = _agensi_demo(a)

    kasubag = _masuk(browser, live_server, a.kasubag)
    kasubag.get_by_role("link", name="Laporan", exact=True).click()
    kasubag.get_by_role("heading", name="Laporan kinerja").wait_for()
    tangkapan(kasubag, "daftar")
    kasubag.locator(f"#laporan-{lkjip.pk}").get_by_role("link", name="Buka").click()
    kasubag.get_by_role("heading", name="LKjIP Tahun 2025").wait_for()
    pratinjau = kasubag.locator("#pratinjau")
    assert "95,24%" in pratinjau.inner_text()

    bagian = kasubag.locator("section.bagian-laporan", has_text="IT1 Indeks kepuasan masyarakat")
    kotak = bagian.get_by_label("Analisis IT1", exact=True)
    assert "belum tercapai (95,24%)" in kotak.input_value()  # drafted from the data
    kotak.fill(ANALISIS)
    bagian.get_by_role("button", name="Simpan").click()
    bagian.get_by_text("Tersimpan.").wait_for()
    pratinjau.get_by_text(ANALISIS).first.wait_for()  # redrawn without a reload
    lkjip.refresh_from_db()
    assert lkjip.narasi["analisis:IT1"] == ANALISIS
    tangkapan(kasubag, "setelah-sunting")

    # The draft's PDF is rendered by the worker: the page waits, polling, then offers it.
    kasubag.get_by_role("link", name="Unduh PDF").click()
    status = kasubag.locator("#render-pdf")
    status.get_by_text("Sedang disusun").wait_for()
    tangkapan(kasubag, "pdf-disusun")
    # The worker's run, here in the test. On SQLite the live server shares this thread's
    # connection, so no poll may be served meanwhile: a routed request waits until the
    # test calls Playwright again, and the run starts right after a poll was answered.
    kasubag.route("**/pdf/status/**", lambda rute: rute.continue_())
    with kasubag.expect_response(lambda r: "/pdf/status/" in r.url):
        pass
    assert jalankan_semua() >= 1
    status.get_by_text("PDF selesai disusun.").wait_for()  # the next poll, no reload
    with kasubag.expect_download() as unduhan:
        status.get_by_role("link", name="Unduh PDF").click()
    assert unduhan.value.suggested_filename == "LKjIP_Tahun_2025_Kecamatan_Alpha.pdf"
    with open(unduhan.value.path(), "rb") as f:
        teks = " ".join(p.extract_text() for p in PdfReader(f).pages)
    teks = " ".join(teks.split())
    assert "Kecamatan Alpha" in teks
    assert "95,24%" in teks  # IT1: 80 / 84
    assert ANALISIS in teks
    kasubag.context.close()

    camat = _masuk(browser, live_server, a.camat, ponsel=True)
    camat.goto(f"{live_server.url}/laporan/{lkjip.pk}/")
    camat.get_by_role("heading", name="LKjIP Tahun 2025").wait_for()
    lebar = camat.evaluate("document.documentElement.scrollWidth")
    assert lebar <= 390, lebar  # nothing pushes the page sideways on a phone
    tangkapan(camat, "ponsel")
    camat.context.close()

    # the evaluator reads the whole draft, with no editor beside it
    evaluator = _masuk(browser, live_server, persona.evaluator)
    evaluator.goto(f"{live_server.url}/laporan/{lkjip.pk}/")
    evaluator.locator("#pratinjau").get_by_text(ANALISIS).first.wait_for()
    assert evaluator.locator("textarea").count() == 0
    tangkapan(evaluator, "evaluator")
    evaluator.context.close()
