"""Seed 000's SOP Pelaporan SPP dan IKM carries the survey period and freezes its report."""

import pytest

from sakip.ikm import sop_plugin as sop_ikm
from sakip.ikm.models import PeriodeSurvei
from sakip.ikm.tests import bangun
from sakip.organisasi.models import PemetaanPelaksana
from sakip.sop import dokumen_terikat, engine
from sakip.sop import services as sop_services
from sakip.sop.engine import KesalahanAlur
from sakip.sop.tests.conftest import jalankan_sampai


@pytest.fixture
def sop_ikm_a(persona):
    a = persona.a
    for nama, jabatan in (("Sekcam", a.j_sekcam), ("Kasub Evapor", a.j_kasubag),
                          ("Masyarakat", a.j_staf)):  # fmt: skip
        PemetaanPelaksana.objects.create(instansi=a.instansi, nama_pelaksana=nama, jabatan=jabatan)
    return sop_services.adopsi(aktor=a.camat, instansi=a.instansi, kode="000-spp-ikm")


def test_pengikat_cocok():
    assert sop_ikm.cocok({"kode": "000-spp-ikm", "dokumen": "Laporan SPP dan IKM"})
    assert sop_ikm.cocok({"kode": "x", "dokumen": "Laporan Survei Kepuasan Masyarakat"})
    assert sop_ikm.cocok({"kode": "x", "dokumen": "Laporan IKM"})
    assert not sop_ikm.cocok({"kode": "x", "dokumen": "Laporan Bulanan"})
    assert not sop_ikm.cocok({"kode": "x", "dokumen": "Laporan Kinerja (LKjIP)"})
    assert sop_ikm.periode_dari("2026-S2") == (2026, 2)
    assert sop_ikm.periode_dari("2026") == (2026, None)
    assert sop_ikm.periode_dari("") is None


def test_sop_membawa_periode_dan_membekukan_laporan(persona, sop_ikm_a):
    a = persona.a
    p = engine.mulai(aktor=a.camat, sop=sop_ikm_a, judul="SPP dan IKM 2025", periode="2025")
    periode = dokumen_terikat.dokumen_dari(p)
    assert isinstance(periode, PeriodeSurvei) and (periode.tahun, periode.semester) == (2025, 0)
    assert periode.instansi == a.instansi and len(periode.unsur) == 9
    # the scheduled run of the same year binds the same period, never a second one
    p2 = engine.mulai_terjadwal(sop_ikm_a, "2025", "SPP dan IKM 2025 (jadwal)")
    assert dokumen_terikat.dokumen_dari(p2) == periode and PeriodeSurvei.objects.count() == 1
    periode = bangun.periode(a)  # staff open the online survey; the public answers
    lay = bangun.layanan(a)
    for nilai in (4, 3, 4):
        bangun.responden(periode, lay, nilai, saran="Terima kasih")
    ringkas = engine.ringkasan_dokumen(p)
    assert ringkas["IKM"] == "91,67" and ringkas["Mutu"] == "A (Sangat Baik)"
    assert ringkas["Responden"] == "3"
    ttd = jalankan_sampai(p, 9)
    engine.selesaikan(aktor=a.camat, tugas=ttd, catatan="Ditandatangani")
    periode.refresh_from_db()
    assert periode.status == "ditandatangani" and periode.ditandatangani_oleh == a.camat
    assert periode.pdf.name.endswith(".pdf") and periode.docx.name.endswith(".docx")
    with periode.pdf.open("rb") as f:
        assert f.read(4) == b"%PDF"
    assert periode.isi_beku["hasil"]["ikm"] == "91,67"
    assert sop_ikm.pdf(periode).startswith(b"%PDF")
    pengikat = dokumen_terikat.pengikat_dokumen(periode)
    assert pengikat.nama == "ikm" and pengikat.pdf is sop_ikm.pdf
    assert pengikat.url(periode) == f"/ikm/periode/{periode.pk}/"


def test_sop_menolak_tanda_tangan_tanpa_responden(persona, sop_ikm_a):
    a = persona.a
    p = engine.mulai(aktor=a.camat, sop=sop_ikm_a, judul="SPP dan IKM 2026", periode="2026-S1")
    periode = dokumen_terikat.dokumen_dari(p)
    assert (periode.tahun, periode.semester) == (2026, 1)
    # Refused where the Sekretaris hands the report to the Camat, not on the Camat's phone.
    koreksi = jalankan_sampai(p, 8)
    with pytest.raises(KesalahanAlur, match="belum lengkap") as galat:
        engine.selesaikan(aktor=a.sekcam, tugas=koreksi, catatan="Diperiksa")
    assert "Belum ada responden" in galat.value.kekurangan[0].pesan
    assert galat.value.kekurangan[0].url == f"/ikm/periode/{periode.pk}/"
    koreksi.refresh_from_db()
    assert koreksi.status == "terbuka"
    periode.refresh_from_db()
    assert periode.status != "ditandatangani" and not periode.pdf


def test_sop_tahunan_memakai_periode_semester_yang_ada(persona, sop_ikm_a):
    a = persona.a
    s2 = bangun.periode(a, tahun=2026, semester=2)
    p = engine.mulai(aktor=a.camat, sop=sop_ikm_a, judul="SPP dan IKM 2026", periode="2026")
    assert dokumen_terikat.dokumen_dari(p) == s2
