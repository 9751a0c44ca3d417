"""Printed IKM documents: the Kasubag prints the counter poster and blank questionnaires;
anyone downloads a service's Standar Pelayanan. Other agencies see nothing."""

import io
import re

import pytest
from pypdf import PdfReader

from sakip.ikm import cetak
from sakip.ikm.models import PeriodeSurvei

from .test_publik_bangun import buat_layanan, buat_periode, buat_standar

pytestmark = pytest.mark.django_db
SITUS = "https://sakip.contoh.go.id"


@pytest.fixture(autouse=True)
def _situs(settings):
    settings.SITE_URL = SITUS + "/"


def _teks_pdf(isi: bytes) -> tuple[str, int]:
    """(the PDF's text with whitespace collapsed, its page count)."""
    assert isi.startswith(b"%PDF-")
    halaman = PdfReader(io.BytesIO(isi)).pages
    return " ".join(" ".join(p.extract_text() for p in halaman).split()), len(halaman)


def _rapat(teks: str) -> str:
    return "".join(teks.split())


@pytest.fixture
def alpha(persona):
    a = persona.a
    layanan = buat_layanan(a, nama="Rekomendasi Izin Usaha Mikro", slug="izin-usaha")
    periode = buat_periode(a)
    return a, layanan, periode


# ---------------------------------------------------------------- poster


def test_poster_qr_menuju_formulir_survei(alpha, masuk):
    a, layanan, _ = alpha

    r = masuk(a.kasubag).get(f"/ikm/layanan/{layanan.pk}/poster/")

    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert "Poster_SKM_Rekomendasi_Izin_Usaha_Mikro" in r["Content-Disposition"]
    teks, halaman = _teks_pdf(r.content)
    assert halaman == 1
    assert "Rekomendasi Izin Usaha Mikro" in teks
    assert "SURVEI KEPUASAN MASYARAKAT" in teks
    assert "KECAMATAN ALPHA" in teks  # the letterhead
    assert "sakip.contoh.go.id/survei/KEC-A/izin-usaha/" in _rapat(teks)
    assert "Buka kamera ponsel" in teks


def test_poster_konteks_memuat_qr_alamat_mutlak(alpha):
    a, layanan, _ = alpha
    k = cetak.poster_konteks(layanan)
    assert k["url"] == f"{SITUS}/survei/KEC-A/izin-usaha/"
    assert k["qr"].startswith("data:image/svg+xml;base64,")


# ---------------------------------------------------------------- blank questionnaire


def test_kuesioner_kosong_dua_halaman_dengan_sembilan_pertanyaan(alpha, masuk):
    a, layanan, periode = alpha
    buat_layanan(a, nama="Surat Keterangan Pindah", slug="pindah")
    periode.unsur[8]["pertanyaan"] = "Bagaimana kebersihan ruang tunggu kami?"
    periode.save()

    r = masuk(a.staf).get(f"/ikm/periode/{periode.pk}/kuesioner/")

    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    teks, halaman = _teks_pdf(r.content)
    assert halaman <= 2
    assert "KUESIONER SURVEI KEPUASAN MASYARAKAT" in teks
    assert periode.label in teks
    for u in periode.unsur:
        assert _rapat(u["pertanyaan"]) in _rapat(teks), u["kode"]
        for label in u["jawaban"]:
            assert _rapat(label) in _rapat(teks)
    assert "Bagaimana kebersihan ruang tunggu kami?" in teks
    # the answer numbers staff type into the grid, in order, for the first element
    assert re.search(r"1\s*Tidak sesuai\s*2\s*Kurang sesuai\s*3\s*Sesuai\s*4\s*Sangat sesuai", teks)
    for isian in ("Jenis kelamin", "Usia", "Pendidikan", "S2 ke atas", "Pekerjaan", "Wirausaha"):
        assert isian in teks
    assert "SARAN DAN MASUKAN" in teks
    # no service chosen: every active service can be ticked, the QR opens the choice
    assert "Rekomendasi Izin Usaha Mikro" in teks and "Surat Keterangan Pindah" in teks
    assert "sakip.contoh.go.id/survei/KEC-A/" in _rapat(teks)


def test_kuesioner_untuk_satu_layanan(alpha, masuk):
    a, layanan, periode = alpha
    buat_layanan(a, nama="Surat Keterangan Pindah", slug="pindah")

    r = masuk(a.staf).get(f"/ikm/periode/{periode.pk}/kuesioner/?layanan={layanan.pk}")

    teks, _ = _teks_pdf(r.content)
    assert "Rekomendasi Izin Usaha Mikro" in teks
    assert "Surat Keterangan Pindah" not in teks
    assert "sakip.contoh.go.id/survei/KEC-A/izin-usaha/" in _rapat(teks)


def test_kuesioner_layanan_agensi_lain_404(alpha, persona, masuk):
    a, _, periode = alpha
    milik_b = buat_layanan(persona.b, nama="Layanan Beta", slug="beta")
    client = masuk(a.staf)
    assert (
        client.get(f"/ikm/periode/{periode.pk}/kuesioner/?layanan={milik_b.pk}").status_code == 404
    )
    assert client.get(f"/ikm/periode/{periode.pk}/kuesioner/?layanan=abc").status_code == 404


# ---------------------------------------------------------------- scope


def test_rute_cetak_staf_terbatas_pada_instansinya(alpha, persona, masuk, client):
    a, layanan, periode = alpha
    urls = [f"/ikm/layanan/{layanan.pk}/poster/", f"/ikm/periode/{periode.pk}/kuesioner/"]
    for url in urls:
        r = client.get(url)
        assert r.status_code == 302 and "/akun/masuk/" in r["Location"]
    for orang in (persona.b.camat, persona.evaluator_lain):
        c = masuk(orang)
        for url in urls:
            assert c.get(url).status_code == 404, (orang, url)
    # the Pemda's own evaluator reads (and may print) everything of its agencies
    c = masuk(persona.evaluator)
    assert all(c.get(url).status_code == 200 for url in urls)


# ---------------------------------------------------------------- Standar Pelayanan


def test_standar_pelayanan_publik_menampilkan_dua_kelompok_komponen(alpha, client):
    a, layanan, _ = alpha
    buat_standar(layanan)

    r = client.get("/standar-pelayanan/KEC-A/izin-usaha/")

    assert r.status_code == 200
    html = r.content.decode()
    assert "Rekomendasi Izin Usaha Mikro" in html
    penyampaian = html.index('id="kelompok-penyampaian"')
    pengelolaan = html.index('id="kelompok-pengelolaan"')
    assert penyampaian < html.index("Jangka Waktu Penyelesaian") < pengelolaan
    assert pengelolaan < html.index("Evaluasi Kinerja Pelaksana")
    assert "<li>Fotokopi KTP</li>" in html and "<li>Surat pengantar RT/RW</li>" in html
    assert "Keputusan Camat Alpha Nomor 12 Tahun 2025" in html
    assert "6 Januari 2025" in html
    # a survey is open: the page invites to it
    assert "/survei/KEC-A/izin-usaha/" in html

    daftar = client.get("/standar-pelayanan/KEC-A/").content.decode()
    assert "/standar-pelayanan/KEC-A/izin-usaha/" in daftar


def test_standar_belum_ditetapkan_atau_layanan_nonaktif_404(alpha, client):
    a, layanan, _ = alpha
    buat_standar(layanan, ditetapkan=False)
    nonaktif = buat_layanan(a, nama="Layanan Lama", slug="lama", aktif=False)
    buat_standar(nonaktif)
    tanpa = buat_layanan(a, nama="Tanpa Standar", slug="tanpa")

    for slug in ("izin-usaha", "lama", "tanpa", "tidak-ada"):
        assert client.get(f"/standar-pelayanan/KEC-A/{slug}/").status_code == 404, slug
        assert client.get(f"/standar-pelayanan/KEC-A/{slug}/pdf/").status_code == 404, slug
    assert client.get("/standar-pelayanan/KEC-ZZ/").status_code == 404
    daftar = client.get("/standar-pelayanan/KEC-A/").content.decode()
    assert "Belum ada standar pelayanan yang ditetapkan." in daftar
    assert tanpa.nama not in daftar and "Layanan Lama" not in daftar


def test_standar_pelayanan_pdf(alpha, client):
    a, layanan, _ = alpha
    buat_standar(layanan)

    r = client.get("/standar-pelayanan/KEC-A/izin-usaha/pdf/")  # no sign-in

    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    teks, _ = _teks_pdf(r.content)
    assert "STANDAR PELAYANAN" in teks and "REKOMENDASI IZIN USAHA MIKRO" in teks
    assert "KECAMATAN ALPHA" in teks
    for _field, label, _kelompok in cetak.StandarPelayanan.KOMPONEN:
        assert _rapat(str(label)) in _rapat(teks), label
    assert teks.index("proses penyampaian pelayanan") < teks.index("Dasar Hukum")
    assert "Fotokopi KTP" in teks and "Undang-Undang Nomor 25 Tahun 2009" in teks
    assert "Keputusan Camat Alpha Nomor 12 Tahun 2025" in teks
    # set by the head: title, name and NIP under the date
    assert "Alpha, 6 Januari 2025" in teks
    assert "CAMAT ALPHA" in teks and "Camat Alpha" in teks
    assert a.camat.nip_tampil in teks


def test_periode_lain_status_tidak_mengubah_cetak(alpha, masuk):
    """A signed period's blank questionnaire still prints (for the archive)."""
    a, _, periode = alpha
    PeriodeSurvei.objects.filter(pk=periode.pk).update(status="ditandatangani")
    assert masuk(a.kasubag).get(f"/ikm/periode/{periode.pk}/kuesioner/").status_code == 200
