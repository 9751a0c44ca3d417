"""In Chromium: Staf types, Kasubag rejects with a note, Staf corrects, Kasubag approves,
Sekretaris initials, Camat signs on a phone; the run's timeline shows all of it."""

import pytest

from sakip import testing
from sakip.sop import engine

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _masuk(browser, live_server, pegawai, ponsel=False):
    ctx = browser.new_context(
        viewport={"width": 390, "height": 844} if ponsel else {"width": 1280, "height": 900},
        locale="id-ID",
    )
    page = ctx.new_page()
    page.set_default_timeout(10_000)
    page.goto(live_server.url + "/akun/masuk/")
    page.get_by_label("NIP atau nama pengguna").fill(pegawai.username)
    page.get_by_label("Kata sandi").fill(testing.SANDI)
    page.get_by_role("button", name="Masuk").click()
    page.get_by_role("heading", name=f"Selamat datang, {pegawai.nama}").wait_for()
    return page


def _buka_tugas(page, live_server, judul):
    page.goto(live_server.url + "/sop/tugas/")
    page.get_by_role("link", name=judul).first.click()


def test_tolak_perbaiki_setujui_paraf_tandatangan(
    persona, laporan_bulanan, live_server, browser, tangkapan
):
    a = persona.a
    judul = "Laporan Bulanan Oktober 2026"
    p = engine.mulai(aktor=a.kasubag, sop=laporan_bulanan, judul=judul)
    engine.selesaikan(aktor=a.kasubag, tugas=p.tugas.get(), catatan="Bahan terkumpul")

    staf = _masuk(browser, live_server, a.staf)
    assert staf.locator("#ringkasan-tugas .angka").first.inner_text() == "1"
    _buka_tugas(staf, live_server, judul)
    staf.get_by_role("heading", name="Langkah 2: Mengetik Laporan").wait_for()
    staf.get_by_label("Catatan").fill("Draf pertama")
    staf.get_by_role("button", name="Selesai").click()
    staf.get_by_text("Langkah 2 selesai.").wait_for()

    kasubag = _masuk(browser, live_server, a.kasubag)
    _buka_tugas(kasubag, live_server, judul)
    kasubag.get_by_role("button", name="Kembalikan untuk diperbaiki").click()
    kasubag.get_by_text("Tulis catatan perbaikan").wait_for()  # a note is required
    kasubag.get_by_label("Catatan pemeriksaan (wajib bila dikembalikan)").fill(
        "Capaian triwulan belum dimasukkan"
    )
    kasubag.get_by_role("button", name="Kembalikan untuk diperbaiki").click()
    kasubag.get_by_text("Dikembalikan untuk diperbaiki.").first.wait_for()

    _buka_tugas(staf, live_server, judul)
    # the note reaches the typist, at the top of the page
    staf.locator("#dikembalikan").get_by_text("Capaian triwulan belum dimasukkan").wait_for()
    staf.get_by_label("Catatan").fill("Capaian triwulan ditambahkan")
    staf.get_by_role("button", name="Selesai").click()
    staf.get_by_text("Langkah 2 selesai.").wait_for()

    _buka_tugas(kasubag, live_server, judul)
    kasubag.get_by_role("button", name="Setujui").click()
    kasubag.get_by_text("Disetujui dan diteruskan.").wait_for()

    sekcam = _masuk(browser, live_server, a.sekcam)
    _buka_tugas(sekcam, live_server, judul)
    sekcam.get_by_role("heading", name="Langkah 4: Memeriksa Laporan dan Memberi paraf").wait_for()
    sekcam.get_by_label("Catatan").fill("Diparaf")
    sekcam.get_by_role("button", name="Selesai").click()
    sekcam.get_by_text("Langkah 4 selesai.").wait_for()

    camat = _masuk(browser, live_server, a.camat, ponsel=True)
    _buka_tugas(camat, live_server, judul)
    camat.get_by_role("heading", name="Langkah 5: Memberi tandatangan").wait_for()
    tangkapan(camat, "camat-tugas")
    camat.get_by_label("Catatan").fill("Ditandatangani")
    camat.get_by_role("button", name="Selesai").click()
    camat.get_by_text("Langkah 5 selesai.").wait_for()

    camat.goto(live_server.url + f"/sop/pelaksanaan/{p.pk}/")
    lini = camat.locator("#lini-masa")
    teks = lini.inner_text()
    for nama, kejadian in [
        ("Staf Alpha", "Diselesaikan"),
        ("Kasubag Alpha", "Dikembalikan untuk diperbaiki"),
        ("Kasubag Alpha", "Disetujui"),
        ("Sekcam Alpha", "Diselesaikan"),
        ("Camat Alpha", "Diselesaikan"),
    ]:
        assert kejadian in teks and nama in teks, (kejadian, nama)
    assert "Capaian triwulan belum dimasukkan" in teks
    assert lini.locator("li.tolak").count() == 1
    assert lini.locator("li.setuju").count() == 1
    tangkapan(camat, "lini-masa")
    for page in (staf, kasubag, sekcam, camat):
        page.context.close()
