"""In Chromium (issue 12 point 5): the Staf submits March's IKM on the grid; the dashboard's
capaian stays at January's approved figure and shows March as waiting; the Kasubag sees
"Persetujuan realisasi 1" in the menu, opens the queue, approves, and the dashboard moves."""

from decimal import Decimal as D

import pytest

from sakip import testing
from sakip.pengukuran import services
from sakip.pengukuran.models import Realisasi
from sakip.perencanaan.models import Indikator
from sakip.perencanaan.tests import bangun

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staf_mengajukan_kasubag_menyetujui_dari_antrean(persona, live_server, browser, tangkapan):
    a = persona.a
    renstra = bangun.renstra(a)
    Indikator.objects.filter(renstra=renstra, kode="IT1").update(penanggung_jawab=a.j_staf)
    it1 = renstra.indikator.get(kode="IT1")
    r = Realisasi(instansi=a.instansi, tahun=2025, bulan=1, indikator=it1, nilai=D(70))
    r = services.simpan_realisasi(aktor=a.kasubag, realisasi=r, ajukan=True)
    services.periksa_realisasi(aktor=a.kasubag, realisasi=r, setuju=True)
    dasbor = f"{live_server.url}/pengukuran/instansi/{a.instansi.pk}/dasbor/?tahun=2025&sampai=3"
    nilai_it1 = "() => Chart.getChart('grafik-capaian').data.datasets[0].data[0]"

    staf = testing.masuk_peramban(browser, live_server, a.staf)
    staf.goto(
        f"{live_server.url}/pengukuran/instansi/{a.instansi.pk}/realisasi/?tahun=2025&bulan=3"
    )
    baris = staf.locator(f"#baris-i{it1.pk}")
    baris.get_by_label("Realisasi IT1").fill("80")
    baris.get_by_role("button", name="Ajukan").click()
    baris = staf.locator(f"#baris-i{it1.pk}")
    baris.get_by_text("Diajukan ke Kasubag.").wait_for()
    # the row says plainly that it waits and does not count yet, in its own style
    assert baris.locator(".lencana.menunggu").inner_text() == "Menunggu persetujuan"
    assert "Belum dihitung dalam capaian" in baris.inner_text()
    assert "menunggu" in (baris.get_attribute("class") or "")
    tangkapan(staf, "grid-menunggu")

    staf.goto(dasbor)
    assert staf.locator("#dasbor-IT1 .nilai-capaian summary").inner_text().strip() == "83,33%"
    assert staf.evaluate(nilai_it1) == 83.33
    menunggu = staf.locator("#menunggu-persetujuan")
    assert "1 realisasi menunggu persetujuan" in menunggu.inner_text()
    assert "Maret: 80" in menunggu.inner_text()
    assert staf.locator("#nav-persetujuan").count() == 0  # the Staf approves nothing
    tangkapan(staf, "dasbor-menunggu")
    staf.context.close()

    kasubag = testing.masuk_peramban(browser, live_server, a.kasubag)
    lencana = kasubag.locator("#nav-persetujuan")
    assert "Persetujuan realisasi" in lencana.inner_text()
    assert lencana.locator(".angka-nav").inner_text() == "1"
    lencana.click()
    kasubag.get_by_role("heading", name="Persetujuan realisasi").wait_for()
    antrean = kasubag.locator("#bulan-2025-3")
    assert "Maret 2025" in antrean.inner_text() and "Staf Alpha" in antrean.inner_text()
    tangkapan(kasubag, "antrean")
    antrean.get_by_role("button", name="Setujui").click()
    kasubag.get_by_text("1 realisasi disetujui.").wait_for()
    kasubag.locator("#antrean-kosong").wait_for()
    assert kasubag.locator("#nav-persetujuan").count() == 0
    assert Realisasi.objects.get(indikator=it1, bulan=3).status == "disetujui"

    kasubag.goto(dasbor)
    assert kasubag.locator("#dasbor-IT1 .nilai-capaian summary").inner_text().strip() == "95,24%"
    assert kasubag.evaluate(nilai_it1) == 95.24
    assert kasubag.locator("#menunggu-persetujuan").count() == 0
    tangkapan(kasubag, "dasbor-disetujui")
    kasubag.context.close()
