"""In Chromium: the Kasubag fills the Camat's PK from Excel and downloads it as PDF; edits a
Renstra target and adds a kegiatan inline; the evaluator reads; the Camat reads the PK on a
phone."""

import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from sakip import testing
from sakip.perencanaan import excel
from sakip.perencanaan.models import IndikatorPK, TargetTahunan
from sakip.perencanaan.tests import bangun

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _masuk(browser, live_server, pegawai, ponsel=False):
    ctx = browser.new_context(
        viewport={"width": 390, "height": 844} if ponsel else {"width": 1280, "height": 900},
        locale="id-ID",
        accept_downloads=True,
    )
    page = ctx.new_page()
    page.set_default_timeout(15_000)
    page.goto(live_server.url + "/akun/masuk/")
    page.get_by_label("NIP atau nama pengguna").fill(pegawai.username)
    page.get_by_label("Kata sandi").fill(testing.SANDI)
    page.get_by_role("button", name="Masuk").click()
    page.get_by_role("heading", name=f"Selamat datang, {pegawai.nama}").wait_for()
    return page


def _isi_lembar(buku, nama: str, baris: list[tuple]) -> None:
    """Write data rows right under the header row ("No" in column A)."""
    ws = buku[nama]
    judul = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "No")
    for n, nilai in enumerate(baris, start=judul + 1):
        for kolom, isi in enumerate(nilai, start=1):
            ws.cell(n, kolom, isi)


def _berkas_pk(pk) -> bytes:
    """The PK's own export, filled in as a Kasubag would in Excel."""
    buku = load_workbook(io.BytesIO(excel.ekspor("pk", pk)))
    _isi_lembar(
        buku,
        "Sasaran",
        [
            (1, "Meningkatnya kepuasan masyarakat", "Indeks kepuasan masyarakat", "Indeks", 83.5),
            (None, None, "Layanan selesai tepat waktu", "%", 95),
            (2, "Meningkatnya akuntabilitas kinerja", "Opini laporan keuangan", "Opini BPK", "WTP"),
        ],
    )
    _isi_lembar(buku, "Anggaran", [(1, "Program Penunjang Urusan", 150_000_000)])
    keluar = io.BytesIO()
    buku.save(keluar)
    return keluar.getvalue()


def test_kasubag_impor_pk_dari_excel_lalu_unduh_pdf(persona, live_server, browser, tangkapan):
    a = persona.a
    renstra = bangun.renstra(a)
    bangun.dokumen(a, renstra, "dpa")
    pk = bangun.pk(a, renstra, isi=False)
    berkas = _berkas_pk(pk)

    kasubag = _masuk(browser, live_server, a.kasubag)
    kasubag.get_by_role("link", name="Perencanaan").first.click()
    kasubag.get_by_role("link", name="2025").click()
    kasubag.locator(f'.simpul[data-jabatan="{a.j_camat.nama}"]').get_by_role(
        "link", name="PK 2025"
    ).click()
    kasubag.get_by_role("heading", name="Perjanjian Kinerja 2025 — Camat").wait_for()
    kasubag.get_by_role("link", name="Impor Excel").click()
    kasubag.get_by_label("Berkas Excel (.xlsx)").set_input_files(
        files=[{"name": "pk-camat.xlsx", "mimeType": XLSX, "buffer": berkas}]
    )
    kasubag.get_by_role("button", name="Impor").click()
    kasubag.get_by_text("Impor selesai").wait_for()
    assert IndikatorPK.objects.filter(sasaran__pk_dokumen=pk).count() == 3
    tabel = kasubag.locator("#tabel-sasaran").inner_text()
    assert "Indeks kepuasan masyarakat" in tabel and "83,5" in tabel and "WTP" in tabel
    assert "Rp 150.000.000" in kasubag.locator("#total-anggaran-pk").inner_text()
    tangkapan(kasubag, "pk-setelah-impor")

    with kasubag.expect_download() as unduhan:
        kasubag.get_by_role("link", name="Unduh PDF").first.click()
    assert unduhan.value.suggested_filename == "PK_Kecamatan_Alpha_2025_Camat.pdf"
    with open(unduhan.value.path(), "rb") as f:
        teks = " ".join(p.extract_text() for p in PdfReader(f).pages)
    teks = " ".join(teks.split())
    for isi in ("Indeks kepuasan masyarakat", "83,5", "Layanan selesai tepat waktu", "WTP"):
        assert isi in teks, isi
    assert "150.000.000" in teks
    kasubag.context.close()


def test_ubah_target_sebaris_dan_pk_di_ponsel(persona, live_server, browser, tangkapan):
    a = persona.a
    renstra = bangun.renstra(a)
    bangun.iku(renstra, a)
    dpa = bangun.dokumen(a, renstra, "dpa")
    pk = bangun.pk(a, renstra)

    kasubag = _masuk(browser, live_server, a.kasubag)
    kasubag.goto(f"{live_server.url}/perencanaan/instansi/{a.instansi.pk}/?tahun=2025")
    tangkapan(kasubag, "ikhtisar")

    kasubag.goto(f"{live_server.url}/perencanaan/renstra/{renstra.pk}/")
    baris = kasubag.locator("tr", has_text="Indeks kepuasan masyarakat").first
    baris.get_by_role("link", name="Ubah").click()
    kasubag.get_by_role("heading", name="Ubah Indikator").wait_for()
    # one input per year; a wrong kind of target is refused next to its year
    kasubag.get_by_label("2024", exact=True).fill("WTP")
    kasubag.get_by_role("button", name="Simpan").click()
    kasubag.get_by_text("bersatuan Indeks: target harus angka").wait_for()
    tangkapan(kasubag, "renstra-galat")
    kasubag.get_by_label("2024", exact=True).fill("83,25")
    kasubag.get_by_role("button", name="Simpan").click()
    kasubag.get_by_text("Indikator tersimpan.").wait_for()
    assert (
        "83,25" in kasubag.locator("tr", has_text="Indeks kepuasan masyarakat").first.inner_text()
    )
    target = TargetTahunan.objects.get(indikator__kode="IT1", tahun=2024).target
    assert str(target) == "83.2500"
    tangkapan(kasubag, "renstra")

    kasubag.goto(f"{live_server.url}/perencanaan/anggaran/{dpa.pk}/")
    program = kasubag.locator("#tabel-anggaran tr", has_text="PROGRAM PENUNJANG").first
    program.get_by_role("link", name="+ kegiatan").click()
    form = kasubag.locator("tr.sunting-wadah")
    form.get_by_label("Kode").fill("7.01.01.2.02")
    form.get_by_label("Nama").fill("Administrasi Keuangan")
    form.get_by_label("Pagu (Rp)").fill("Rp 25.000.000")
    tangkapan(kasubag, "dpa-tambah-kegiatan")
    form.get_by_role("button", name="Simpan").click()
    kasubag.get_by_text("Program/kegiatan/sub kegiatan tersimpan.").wait_for()
    baris = kasubag.locator("#tabel-anggaran tr", has_text="Administrasi Keuangan")
    assert "Rp 25.000.000" in baris.inner_text()
    # the program's pagu no longer matches its kegiatan: flagged on the program row
    assert "rincian Rp 175.000.000" in program.inner_text()
    tangkapan(kasubag, "dpa")
    kasubag.goto(f"{live_server.url}/perencanaan/pk/{pk.pk}/rencana-aksi/")
    tangkapan(kasubag, "rencana-aksi")
    kasubag.goto(f"{live_server.url}/perencanaan/renstra/{renstra.pk}/iku/")
    tangkapan(kasubag, "iku")
    kasubag.context.close()

    evaluator = _masuk(browser, live_server, persona.evaluator)
    evaluator.goto(f"{live_server.url}/perencanaan/")
    evaluator.get_by_role("link", name="Kecamatan Alpha").click()
    evaluator.get_by_role("link", name="2025").click()
    evaluator.get_by_role("link", name="Buka DPA").click()
    assert evaluator.get_by_role("link", name="Ubah", exact=True).count() == 0
    tangkapan(evaluator, "dpa-evaluator")
    evaluator.context.close()

    camat = _masuk(browser, live_server, a.camat, ponsel=True)
    camat.goto(f"{live_server.url}/perencanaan/pk/{pk.pk}/")
    camat.get_by_role("heading", name="Perjanjian Kinerja 2025 — Camat").wait_for()
    assert camat.locator("#pihak-pertama").inner_text() == "Camat Alpha"
    tangkapan(camat, "pk-ponsel")
    camat.context.close()
