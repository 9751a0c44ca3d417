"""The search box as the personas use it. Kecamatan Alpha's Kasubag looks for the 2025 DPA,
the monitoring run, the LKjIP and a letter by its subject; Kecamatan Beta holds rows with
the same words and never shows up for Alpha (nor Alpha's for Beta); the Pemda evaluator
finds both agencies; a NUL byte or a very long query is refused in Indonesian; each group is
capped and the page costs the same number of queries with 3 or 15 matching letters."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sakip.ikm.tests import bangun as bangun_ikm
from sakip.laporan import services as laporan
from sakip.organisasi.models import PemetaanPelaksana
from sakip.pencarian import cari
from sakip.perencanaan.tests import bangun
from sakip.sop import engine
from sakip.sop import services as sop
from sakip.surat import services as surat
from sakip.testing import pdf_uji

URL = "/cari/"
BATAS_QUERY = 22  # 7 searches; the rest for the session, the user and the menu's badges


def _isi_agensi(agensi, nama: str) -> dict:
    """An agency's Renstra, 2025 DPA and PK, a Laporan Bulanan run, its LKjIP 2025, an
    incoming letter about the survey and an IKM period."""
    renstra = bangun.renstra(agensi)
    dpa = bangun.dokumen(agensi, renstra, "dpa")
    pk = bangun.pk(agensi, renstra)
    PemetaanPelaksana.objects.create(
        instansi=agensi.instansi, nama_pelaksana="Kasubag Umum", jabatan=agensi.j_kasubag
    )
    s = sop.adopsi(aktor=agensi.camat, instansi=agensi.instansi, kode="000-laporan-bulanan")
    run = engine.mulai(
        aktor=agensi.kasubag, sop=s, judul=f"Laporan Bulanan Oktober {nama}", periode="2025-10"
    )
    lkjip = laporan.siapkan_laporan(
        aktor=agensi.kasubag, instansi=agensi.instansi, jenis="lkjip", tahun=2025
    )
    masuk = surat.daftarkan_surat_masuk(
        aktor=agensi.staf,
        instansi=agensi.instansi,
        asal="Bupati Uji",
        nomor_surat=f"000.8.3.2/7/{nama.upper()}/2025",
        tanggal_surat=datetime.date(2025, 3, 5),
        diterima_pada=datetime.date(2025, 3, 6),
        perihal=f"Pelaksanaan Survei Kepuasan Masyarakat {nama}",
        berkas=SimpleUploadedFile("scan.pdf", pdf_uji("pindaian"), "application/pdf"),
    )
    periode = bangun_ikm.periode(agensi, tahun=2025)
    return {
        "renstra": renstra,
        "dpa": dpa,
        "pk": pk,
        "run": run,
        "lkjip": lkjip,
        "surat": masuk,
        "periode": periode,
    }


@pytest.fixture
def data(persona):
    return {"a": _isi_agensi(persona.a, "Alpha"), "b": _isi_agensi(persona.b, "Beta")}


def _alamat(isi: dict) -> list[str]:
    return [
        f"/perencanaan/renstra/{isi['renstra'].pk}/",
        f"/perencanaan/anggaran/{isi['dpa'].pk}/",
        f"/perencanaan/pk/{isi['pk'].pk}/",
        f"/sop/pelaksanaan/{isi['run'].pk}/",
        f"/laporan/{isi['lkjip'].pk}/",
        f"/surat/{isi['surat'].pk}/",
        f"/ikm/periode/{isi['periode'].pk}/",
    ]


def _hasil(c, q: str, **kw):
    r = c.get(URL, {"q": q}, **kw)
    return r, r.content.decode()


def test_kasubag_menemukan_dokumen_pelaksanaan_dan_surat_instansinya(persona, data, masuk):
    a, b = data["a"], data["b"]
    c = masuk(persona.a.kasubag)
    # the box sits in every page's header
    assert 'role="search"' in c.get("/").content.decode()

    r, isi = _hasil(c, "dpa 2025")
    assert r.status_code == 200 and f'href="/perencanaan/anggaran/{a["dpa"].pk}/"' in isi
    assert "DPA 2025" in isi and "Renstra" not in isi.split('id="ringkasan-cari"')[1]

    _r, isi = _hasil(c, "laporan bulanan oktober")
    assert f'href="/sop/pelaksanaan/{a["run"].pk}/"' in isi
    assert "Laporan Bulanan Oktober Alpha" in isi

    _r, isi = _hasil(c, "LKjIP 2025")
    assert f'href="/laporan/{a["lkjip"].pk}/"' in isi and "LKjIP 2025" in isi

    _r, isi = _hasil(c, "survei kepuasan")  # a letter's subject, and the IKM periods
    assert f'href="/surat/{a["surat"].pk}/"' in isi
    assert f'href="/ikm/periode/{a["periode"].pk}/"' in isi
    _r, isi = _hasil(c, "/7/ALPHA/")  # a letter's number
    assert f'href="/surat/{a["surat"].pk}/"' in isi

    _r, isi = _hasil(c, "pk camat 2025")
    assert f'href="/perencanaan/pk/{a["pk"].pk}/"' in isi

    # Beta holds the same words; none of its rows ever appears for Alpha.
    for q in ("dpa 2025", "laporan bulanan", "lkjip", "survei", "pk", "renstra", "beta"):
        _r, isi = _hasil(c, q)
        assert "Kecamatan Beta" not in isi and "Beta" not in isi, q
        for url in _alamat(b):
            assert f'href="{url}"' not in isi, (q, url)


def test_staf_instansi_lain_tidak_melihat_baris_alpha(persona, data, masuk):
    a = data["a"]
    c = masuk(persona.b.staf)
    _r, isi = _hasil(c, "alpha")
    assert "Tidak ada yang cocok" in isi
    _r, isi = _hasil(c, "survei kepuasan")
    assert "Kecamatan Alpha" not in isi and f'href="/surat/{a["surat"].pk}/"' not in isi
    assert f'href="/surat/{data["b"]["surat"].pk}/"' in isi
    c = masuk(persona.evaluator_lain)  # another Pemda's evaluator: nothing at all
    _r, isi = _hasil(c, "2025")
    assert "Tidak ada yang cocok" in isi


def test_evaluator_pemda_menemukan_semua_instansi(persona, data, masuk):
    c = masuk(persona.evaluator)
    _r, isi = _hasil(c, "lkjip 2025")
    assert f'href="/laporan/{data["a"]["lkjip"].pk}/"' in isi
    assert f'href="/laporan/{data["b"]["lkjip"].pk}/"' in isi
    assert "Kecamatan Alpha" in isi and "Kecamatan Beta" in isi


def test_masukan_buruk_ditolak_dengan_pesan(persona, data, masuk):
    c = masuk(persona.a.kasubag)
    r, isi = _hasil(c, "dpa\x00")
    assert r.status_code == 400 and "karakter yang tidak sah" in isi
    assert "\x00" not in isi
    r, isi = _hasil(c, "a" * 5000)
    assert r.status_code == 400 and "terlalu panjang" in isi and "a" * 200 not in isi
    r, isi = _hasil(c, "x")
    assert r.status_code == 400 and "paling sedikit dua huruf" in isi
    r, isi = _hasil(c, "   ")
    assert r.status_code == 200 and 'id="ringkasan-cari"' not in isi


def test_hasil_dibatasi_per_kelompok_dan_query_terbatas(
    persona, data, masuk, django_assert_max_num_queries
):
    a = persona.a
    c = masuk(a.kasubag)
    with CaptureQueriesContext(connection) as sedikit:
        _r, isi = _hasil(c, "survei")
    for i in range(cari.BATAS + 5):
        surat.daftarkan_surat_masuk(
            aktor=a.staf,
            instansi=a.instansi,
            asal="Bupati Uji",
            nomor_surat=f"005/{i}/ORG/2025",
            tanggal_surat=datetime.date(2025, 4, 1),
            diterima_pada=datetime.date(2025, 4, 2),
            perihal=f"Undangan survei lapangan {i}",
            berkas=SimpleUploadedFile("scan.pdf", pdf_uji("pindaian"), "application/pdf"),
        )
    with django_assert_max_num_queries(BATAS_QUERY) as banyak:
        _r, isi = _hasil(c, "survei")
    assert len(banyak) == len(sedikit)  # 3 or 15 matching letters: the same queries
    bagian = isi.split('id="hasil-surat"')[1].split("</section>")[0]
    assert bagian.count('href="/surat/') == cari.BATAS
    assert f"Hanya {cari.BATAS} hasil pertama" in bagian


def test_api_cari_json(persona, data, masuk):
    c = masuk(persona.a.kasubag)
    r = c.get("/api/cari", {"q": "lkjip 2025"})
    assert r.status_code == 200
    kelompok = {k["kunci"]: k for k in r.json()["kelompok"]}
    assert [h["url"] for h in kelompok["laporan"]["hasil"]] == [
        f"/laporan/{data['a']['lkjip'].pk}/"
    ]
    assert kelompok["laporan"]["hasil"][0]["instansi"] == "Kecamatan Alpha"
    r = c.get("/api/cari", {"q": "x" * 101})
    assert r.status_code == 400 and "terlalu panjang" in r.json()["detail"]
    c.logout()
    assert c.get("/api/cari", {"q": "lkjip"}).status_code == 401
