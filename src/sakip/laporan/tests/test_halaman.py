"""Report pages as the personas use them: the Kasubag prepares the LKjIP and writes its
narrative, the Sekcam comments, the Camat signs and the report freezes; the evaluator reads
every agency's reports without edit controls; another agency finds nothing."""

import re
from decimal import Decimal as D

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile

from sakip.antrian.services import jalankan_semua
from sakip.audit.models import CatatanAudit
from sakip.laporan import services
from sakip.laporan.models import KomentarLaporan, Laporan
from sakip.organisasi.models import PemetaanPelaksana
from sakip.pengukuran.models import Realisasi
from sakip.perencanaan.tests import bangun
from sakip.sop import engine
from sakip.sop import services as sop

HTMX = {"HTTP_HX_REQUEST": "true"}
BATAS_QUERY_DAFTAR = 14  # 4 for the list, the rest for the menu (and its badges) and the session


@pytest.fixture
def lkjip(persona) -> Laporan:
    """Alpha's 2025 LKjIP drafted from its Renstra, DPA, PK and December's realisasi."""
    a = persona.a
    renstra = bangun.renstra(a)
    bangun.iku(renstra, a)
    bangun.dokumen(a, renstra, "dpa")
    bangun.pk(a, renstra)
    for kode, nilai in (("IT1", 80), ("IS1", 4), ("IS3", 90)):
        Realisasi.objects.create(
            instansi=a.instansi,
            tahun=2025,
            bulan=12,
            indikator=renstra.indikator.get(kode=kode),
            nilai=D(nilai),
            status=Realisasi.Status.DISETUJUI,
        )
    return services.siapkan_laporan(aktor=a.kasubag, instansi=a.instansi, jenis="lkjip", tahun=2025)


def _url(laporan, akhir: str = "") -> str:
    return f"/laporan/{laporan.pk}/{akhir}"


def test_kasubag_menyiapkan_laporan_sekali_per_periode(persona, masuk):
    a = persona.a
    c = masuk(a.kasubag)
    daftar = f"/laporan/instansi/{a.instansi.pk}/"
    isi = c.get(daftar).content.decode()
    assert 'id="siapkan"' in isi and "Belum ada laporan" in isi
    # the menu leads straight to the agency's reports
    assert f'href="{daftar}"' in isi

    r = c.post(daftar, {"jenis": "lkjip", "tahun": 2025})
    lkjip = Laporan.objects.get(instansi=a.instansi, jenis="lkjip", tahun=2025)
    assert r.status_code == 302 and r["Location"] == _url(lkjip)
    assert CatatanAudit.objects.filter(object_id=str(lkjip.pk), aktor=a.kasubag).exists()
    # asked again, the same report opens
    r = c.post(daftar, {"jenis": "lkjip", "tahun": 2025})
    assert r["Location"] == _url(lkjip) and Laporan.objects.count() == 1

    # a monthly report takes its month, a semester report its semester; the other is ignored
    c.post(daftar, {"jenis": "bulanan", "tahun": 2025, "bulan": 10, "semester": 2})
    c.post(daftar, {"jenis": "semesteran", "tahun": 2025, "bulan": 10, "semester": 1})
    assert set(Laporan.objects.values_list("jenis", "periode")) == {
        ("lkjip", 0),
        ("bulanan", 10),
        ("semesteran", 1),
    }
    # the service's rule comes back on the form
    isi = c.post(daftar, {"jenis": "bulanan", "tahun": 2025}).content.decode()
    assert "Laporan bulanan memerlukan bulan 1–12." in isi
    isi = c.get(daftar).content.decode()
    assert "Laporan Bulanan Oktober 2025" in isi and "Laporan Semesteran Semester I 2025" in isi
    assert ">LKjIP 2025</a>" in isi


def test_narasi_tersimpan_teraudit_dan_tampil_di_pratinjau(persona, lkjip, masuk):
    c = masuk(persona.a.kasubag)
    isi = c.get(_url(lkjip)).content.decode()
    # the analysis is prefilled from the data until someone writes it
    assert "Target Indeks kepuasan masyarakat belum tercapai (95,24%)." in isi
    assert 'name="kunci" value="analisis:IT1"' in isi and 'name="kunci" value="penutup"' in isi

    teks = "IKM naik berkat loket terpadu; survei triwulanan dilanjutkan."
    r = c.post(_url(lkjip, "narasi/"), {"kunci": "analisis:IT1", "teks": teks}, **HTMX)
    assert r.status_code == 200 and r["HX-Trigger"] == "laporan-berubah"
    assert "Tersimpan." in r.content.decode() and teks in r.content.decode()
    lkjip.refresh_from_db()
    assert lkjip.narasi["analisis:IT1"] == teks
    catatan = CatatanAudit.objects.filter(
        object_id=str(lkjip.pk), keterangan="Menulis narasi laporan"
    ).get()
    assert catatan.aktor == persona.a.kasubag
    assert catatan.perubahan == {"analisis:IT1": ["", teks]}
    pratinjau = c.get(_url(lkjip) + "?bagian=pratinjau", **HTMX).content.decode()
    assert teks in pratinjau and 'id="pratinjau"' in pratinjau and "<!doctype" not in pratinjau

    # without JavaScript: back to the section, with a message
    r = c.post(
        _url(lkjip, "narasi/"), {"kunci": "kata_pengantar", "teks": "Puji syukur."}, follow=True
    )
    assert r.redirect_chain[-1][0] == _url(lkjip) + "#b-kata_5fpengantar"
    assert "Kata Pengantar tersimpan." in r.content.decode()
    assert "Puji syukur." in c.get(_url(lkjip)).content.decode()
    # an unknown section is refused with the service's words
    r = c.post(_url(lkjip, "narasi/"), {"kunci": "bab_v", "teks": "x"}, **HTMX)
    assert "Bagian laporan tidak dikenal." in r.content.decode()


def test_komentar_tampil_sampai_ditandai_ditangani(persona, lkjip, masuk):
    a = persona.a
    c = masuk(a.sekcam)
    r = c.post(
        _url(lkjip, "komentar/"),
        {"bagian": "analisis:IT1", "isi": "Sebutkan jumlah responden survei."},
        **HTMX,
    )
    k = KomentarLaporan.objects.get()
    assert (k.bagian, k.penulis, k.selesai) == ("analisis:IT1", a.sekcam, False)
    assert f'id="komentar-{k.pk}"' in r.content.decode()
    # an empty comment is refused on the section's form
    r = c.post(_url(lkjip, "komentar/"), {"bagian": "penutup", "isi": " "}, **HTMX)
    assert "Tulis komentarnya." in r.content.decode() and KomentarLaporan.objects.count() == 1

    services.komentari(aktor=a.sekcam, laporan=lkjip, isi="Lampirkan PK yang ditandatangani.")

    c = masuk(a.kasubag)
    isi = c.get(_url(lkjip)).content.decode()
    assert "Sebutkan jumlah responden survei." in isi and isi.count(">1 komentar<") == 2
    assert isi.count("Lampirkan PK yang ditandatangani.") == 1  # under "Komentar umum"
    r = c.post(f"/laporan/komentar/{k.pk}/selesai/", **HTMX)
    assert r.status_code == 200 and f'id="komentar-{k.pk}"' not in r.content.decode()
    k.refresh_from_db()
    assert k.selesai
    isi = c.get(_url(lkjip)).content.decode()
    assert f'id="komentar-{k.pk}"' not in isi and isi.count(">1 komentar<") == 1
    assert "Komentar yang sudah ditangani (1)" in isi  # kept for the record


def test_laporan_ditandatangani_menolak_perubahan_dan_menyajikan_berkas_tersimpan(
    persona, lkjip, masuk
):
    a = persona.a
    services.simpan_narasi(aktor=a.kasubag, laporan=lkjip, kunci="penutup", teks="Sekian.")
    lkjip = services.tandatangani_laporan(aktor=a.camat, laporan=lkjip)
    # What is served is the stored file, not a new rendering.
    lkjip.pdf.save("tersimpan.pdf", ContentFile(b"%PDF-1.4 berkas bertanda tangan"))
    lkjip.docx.save("tersimpan.docx", ContentFile(b"PK docx bertanda tangan"))

    c = masuk(a.kasubag)
    isi = c.get(_url(lkjip)).content.decode()
    assert "ditandatangani oleh Camat Alpha" in isi and 'id="beku"' in isi
    assert 'name="teks"' not in isi and 'name="isi"' not in isi and "Sekian." in isi
    r = c.post(_url(lkjip, "narasi/"), {"kunci": "penutup", "teks": "Diubah."}, follow=True)
    assert "Laporan ini sudah ditandatangani dan tidak dapat diubah." in r.content.decode()
    lkjip.refresh_from_db()
    assert lkjip.narasi["penutup"] == "Sekian."

    r = c.get(_url(lkjip, "pdf/"))
    assert b"".join(r.streaming_content) == b"%PDF-1.4 berkas bertanda tangan"
    assert 'filename="LKjIP_Tahun_2025_Kecamatan_Alpha.pdf"' in r["Content-Disposition"]
    r = c.get(_url(lkjip, "docx/"))
    assert b"".join(r.streaming_content) == b"PK docx bertanda tangan"
    assert r["Content-Disposition"].endswith('.docx"')


def test_draf_diunduh_dirender_saat_itu(persona, lkjip, masuk):
    # The draft's PDF is rendered by the worker (test_render.py); its DOCX in the request.
    c = masuk(persona.a.kasubag)
    r = c.get(_url(lkjip, "pdf/"))
    assert r.status_code == 200 and "Sedang disusun" in r.content.decode()
    jalankan_semua()
    r = c.get(_url(lkjip, "pdf/"))
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert b"".join(r.streaming_content).startswith(b"%PDF")
    r = c.get(_url(lkjip, "docx/"))
    assert r.status_code == 200 and r.content.startswith(b"PK")  # a zip: the .docx container


def test_instansi_lain_mendapat_404(persona, lkjip, masuk):
    k = services.komentari(aktor=persona.a.sekcam, laporan=lkjip, isi="Cek")
    for orang in (persona.b.kasubag, persona.b.camat, persona.evaluator_lain):
        c = masuk(orang)
        for url in (
            f"/laporan/instansi/{persona.a.instansi.pk}/",
            _url(lkjip),
            _url(lkjip, "pdf/"),
            _url(lkjip, "docx/"),
        ):
            assert c.get(url).status_code == 404, (orang, url)
        for url, isi in (
            (_url(lkjip, "narasi/"), {"kunci": "penutup", "teks": "x"}),
            (_url(lkjip, "komentar/"), {"isi": "x"}),
            (f"/laporan/komentar/{k.pk}/selesai/", {}),
            (f"/laporan/instansi/{persona.a.instansi.pk}/", {"jenis": "lkjip", "tahun": 2025}),
        ):
            assert c.post(url, isi).status_code == 404, (orang, url)
    # Beta's own list does not mention Alpha's report
    isi = masuk(persona.b.kasubag).get("/laporan/", follow=True).content.decode()
    assert "Kecamatan Alpha" not in isi and _url(lkjip) not in isi
    assert not KomentarLaporan.objects.filter(selesai=True).exists()


def test_evaluator_membaca_tanpa_kontrol_ubah(persona, lkjip, masuk):
    services.komentari(aktor=persona.a.sekcam, laporan=lkjip, isi="Lengkapi data IKM.")
    c = masuk(persona.evaluator)
    isi = c.get("/laporan/").content.decode()
    assert "Kecamatan Alpha" in isi and "Kecamatan Beta" in isi
    isi = c.get(f"/laporan/instansi/{persona.a.instansi.pk}/").content.decode()
    assert "LKjIP 2025" in isi and 'id="siapkan"' not in isi
    isi = c.get(_url(lkjip)).content.decode()
    assert 'id="baca-saja"' in isi and "95,24%" in isi and "Lengkapi data IKM." in isi
    assert "<textarea" not in isi and "Tandai sudah ditangani" not in isi
    assert c.get(_url(lkjip, "pdf/")).status_code == 200

    # the services refuse them whatever they send
    assert c.post(_url(lkjip, "narasi/"), {"kunci": "penutup", "teks": "x"}).status_code == 403
    assert c.post(_url(lkjip, "komentar/"), {"isi": "x"}).status_code == 403
    daftar = f"/laporan/instansi/{persona.a.instansi.pk}/"
    assert c.post(daftar, {"jenis": "tahunan", "tahun": 2025}).status_code == 403
    lkjip.refresh_from_db()
    assert lkjip.narasi == {} and Laporan.objects.count() == 1


def test_daftar_menunjukkan_pelaksanaan_sop_dan_jumlah_query_tetap(
    persona, masuk, django_assert_max_num_queries
):
    a = persona.a
    PemetaanPelaksana.objects.create(
        instansi=a.instansi, nama_pelaksana="Kasubag Umum", jabatan=a.j_kasubag
    )
    lb = sop.adopsi(aktor=a.camat, instansi=a.instansi, kode="000-laporan-bulanan")
    run = engine.mulai(aktor=a.kasubag, sop=lb, judul="Laporan Bulanan Januari", periode="2025-01")
    laporan = Laporan.objects.get(jenis="bulanan", tahun=2025, periode=1)
    assert (run.dokumen_ct, run.dokumen_id) == (
        ContentType.objects.get_for_model(Laporan),
        laporan.pk,
    )
    c = masuk(a.kasubag)
    daftar = f"/laporan/instansi/{a.instansi.pk}/"
    # The same bound for one report and for thirteen (no query per report or per run).
    with django_assert_max_num_queries(BATAS_QUERY_DAFTAR):
        isi = c.get(daftar).content.decode()
    assert "Laporan Bulanan Januari" in isi and f"/sop/pelaksanaan/{run.pk}/" in isi
    assert "Laporan Bulanan Januari" in c.get(_url(laporan)).content.decode()

    for bulan in range(2, 12):
        engine.mulai(aktor=a.kasubag, sop=lb, judul=f"LB {bulan}", periode=f"2025-{bulan:02d}")
    services.siapkan_laporan(aktor=a.kasubag, instansi=a.instansi, jenis="lkjip", tahun=2025)
    ttd = services.siapkan_laporan(aktor=a.kasubag, instansi=a.instansi, jenis="sakip", tahun=2025)
    Laporan.objects.filter(pk=ttd.pk).update(
        status=Laporan.Status.DITANDATANGANI, ditandatangani_oleh=a.camat
    )
    with django_assert_max_num_queries(BATAS_QUERY_DAFTAR):
        isi = c.get(daftar).content.decode()
    assert isi.count('id="laporan-') == 13 and "LB 11" in isi


def test_tautan_laporan_tahunan_menyebut_laporannya(persona, masuk):
    """The yearly report, the LKjIP and the SAKIP report of one year each say which report
    the link opens (they all read "Tahun 2025" before)."""
    a = persona.a
    for jenis in ("tahunan", "lkjip", "sakip"):
        services.siapkan_laporan(aktor=a.kasubag, instansi=a.instansi, jenis=jenis, tahun=2025)
    isi = masuk(a.kasubag).get(f"/laporan/instansi/{a.instansi.pk}/").content.decode()
    tautan = re.findall(r'<a href="/laporan/\d+/">([^<]+)</a>', isi)
    assert sorted(tautan) == ["LKjIP 2025", "Laporan SAKIP 2025", "Laporan Tahunan 2025"]
    assert "Tahun 2025" not in isi
    assert 'aria-label="PDF LKjIP 2025"' in isi and 'aria-label="Buka Laporan SAKIP 2025"' in isi
