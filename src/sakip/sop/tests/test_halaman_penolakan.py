"""A refused step says why where it matters, keeping what was typed: the missing items of
the document at the top of the task page as links, a wrong passphrase at the passphrase
field; the signer previews the exact PDF first."""

import datetime
import re

import pytest

from sakip.organisasi.models import PemetaanPelaksana
from sakip.perencanaan.models import DokumenAnggaran, IndikatorPK, Renstra, SasaranPK
from sakip.perencanaan.tests import bangun
from sakip.sop import dokumen_terikat, engine, services

from .conftest import jalankan_sampai

SANDI = "rahasia-camat-alpha"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _monev(persona):
    """Seed 001's April run of Alpha, its card drafted from the DPA and left empty."""
    a = persona.a
    bangun.dokumen(a, bangun.renstra(a), "dpa")
    for nama, jabatan in (
        ("Kasubag Perencanaan", a.j_kasubag),
        ("Sekretaris Camat", a.j_sekcam),
        ("Tim Monitoring", a.j_kasubag),
        ("Fungsional Umum", a.j_staf),
    ):
        PemetaanPelaksana.objects.create(instansi=a.instansi, nama_pelaksana=nama, jabatan=jabatan)
    sop = services.adopsi(aktor=a.camat, instansi=a.instansi, kode="001-monev-rencana-aksi")
    return engine.mulai(aktor=a.kasubag, sop=sop, judul="Monitoring April 2025", periode="2025-04")


def _pk_sampai_tanda_tangan(persona):
    """Seed 000's PK run of Alpha at its signing step (9); the Camat holds a TTE key."""
    from sakip.surat.tte import services as tte

    a = persona.a
    PemetaanPelaksana.objects.create(
        instansi=a.instansi, nama_pelaksana="Kasubag Umum", jabatan=a.j_kasubag
    )
    sop = services.adopsi(aktor=a.camat, instansi=a.instansi, kode="000-perjanjian-kinerja")
    p = engine.mulai(aktor=a.camat, sop=sop, judul="Perjanjian Kinerja 2026", periode="2026")
    pk = dokumen_terikat.dokumen_dari(p)
    sasaran = SasaranPK.objects.create(pk_dokumen=pk, uraian="Meningkatnya pelayanan publik")
    IndikatorPK.objects.create(sasaran=sasaran, nama="IKM", satuan="nilai", target=82)
    renstra = Renstra.objects.create(instansi=a.instansi, tahun_awal=2025, tahun_akhir=2029)
    DokumenAnggaran.objects.create(
        instansi=a.instansi,
        renstra=renstra,
        jenis="dpa",
        tahun=2026,
        tanggal_pengesahan=datetime.date.today() - datetime.timedelta(days=3),
    )
    tte.buat_kunci_demo(pegawai=a.camat, passphrase=SANDI)
    return p, jalankan_sampai(p, 9)


def _sebelum(isi: str, a: str, b: str) -> bool:
    return isi.index(a) < isi.index(b)


def test_kekurangan_kartu_di_atas_halaman_dengan_tautan_dan_catatan_tetap(persona, masuk, media):
    a = persona.a
    p = _monev(persona)
    c = masuk(a.kasubag)
    t = None
    for _ in range(3):  # the first step that hands the empty card on refuses it
        t = p.tugas.get(status="terbuka")
        r = c.post(f"/sop/tugas/{t.pk}/selesai/", {"catatan": "Sudah saya periksa ulang"})
        if r.status_code == 200:
            break
    isi = r.content.decode()
    assert r.status_code == 200 and 'id="kekurangan"' in isi, "no step refused the empty card"
    assert _sebelum(isi, 'id="kekurangan"', "<h1") and _sebelum(isi, "<h1", 'id="aksi"')
    bagian = isi[isi.index('id="kekurangan"') : isi.index("<h1")]
    assert "belum lengkap untuk langkah ini" in bagian
    assert re.search(r'<a href="/pengukuran/kartu-kendali/\d+/[^"]*">Realisasi fisik', bagian)
    assert "7.01.01.2.01.0001" in bagian
    assert "Sudah saya periksa ulang</textarea>" in isi  # the note is kept
    assert p.tugas.get(status="terbuka").pk == t.pk  # nothing moved


def test_kekurangan_dari_putuskan_juga_di_atas_halaman(
    persona, laporan_bulanan, masuk, monkeypatch
):
    a = persona.a
    p = engine.mulai(aktor=a.kasubag, sop=laporan_bulanan, judul="LB Kurang")
    periksa = jalankan_sampai(p, 3)

    def tolak_lengkap(**kw):
        raise dokumen_terikat.DokumenBelumLengkap(
            [dokumen_terikat.Kekurangan("Narasi Bab III belum ditulis", "/laporan/1/#bab-3")],
            dokumen="Laporan Bulanan Oktober",
        )

    monkeypatch.setattr(engine, "putuskan", tolak_lengkap)
    r = masuk(a.kasubag).post(f"/sop/tugas/{periksa.pk}/setuju/", {"catatan": "Setuju, rapi"})
    isi = r.content.decode()
    assert r.status_code == 200
    assert '<a href="/laporan/1/#bab-3">Narasi Bab III belum ditulis</a>' in isi
    assert "Laporan Bulanan Oktober belum lengkap untuk langkah ini (1 hal)." in isi
    assert ">Setuju, rapi</textarea>" in isi


def test_passphrase_salah_di_kolom_passphrase_bukan_pesan_halaman(persona, masuk, media):
    a = persona.a
    p, ttd = _pk_sampai_tanda_tangan(persona)
    c = masuk(a.camat)
    r = c.post(
        f"/sop/tugas/{ttd.pk}/selesai/", {"catatan": "Ditandatangani", "passphrase": "salah-ketik"}
    )
    isi = r.content.decode()
    assert r.status_code == 200
    kolom = isi[isi.index('id="isian-passphrase"') :]
    kolom = kolom[: kolom.index("</div>")]
    assert "Passphrase salah" in kolom and 'aria-invalid="true"' in kolom
    assert 'class="pesan"' not in isi  # not the page's generic message
    assert 'value="salah-ketik"' not in isi  # never echoed back
    assert "Ditandatangani</textarea>" in isi
    assert p.tugas.get(status="terbuka").pk == ttd.pk
    r = c.post(f"/sop/tugas/{ttd.pk}/selesai/", {"catatan": "Ditandatangani", "passphrase": SANDI})
    assert r.status_code == 302 and p.tugas.get(pk=ttd.pk).status == "selesai"


def test_pratinjau_pdf_sebelum_passphrase(persona, masuk, media):
    a = persona.a
    _p, ttd = _pk_sampai_tanda_tangan(persona)
    isi = masuk(a.camat).get(f"/sop/tugas/{ttd.pk}/").content.decode()
    tautan = f'href="/sop/tugas/{ttd.pk}/pratinjau.pdf"'
    assert tautan in isi and "Pratinjau dokumen yang akan ditandatangani (PDF)" in isi
    assert _sebelum(isi, tautan, 'id="isian-passphrase"')
    r = masuk(a.camat).get(f"/sop/tugas/{ttd.pk}/pratinjau.pdf")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert r.content.startswith(b"%PDF") and r["Content-Disposition"].startswith("inline")
    # Same access path as the task page: another agency gets 404.
    assert masuk(persona.b.camat).get(f"/sop/tugas/{ttd.pk}/pratinjau.pdf").status_code == 404


def test_pratinjau_langkah_yang_tidak_menandatangani_kembali_ke_tugas(
    persona, laporan_bulanan, masuk
):
    p = engine.mulai(aktor=persona.a.kasubag, sop=laporan_bulanan, judul="LB Tanpa TTD")
    t = p.tugas.get()
    c = masuk(persona.a.kasubag)
    r = c.get(f"/sop/tugas/{t.pk}/pratinjau.pdf", follow=True)
    assert r.redirect_chain == [(f"/sop/tugas/{t.pk}/", 302)]
    assert "tidak menandatangani dokumen" in r.content.decode()
    assert "pratinjau.pdf" not in c.get(f"/sop/tugas/{t.pk}/").content.decode()
