"""In Chromium, the story of issue 12 from draft to signed PDF: seed 001's monitoring run
for April in Kecamatan Alpha, walked through the pages only.

The Kasubag tries to hand on the draft with the kartu kendali still empty and is told, in
words, which sub kegiatan lacks its realisasi, with a link to the row; follows it, fills the
card, comes back and hands it on. The Sekretaris returns it with a note; the Kasubag sees
"Dikembalikan" and the note at the top and hands it on again; the Sekretaris initials. The
Camat, on a phone, reads the preview PDF (the card's figures), types a wrong passphrase
(said on the field, nothing signed), then signs: the card's print link serves the signed
PDF — a signature field, the card's figures and the document the step names.
"""

import io
from decimal import Decimal as D

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from sakip import testing
from sakip.organisasi.models import PemetaanPelaksana
from sakip.pengukuran.models import KartuKendali
from sakip.perencanaan.tests import bangun
from sakip.sop import dokumen_terikat, engine
from sakip.sop import services as sop_services
from sakip.surat.models import TandaTangan
from sakip.surat.tte import services as tte

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
JUDUL = "Monitoring April 2025"
DOKUMEN = "Rencana Program dan Rencana Aksi Kinerja"
SUB_1 = ("7.01.01.2.01.0001", "Penyusunan Dokumen Perencanaan")
SUB_2 = ("7.01.01.2.01.0006", "Penyusunan Laporan Kinerja")
CATATAN = "Realisasi fisik Penyusunan Laporan Kinerja belum sesuai laporan PPTK"
SANDI_TTE = "rahasia-camat-alpha"

_masuk = testing.masuk_peramban


def _siapkan(persona):
    """Alpha: the 2025 DPA (two sub kegiatan), seed 001 adopted, the Camat's TTE key, and
    April's run started by the Kasubag with step 1 done: step 2 (the draft) is open and the
    card is still empty."""
    a = persona.a
    bangun.dokumen(a, bangun.renstra(a), "dpa")
    for nama, jabatan in (
        ("Kasubag Perencanaan", a.j_kasubag),
        ("Sekretaris Camat", a.j_sekcam),
        ("Tim Monitoring", a.j_kasubag),
        ("Fungsional Umum", a.j_staf),
    ):
        PemetaanPelaksana.objects.create(instansi=a.instansi, nama_pelaksana=nama, jabatan=jabatan)
    sop = sop_services.adopsi(aktor=a.camat, instansi=a.instansi, kode="001-monev-rencana-aksi")
    tte.buat_kunci_demo(pegawai=a.camat, passphrase=SANDI_TTE)
    p = engine.mulai(aktor=a.kasubag, sop=sop, judul=JUDUL, periode="2025-04")
    engine.selesaikan(aktor=a.kasubag, tugas=p.tugas.get(status="terbuka"), catatan="Data siap")
    assert p.tugas.get(status="terbuka").langkah_no == 2
    return p, dokumen_terikat.dokumen_dari(p)


def _buka_tugas(page, live_server, no: int):
    page.goto(live_server.url + "/sop/tugas/")
    page.get_by_role("link", name=JUDUL).first.click()
    page.get_by_role("heading", name=f"Langkah {no}:").wait_for()


def _teks(isi: bytes) -> str:
    return " ".join(" ".join(h.extract_text() for h in PdfReader(io.BytesIO(isi)).pages).split())


def _ada_tanda_tangan(isi: bytes) -> bool:
    """True when the PDF carries a signature field (/FT /Sig) in its AcroForm."""
    medan = PdfReader(io.BytesIO(isi)).get_fields() or {}
    return any(m.get("/FT") == "/Sig" for m in medan.values())


def _terbaca(page, locator) -> bool:
    """True when `locator` is on the first screen and nothing is drawn over its centre
    (a sticky bar covering an error message leaves it unread)."""
    kotak = locator.bounding_box()
    x, y = kotak["x"] + kotak["width"] / 2, kotak["y"] + kotak["height"] / 2
    tinggi = page.viewport_size["height"]
    return y < tinggi and locator.evaluate(
        "(el, [x, y]) => el.contains(document.elementFromPoint(x, y))", [x, y]
    )


def _unduh_pdf(page, url: str) -> bytes:
    """GET `url` with the page's session (the signed-in persona), asserting a PDF answer."""
    r = page.request.get(url)
    assert r.status == 200, (url, r.status)
    assert r.headers["content-type"] == "application/pdf"
    isi = r.body()
    assert isi.startswith(b"%PDF")
    return isi


def test_kartu_kendali_dari_draf_kosong_sampai_pdf_bertanda_tangan(
    persona, live_server, browser, settings, tmp_path, tangkapan
):
    settings.MEDIA_ROOT = tmp_path
    a = persona.a
    p, kartu = _siapkan(persona)
    baris = {b.item.kode: b for b in kartu.baris.select_related("item")}

    # 1. The Kasubag hands on the draft with the card empty: told what is missing, in words.
    kasubag = _masuk(browser, live_server, a.kasubag)
    _buka_tugas(kasubag, live_server, 2)
    kasubag.get_by_label("Catatan").fill("Draf kartu kendali April")
    kasubag.get_by_role("button", name="Selesai").click()
    kekurangan = kasubag.locator("#kekurangan")
    kekurangan.wait_for()
    assert "belum lengkap untuk langkah ini (2 hal)" in kekurangan.inner_text()
    tautan = kekurangan.get_by_role("link", name=f"“{SUB_1[1]}” ({SUB_1[0]}) belum diisi")
    assert tautan.get_attribute("href") == (
        f"/pengukuran/kartu-kendali/{kartu.pk}/#baris-{baris[SUB_1[0]].pk}"
    )
    assert kekurangan.get_by_role("link", name=SUB_2[1]).count() == 1
    # Nothing moved: the step is still the Kasubag's, the typed note kept in the form.
    assert kasubag.get_by_role("heading", name="Langkah 2:").count() == 1
    assert kasubag.get_by_label("Catatan").input_value() == "Draf kartu kendali April"
    tangkapan(kasubag, "kekurangan")
    assert p.tugas.get(status="terbuka").langkah_no == 2

    # The link lands on the card, at the row of that sub kegiatan.
    tautan.click()
    kasubag.get_by_role("heading", name="Kartu Kendali April 2025").wait_for()
    assert kasubag.url.endswith(f"#baris-{baris[SUB_1[0]].pk}")
    expect(kasubag.locator(f"#baris-{baris[SUB_1[0]].pk}")).to_be_in_viewport()
    kasubag.get_by_label(f"Realisasi fisik {SUB_1[0]} (%)").fill("45,5")
    kasubag.get_by_label(f"Kendala {SUB_1[0]}").fill("Narasumber berhalangan")
    kasubag.get_by_label(f"Realisasi fisik {SUB_2[0]} (%)").fill("20")
    kasubag.get_by_role("button", name="Simpan kartu kendali").click()
    kasubag.get_by_text("Kartu kendali tersimpan (2 baris).").wait_for()
    kartu.refresh_from_db()
    assert kartu.baris.get(item__kode=SUB_1[0]).realisasi_fisik == D("45.5")

    # Back on the task, the same step now hands on.
    _buka_tugas(kasubag, live_server, 2)
    assert kasubag.locator("#kekurangan").count() == 0
    kasubag.get_by_label("Catatan").fill("Draf kartu kendali April")
    kasubag.get_by_role("button", name="Selesai").click()
    kasubag.get_by_text("Langkah 2 selesai.").wait_for()

    # 2. The Sekretaris returns it with a note.
    sekcam = _masuk(browser, live_server, a.sekcam)
    _buka_tugas(sekcam, live_server, 3)
    sekcam.get_by_label("Catatan pemeriksaan (wajib bila dikembalikan)").fill(CATATAN)
    sekcam.get_by_role("button", name="Kembalikan untuk diperbaiki").click()
    sekcam.get_by_text("Dikembalikan untuk diperbaiki.").first.wait_for()

    # The Kasubag sees the return and the note at the top, above the step, and hands on again.
    _buka_tugas(kasubag, live_server, 2)
    spanduk = kasubag.locator("#dikembalikan")
    isi = spanduk.inner_text()
    assert "Dikembalikan" in isi and "Sekcam Alpha" in isi and CATATAN in isi
    judul = kasubag.get_by_role("heading", name="Langkah 2:")
    assert spanduk.bounding_box()["y"] < judul.bounding_box()["y"]
    assert "Dikembalikan" in kasubag.locator(".status-langkah").inner_text()
    tangkapan(kasubag, "dikembalikan")
    kasubag.get_by_label("Catatan").fill("Realisasi Penyusunan Laporan Kinerja sudah dicek")
    kasubag.get_by_role("button", name="Selesai").click()
    kasubag.get_by_text("Langkah 2 selesai.").wait_for()
    kasubag.context.close()

    # The Sekretaris initials this time.
    _buka_tugas(sekcam, live_server, 3)
    assert sekcam.locator("#dikembalikan").count() == 0
    sekcam.get_by_role("button", name="Setujui").click()
    sekcam.get_by_text("Disetujui dan diteruskan.").wait_for()
    sekcam.context.close()

    # 3. The Camat, on a phone, opens the signing task and reads the preview.
    camat = _masuk(browser, live_server, a.camat, ponsel=True)
    _buka_tugas(camat, live_server, 4)
    pratinjau = camat.get_by_role("link", name="Pratinjau dokumen yang akan ditandatangani (PDF)")
    href = pratinjau.get_attribute("href")
    assert href.endswith("/pratinjau.pdf")
    isi_pratinjau = _unduh_pdf(camat, live_server.url + href)
    teks = _teks(isi_pratinjau)
    assert DOKUMEN in teks and SUB_1[1] in teks and SUB_2[1] in teks
    assert "45,50%" in teks and "20,00%" in teks
    assert not _ada_tanda_tangan(isi_pratinjau)
    tangkapan(camat, "tugas-tte")

    # A wrong passphrase: said on the field itself, nothing signed.
    camat.get_by_label("Passphrase TTE").fill("bukan-ini")
    camat.get_by_role("button", name="Setujui").click()
    galat = camat.locator("#galat-passphrase")
    galat.wait_for()
    assert "Passphrase salah" in galat.inner_text()
    # Both the error and the field are on the first screen, not under the decision bar.
    assert _terbaca(camat, galat), "the passphrase error is covered on the phone"
    assert _terbaca(camat, camat.get_by_label("Passphrase TTE")), "the field is covered"
    assert camat.get_by_label("Passphrase TTE").get_attribute("aria-invalid") == "true"
    assert camat.locator("#kekurangan").count() == 0
    tangkapan(camat, "passphrase-salah")
    kartu.refresh_from_db()
    assert kartu.status == KartuKendali.Status.DRAF
    assert not TandaTangan.objects.exists()
    assert p.tugas.get(status="terbuka").langkah_no == 4

    # The right passphrase signs.
    camat.get_by_label("Passphrase TTE").fill(SANDI_TTE)
    camat.get_by_role("button", name="Setujui").click()
    camat.get_by_text("Disetujui dan diteruskan.").wait_for()
    kartu.refresh_from_db()
    assert kartu.status == KartuKendali.Status.DITANDATANGANI

    # The card's print link now serves the signed PDF: signature, figures, named document.
    camat.goto(f"{live_server.url}/pengukuran/kartu-kendali/{kartu.pk}/")
    assert "Ditandatangani" in camat.locator("#status-kartu").inner_text()
    cetak = camat.locator("#cetak-kartu")
    ditandatangani = _unduh_pdf(camat, live_server.url + cetak.get_attribute("href"))
    assert _ada_tanda_tangan(ditandatangani)
    teks = _teks(ditandatangani)
    assert DOKUMEN in teks and SUB_1[1] in teks and SUB_2[1] in teks
    assert "45,50%" in teks and "20,00%" in teks and "Narasumber berhalangan" in teks
    tangkapan(camat, "kartu-ditandatangani")
    camat.context.close()
