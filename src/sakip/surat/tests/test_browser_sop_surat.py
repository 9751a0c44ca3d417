"""In Chromium, through the SOP's own task pages (seed 000 Perjanjian Kinerja): the Camat
signs on a phone with the TTE passphrase (a wrong one first), the Staf sends the signed
PK from the SOP Pengiriman step, the recipient confirms through the emailed link, and the
Kasubag Umum's receipt check goes through once the receipt is in."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from sakip import testing
from sakip.sop import engine
from sakip.surat.models import Surat

from .conftest import SANDI
from .test_sop_surat import _tugas_dengan, jalankan_sampai

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


_masuk = testing.masuk_peramban


def _tugas_url(live_server, tugas) -> str:
    return live_server.url + reverse("sop:tugas_detail", args=[tugas.pk])


def test_camat_menandatangani_staf_mengirim_penerima_mengonfirmasi(
    persona, run_pk, kunci_camat, live_server, browser, settings, tmp_path, tangkapan
):
    settings.MEDIA_ROOT = tmp_path
    settings.SITE_URL = live_server.url
    a = persona.a
    p, pk = run_pk
    ttd = jalankan_sampai(p, 9)

    # The Camat, on a phone, signs step 9: a mistyped passphrase signs nothing.
    camat = _masuk(browser, live_server, a.camat, ponsel=True)
    camat.goto(_tugas_url(live_server, ttd))
    camat.get_by_label("Passphrase TTE").fill("salah-ketik")
    camat.get_by_role("button", name="Selesai").click()
    assert "Passphrase salah" in camat.locator(".pesan, [role=alert]").first.inner_text()
    surat = Surat.objects.get(arah="keluar", dokumen_id=pk.pk)
    assert surat.nomor_surat == "" and not surat.berkas_ttd
    camat.get_by_label("Passphrase TTE").fill(SANDI)
    tangkapan(camat, "passphrase")
    camat.get_by_role("button", name="Selesai").click()
    camat.get_by_text("Langkah 9 selesai.").wait_for()
    surat.refresh_from_db()
    assert surat.status == "ditandatangani" and surat.nomor_surat.startswith("000.7.2.7/")

    # The Staf, at the SOP Pengiriman step, sends it from the task page's letter section.
    kirim = _tugas_dengan(p, "distribusi")
    staf = _masuk(browser, live_server, engine.penerima_tugas(kirim)[0])
    staf.goto(_tugas_url(live_server, kirim))
    assert surat.nomor_surat in staf.locator("#nomor-naskah").inner_text()
    staf.get_by_role("link", name="Kirim surat").click()
    staf.get_by_role("heading", name="Kirim surat").wait_for()
    staf.locator("#id_eks-0-nama").fill("Bagian Organisasi Setda")
    staf.locator("#id_eks-0-email").fill("organisasi@contoh.go.id")
    staf.locator("#id_eks-0-cara").select_option("email")
    staf.get_by_role("button", name="Kirim", exact=True).click()
    staf.get_by_role("heading", name="Bukti pengiriman").wait_for()
    staf.goto(_tugas_url(live_server, kirim))
    staf.get_by_role("button", name="Selesai").click()
    staf.get_by_text(f"Langkah {kirim.langkah_no} selesai.").wait_for()

    # The recipient confirms from the emailed link on a phone.
    [surel] = [m for m in mail.outbox if m.to == ["organisasi@contoh.go.id"]]
    tautan = re.search(r"(http\S+/tanda-terima/\S+/)", surel.body).group(1)
    tamu = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID").new_page()
    tamu.set_default_timeout(20_000)
    tamu.goto(tautan)
    tamu.get_by_label("Nama penerima").fill("Rina Wulandari")
    tamu.get_by_role("button", name="Konfirmasi diterima").click()
    tamu.locator("#sudah-diterima").wait_for()

    # The Kasubag Umum checks the receipts: complete, so the approval goes through.
    periksa = _tugas_dengan(p, "tanda_terima")
    kasubag = _masuk(browser, live_server, engine.penerima_tugas(periksa)[0])
    kasubag.goto(_tugas_url(live_server, periksa))
    kasubag.get_by_role("button", name=re.compile("^Setujui")).click()
    kasubag.get_by_text("Disetujui dan diteruskan.").wait_for()
    tangkapan(kasubag, "tanda-terima")
    periksa.refresh_from_db()
    assert periksa.status == "selesai"
