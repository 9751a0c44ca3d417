"""Staff pages: an agency's survey, a period's results (ids the browser tests read), the
paper-entry grid, the Excel import, the report downloads, the Pemda comparison, the API;
scope (another agency gets 404) and bounded query counts."""

import io
import uuid

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from sakip.ikm import services
from sakip.ikm.impor import KOLOM
from sakip.ikm.models import Responden
from sakip.ikm.tests import bangun


@pytest.fixture
def survei(persona):
    a = persona.a
    sk = bangun.layanan(a, "Surat Keterangan")
    leg = bangun.layanan(a, "Legalisasi Dokumen")
    p = bangun.periode(a, populasi=100)
    # 8 of 9 answers 4 and one 3 per questionnaire … IKM = 25 × 35/9 = 97,22; plus one all-3
    bangun.responden(p, sk, [4, 4, 4, 4, 4, 4, 4, 4, 3], saran="Pelayanan cepat")
    bangun.responden(p, leg, 3, jenis_kelamin="P")
    return p, sk, leg


def test_halaman_periode_menampilkan_ikm_dan_responden(persona, masuk, survei):
    p, _sk, _leg = survei
    r = masuk(persona.a.staf).get(reverse("ikm:periode_detail", args=[p.pk]))
    assert r.status_code == 200
    html = r.content.decode()
    # (35 + 27) / 18 × 25 = 86,11
    assert 'id="nilai-ikm">86,11<' in html
    assert 'id="jumlah-responden">2<' in html
    assert "Pelayanan cepat" in html and "Legalisasi Dokumen" in html
    assert 'id="unsur-U9" class="prioritas"' in html  # the lowest element is highlighted
    assert reverse("ikm:entri", args=[p.pk]) in html  # staff may enter paper questionnaires


def test_evaluator_membaca_tetapi_tidak_menulis(persona, masuk, survei):
    p, _sk, _leg = survei
    c = masuk(persona.evaluator)
    r = c.get(reverse("ikm:periode_detail", args=[p.pk]))
    assert r.status_code == 200 and reverse("ikm:entri", args=[p.pk]) not in r.content.decode()
    r = c.post(reverse("ikm:periode_status", args=[p.pk]), {"aksi": "tutup"})
    assert r.status_code == 403
    p.refresh_from_db()
    assert p.status == "dibuka"


def test_agensi_lain_404(persona, masuk, survei):
    p, sk, _leg = survei
    c = masuk(persona.b.camat)
    for url in (
        reverse("ikm:periode_detail", args=[p.pk]),
        reverse("ikm:instansi", args=[persona.a.instansi.pk]),
        reverse("ikm:standar", args=[sk.pk]),
        reverse("ikm:entri", args=[p.pk]),
        reverse("ikm:laporan_pdf", args=[p.pk]),
        f"/api/ikm/periode/{p.pk}/hasil",
    ):
        assert c.get(url).status_code == 404, url
    r = c.post(reverse("ikm:entri", args=[p.pk]), {"jumlah_baris": 1, "b-1-U1": "4"})
    assert r.status_code == 404


def test_indeks_instansi_dan_pemda(persona, masuk, survei):
    p, _sk, _leg = survei
    c = masuk(persona.a.camat)
    assert c.get(reverse("ikm:indeks")).url == reverse("ikm:instansi", args=[persona.a.instansi.pk])
    html = c.get(reverse("ikm:instansi", args=[persona.a.instansi.pk])).content.decode()
    assert "Tahun 2025" in html and "Surat Keterangan" in html
    assert '<span class="jumlah-responden">2</span> / 80' in html  # Krejcie & Morgan N=100
    html = masuk(persona.evaluator).get(reverse("ikm:pemda")).content.decode()
    assert "Kecamatan Alpha" in html and "86,11" in html and "Kecamatan Beta" in html
    html = masuk(persona.b.camat).get(reverse("ikm:pemda")).content.decode()
    assert "Kecamatan Alpha" not in html


def _banyak(persona, n: int):
    a = persona.a
    p = services.buat_periode(aktor=a.camat, instansi=a.instansi, tahun=2024, populasi=500)
    p = services.buka_periode(aktor=a.camat, periode=p)
    for i in range(n):
        lay = bangun.layanan(a, f"Layanan {i}")
        bangun.responden(p, lay, (i % 4) + 1, saran=f"saran {i}")
        services.buat_periode(aktor=a.camat, instansi=a.instansi, tahun=2000 + i)
    return p


@pytest.mark.parametrize("n", [2, 6])
def test_jumlah_kueri_terbatas(persona, masuk, n, django_assert_max_num_queries):
    p = _banyak(persona, n)
    c = masuk(persona.a.camat)
    with django_assert_max_num_queries(30):
        assert c.get(reverse("ikm:periode_detail", args=[p.pk])).status_code == 200
    with django_assert_max_num_queries(15):  # the menu's badges included
        assert c.get(reverse("ikm:instansi", args=[persona.a.instansi.pk])).status_code == 200
    with django_assert_max_num_queries(13):
        assert c.get(reverse("ikm:pemda")).status_code == 200
    for url in ("/api/ikm/periode", "/api/ikm/layanan", f"/api/ikm/periode/{p.pk}/hasil"):
        with django_assert_max_num_queries(12):
            assert c.get(url).status_code == 200, url


def test_api(persona, masuk, survei):
    p, sk, _leg = survei
    c = masuk(persona.a.staf)
    data = c.get(f"/api/ikm/periode/{p.pk}/hasil").json()
    assert data["ikm"] == 86.11 and data["mutu"] == "B" and data["responden"] == 2
    assert data["unsur"][8] == {"kode": "U9", "nama": "Sarana dan Prasarana", "nrr": 3.0,
                                "mutu": "C"}  # fmt: skip
    assert data["sampel_minimal"] == 80 and len(data["per_layanan"]) == 2
    daftar = c.get("/api/ikm/layanan").json()["items"]
    assert {x["nama"] for x in daftar} == {"Surat Keterangan", "Legalisasi Dokumen"}
    assert c.get("/api/ikm/periode").json()["items"][0]["label"] == "Tahun 2025"
    assert masuk(persona.b.staf).get("/api/ikm/periode").json()["items"] == []


# ---------------------------------------------------------------- paper entry grid


def _isi_baris(i: int, lay, **kw) -> dict:
    data = {
        f"b-{i}-token": str(uuid.uuid4()),
        f"b-{i}-layanan": str(lay.pk),
        f"b-{i}-tanggal": "2025-03-14",
        f"b-{i}-jenis_kelamin": "P",
        f"b-{i}-usia": "41",
        f"b-{i}-pendidikan": "SMA",
        f"b-{i}-pekerjaan": "Swasta",
        **{f"b-{i}-U{u}": "3" for u in range(1, 10)},
        f"b-{i}-saran": "",
    }
    data.update({f"b-{i}-{k}": v for k, v in kw.items()})
    return data


def test_grid_menyimpan_semua_baris_sekali(persona, masuk, survei):
    p, sk, leg = survei
    c = masuk(persona.a.staf)
    r = c.get(reverse("ikm:entri", args=[p.pk]))
    assert r.status_code == 200 and 'inputmode="numeric"' in r.content.decode()
    data = {"jumlah_baris": "3", **_isi_baris(1, sk), **_isi_baris(2, leg, U9="4", saran="Ok")}
    data["b-3-token"] = str(uuid.uuid4())  # an untouched row is skipped
    r = c.post(reverse("ikm:entri", args=[p.pk]), data)
    assert r.status_code == 302
    baru = Responden.objects.filter(periode=p, sumber="kertas", dicatat_oleh=persona.a.staf)
    assert baru.count() == 2 and baru.get(layanan=leg).u9 == 4
    # the same form sent twice (double click, back button) stores nothing new
    c.post(reverse("ikm:entri", args=[p.pk]), data)
    assert baru.count() == 2
    html = c.get(reverse("ikm:periode_detail", args=[p.pk])).content.decode()
    assert 'id="jumlah-responden">4<' in html


def test_grid_satu_baris_salah_tidak_menyimpan_apa_pun(persona, masuk, survei):
    p, sk, _leg = survei
    c = masuk(persona.a.staf)
    data = {
        "jumlah_baris": "3",
        **_isi_baris(1, sk),
        **_isi_baris(2, sk, U4="5"),
        **_isi_baris(3, sk, usia="", jenis_kelamin=""),
    }
    sebelum = Responden.objects.count()
    r = c.post(reverse("ikm:entri", args=[p.pk]), data)
    assert r.status_code == 400
    assert Responden.objects.count() == sebelum
    html = r.content.decode()
    assert 'id="baris-2" data-baris="2" class="salah"' in html
    assert "harus salah satu dari 1, 2, 3 atau 4" in html and "Isi usia" in html
    assert 'id="baris-1" data-baris="1">' in html  # the good row is kept, not marked
    assert 'name="b-2-U4" value="5"' in html  # what was typed stays to be corrected


# ---------------------------------------------------------------- Excel import


def _xlsx(baris: list[list]) -> io.BytesIO:
    wb = Workbook()
    ws = wb.active
    ws.append(["Layanan", "Tanggal", "Jenis kelamin", "Usia", "Pendidikan", "Pekerjaan",
               *[f"U{i}" for i in range(1, 10)], "Saran"])  # fmt: skip
    for b in baris:
        ws.append(b)
    berkas = io.BytesIO()
    wb.save(berkas)
    berkas.seek(0)
    berkas.name = "kuesioner.xlsx"
    return berkas


def test_templat_excel(persona, masuk, survei):
    p, _sk, _leg = survei
    r = masuk(persona.a.staf).get(reverse("ikm:impor_templat", args=[p.pk]))
    assert r.status_code == 200
    wb = load_workbook(io.BytesIO(r.content))
    kepala = [c.value for c in wb["Kuesioner"][1]]
    assert len(kepala) == len(KOLOM) and kepala[6] == "U1" and kepala[-1] == "Saran"
    assert "Legalisasi Dokumen" in wb["Petunjuk"]["B2"].value


def test_impor_excel_semua_baris(persona, masuk, survei):
    import datetime

    p, _sk, _leg = survei
    berkas = _xlsx([
        ["Surat Keterangan", datetime.datetime(2025, 4, 1), "L", 30, "S1", "PNS", *[4] * 9, ""],
        ["legalisasi-dokumen", "2025-04-02", "Perempuan", "52", "SMP", "Lainnya", *[2] * 9, "x"],
        [None] * 16,
    ])  # fmt: skip
    r = masuk(persona.a.staf).post(reverse("ikm:impor", args=[p.pk]), {"berkas": berkas})
    assert r.status_code == 302
    impor = Responden.objects.filter(periode=p, sumber="impor")
    assert impor.count() == 2 and impor.get(usia=52).pendidikan == "SMP"


def test_impor_excel_satu_baris_salah_tidak_mengimpor(persona, masuk, survei):
    p, _sk, _leg = survei
    berkas = _xlsx([
        ["Surat Keterangan", "2025-04-01", "L", 30, "S1", "PNS", *[4] * 9, ""],
        ["Surat Keterangan", "2025-04-01", "L", 30, "S1", "PNS", *[4] * 8, 7, ""],
        ["Layanan Tak Ada", "2025-04-01", "L", 30, "S1", "PNS", *[4] * 9, ""],
    ])  # fmt: skip
    sebelum = Responden.objects.count()
    r = masuk(persona.a.staf).post(reverse("ikm:impor", args=[p.pk]), {"berkas": berkas})
    assert r.status_code == 400 and Responden.objects.count() == sebelum
    html = r.content.decode()
    assert (
        "Baris 3:" in html and "Sarana dan Prasarana harus salah satu dari 1, 2, 3 atau 4" in html
    )
    assert "Baris 4:" in html and "Layanan Tak Ada" in html
    assert "Baris 2:" not in html


def test_impor_bukan_excel(persona, masuk, survei):
    p, _sk, _leg = survei
    berkas = io.BytesIO(b"bukan excel")
    berkas.name = "x.xlsx"
    r = masuk(persona.a.staf).post(reverse("ikm:impor", args=[p.pk]), {"berkas": berkas})
    assert r.status_code == 400 and "bukan lembar kerja Excel" in r.content.decode()


# ---------------------------------------------------------------- report, service pages


def test_unduh_laporan_dan_narasi(persona, masuk, survei):
    p, _sk, _leg = survei
    c = masuk(persona.a.kasubag)
    r = c.post(reverse("ikm:narasi", args=[p.pk]), {"kesimpulan": "Masyarakat puas."})
    assert r.status_code == 302
    p.refresh_from_db()
    assert p.narasi["kesimpulan"] == "Masyarakat puas."
    r = c.get(reverse("ikm:laporan_pdf", args=[p.pk]))
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert b"".join(r).startswith(b"%PDF")
    r = c.get(reverse("ikm:laporan_docx", args=[p.pk]))
    assert r.status_code == 200 and r.content[:2] == b"PK"
    from docx import Document

    teks = "\n".join(x.text for x in Document(io.BytesIO(r.content)).paragraphs)
    assert "Masyarakat puas." in teks and "LAPORAN HASIL SURVEI KEPUASAN MASYARAKAT" in teks
    assert "DRAF" in teks


def test_layanan_dan_standar_lewat_halaman(persona, masuk):
    a = persona.a
    c = masuk(a.kasubag)
    r = c.post(
        reverse("ikm:layanan_baru", args=[a.instansi.pk]),
        {"nama": "Dispensasi Nikah", "slug": "", "uraian": "", "urutan": 0, "aktif": "on"},
    )
    assert r.status_code == 302
    lay = a.instansi.layanan.get()
    assert lay.slug == "dispensasi-nikah"
    r = c.post(reverse("ikm:standar", args=[lay.pk]), {"persyaratan": "KTP\nKK", "biaya": "Gratis"})
    assert r.status_code == 302
    r = c.post(
        reverse("ikm:standar_tetapkan", args=[lay.pk]),
        {"nomor_penetapan": "1/2026", "tanggal_penetapan": "2026-01-05"},
        follow=True,
    )
    assert "Lengkapi dahulu komponen" in r.content.decode()
    r = c.post(
        reverse("ikm:periode_baru", args=[a.instansi.pk]),
        {"tahun": 2026, "semester": 1, "populasi": 1000},
    )
    p = a.instansi.periode_survei.get()
    assert r.url == reverse("ikm:periode_detail", args=[p.pk]) and p.populasi == 1000
    r = c.post(reverse("ikm:periode_status", args=[p.pk]), {"aksi": "buka"})
    p.refresh_from_db()
    assert p.status == "dibuka"
