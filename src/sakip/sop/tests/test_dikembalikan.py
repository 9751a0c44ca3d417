"""Returned work reads as returned: the Kasubag rejects the Staf's typed report with a note,
and the Staf's task, notification, inbox, home page and API say who returned it, when and
why; the revised file the Staf attaches shows in what the Kasubag sees changed."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from sakip.sop import engine
from sakip.sop.models import Tugas
from sakip.testing import pdf_uji

from .conftest import jalankan_sampai

PDF_1 = pdf_uji("draf pertama")
PDF_2 = pdf_uji("draf kedua, tabel capaian diperbaiki")
CATATAN = "Tabel capaian triwulan belum dimasukkan; lihat format LKjIP Bab III."


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _dikembalikan(persona, laporan_bulanan, judul="LB Oktober"):
    """Staf types the report with a PDF; the Kasubag returns it with a note."""
    a = persona.a
    p = engine.mulai(aktor=a.kasubag, sop=laporan_bulanan, judul=judul)
    ketik = jalankan_sampai(p, 2)
    engine.selesaikan(
        aktor=a.staf,
        tugas=ketik,
        catatan="Draf v1",
        berkas=[SimpleUploadedFile("laporan.pdf", PDF_1, "application/pdf")],
    )
    periksa = p.tugas.get(status="terbuka")
    engine.putuskan(aktor=a.kasubag, tugas=periksa, setuju=False, catatan=CATATAN)
    return p, periksa, p.tugas.get(status="terbuka")


def test_tugas_kembali_mengenal_pengembaliannya_dan_notifikasinya(persona, laporan_bulanan, media):
    a = persona.a
    p, periksa, kembali = _dikembalikan(persona, laporan_bulanan)
    assert kembali.langkah_no == 2 and kembali.dikembalikan_dari == periksa
    assert kembali.dikembalikan_dari.selesai_oleh == a.kasubag
    n = a.staf.notifikasi.order_by("-id").first()
    assert n.judul == "Dikembalikan untuk diperbaiki: LB Oktober — langkah 2"
    assert "Kasubag Alpha" in n.isi and CATATAN in n.isi
    assert n.tautan == f"/sop/tugas/{kembali.pk}/"
    # Fixed and handed on: the next review is ordinary work, not a return.
    engine.selesaikan(aktor=a.staf, tugas=kembali, catatan="Draf v2")
    lagi = p.tugas.get(status="terbuka")
    assert lagi.langkah_no == 3 and lagi.dikembalikan_dari is None
    assert a.kasubag.notifikasi.order_by("-id").first().judul.startswith("Tugas baru: LB Oktober")


def test_kotak_tugas_beranda_dan_halaman_tugas_menyebut_pengembalian(
    persona, laporan_bulanan, masuk, media
):
    _p, _periksa, kembali = _dikembalikan(persona, laporan_bulanan)
    c = masuk(persona.a.staf)
    kotak = c.get("/sop/tugas/").content.decode()
    # The timing class (tepat, segera, terlambat) follows the clock; the return mark stays.
    assert re.search(r'class="kartu tugas \w+ dikembalikan"', kotak)
    assert "Dikembalikan untuk diperbaiki" in kotak and "Oleh Kasubag Alpha:" in kotak
    assert "Tabel capaian triwulan belum dimasukkan" in kotak
    assert "Dikembalikan untuk diperbaiki" in c.get("/").content.decode()
    isi = c.get(f"/sop/tugas/{kembali.pk}/").content.decode()
    spanduk, judul, formulir = (
        isi.index('id="dikembalikan"'),
        isi.index("<h1"),
        isi.index('id="aksi"'),
    )
    assert spanduk < judul < formulir  # the return comes first, then the step and the form
    bagian = isi[spanduk:judul]
    assert "Kasubag Alpha" in bagian and "Kasubag Perencanaan dan Evapor" in bagian
    assert CATATAN in bagian and "<time" in bagian
    # The other agency's Staf has nothing of it.
    assert "LB Oktober" not in masuk(persona.b.staf).get("/sop/tugas/").content.decode()


def test_kotak_tugas_dengan_pengembalian_tetap_jumlah_query(
    persona, laporan_bulanan, masuk, media, django_assert_max_num_queries
):
    _dikembalikan(persona, laporan_bulanan, "LB 1")
    c = masuk(persona.a.staf)
    with django_assert_max_num_queries(20) as awal:
        c.get("/sop/tugas/")
    for n in range(2, 6):
        _dikembalikan(persona, laporan_bulanan, f"LB {n}")
    with django_assert_max_num_queries(len(awal.captured_queries)):
        isi = c.get("/sop/tugas/").content.decode()
    assert isi.count("Oleh Kasubag Alpha:") == 5


def test_lampiran_revisi_tampak_di_perubahan_sejak_pemeriksaan(
    persona, laporan_bulanan, masuk, media
):
    a = persona.a
    p, _periksa, kembali = _dikembalikan(persona, laporan_bulanan)
    engine.selesaikan(
        aktor=a.staf,
        tugas=kembali,
        catatan="Draf v2",
        berkas=[
            SimpleUploadedFile("laporan.pdf", PDF_2, "application/pdf"),
            SimpleUploadedFile("lampiran-capaian.pdf", PDF_1, "application/pdf"),
        ],
    )
    perubahan = {apa: (lama, baru) for apa, lama, baru in engine.perubahan_sejak_pemeriksaan(p)}
    lama, baru = perubahan["Lampiran: laporan.pdf"]  # same name, new content: replaced
    assert "langkah 2" in lama and "versi ke-2" in baru and lama != baru
    assert perubahan["Lampiran: lampiran-capaian.pdf"][0] == "—"  # a new file
    isi = masuk(a.kasubag).get(f"/sop/tugas/{p.tugas.get(status='terbuka').pk}/")
    isi = isi.content.decode()
    assert "Lampiran: laporan.pdf" in isi and "Lampiran: lampiran-capaian.pdf" in isi
    assert "Tidak ada perubahan sejak pemeriksaan terakhir" not in isi


def test_tanpa_lampiran_baru_tidak_ada_perubahan_berkas(persona, laporan_bulanan, media):
    a = persona.a
    p, _periksa, kembali = _dikembalikan(persona, laporan_bulanan)
    engine.selesaikan(aktor=a.staf, tugas=kembali, catatan="Sudah, tanpa berkas baru")
    berkas = [x for x in engine.perubahan_sejak_pemeriksaan(p) if x[0].startswith("Lampiran")]
    assert berkas == []


def test_api_tugas_menyebut_pengembalian(persona, laporan_bulanan, client, media):
    from sakip.akun.services import buat_token

    _p, periksa, kembali = _dikembalikan(persona, laporan_bulanan)
    _t, token = buat_token(aktor=persona.a.staf, nama="ponsel staf")
    kepala = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    data = client.get("/api/tugas", **kepala).json()["items"]
    [t] = [d for d in data if d["id"] == kembali.pk]
    assert t["dikembalikan"] is True and t["dikembalikan_oleh"] == "Kasubag Alpha"
    assert t["catatan_pengembalian"] == CATATAN
    assert t["dikembalikan_pada"] is not None
    t = client.get(f"/api/tugas/{periksa.pk}", **kepala).json()
    assert t["dikembalikan"] is False and t["catatan_pengembalian"] == ""


# ---------------------------------------------------------------- the timeline


def _wib(jam: int, menit: int = 0) -> datetime.datetime:
    # Monday 7 December 2026, an ordinary working day (office hours 07:30–16:00 WIB).
    return timezone.make_aware(datetime.datetime(2026, 12, 7, jam, menit))


def test_lini_waktu_kerja_di_luar_jam_kerja_menyebut_waktu_kalender(
    persona, laporan_bulanan, masuk
):
    a = persona.a
    p = engine.mulai(aktor=a.kasubag, sop=laporan_bulanan, judul="LB Lembur")
    engine.selesaikan(aktor=a.kasubag, tugas=p.tugas.get(), catatan="Bahan")
    # Step 1 arrived after office hours and was done the same evening: 0 working minutes.
    Tugas.objects.filter(pelaksanaan=p, langkah_no=1).update(
        dibuat_pada=_wib(17, 0), selesai_pada=_wib(19, 10)
    )
    isi = masuk(a.camat).get(f"/sop/pelaksanaan/{p.pk}/").content.decode()
    assert '<span class="waktu-kerja">0 menit jam kerja</span>' in isi
    assert "dikerjakan di luar jam kerja, 2 jam 10 menit waktu kalender" in isi


def test_lini_waktu_membandingkan_aktual_dengan_baku(persona, laporan_bulanan, masuk):
    from sakip.sop.views_pelaksanaan import waktu_langkah

    a = persona.a
    p = engine.mulai(aktor=a.kasubag, sop=laporan_bulanan, judul="LB Batang")
    engine.selesaikan(aktor=a.kasubag, tugas=p.tugas.get(), catatan="Bahan")
    # Step 1 (standard 20 minutes) took 40 working minutes: late, twice the standard.
    Tugas.objects.filter(pelaksanaan=p, langkah_no=1).update(
        dibuat_pada=_wib(9, 0), selesai_pada=_wib(9, 40)
    )
    t = p.tugas.get(langkah_no=1)
    w = waktu_langkah(t, engine.durasi_aktual_menit(t))
    assert w["batang"] == {"baku": 50.0, "aktual": 100.0, "lewat": True, "persen": 200}
    assert w["kalender"] is None and not w["luar_jam_kerja"]  # clock and working time agree
    isi = masuk(a.camat).get(f"/sop/pelaksanaan/{p.pk}/").content.decode()
    assert '<div class="banding lewat">' in isi
    assert "Waktu aktual 40 menit jam kerja, baku 20 menit jam kerja (200% dari baku)." in isi
    assert 'style="width: 50.0%"' in isi and 'style="width: 100.0%"' in isi


def test_lini_waktu_tepat_baku_tanpa_warna_peringatan():
    from sakip.sop.views_pelaksanaan import waktu_langkah

    t = Tugas(dibuat_pada=_wib(15, 0), selesai_pada=_wib(8, 30) + datetime.timedelta(days=1))
    t.waktu_baku_menit = 120
    w = waktu_langkah(t, 90)  # 60 minutes that afternoon, 30 the next morning
    assert w["batang"]["lewat"] is False and w["batang"]["aktual"] == 75.0
    assert w["kalender"] == 17 * 60 + 30 and not w["luar_jam_kerja"]
    assert waktu_langkah(Tugas(dibuat_pada=_wib(9)), None)["batang"] is None  # still open
