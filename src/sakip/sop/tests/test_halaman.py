"""SOP pages: inbox, task, runs, SOP detail/edit/document, calendar — scoped and bounded."""

import datetime

from django.urls import reverse
from pypdf import PdfReader

from sakip.sop import engine, jadwal
from sakip.sop.models import VersiSop

from .conftest import jalankan_sampai


def test_kotak_tugas_jumlah_query_tetap(
    persona, laporan_bulanan, masuk, django_assert_max_num_queries
):
    c = masuk(persona.a.kasubag)
    engine.mulai(aktor=persona.a.kasubag, sop=laporan_bulanan, judul="LB 1")
    with django_assert_max_num_queries(16) as awal:
        c.get("/sop/tugas/")
    for n in range(2, 12):
        engine.mulai(aktor=persona.a.kasubag, sop=laporan_bulanan, judul=f"LB {n}")
    with django_assert_max_num_queries(len(awal.captured_queries)):
        isi = c.get("/sop/tugas/").content.decode()
    assert isi.count('class="kartu tugas') == 11


def test_beranda_menghitung_tugas(persona, laporan_bulanan, masuk):
    engine.mulai(aktor=persona.a.kasubag, sop=laporan_bulanan, judul="LB Beranda")
    isi = masuk(persona.a.kasubag).get("/").content.decode()
    assert 'id="ringkasan-tugas"' in isi and "LB Beranda" in isi
    isi = masuk(persona.a.staf).get("/").content.decode()
    assert "LB Beranda" not in isi


def test_halaman_tugas_dan_aksi_lewat_formulir(persona, laporan_bulanan, masuk):
    p = engine.mulai(aktor=persona.a.kasubag, sop=laporan_bulanan, judul="LB Form")
    t = p.tugas.get()
    c = masuk(persona.a.kasubag)
    isi = c.get(f"/sop/tugas/{t.pk}/").content.decode()
    assert "Mengumpulkan bahan laporan" in isi and "Laporan Realisasi Anggaran" in isi
    r = c.post(f"/sop/tugas/{t.pk}/selesai/", {"catatan": "Bahan lengkap"})
    assert r.status_code == 302
    ketik = p.tugas.get(status="terbuka")
    # Staf sees the note of step 1 on the next task's page
    isi = masuk(persona.a.staf).get(f"/sop/tugas/{ketik.pk}/").content.decode()
    assert "Bahan lengkap" in isi and "Bahan Penyusunan Laporan" in isi
    # the Kasubag cannot act on the Staf's task through the form either
    c = masuk(persona.a.kasubag)
    r = c.post(f"/sop/tugas/{ketik.pk}/selesai/", {"catatan": "bukan saya"}, follow=True)
    assert "bukan untuk Anda" in r.content.decode()
    assert p.tugas.filter(status="terbuka").get().pk == ketik.pk


def test_halaman_pelaksanaan_menampilkan_baku_dan_aktual(persona, laporan_bulanan, masuk):
    p = engine.mulai(aktor=persona.a.kasubag, sop=laporan_bulanan, judul="LB Waktu")
    jalankan_sampai(p, 3)
    isi = masuk(persona.a.camat).get(f"/sop/pelaksanaan/{p.pk}/").content.decode()
    assert "20 menit" in isi  # the standard of steps 1 and 2
    assert isi.count("Kasubag Alpha") >= 1 and 'id="lini-masa"' in isi


def test_mulai_dari_halaman(persona, laporan_bulanan, masuk):
    c = masuk(persona.a.kasubag)
    form = c.get(f"/sop/{laporan_bulanan.pk}/mulai/").content.decode()
    assert "Penyusunan Laporan Bulanan" in form  # title prefilled with the period
    r = c.post(f"/sop/{laporan_bulanan.pk}/mulai/", {"judul": "LB Manual", "periode": "2026-10"})
    assert r.status_code == 302
    r = c.post(f"/sop/{laporan_bulanan.pk}/mulai/", {"judul": "", "periode": ""})
    assert "Bidang ini tidak boleh kosong" in r.content.decode()
    assert (
        masuk(persona.a.staf).post(f"/sop/{laporan_bulanan.pk}/mulai/", {"judul": "x"}).status_code
        == 200
    )


def test_ubah_sop_membuat_versi_baru(persona, laporan_bulanan, masuk):
    c = masuk(persona.a.camat)
    url = f"/sop/{laporan_bulanan.pk}/ubah/"
    isi = c.get(url).content.decode()
    assert "Identitas SOP" in isi
    v1 = laporan_bulanan.versi_terbaru()
    data = {
        "nama": v1.definisi["nama"],
        "nomor_sop": "000.8.3.3/007/KEC-A/2026",
        "tanggal_efektif": "2026-11-21",
        "disahkan_jabatan": "Camat Alpha",
        "disahkan_nama": "Camat Alpha",
        "dasar_hukum": "Perpres 29/2014\nPermenPAN-RB 53/2014",
        "catatan_perubahan": "Nomor SOP dan waktu ketik",
        "langkah-TOTAL_FORMS": len(v1.langkah),
        "langkah-INITIAL_FORMS": len(v1.langkah),
    }
    for i, lg in enumerate(v1.langkah):
        for f in ("kegiatan", "pelaksana", "kelengkapan", "waktu", "output", "keterangan"):
            data[f"langkah-{i}-{f}"] = lg[f]
    data["langkah-1-waktu"] = "1hari"
    r = c.post(url, data)
    assert r.status_code == 302
    v2 = laporan_bulanan.versi_terbaru()
    assert v2.nomor == 2 and v2.definisi["identitas"]["nomor_sop"] == "000.8.3.3/007/KEC-A/2026"
    assert v2.definisi["identitas"]["dasar_hukum"] == ["Perpres 29/2014", "PermenPAN-RB 53/2014"]
    assert v2.langkah[1]["waktu"] == "1hari" and v2.langkah[2]["keputusan"] == {"ya": 4, "tidak": 2}
    data["langkah-1-waktu"] = "kapan-kapan"
    r = c.post(url, data)
    assert "tidak dapat dibaca" in r.content.decode()
    assert VersiSop.objects.filter(sop=laporan_bulanan).count() == 2
    assert masuk(persona.a.staf).get(url).status_code == 403


def test_dokumen_sop_halaman_dan_pdf(persona, laporan_bulanan, masuk):
    c = masuk(persona.a.staf)
    v = laporan_bulanan.versi_terbaru()
    isi = c.get(f"/sop/versi/{v.pk}/dokumen/").content.decode()
    assert 'data-simbol="keputusan"' in isi and "Mengetik Laporan" in isi
    r = c.get(f"/sop/versi/{v.pk}/dokumen.pdf")
    assert r["Content-Type"] == "application/pdf"
    import io

    pdf = PdfReader(io.BytesIO(r.content))
    teks = " ".join(h.extract_text() for h in pdf.pages)
    assert "Mengetik Laporan" in teks and "Kecamatan Alpha" in teks
    lebar, tinggi = pdf.pages[0].mediabox.width, pdf.pages[0].mediabox.height
    assert lebar > tinggi  # A4 landscape


def test_kalender_sakip(persona, laporan_bulanan, masuk):
    jadwal.jadwalkan_sop(datetime.date.today())
    isi = (
        masuk(persona.a.camat)
        .get(
            reverse("sop:kalender", args=[persona.a.instansi.pk])
            + f"?tahun={datetime.date.today().year}"
        )
        .content.decode()
    )
    assert isi.count("Penyusunan Laporan Bulanan") >= 12  # scheduled every month
    assert "Desember" in isi


def test_pustaka_dan_adopsi_dari_halaman(persona, masuk):
    c = masuk(persona.a.camat)
    url = f"/sop/instansi/{persona.a.instansi.pk}/"
    isi = c.get(url).content.decode()
    assert "000-rka" in isi and "Adopsi" in isi
    r = c.post(f"{url}adopsi/003-evaluasi/", follow=True)
    assert "belum dipetakan" in r.content.decode()
    r = c.post(f"{url}adopsi/000-laporan-bulanan/", follow=True)
    assert "belum dipetakan" in r.content.decode()  # Kasubag Umum is not mapped in Alpha
    isi = masuk(persona.a.staf).get(url).content.decode()
    assert "Adopsi</button>" not in isi
