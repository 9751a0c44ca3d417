"""Capaian page and dashboard: every capaian figure opens to its formula with the numbers
used; the dashboard carries chart data and a printable SVG; query counts stay flat."""

import json
import re
from decimal import Decimal as D

import pytest

from sakip.pengukuran import grafik, services
from sakip.pengukuran.models import Realisasi, RealisasiAnggaran
from sakip.perencanaan.models import Indikator, ItemAnggaran, ProgramRenstra, TargetTahunan
from sakip.perencanaan.tests import bangun


@pytest.fixture
def data(persona):
    """Agency A in 2025: Renstra, DPA, and some months of realisasi by the Kasubag."""
    a = persona.a
    renstra = bangun.renstra(a)
    dpa = bangun.dokumen(a, renstra, "dpa")
    ind = {i.kode: i for i in renstra.indikator.all()}
    for kode, bulan, nilai in [
        ("IT1", 1, "78"),
        ("IT1", 3, "80"),  # akhir periode: March counts
        ("IS1", 1, "4"),
        ("IS1", 2, "3.5"),
        ("IS1", 3, "3"),  # rata-rata: (4 + 3,5 + 3) / 3
        ("IS4", 1, "3"),
        ("IS4", 2, "4"),  # kumulatif
    ]:
        r = Realisasi(instansi=a.instansi, tahun=2025, bulan=bulan, indikator=ind[kode])
        r.nilai = D(nilai)
        r = services.simpan_realisasi(aktor=a.kasubag, realisasi=r, ajukan=True)
        services.periksa_realisasi(aktor=a.kasubag, realisasi=r, setuju=True)
    r = Realisasi(instansi=a.instansi, tahun=2025, bulan=2, indikator=ind["IS2"], nilai_skala="WTP")
    r = services.simpan_realisasi(aktor=a.kasubag, realisasi=r, ajukan=True)
    services.periksa_realisasi(aktor=a.kasubag, realisasi=r, setuju=True)
    sub1 = ItemAnggaran.objects.get(dokumen=dpa, kode="7.01.01.2.01.0001")
    for bulan in (1, 2, 3):
        services.simpan_realisasi_anggaran(
            aktor=a.kasubag, item=sub1, bulan=bulan, jumlah=D(5_000_000)
        )
    return renstra, dpa


def url(a, halaman: str, sampai=3, **lain) -> str:
    tambahan = "".join(f"&{k}={v}" for k, v in lain.items())
    return f"/pengukuran/instansi/{a.instansi.pk}/{halaman}/?tahun=2025&sampai={sampai}{tambahan}"


def test_halaman_capaian_menunjukkan_rumus_dan_angkanya(persona, data, client):
    client.force_login(persona.a.staf)
    isi = client.get(url(persona.a, "capaian")).content.decode()
    assert "Capaian kinerja 2025 s.d. Maret" in isi
    # IT1 naik, akhir periode: March's 80 against the 2025 target 84
    assert "akhir periode: nilai Mar = 80" in isi
    assert "80 / 84 × 100 = 95,24%" in isi
    # IS1 turun, rata-rata of three months against the 2025 target 3 days
    assert "rata-rata 3 bulan terisi: (4 + 3,5 + 3) / 3 = 3,5" in isi
    assert "(2 × 3 − 3,50) / 3 × 100 = 83,33%" in isi
    # IS4 stabil, kumulatif: 3 + 4 = 7 against 10 ± 2
    assert "kumulatif: Jan + Feb = 3 + 4 = 7" in isi
    assert "100 × (1 − (|7 − 10| − 2) / 10) = 90%" in isi
    # IS2 on the BPK scale
    assert "skor WTP (4) / skor WTP (4) × 100 = 100%" in isi
    # category badges and the group mean with its figures
    assert 'class="lencana kategori" style="--warna: #1f7a4d">Sangat Baik' in isi
    assert "(100 + 90) / 2 = 95%" in isi  # sasaran S2: IS2 and IS4; IS3 has no realisation yet
    assert "(95,24 + 83,33 + 100 + 90) / 4 = 92,14%" in isi  # the agency
    # budget: serapan per sub-kegiatan and total, and efficiency with its formula
    assert "15.000.000 / 60.000.000 × 100 = 25%" in isi
    assert "15.000.000 / 150.000.002 × 100 = 10%" in isi
    assert "92,14% / 10,00% = 9,21" in isi


def test_efisiensi_program_yang_melayani_sasaran(persona, data, client):
    renstra, dpa = data
    s1 = renstra.sasaran.get(kode="S1")
    program_renstra = ProgramRenstra.objects.create(
        renstra=renstra, sasaran=s1, kode="P1", uraian="Program Penunjang"
    )
    ItemAnggaran.objects.filter(dokumen=dpa, level="program").update(
        program_renstra=program_renstra
    )
    client.force_login(persona.a.kasubag)
    isi = client.get(url(persona.a, "capaian")).content.decode()
    # S1 holds only IS1 (83,33%); the program's serapan is 10%
    assert "83,33% / 10,00% = 8,33" in isi


def test_dasbor_membawa_data_grafik_dan_svg_cetak(persona, data, client):
    a = persona.a
    client.force_login(a.camat)
    it1 = Indikator.objects.get(kode="IT1")
    r = client.get(url(a, "dasbor", indikator=it1.pk))
    isi = r.content.decode()
    assert "chart-4.4.1.umd.min.js" in isi
    grafik_data = json.loads(
        re.search(r'<script id="data-grafik" type="application/json">(.*?)</script>', isi, re.S)[1]
    )
    capaian = dict(
        zip(grafik_data["capaian"]["label"], grafik_data["capaian"]["nilai"], strict=True)
    )
    assert capaian["IT1"] == 95.24 and capaian["IS3"] is None
    tren = grafik_data["tren"]
    assert tren["judul"].startswith("IT1")
    seri = {s["label"]: s["nilai"] for s in tren["seri"]}
    assert seri["Realisasi bulan itu"] == [78.0, None, 80.0]
    assert seri["Realisasi s.d. bulan"] == [78.0, 78.0, 80.0]
    assert seri["Target"] == [84.0, 84.0, 84.0]
    assert grafik_data["serapan_capaian"]["serapan"] == [3.33, 6.67, 10.0]
    # the printable version: inline SVG with the same figures
    assert isi.count("<svg") == 2 and "95,2%" in isi
    assert 'id="dasbor-IT1"' in isi and "80 / 84 × 100 = 95,24%" in isi
    # Chart.js only where charts are
    assert "chart-4.4.1" not in client.get(url(a, "capaian")).content.decode()


def test_dasbor_tanpa_data_tetap_terbuka(persona, client):
    client.force_login(persona.a.camat)
    r = client.get(url(persona.a, "dasbor"))
    assert r.status_code == 200 and "Belum ada indikator Renstra" in r.content.decode()
    r = client.get(url(persona.a, "capaian"))
    assert r.status_code == 200


def test_instansi_lain_dan_evaluator_pemda_lain_tidak_melihat(persona, data, client):
    for orang in (persona.b.camat, persona.evaluator_lain):
        client.force_login(orang)
        for halaman in ("capaian", "dasbor", "capaian/excel", "anggaran", "realisasi"):
            assert client.get(url(persona.a, halaman)).status_code == 404, (orang, halaman)
    client.force_login(persona.evaluator)  # the Pemda's own evaluator reads
    assert "95,24%" in client.get(url(persona.a, "capaian")).content.decode()


@pytest.mark.parametrize("halaman", ["capaian", "dasbor"])
def test_jumlah_query_tidak_tumbuh_dengan_indikator(
    persona, data, client, django_assert_max_num_queries, halaman
):
    renstra, dpa = data
    a = persona.a
    client.force_login(a.kasubag)
    with django_assert_max_num_queries(200) as sedikit:
        client.get(url(a, halaman, sampai=6))
    sasaran = renstra.sasaran.get(kode="S3")
    kegiatan = ItemAnggaran.objects.get(dokumen=dpa, level="kegiatan")
    for n in range(15):
        ind = Indikator.objects.create(
            renstra=renstra, sasaran=sasaran, kode=f"X{n}", nama=f"Indikator {n}", satuan="%",
            agregasi="kumulatif", urutan=10 + n,
        )  # fmt: skip
        TargetTahunan.objects.create(indikator=ind, tahun=2025, target=D(50))
        for bulan in (1, 2, 3):
            Realisasi.objects.create(
                instansi=a.instansi, tahun=2025, bulan=bulan, indikator=ind, nilai=D(n),
                status=Realisasi.Status.DISETUJUI,
            )  # fmt: skip
        sub = ItemAnggaran.objects.create(
            dokumen=dpa, induk=kegiatan, level="sub", kode=f"7.01.01.2.01.{n + 100:04d}",
            nama=f"Sub {n}", pagu=D(1_000_000),
        )  # fmt: skip
        RealisasiAnggaran.objects.create(item=sub, bulan=2, jumlah=D(250_000))
    with django_assert_max_num_queries(len(sedikit.captured_queries)):
        isi = client.get(url(a, halaman, sampai=6)).content.decode()
    assert "Indikator 14" in isi


# ---------------------------------------------------------------- the SVG renderer


def test_bar_svg_menulis_nilai_dan_meloloskan_teks():
    svg = grafik.bar_svg(
        [("IT1 <Indeks> & kepuasan", D("95.24")), ("IS3 serapan", None), ("IS9", 120)],
        judul="Capaian s.d. Maret",
    )
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert "&lt;Indeks&gt; &amp; kepuasan" in svg and "<Indeks>" not in svg
    assert "95,2%" in svg and "120%" in svg and ">—</text>" in svg
    assert svg.count("<rect") == 2  # no bar for the missing value
    assert 'stroke-dasharray="5,3"' in svg  # the 100% line


def test_garis_svg_memutus_garis_pada_bulan_kosong():
    svg = grafik.garis_svg(
        ["Jan", "Feb", "Mar", "Apr"],
        [
            ("Capaian", [D(80), D(90), None, D(95)], "#0b4f8a"),
            ("Serapan", [10, 20, 30, 40], "#b54708"),
        ],
        judul="Serapan & capaian",
        satuan="%",
    )
    assert "Serapan &amp; capaian" in svg
    assert svg.count("<polyline") == 2  # Jan–Feb for capaian (Apr alone is a point), serapan whole
    assert svg.count("<circle") == 7
    assert ">Apr</text>" in svg


def test_grafik_tanpa_data():
    assert "<svg" in grafik.bar_svg([])
    assert "<svg" in grafik.garis_svg([], [])
