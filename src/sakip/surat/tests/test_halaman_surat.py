"""Letter pages: the letter with its files, number and dispositions; taking a number and
cancelling from the page; the numbering settings; another agency sees nothing."""

import datetime

import pytest
from django.core.files.base import ContentFile

from sakip.surat import services
from sakip.surat.models import KodeKlasifikasi, PengaturanSurat, Surat

from .bantu import PNG, pindaian, surat_keluar, surat_masuk

pytestmark = pytest.mark.django_db


def test_halaman_surat_masuk(persona, masuk):
    a = persona.a
    s = surat_masuk(a, 1, kode_klasifikasi="000.8.3.2", sifat="segera")
    services.disposisikan(aktor=a.camat, surat=s, kepada=a.j_sekcam, instruksi=["Koordinasikan"])
    isi = masuk(a.sekcam).get(f"/surat/{s.pk}/").content.decode()
    for teks in (
        "Pelaksanaan Survei Kepuasan Masyarakat 1",
        "000.8.3.2/1/ORG/2026",
        "Bupati Uji",
        "Segera",
        "000.8.3.2 — Standar Pelayanan",
        "<strong>Camat</strong> → <strong>Sekretaris Camat</strong>",
        "Koordinasikan",
        f"/surat/{s.pk}/berkas/?versi=asli",
        f"/surat/{s.pk}/lembar-disposisi/",
        "Tanggapi",  # the Sekcam holds the position it went to
    ):
        assert teks in isi, teks


def test_halaman_surat_keluar_dan_batal(persona, masuk):
    a = persona.a
    s = surat_keluar(a, perihal="Penyampaian PK 2026")
    c = masuk(a.kasubag)
    isi = c.get(f"/surat/{s.pk}/").content.decode()
    assert "000.7.2.7/001/KEC-A/2026" in isi and "Bernomor" in isi
    assert "Paraf dan tanda tangan" in isi
    r = c.post(f"/surat/{s.pk}/batal/", {"alasan": "Salah tujuan"})
    assert r.status_code == 302
    isi = c.get(r["Location"]).content.decode()
    assert "Batal" in isi and "Salah tujuan" in isi and "000.7.2.7/001/KEC-A/2026" in isi
    s.refresh_from_db()
    assert s.status == Surat.Status.BATAL


def test_batal_tanpa_alasan_ditolak_dengan_pesan(persona, masuk):
    a = persona.a
    s = surat_keluar(a)
    c = masuk(a.kasubag)
    r = c.post(f"/surat/{s.pk}/batal/", {"alasan": ""}, follow=True)
    assert "Alasan pembatalan wajib diisi." in r.content.decode()
    s.refresh_from_db()
    assert s.status == Surat.Status.BERNOMOR


def test_buat_surat_keluar_dan_ambil_nomor_dari_halaman(persona, masuk):
    a = persona.a
    c = masuk(a.staf)
    r = c.post(
        f"/surat/instansi/{a.instansi.pk}/keluar/baru/",
        {
            "perihal": "Undangan Rapat Koordinasi",
            "tujuan": "Seluruh Kasi",
            "klasifikasi": "000.1.5",
            "tanggal": "2026-11-12",
            "berkas": pindaian("undangan.pdf"),
        },
    )
    s = Surat.objects.get(perihal="Undangan Rapat Koordinasi")
    assert r.status_code == 302 and r["Location"] == f"/surat/{s.pk}/"
    assert s.status == Surat.Status.DRAF and s.nomor_surat == ""  # box left unticked
    assert s.berkas.read().startswith(b"%PDF-")
    # Submitting the form twice does not make a second letter.
    c.post(
        f"/surat/instansi/{a.instansi.pk}/keluar/baru/",
        {
            "perihal": "Undangan Rapat Koordinasi",
            "tujuan": "Seluruh Kasi",
            "klasifikasi": "000.1.5",
            "tanggal": "2026-11-12",
        },
    )
    assert Surat.objects.filter(perihal="Undangan Rapat Koordinasi").count() == 1
    r = c.post(f"/surat/{s.pk}/nomor/")
    s.refresh_from_db()
    assert s.nomor_surat.startswith("000.1.5/001/KEC-A/") and s.status == Surat.Status.BERNOMOR
    c.post(f"/surat/{s.pk}/nomor/")  # a second click
    s.refresh_from_db()
    assert s.nomor_urut == 1


def test_surat_keluar_dari_halaman_langsung_bernomor(persona, masuk):
    a = persona.a
    masuk(a.staf).post(
        f"/surat/instansi/{a.instansi.pk}/keluar/baru/",
        {
            "perihal": "Surat Tugas Monev",
            "tujuan": "Staf",
            "klasifikasi": "800.1.11.1",
            "tanggal": "2026-03-04",
            "beri_nomor": "on",
        },
    )
    s = Surat.objects.get(perihal="Surat Tugas Monev")
    assert s.nomor_surat == "800.1.11.1/001/KEC-A/2026" and s.tanggal_surat.month == 3


def test_berkas_terbaru_dan_bertanda_tangan(persona, masuk):
    a = persona.a
    s = surat_masuk(a, 1, berkas=pindaian("foto.png", PNG, "image/png"))
    c = masuk(a.staf)
    r = c.get(f"/surat/{s.pk}/berkas/")
    assert r["Content-Type"] == "image/png" and b"".join(r.streaming_content) == PNG
    k = surat_keluar(a)
    k.berkas.save("naskah.pdf", ContentFile(b"%PDF-1.4 naskah"))
    k.berkas_ttd.save("ttd.pdf", ContentFile(b"%PDF-1.4 bertanda tangan"))
    r = c.get(f"/surat/{k.pk}/berkas/", {"unduh": "1"})
    assert b"".join(r.streaming_content) == b"%PDF-1.4 bertanda tangan"
    assert "attachment" in r["Content-Disposition"] and "-ttd.pdf" in r["Content-Disposition"]
    r = c.get(f"/surat/{k.pk}/berkas/", {"versi": "asli"})
    assert b"".join(r.streaming_content) == b"%PDF-1.4 naskah"


def test_surat_tanpa_berkas_kembali_ke_halaman(persona, masuk):
    a = persona.a
    s = surat_keluar(a)
    r = masuk(a.staf).get(f"/surat/{s.pk}/berkas/")
    assert r.status_code == 302 and r["Location"] == f"/surat/{s.pk}/"


def test_instansi_lain_mendapat_404(persona, masuk):
    a = persona.a
    s = surat_masuk(a, 1)
    d = services.disposisikan(aktor=a.camat, surat=s, kepada=a.j_sekcam, instruksi=["Arsipkan"])
    c = masuk(persona.b.camat)
    for url in (
        f"/surat/{s.pk}/",
        f"/surat/{s.pk}/berkas/",
        f"/surat/{s.pk}/lembar-disposisi/",
        f"/surat/instansi/{a.instansi.pk}/agenda/",
        f"/surat/instansi/{a.instansi.pk}/agenda/xlsx/",
        f"/surat/instansi/{a.instansi.pk}/pengaturan/",
        f"/api/surat/{s.pk}",
    ):
        assert c.get(url).status_code == 404, url
    for url in (
        f"/surat/{s.pk}/nomor/",
        f"/surat/{s.pk}/disposisi/",
        f"/surat/disposisi/{d.pk}/tanggapi/",
    ):
        assert c.post(url, {"kepada": persona.b.j_sekcam.pk}).status_code == 404, url
    assert c.post(f"/api/surat/{s.pk}/nomor", {}, "application/json").status_code == 404
    assert Surat.objects.get(pk=s.pk).disposisi.count() == 1


def test_evaluator_membaca_tetapi_tidak_menulis(persona, masuk):
    a = persona.a
    s = surat_keluar(a, beri_nomor_sekarang=False)
    c = masuk(persona.evaluator)
    isi = c.get(f"/surat/{s.pk}/").content.decode()
    assert "Penyampaian PK" in isi and "Ambil nomor surat" not in isi
    assert c.post(f"/surat/{s.pk}/nomor/").status_code == 404
    assert c.get(f"/surat/instansi/{a.instansi.pk}/masuk/baru/").status_code == 404
    s.refresh_from_db()
    assert s.nomor_surat == ""


def test_api_ambil_nomor_idempoten(persona, masuk):
    a = persona.a
    s = surat_keluar(a, beri_nomor_sekarang=False)
    c = masuk(a.staf)
    url = f"/api/surat/{s.pk}/nomor"
    r1 = c.post(url, {"tanggal": "2026-05-02"}, "application/json")
    r2 = c.post(url, {}, "application/json")
    assert r1.status_code == r2.status_code == 200
    assert r1.json()["nomor_surat"] == r2.json()["nomor_surat"] == "000.7.2.7/001/KEC-A/2026"
    tanpa_kode = services.naskah_keluar(aktor=a.staf, instansi=a.instansi, perihal="Tanpa kode")
    r = c.post(f"/api/surat/{tanpa_kode.pk}/nomor", {}, "application/json")
    assert r.status_code == 409 and "klasifikasi" in r.json()["detail"]
    detail = c.get(f"/api/surat/{s.pk}").json()
    assert detail["klasifikasi"] == "000.7.2.7" and detail["disposisi"] == []


def test_pengaturan_pola_dengan_contoh(persona, masuk):
    a = persona.a
    c = masuk(a.camat)
    url = f"/surat/instansi/{a.instansi.pk}/pengaturan/"
    isi = c.get(url).content.decode()
    assert "000.7.2.7/015/KEC-A/" in isi  # the live sample of the default pattern
    frag = c.get(
        url,
        {"pola_nomor": "{kode}/{nomor:03d}/{unit}/{bulan_romawi}/{tahun}"},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    romawi = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
    bulan = romawi[services.hari_ini().month - 1]
    assert f"000.7.2.7/015/KEC-A/{bulan}/" in frag and "<html" not in frag
    frag = c.get(url, {"pola_nomor": "{kode}/{urut}"}, HTTP_HX_REQUEST="true").content.decode()
    assert "tidak dikenal" in frag
    r = c.post(url, {"pola_nomor": "{kode}/{unit}/{tahun}"})
    assert "harus memuat isian {nomor}" in r.content.decode()
    assert (
        not PengaturanSurat.objects.filter(instansi=a.instansi)
        .exclude(pola_nomor="{kode}/{nomor:03d}/{unit}/{tahun}")
        .exists()
    )
    r = c.post(url, {"pola_nomor": "{kode}/{nomor:04d}/{unit}/{tahun}"})
    assert r.status_code == 302
    s = surat_keluar(a, tanggal=datetime.date(2026, 1, 5))
    assert s.nomor_surat == "000.7.2.7/0001/KEC-A/2026"


def test_staf_hanya_melihat_pola(persona, masuk):
    a = persona.a
    c = masuk(a.staf)
    url = f"/surat/instansi/{a.instansi.pk}/pengaturan/"
    assert 'name="pola_nomor"' not in c.get(url).content.decode()
    assert c.post(url, {"pola_nomor": "{nomor}/{tahun}"}).status_code == 403


def test_indeks_mengarah_ke_agenda_instansi(persona, masuk):
    a = persona.a
    r = masuk(a.staf).get("/surat/")
    assert r.status_code == 302 and r["Location"] == f"/surat/instansi/{a.instansi.pk}/agenda/"
    isi = masuk(persona.admin_pemda).get("/surat/").content.decode()
    assert "Kecamatan Alpha" in isi and "Kecamatan Beta" in isi
    assert "Kecamatan Alpha" not in masuk(persona.admin_lain).get("/surat/").content.decode()


def test_menu_surat(persona, masuk):
    isi = masuk(persona.a.staf).get("/sop/tugas/").content.decode()
    assert 'href="/surat/"' in isi


def test_admin_kode_klasifikasi(persona, masuk):
    from sakip import testing

    k = KodeKlasifikasi.objects.get(kode="000.7.2.7")
    c = masuk(persona.admin_pemda)
    assert c.get("/admin/surat/kodeklasifikasi/").status_code == 200
    r = c.post(f"/admin/surat/kodeklasifikasi/{k.pk}/change/", {"kode": k.kode, "nama": "X"})
    assert r.status_code == 403
    root = testing.buat_pegawai("root", is_superuser=True, is_staff=True)
    c = masuk(root)
    r = c.post(
        f"/admin/surat/kodeklasifikasi/{k.pk}/change/",
        {
            "kode": k.kode,
            "nama": k.nama,
            "retensi_aktif": 3,
            "retensi_inaktif": 5,
            "nasib_akhir": "permanen",
            "keterangan": "Diperiksa arsiparis",
        },
    )
    assert r.status_code == 302
    k.refresh_from_db()
    assert (k.retensi_aktif, k.nasib_akhir) == (3, "permanen")
    assert masuk(persona.a.camat).get("/admin/surat/kodeklasifikasi/").status_code == 302


def test_admin_pengaturan_dibatasi_pemda(persona, masuk):
    services.pengaturan(persona.a.instansi)
    isi = masuk(persona.admin_pemda).get("/admin/surat/pengaturansurat/").content.decode()
    assert "Kecamatan Alpha" in isi
    isi = masuk(persona.admin_lain).get("/admin/surat/pengaturansurat/").content.decode()
    assert "Kecamatan Alpha" not in isi


def test_demo_surat_idempoten(db):
    from sakip.organisasi.demo import muat_demo
    from sakip.organisasi.models import Pegawai
    from sakip.surat import demo

    muat_demo()
    admin = Pegawai.objects.get(username="admin")
    assert demo.muat(admin) > 0
    br = Surat.objects.filter(instansi__kode_unit="KEC-BR")
    skm = br.get(perihal="Pelaksanaan Survei Kepuasan Masyarakat Tahun 2026")
    assert skm.berkas.read(5) == b"%PDF-" and skm.nomor_agenda
    assert [d.kepada.nama for d in skm.disposisi.order_by("id")] == [
        "Sekretaris Camat",
        "Kepala Subbagian Perencanaan dan Evaluasi Pelaporan",
    ]
    assert br.filter(arah="keluar", status="batal").count() == 1
    assert br.filter(arah="keluar", status="bernomor").count() == 3
    mpr = Surat.objects.filter(instansi__kode_unit="KEC-MPR", arah="keluar").order_by("nomor_urut")
    assert mpr.first().nomor_surat == "000.7.2.7/001/KEC-MPR/II/2026"
    assert demo.muat(admin) == 0
