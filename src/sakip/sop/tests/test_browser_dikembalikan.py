"""In Chromium, seed 001's monitoring run: the Sekretaris Camat returns the Kasubag's draft
with a note; the Kasubag's inbox, notifications and task page say it was returned (by whom,
when, why — at the top); the revised PDF the Kasubag attaches shows in what changed; and
on a phone the Camat's decision buttons are on the first screen."""

from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sakip import testing
from sakip.organisasi.models import PemetaanPelaksana
from sakip.pengukuran import monitoring
from sakip.perencanaan.tests import bangun
from sakip.sop import dokumen_terikat, engine
from sakip.sop import services as sop_services
from sakip.testing import pdf_uji

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
JUDUL = "Monitoring April 2025"
CATATAN = "Realisasi fisik sub kegiatan Penyusunan Dokumen belum sesuai laporan PPTK"
PDF_1 = pdf_uji("rencana aksi versi 1")
PDF_2 = pdf_uji("rencana aksi versi 2, diperbaiki")
TINGGI_PONSEL = 844

_masuk = testing.masuk_peramban


def _siapkan(persona):
    """Alpha: a 2025 DPA, seed 001 adopted, April's run with its card filled in; the
    Kasubag has done steps 1 and 2 (the draft PDF attached), the Sekretaris reviews."""
    a = persona.a
    renstra = bangun.renstra(a)
    bangun.dokumen(a, renstra, "dpa")
    for nama, jabatan in (
        ("Kasubag Perencanaan", a.j_kasubag),
        ("Sekretaris Camat", a.j_sekcam),
        ("Tim Monitoring", a.j_kasubag),
        ("Fungsional Umum", a.j_staf),
    ):
        PemetaanPelaksana.objects.create(instansi=a.instansi, nama_pelaksana=nama, jabatan=jabatan)
    sop = sop_services.adopsi(aktor=a.camat, instansi=a.instansi, kode="001-monev-rencana-aksi")
    p = engine.mulai(aktor=a.kasubag, sop=sop, judul=JUDUL, periode="2025-04")
    kartu = dokumen_terikat.dokumen_dari(p)
    monitoring.isi_kartu(
        aktor=a.kasubag,
        kartu=kartu,
        isian={
            b.pk: monitoring.IsianBaris(b.target_fisik, D(40), "", "") for b in kartu.baris.all()
        },
    )
    engine.selesaikan(aktor=a.kasubag, tugas=p.tugas.get(status="terbuka"), catatan="Data siap")
    engine.selesaikan(
        aktor=a.kasubag,
        tugas=p.tugas.get(status="terbuka"),
        catatan="Draf pertama",
        berkas=[SimpleUploadedFile("rencana-aksi.pdf", PDF_1, "application/pdf")],
    )
    return p


def _buka_tugas(page, live_server, no: int):
    page.goto(live_server.url + "/sop/tugas/")
    page.get_by_role("link", name=JUDUL).first.click()
    page.get_by_role("heading", name=f"Langkah {no}:").wait_for()


def test_sekcam_mengembalikan_kasubag_melihatnya_dan_revisi_tampak_di_perubahan(
    persona, live_server, browser, settings, tmp_path, tangkapan
):
    settings.MEDIA_ROOT = tmp_path
    a = persona.a
    p = _siapkan(persona)

    sekcam = _masuk(browser, live_server, a.sekcam)
    _buka_tugas(sekcam, live_server, 3)
    sekcam.get_by_label("Catatan pemeriksaan (wajib bila dikembalikan)").fill(CATATAN)
    sekcam.get_by_role("button", name="Kembalikan untuk diperbaiki").click()
    sekcam.get_by_text("Dikembalikan untuk diperbaiki.").first.wait_for()

    kasubag = _masuk(browser, live_server, a.kasubag)
    # The home page and the inbox say it came back, from whom, and why.
    beranda = kasubag.locator("#ringkasan-tugas")
    assert "Dikembalikan untuk diperbaiki" in beranda.inner_text()
    kasubag.goto(live_server.url + "/sop/tugas/")
    kartu = kasubag.locator("li.tugas", has_text=JUDUL)
    lencana = kartu.locator(".lencana.dikembalikan")
    assert lencana.inner_text().strip() == "Dikembalikan untuk diperbaiki"
    assert lencana.locator("svg[aria-hidden=true]").count() == 1  # an icon, not an emoji
    assert "Oleh Sekcam Alpha" in kartu.inner_text() and CATATAN[:40] in kartu.inner_text()
    tangkapan(kasubag, "kotak-tugas")

    # The notification says "Dikembalikan", not "Tugas baru", and carries the note.
    kasubag.goto(live_server.url + "/notifikasi/")
    pertama = kasubag.locator(".daftar-kartu li").first
    teks = pertama.inner_text()
    assert f"Dikembalikan untuk diperbaiki: {JUDUL} — langkah 2" in teks
    assert "Tugas baru" not in teks and CATATAN in teks

    # The task page opens with the return: status, who (and as what), when, the note.
    _buka_tugas(kasubag, live_server, 2)
    spanduk = kasubag.locator("#dikembalikan")
    isi = spanduk.inner_text()
    assert "Dikembalikan" in isi and "Sekcam Alpha" in isi and "Sekretaris Camat" in isi
    assert CATATAN in isi and spanduk.locator("time").count() == 1
    formulir = kasubag.locator("#aksi form").first
    assert spanduk.bounding_box()["y"] < formulir.bounding_box()["y"]
    sebelum_form = spanduk.evaluate(
        "(el, f) => !!(el.compareDocumentPosition(f) & Node.DOCUMENT_POSITION_FOLLOWING)",
        formulir.element_handle(),
    )
    assert sebelum_form
    tangkapan(kasubag, "tugas-dikembalikan")

    # The Kasubag attaches the revised PDF under the same name and hands it on again.
    berkas = tmp_path / "rencana-aksi.pdf"
    berkas.write_bytes(PDF_2)
    kasubag.get_by_label("Catatan").fill("Realisasi fisik disesuaikan")
    kasubag.get_by_label("Lampiran").set_input_files(str(berkas))
    kasubag.get_by_role("button", name="Selesai").click()
    kasubag.get_by_text("Langkah 2 selesai.").wait_for()
    kasubag.context.close()

    # The Sekretaris sees the replaced file in what changed, not "Tidak ada perubahan".
    _buka_tugas(sekcam, live_server, 3)
    assert sekcam.locator("#dikembalikan").count() == 0  # a review again, not a return
    perubahan = sekcam.locator("#perubahan").inner_text()
    assert "Lampiran: rencana-aksi.pdf" in perubahan and "versi ke-2" in perubahan
    assert "Tidak ada perubahan" not in sekcam.locator("#perubahan-pemeriksaan").inner_text()
    tangkapan(sekcam, "perubahan-lampiran")
    sekcam.context.close()
    assert p.tugas.get(status="terbuka").langkah_no == 3


def test_camat_di_ponsel_melihat_tombol_keputusan_tanpa_menggulir(
    persona, live_server, browser, settings, tmp_path, tangkapan
):
    from sakip.surat.tte import services as tte

    settings.MEDIA_ROOT = tmp_path
    a = persona.a
    p = _siapkan(persona)
    tte.buat_kunci_demo(pegawai=a.camat, passphrase="rahasia-camat-alpha")
    engine.putuskan(aktor=a.sekcam, tugas=p.tugas.get(status="terbuka"), setuju=True)

    camat = _masuk(browser, live_server, a.camat, ponsel=True)
    _buka_tugas(camat, live_server, 4)
    tangkapan(camat, "keputusan-ponsel")
    camat.screenshot(path=str(tangkapan(camat, "keputusan-ponsel")).replace(".png", "-layar.png"))
    assert camat.evaluate("window.scrollY") == 0
    for tombol in (
        camat.get_by_role("button", name="Setujui"),
        camat.get_by_role("button", name="Kembalikan untuk diperbaiki"),
    ):
        kotak = tombol.bounding_box()
        assert kotak["y"] + kotak["height"] <= TINGGI_PONSEL, kotak
    passphrase = camat.get_by_label("Passphrase TTE")
    assert passphrase.bounding_box()["y"] < TINGGI_PONSEL
    # The details the buttons moved past are still there, folded below.
    assert camat.locator("details#rincian summary").count() == 1
    camat.context.close()
