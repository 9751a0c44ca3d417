"""Reports drafted from data, written by people, carried and frozen by their SOP run."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from sakip.laporan import services
from sakip.laporan.data import data_laporan
from sakip.laporan.models import Laporan
from sakip.organisasi.models import PemetaanPelaksana
from sakip.pengukuran.models import Realisasi
from sakip.perencanaan.models import Indikator
from sakip.perencanaan.tests import bangun
from sakip.sop import dokumen_terikat, engine
from sakip.sop import services as sop_services
from sakip.sop.tests.conftest import jalankan_sampai


@pytest.fixture
def data(persona):
    a = persona.a
    r = bangun.renstra(a)
    ikm = Indikator.objects.get(renstra=r, kode="IT1")
    for bulan, nilai in ((1, "80.5"), (6, "82.1"), (12, "84.6")):
        Realisasi.objects.create(
            instansi=a.instansi,
            tahun=2025,
            bulan=bulan,
            indikator=ikm,
            nilai=Decimal(nilai),
            status=Realisasi.Status.DISETUJUI,
        )
    return r


def test_siapkan_sekali_per_periode_dan_aturannya(persona, data):
    a = persona.a
    lap = services.siapkan_laporan(aktor=a.kasubag, instansi=a.instansi, jenis="lkjip", tahun=2025)
    lagi = services.siapkan_laporan(aktor=a.staf, instansi=a.instansi, jenis="lkjip", tahun=2025)
    assert lap == lagi and Laporan.objects.count() == 1
    with pytest.raises(services.AturanLaporan, match="bulan 1–12"):
        services.siapkan_laporan(aktor=a.kasubag, instansi=a.instansi, jenis="bulanan", tahun=2025)
    with pytest.raises(PermissionDenied):
        services.siapkan_laporan(
            aktor=persona.evaluator, instansi=a.instansi, jenis="tahunan", tahun=2025
        )


def test_data_lkjip_dari_data_instansi_dan_narasi(persona, data):
    a = persona.a
    lap = services.siapkan_laporan(aktor=a.kasubag, instansi=a.instansi, jenis="lkjip", tahun=2025)
    isi = data_laporan(lap)
    ikm = next(i for g in isi["capaian"] for i in g["indikator"] if i["kode"] == "IT1")
    # IKM aggregates as akhir periode: December's 84,6 against the 2025 target 84
    assert ikm["realisasi"] == "84,60" and ikm["target"] == "84"
    assert ikm["capaian"] == "100,71%" and ikm["rumus"].startswith("84,60 / 84 × 100")
    assert "tercapai" in ikm["analisis"]  # a first draft the Kasubag rewrites
    assert isi["renstra"]["periode"] == "2021–2026"
    services.simpan_narasi(
        aktor=a.kasubag, laporan=lap, kunci="analisis:IT1", teks="Survei semester II membaik."
    )
    lap = services.simpan_narasi(aktor=a.kasubag, laporan=lap, kunci="penutup", teks="Demikian.")
    isi = data_laporan(lap)
    ikm = next(i for g in isi["capaian"] for i in g["indikator"] if i["kode"] == "IT1")
    assert (
        ikm["analisis"] == "Survei semester II membaik." and isi["narasi"]["penutup"] == "Demikian."
    )
    with pytest.raises(services.AturanLaporan, match="tidak dikenal"):
        services.simpan_narasi(aktor=a.kasubag, laporan=lap, kunci="sembarang", teks="x")


def test_komentar_pemeriksa(persona, data):
    a = persona.a
    lap = services.siapkan_laporan(
        aktor=a.kasubag, instansi=a.instansi, jenis="tahunan", tahun=2025
    )
    with pytest.raises(services.AturanLaporan):
        services.komentari(aktor=a.sekcam, laporan=lap, isi=" ")
    k = services.komentari(aktor=a.sekcam, laporan=lap, isi="Lengkapi kendala.", bagian="penutup")
    services.tandai_komentar(aktor=a.kasubag, komentar=k)
    k.refresh_from_db()
    assert k.selesai


@pytest.fixture
def sop_bulanan(persona):
    a = persona.a
    PemetaanPelaksana.objects.create(
        instansi=a.instansi, nama_pelaksana="Kasubag Umum", jabatan=a.j_kasubag
    )
    return sop_services.adopsi(aktor=a.camat, instansi=a.instansi, kode="000-laporan-bulanan")


def test_sop_laporan_bulanan_membawa_laporan_dan_membekukannya(persona, data, sop_bulanan):
    a = persona.a
    p = engine.mulai(
        aktor=a.kasubag, sop=sop_bulanan, judul="Laporan Bulanan Oktober 2025", periode="2025-10"
    )
    lap = dokumen_terikat.dokumen_dari(p)
    assert isinstance(lap, Laporan) and (lap.jenis, lap.tahun, lap.periode) == ("bulanan", 2025, 10)
    # the scheduled run of the same period binds the same report, never a second one
    p2 = engine.mulai_terjadwal(sop_bulanan, "2025-10", "Laporan Bulanan Oktober 2025 (jadwal)")
    assert dokumen_terikat.dokumen_dari(p2) == lap and Laporan.objects.count() == 1
    services.simpan_narasi(aktor=a.staf, laporan=lap, kunci="ikhtisar", teks="Capaian baik.")
    ttd = jalankan_sampai(p, 5)
    engine.selesaikan(aktor=a.camat, tugas=ttd, catatan="Ditandatangani")
    lap.refresh_from_db()
    assert lap.status == "ditandatangani" and lap.ditandatangani_oleh == a.camat
    assert lap.isi_beku["narasi"]["ikhtisar"] == "Capaian baik."
    assert lap.pdf.name.endswith(".pdf") and lap.docx.name.endswith(".docx")
    with pytest.raises(services.AturanLaporan, match="sudah ditandatangani"):
        services.simpan_narasi(aktor=a.staf, laporan=lap, kunci="ikhtisar", teks="Diubah")
    # the frozen data stays as signed even when the data changes afterwards
    Realisasi.objects.filter(bulan=12).update(nilai=Decimal("70"))
    lap.refresh_from_db()
    ikm = next(i for g in lap.isi_beku["capaian"] for i in g["indikator"] if i["kode"] == "IT1")
    assert ikm["realisasi"] == "82,10"  # akhir periode up to October: June's value
