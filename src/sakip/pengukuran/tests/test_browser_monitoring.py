"""In Chromium: April's monitoring run of seed 001. The Kasubag opens the card from the SOP
task, sees the TW I recommendation under watch, fills in the rows; the Sekretaris initials
and the Camat signs on a phone through the task pages; the card then shows it is signed."""

from decimal import Decimal as D

import pytest

from sakip import testing
from sakip.organisasi.models import PemetaanPelaksana
from sakip.pengukuran import monitoring
from sakip.pengukuran.models import KartuKendali, RealisasiAnggaran
from sakip.perencanaan import services as perencanaan
from sakip.perencanaan.models import IndikatorPK, SasaranPK
from sakip.perencanaan.tests import bangun
from sakip.sop import dokumen_terikat, engine
from sakip.sop import services as sop_services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
JUDUL = "Monitoring April 2025"


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


def _buka_tugas(page, live_server, no: int):
    page.goto(live_server.url + "/sop/tugas/")
    page.get_by_role("link", name=JUDUL).first.click()
    page.get_by_role("heading", name=f"Langkah {no}:").wait_for()


def _siapkan(persona):
    """Alpha: a 2025 DPA with April's spending, seed 001 adopted, and a TW I recommendation
    to the Kasubag that April's monitoring must check."""
    a = persona.a
    renstra = bangun.renstra(a)
    dpa = bangun.dokumen(a, renstra, "dpa")
    sub1 = dpa.item.get(kode="7.01.01.2.01.0001")
    for bulan in range(1, 5):
        RealisasiAnggaran.objects.create(item=sub1, bulan=bulan, jumlah=D(4_000_000))
    for nama, jabatan in (
        ("Kasubag Perencanaan", a.j_kasubag),
        ("Sekretaris Camat", a.j_sekcam),
        ("Tim Monitoring", a.j_kasubag),
        ("Fungsional Umum", a.j_staf),
    ):
        PemetaanPelaksana.objects.create(instansi=a.instansi, nama_pelaksana=nama, jabatan=jabatan)
    sop = sop_services.adopsi(aktor=a.camat, instansi=a.instansi, kode="001-monev-rencana-aksi")
    pk = perencanaan.buat_pk(aktor=a.staf, jabatan=a.j_kasubag, tahun=2025)
    sasaran = SasaranPK.objects.create(pk_dokumen=pk, uraian="Meningkatnya kualitas perencanaan")
    ind = IndikatorPK.objects.create(
        sasaran=sasaran, nama="Dokumen perencanaan tepat waktu", satuan="%", target=D(100)
    )
    ev = monitoring.buat_evaluasi(aktor=a.kasubag, instansi=a.instansi, tahun=2025, triwulan=1)
    monitoring.terbitkan_rekomendasi(
        aktor=a.sekcam, evaluasi=ev, uraian="Percepat penyusunan dokumen", indikator_pk=ind
    )
    return engine.mulai(aktor=a.kasubag, sop=sop, judul=JUDUL, periode="2025-04")


def test_tim_mengisi_kartu_sekretaris_memaraf_camat_menandatangani(
    persona, live_server, browser, tangkapan
):
    a = persona.a
    p = _siapkan(persona)
    kartu = dokumen_terikat.dokumen_dari(p)

    kasubag = _masuk(browser, live_server, a.kasubag)
    _buka_tugas(kasubag, live_server, 1)
    kasubag.get_by_role("link", name="Buka dan isi dokumen").click()
    kasubag.get_by_role("heading", name="Kartu Kendali April 2025").wait_for()
    assert "Percepat penyusunan dokumen" in kasubag.locator("#rekomendasi-dipantau").inner_text()
    baris = kasubag.locator("#tabel-kartu tr", has_text="Penyusunan Dokumen Perencanaan")
    assert "Rp 20.000.000" in baris.inner_text() and "Rp 16.000.000" in baris.inner_text()
    kasubag.get_by_label("Realisasi fisik 7.01.01.2.01.0001 (%)").fill("30,5")
    kasubag.get_by_label("Kendala 7.01.01.2.01.0001").fill("Narasumber berhalangan")
    kasubag.get_by_label("Tindak lanjut 7.01.01.2.01.0001").fill("Dijadwalkan ulang Mei")
    kasubag.get_by_label("Realisasi fisik 7.01.01.2.01.0006 (%)").fill("20")
    tangkapan(kasubag, "kartu-diisi")
    kasubag.get_by_role("button", name="Simpan kartu kendali").click()
    kasubag.get_by_text("Kartu kendali tersimpan (2 baris).").wait_for()
    for no in (1, 2):
        _buka_tugas(kasubag, live_server, no)
        kasubag.get_by_role("button", name="Selesai").click()
        kasubag.get_by_text(f"Langkah {no} selesai.").wait_for()
    kasubag.context.close()

    sekcam = _masuk(browser, live_server, a.sekcam)
    _buka_tugas(sekcam, live_server, 3)
    sekcam.get_by_role("button", name="Setujui").click()
    sekcam.get_by_text("Disetujui dan diteruskan.").wait_for()
    sekcam.context.close()

    camat = _masuk(browser, live_server, a.camat, ponsel=True)
    _buka_tugas(camat, live_server, 4)
    assert "Kartu kendali" in camat.locator("#dokumen").inner_text()
    tangkapan(camat, "camat-tugas")
    camat.get_by_role("button", name="Setujui").click()
    camat.get_by_text("Disetujui dan diteruskan.").wait_for()
    camat.goto(f"{live_server.url}/pengukuran/kartu-kendali/{kartu.pk}/")
    status = camat.locator("#status-kartu").inner_text()
    assert "Ditandatangani" in status
    assert "Paraf: Sekcam Alpha" in status and "Tanda tangan: Camat Alpha" in status
    assert camat.get_by_role("button", name="Simpan kartu kendali").count() == 0
    assert "Narasumber berhalangan" in camat.locator("#tabel-kartu").inner_text()
    tangkapan(camat, "kartu-ditandatangani")
    camat.context.close()

    kartu.refresh_from_db()
    assert kartu.status == KartuKendali.Status.DITANDATANGANI
    assert kartu.baris.get(item__kode="7.01.01.2.01.0001").realisasi_fisik == D("30.5")
