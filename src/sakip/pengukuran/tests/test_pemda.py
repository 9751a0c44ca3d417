"""The Pemda view (seed 003): the evaluator compares every kecamatan of the Pemda.

Alpha measured IKM 42 against 84 (50%) and an unqualified audit opinion (100%) in March;
Beta measured IKM 84 (100%) and serapan 90 inside 85–95 (100%) in January. Beta ranks
first, Alpha second; each entered 2 of 15 realisations due by March.
"""

import datetime
import re
from decimal import Decimal as D
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from sakip import testing
from sakip.pengukuran import pemda, penilaian
from sakip.pengukuran import permintaan as layanan
from sakip.pengukuran.models import JawabanData, PermintaanData, Realisasi, RealisasiAnggaran
from sakip.perencanaan.models import ItemAnggaran
from sakip.perencanaan.tests import bangun
from sakip.sop import engine
from sakip.sop.models import Tugas

TAHUN = 2025
URL = "/pengukuran/pemda/"


def isi_realisasi(agensi, kode: str, bulan: int, nilai) -> Realisasi:
    indikator = agensi.instansi.renstra.get().indikator.get(kode=kode)
    angka = not isinstance(nilai, str)
    return Realisasi.objects.create(
        instansi=agensi.instansi,
        tahun=TAHUN,
        bulan=bulan,
        indikator=indikator,
        nilai=D(str(nilai)) if angka else None,
        nilai_skala="" if angka else nilai,
        status=Realisasi.Status.DISETUJUI,
    )


def isi_agensi(agensi, *realisasi, belanja: int = 0):
    """A Renstra 2021–2026 and a 2025 DPA; `realisasi` as (kode, bulan, nilai)."""
    renstra = bangun.renstra(agensi)
    dpa = bangun.dokumen(agensi, renstra, "dpa")
    for kode, bulan, nilai in realisasi:
        isi_realisasi(agensi, kode, bulan, nilai)
    if belanja:
        sub = dpa.item.filter(level=ItemAnggaran.Level.SUB_KEGIATAN).order_by("kode").first()
        RealisasiAnggaran.objects.create(item=sub, bulan=2, jumlah=D(belanja))
        RealisasiAnggaran.objects.create(item=sub, bulan=5, jumlah=D(1_000_000))  # after March
    return dpa


@pytest.fixture
def data(persona):
    isi_agensi(persona.a, ("IT1", 3, 42), ("IS2", 3, "WTP"), belanja=30_000_000)
    isi_agensi(persona.b, ("IT1", 1, 84), ("IS3", 1, 90))
    return persona


def instansi_pemda(persona):
    return [persona.a.instansi, persona.b.instansi]


# ---------------------------------------------------------------- figures


def test_peringkat_dan_rata_rata_capaian(data):
    baris = pemda.bandingkan(instansi_pemda(data), TAHUN, 3)
    assert [b.instansi for b in baris] == [data.b.instansi, data.a.instansi]
    beta, alpha = baris
    assert (beta.peringkat, beta.capaian.rata, beta.capaian.kategori) == (1, 100, "Sangat Baik")
    assert (alpha.peringkat, alpha.capaian.rata, alpha.capaian.kategori) == (2, 75, "Cukup")
    assert pemda.rata_pemda(baris) == D("87.5")
    # The same figure as the agency's own capaian page.
    sendiri = penilaian.rata_capaian(penilaian.capaian_renstra(data.a.instansi, TAHUN, 3))
    assert alpha.capaian.rata == sendiri


def test_capaian_per_sasaran(data):
    alpha = pemda.capaian_semua(instansi_pemda(data), TAHUN, 3)[data.a.instansi.pk]
    per = {s.label.split()[0]: s for s in alpha.sasaran}
    assert per["T1"].rata == 50 and per["T1"].kategori == "Sangat Kurang"
    assert per["S1"].rata is None and per["S1"].jumlah_indikator == 1
    assert per["S2"].rata == 100 and per["S2"].jumlah_indikator == 3


def test_kelengkapan_per_bulan(data):
    sel = pemda.kelengkapan_semua(instansi_pemda(data), TAHUN, 3)
    alpha, beta = sel[data.a.instansi.pk], sel[data.b.instansi.pk]
    assert [(s.terisi, s.diharapkan) for s in alpha[:3]] == [(0, 5), (0, 5), (2, 5)]
    assert [s.kelas for s in alpha[:4]] == ["kosong", "kosong", "sebagian", "nanti"]
    assert [s.terisi for s in beta[:3]] == [2, 0, 0]
    assert pemda.kelengkapan_total(alpha) == D(2) / 15 * 100
    # The same count as the agency's own completeness table.
    assert [(b, t, n) for b, t, n in penilaian.kelengkapan_bulanan(data.a.instansi, TAHUN)][:3] == [
        (s.bulan, s.terisi, s.diharapkan) for s in alpha[:3]
    ]


def test_serapan_sampai_bulan_dan_tanpa_dpa(data):
    serapan = pemda.serapan_semua(instansi_pemda(data), TAHUN, 3)
    dpa = penilaian.dpa_tahun(data.a.instansi.pk, TAHUN)
    assert serapan[data.a.instansi.pk].nilai == penilaian.serapan_dpa(dpa, 3)[1].nilai
    assert serapan[data.b.instansi.pk].nilai == 0
    assert pemda.serapan_semua(instansi_pemda(data), 2026, 3)[data.a.instansi.pk] is None


def test_peringkat_bersama_untuk_nilai_sama():
    assert pemda.peringkat({1: D(90), 2: D(95), 3: D(90), 4: None, 5: D(80)}) == {
        1: 2,
        2: 1,
        3: 2,
        4: None,
        5: 4,
    }


def test_langkah_sop_terlambat_per_instansi(data):
    kirim_permintaan(data)
    tugas = Tugas.objects.get(instansi=data.a.instansi)
    Tugas.objects.filter(pk=tugas.pk).update(tenggat=timezone.now() - datetime.timedelta(hours=2))
    terlambat = pemda.terlambat_semua(instansi_pemda(data), timezone.now())
    assert terlambat == {data.a.instansi.pk: 1, data.b.instansi.pk: 0}
    assert Tugas.objects.get(pk=tugas.pk).kondisi_tenggat(timezone.now()) == "terlambat"


# ---------------------------------------------------------------- pages and scope


def kirim_permintaan(persona, **kw) -> PermintaanData:
    return layanan.kirim_permintaan(
        aktor=persona.evaluator,
        pemda=persona.pemda,
        judul=kw.get("judul", "Data kinerja triwulan I 2025"),
        tahun=TAHUN,
        sampai_bulan=3,
        batas_waktu=timezone.localdate() + datetime.timedelta(days=7),
    )


def test_evaluator_melihat_semua_instansi_pemdanya(data, masuk):
    r = masuk(data.evaluator).get(URL, {"tahun": TAHUN, "bulan": 3})
    assert r.status_code == 200
    isi = r.content.decode()
    assert "Kecamatan Alpha" in isi and "Kecamatan Beta" in isi
    assert f"/pengukuran/instansi/{data.a.instansi.pk}/capaian/?tahun=2025&amp;bulan=3" in isi
    assert "75,00%" in isi and "100,00%" in isi and "87,50%" in isi
    assert 'id="data-grafik-pemda"' in isi and "chart-4.4.1.umd.min.js" in isi
    peringkat = re.findall(r'<tr data-instansi="(\d+)"', isi)
    assert peringkat == [str(data.b.instansi.pk), str(data.a.instansi.pk)]


def test_evaluator_pemda_lain_tidak_melihat_apa_pun(data, masuk):
    p = kirim_permintaan(data)
    alpha = p.jawaban.get(instansi=data.a.instansi)
    klien = masuk(data.evaluator_lain)
    isi = klien.get(URL, {"tahun": TAHUN, "bulan": 3}).content.decode()
    assert "Alpha" not in isi and "Beta" not in isi
    daftar = klien.get(URL + "permintaan/").content.decode()
    assert p.judul not in daftar
    for url in (
        f"{URL}permintaan/{p.pk}/",
        f"{URL}permintaan/{p.pk}/excel/",
        f"{URL}jawaban/{alpha.pk}/",
    ):
        assert klien.get(url).status_code == 404, url


def test_pegawai_instansi_tidak_membuka_halaman_pemda(data, masuk):
    p = kirim_permintaan(data)
    klien = masuk(data.a.camat)
    for url in (URL, URL + "permintaan/"):
        r = klien.get(url)
        assert r.status_code == 302
        assert r["Location"] == f"/pengukuran/instansi/{data.a.instansi.pk}/capaian/"
    r = klien.post(URL + "permintaan/", {"judul": "Coba", "tahun": TAHUN, "sampai_bulan": 3})
    assert r.status_code == 302 and PermintaanData.objects.count() == 1
    # A request's page takes agency staff to their own answer, never to the compilation.
    alpha = p.jawaban.get(instansi=data.a.instansi)
    for url in (f"{URL}permintaan/{p.pk}/", f"{URL}permintaan/{p.pk}/excel/"):
        r = klien.get(url)
        assert r.status_code == 302 and r["Location"] == f"{URL}jawaban/{alpha.pk}/"
    beta = p.jawaban.get(instansi=data.b.instansi)
    assert klien.get(f"{URL}jawaban/{beta.pk}/").status_code == 404


def _jumlah_query(klien) -> int:
    with CaptureQueriesContext(connection) as q:
        r = klien.get(URL, {"tahun": TAHUN, "bulan": 3})
    assert r.status_code == 200
    return len(q.captured_queries)


def test_jumlah_query_sama_untuk_2_dan_6_instansi(data, masuk):
    kirim_permintaan(data)  # open SOP tasks in every agency
    Tugas.objects.update(tenggat=timezone.now() - datetime.timedelta(hours=1))
    klien = masuk(data.evaluator)
    dua = _jumlah_query(klien)
    for n in range(4):
        agensi = testing.buat_kecamatan(data.pemda, f"Tambahan {n}", f"KEC-T{n}")
        isi_agensi(agensi, ("IT1", 2, 80), ("IS3", 3, 88), belanja=5_000_000)
    kirim_permintaan(data, judul="Permintaan kedua")
    Tugas.objects.update(tenggat=timezone.now() - datetime.timedelta(hours=1))
    enam = _jumlah_query(klien)
    assert enam == dua, (dua, enam)
    assert dua <= 25, dua


def test_evaluator_mengirim_permintaan_dan_merekap_jawaban(data, masuk):
    klien = masuk(data.evaluator)
    batas = (timezone.localdate() + datetime.timedelta(days=5)).isoformat()
    r = klien.post(
        URL + "permintaan/",
        {
            "judul": "Data kinerja triwulan I 2025",
            "uraian": "Untuk evaluasi triwulan.",
            "tahun": TAHUN,
            "sampai_bulan": 3,
            "batas_waktu": batas,
        },
    )
    p = PermintaanData.objects.get()
    assert r.status_code == 302 and r["Location"] == f"{URL}permintaan/{p.pk}/"
    detail = klien.get(r["Location"]).content.decode()
    assert detail.count("Menunggu") >= 2 and "Langkah 1" in detail

    # The task is in Alpha's Kasubag's inbox; the task page opens the answer.
    a = data.a
    [tugas] = engine.kotak_tugas(a.kasubag)
    alpha = p.jawaban.get(instansi=a.instansi)
    halaman_tugas = masuk(a.kasubag).get(f"/sop/tugas/{tugas.pk}/").content.decode()
    assert f"{URL}jawaban/{alpha.pk}/" in halaman_tugas
    jawaban = masuk(a.staf).get(f"{URL}jawaban/{alpha.pk}/").content.decode()
    assert "Indeks kepuasan masyarakat" in jawaban and ">42<" in jawaban and "50,00%" in jawaban

    engine.selesaikan(aktor=a.kasubag, tugas=tugas)
    engine.selesaikan(aktor=a.staf, tugas=engine.kotak_tugas(a.staf).get())
    engine.putuskan(aktor=a.sekcam, tugas=engine.kotak_tugas(a.sekcam).get(), setuju=True)
    engine.selesaikan(aktor=a.camat, tugas=engine.kotak_tugas(a.camat).get())
    assert JawabanData.objects.get(pk=alpha.pk).status == JawabanData.Status.DIKIRIM

    klien = masuk(data.evaluator)
    detail = klien.get(f"{URL}permintaan/{p.pk}/").content.decode()
    assert "Dikirim" in detail and "50,00%" in detail and "42 dari 84" in detail
    r = klien.get(f"{URL}permintaan/{p.pk}/excel/")
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    rekap = list(load_workbook(BytesIO(r.content))["Rekap"].iter_rows(values_only=True))
    assert ("Indeks kepuasan masyarakat", "Indeks", 50.0, None) in rekap
    daftar = klien.get(URL + "permintaan/").content.decode()
    assert "1 dari 2 dikirim" in daftar


def test_formulir_permintaan_yang_salah_tidak_mengirim_apa_pun(data, masuk):
    r = masuk(data.evaluator).post(
        URL + "permintaan/",
        {"judul": "Lama", "tahun": TAHUN, "sampai_bulan": 3, "batas_waktu": "2020-01-01"},
    )
    assert r.status_code == 200 and "Batas waktu sudah lewat" in r.content.decode()
    assert not PermintaanData.objects.exists()


# ---------------------------------------------------------------- in Chromium


def _masuk_peramban(browser, live_server, pegawai, ponsel=False, js=True):
    ctx = browser.new_context(
        viewport={"width": 390, "height": 844} if ponsel else {"width": 1280, "height": 900},
        locale="id-ID",
        java_script_enabled=js,
    )
    page = ctx.new_page()
    page.set_default_timeout(10_000)
    page.goto(live_server.url + "/akun/masuk/")
    page.get_by_label("NIP atau nama pengguna").fill(pegawai.username)
    page.get_by_label("Kata sandi").fill(testing.SANDI)
    page.get_by_role("button", name="Masuk").click()
    page.get_by_role("heading", name=f"Selamat datang, {pegawai.nama}").wait_for()
    return page


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_grafik_instansi_berdampingan_dan_permintaan_di_peramban(
    data, live_server, browser, tangkapan
):
    """Chart.js draws the agencies side by side (only a browser shows it); the evaluator
    sends a request through the form; Alpha's Staf opens the answer from the task."""
    lain = testing.buat_kecamatan(data.pemda, "Gamma", "KEC-G")
    isi_agensi(lain, ("IT1", 1, 70), ("IT1", 2, 75), ("IS3", 3, 99), belanja=70_000_000)
    page = _masuk_peramban(browser, live_server, data.evaluator)
    page.goto(f"{live_server.url}{URL}?tahun={TAHUN}&bulan=3")
    page.locator("section.grafik-siap canvas#grafik-pemda").wait_for()
    assert page.locator("#batang-pemda").is_hidden()
    tangkapan(page, "perbandingan")

    page.get_by_role("link", name="Permintaan data").click()
    page.get_by_label("Judul").fill("Data kinerja triwulan I 2025")
    page.get_by_label("Tahun data").select_option(str(TAHUN))
    page.get_by_label("Sampai bulan").select_option("3")
    page.get_by_role("button", name="Kirim ke semua instansi").click()
    page.get_by_text("dikirim ke 3 instansi").wait_for()
    tangkapan(page, "permintaan")

    ponsel = _masuk_peramban(browser, live_server, data.evaluator, ponsel=True)
    ponsel.goto(f"{live_server.url}{URL}?tahun={TAHUN}&bulan=3")
    ponsel.locator("section.grafik-siap").wait_for()
    tangkapan(ponsel, "perbandingan-ponsel")
    # Without JavaScript the server draws the same comparison as SVG.
    tanpa_js = _masuk_peramban(browser, live_server, data.evaluator, js=False)
    tanpa_js.goto(f"{live_server.url}{URL}?tahun={TAHUN}&bulan=3")
    assert tanpa_js.locator("#batang-pemda svg").is_visible()
    assert tanpa_js.locator("#grafik-pemda").is_hidden()
    tangkapan(tanpa_js, "perbandingan-tanpa-js")

    staf = _masuk_peramban(browser, live_server, data.a.staf)
    alpha = JawabanData.objects.get(instansi=data.a.instansi)
    staf.goto(f"{live_server.url}{URL}jawaban/{alpha.pk}/")
    staf.get_by_role("heading", name="Jawaban: Data kinerja triwulan I 2025").wait_for()
    tangkapan(staf, "jawaban")

    # Alpha's Camat signs; the compilation shows Alpha's figures beside the others.
    a = data.a
    for pegawai in (a.kasubag, a.staf):
        engine.selesaikan(aktor=pegawai, tugas=engine.kotak_tugas(pegawai).get())
    engine.putuskan(aktor=a.sekcam, tugas=engine.kotak_tugas(a.sekcam).get(), setuju=True)
    engine.selesaikan(aktor=a.camat, tugas=engine.kotak_tugas(a.camat).get())
    page.goto(f"{live_server.url}{URL}permintaan/{alpha.permintaan_id}/")
    page.locator("#tabel-rekap").get_by_text("42 dari 84").wait_for()
    tangkapan(page, "rekap")
