"""In Chromium: Staf Alpha sends the Camat's signed PK to the head of Bagian Organisasi (in
the app) and to the Inspektorat by email; the Inspektorat opens the emailed link on a phone
and confirms; the Staf sees "Diterima" on the bukti pengiriman; the Kabag opens the letter."""

import re

import pytest
from django.core import mail

from sakip import testing
from sakip.surat.models import Penerima, Pengiriman

from .contoh_akses_kirim import bagian_organisasi, kode, surat_bertanda_tangan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


_masuk = testing.masuk_peramban


def test_staf_mengirim_dan_penerima_surel_mengonfirmasi(
    persona, live_server, browser, settings, tmp_path, tangkapan
):
    settings.MEDIA_ROOT = tmp_path
    settings.SITE_URL = live_server.url
    a = persona.a
    _org, j_kabag, kabag = bagian_organisasi(persona.pemda)
    surat = surat_bertanda_tangan(a, klasifikasi=kode())

    staf = _masuk(browser, live_server, a.staf, ponsel=True)
    staf.goto(f"{live_server.url}/surat/{surat.pk}/kirim/")
    staf.get_by_role("heading", name="Kirim surat").wait_for()
    staf.locator("#id_int-0-jabatan").select_option(str(j_kabag.pk))
    staf.locator("#id_int-0-cara").select_option("aplikasi")
    staf.locator("#id_eks-0-nama").fill("Inspektorat Daerah")
    staf.locator("#id_eks-0-email").fill("irda@contoh.go.id")
    staf.locator("#id_eks-0-cara").select_option("email")
    tangkapan(staf, "form")
    staf.get_by_role("button", name="Kirim", exact=True).click()
    staf.get_by_role("heading", name="Bukti pengiriman").wait_for()
    assert "0 dari 2 tanda terima" in staf.locator("#ringkasan").inner_text()
    pengiriman = Pengiriman.objects.get()

    # The email carries the absolute confirmation link (the Kabag gets a notification mail).
    [surel] = [m for m in mail.outbox if m.to == ["irda@contoh.go.id"]]
    tautan = re.search(r"(http\S+/tanda-terima/\S+/)", surel.body).group(1)
    tamu = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID").new_page()
    tamu.set_default_timeout(20_000)
    tamu.goto(tautan)
    assert surat.perihal in tamu.locator("#surat").inner_text()
    tamu.get_by_label("Nama penerima").fill("Rina Wulandari")
    tamu.get_by_role("button", name="Konfirmasi diterima").click()
    tamu.locator("#sudah-diterima").wait_for()
    assert "Rina Wulandari" in tamu.locator("#sudah-diterima").inner_text()
    tangkapan(tamu, "konfirmasi")

    staf.reload()
    email = pengiriman.penerima.get(cara=Penerima.Cara.EMAIL)
    baris = staf.locator(f"#penerima-{email.pk}")
    assert "Diterima" in baris.inner_text() and "Belum diterima" not in baris.inner_text()
    assert "Rina Wulandari" in baris.inner_text()
    assert "1 dari 2 tanda terima" in staf.locator("#ringkasan").inner_text()
    tangkapan(staf, "bukti")

    # The Kabag opens the letter from the notification: the distribution is complete.
    org = _masuk(browser, live_server, kabag)
    org.goto(f"{live_server.url}/surat/diterima/")
    org.get_by_role("link", name=surat.perihal).click()
    org.get_by_role("link", name="Unduh surat bertanda tangan (PDF)").wait_for()
    staf.reload()
    assert "Semua tanda terima lengkap" in staf.locator("#status-pengiriman").inner_text()
