"""In Chromium: the numbering pattern's sample follows the typing (htmx); on a phone the
Staf registers the Bupati's letter with its scan, the Camat disposes it to the Sekcam, and
the Sekcam finds it in the inbox and answers."""

import re

import pytest
from playwright.sync_api import expect

from sakip import testing
from sakip.surat.models import Disposisi, Surat

from .bantu import PDF

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


_masuk = testing.masuk_peramban


def test_contoh_nomor_mengikuti_pola(persona, live_server, browser, tangkapan):
    a = persona.a
    page = _masuk(browser, live_server, a.camat)
    page.goto(f"{live_server.url}/surat/instansi/{a.instansi.pk}/pengaturan/")
    contoh = page.locator("#contoh-nomor")
    assert "000.7.2.7/015/KEC-A/" in contoh.inner_text()
    pola = page.get_by_label("pola nomor surat")
    pola.fill("{kode}/{nomor:03d}/{unit}/{bulan_romawi}/{tahun}")
    # A locator wait, not wait_for_function: the page's CSP has no 'unsafe-eval', which
    # Playwright's string predicates need.
    expect(contoh).to_have_text(re.compile(r"^[^/]*(/[^/]*){4}$"), use_inner_text=True)
    pola.fill("{kode}/{urut}/{tahun}")
    page.locator("#contoh-nomor").get_by_text("tidak dikenal").wait_for()
    tangkapan(page, "pola-salah")


def test_surat_masuk_sampai_disposisi_di_ponsel(persona, live_server, browser, tangkapan, tmp_path):
    a = persona.a
    berkas = tmp_path / "surat-bupati.pdf"
    berkas.write_bytes(PDF)

    staf = _masuk(browser, live_server, a.staf, ponsel=True)
    staf.get_by_role("button", name="Menu").click()
    staf.get_by_role("link", name="Surat", exact=True).click()
    staf.get_by_role("heading", name="Agenda surat masuk").wait_for()
    staf.get_by_role("link", name="Catat surat masuk").click()
    staf.get_by_label("Surat dari").fill("Bupati Uji")
    staf.get_by_label("Nomor surat").fill("000.8.3.2/412/ORG/2026")
    staf.get_by_label("Tanggal surat").fill("2026-11-09")
    staf.get_by_label("Perihal").fill("Pelaksanaan Survei Kepuasan Masyarakat Tahun 2026")
    staf.get_by_label("Kode klasifikasi").select_option("000.8.3.2")
    staf.get_by_label("Pindaian surat").set_input_files(str(berkas))
    staf.get_by_role("button", name="Catat dan beri nomor agenda").click()
    staf.get_by_text("Surat masuk dicatat dengan nomor agenda 1.").wait_for()
    tangkapan(staf, "surat-masuk")
    surat = Surat.objects.get()

    camat = _masuk(browser, live_server, a.camat, ponsel=True)
    camat.goto(f"{live_server.url}/surat/{surat.pk}/")
    camat.get_by_label("Diteruskan kepada").select_option(label="Sekretaris Camat")
    camat.get_by_label("Untuk ditindaklanjuti").check()
    camat.get_by_label("Catatan").fill("Siapkan SKM di loket PATEN.")
    camat.get_by_role("button", name="Disposisikan", exact=True).click()
    camat.get_by_text("Surat didisposisikan kepada Sekretaris Camat.").wait_for()

    sekcam = _masuk(browser, live_server, a.sekcam, ponsel=True)
    sekcam.goto(f"{live_server.url}/sop/tugas/")
    sekcam.get_by_role("heading", name="Disposisi surat masuk").wait_for()
    sekcam.get_by_role("link", name="Pelaksanaan Survei Kepuasan Masyarakat Tahun 2026").click()
    sekcam.locator("iframe.pindaian").wait_for()
    sekcam.get_by_label("Tanggapan").fill("Jadwal SKM disusun minggu ini.")
    sekcam.get_by_role("button", name="Kirim tanggapan").click()
    sekcam.get_by_text("Tanggapan disimpan.").wait_for()
    tangkapan(sekcam, "disposisi-selesai")
    assert Disposisi.objects.get().status == Disposisi.Status.SELESAI
