"""A planning SOP run carries its document: drafted at start, diffed at review, frozen at
signing."""

import datetime

import pytest

from sakip.perencanaan.models import (
    DokumenAnggaran,
    IndikatorPK,
    PerjanjianKinerja,
    Renstra,
    SasaranPK,
)
from sakip.sop import dokumen_terikat, engine, services
from sakip.sop.engine import KesalahanAlur
from sakip.sop.models import Pelaksanaan

from .conftest import jalankan_sampai


@pytest.fixture
def sop_pk(persona):
    from sakip.organisasi.models import PemetaanPelaksana

    a = persona.a
    PemetaanPelaksana.objects.create(
        instansi=a.instansi, nama_pelaksana="Kasubag Umum", jabatan=a.j_kasubag
    )
    return services.adopsi(aktor=a.camat, instansi=a.instansi, kode="000-perjanjian-kinerja")


def _mulai_pk(persona, sop):
    a = persona.a
    p = engine.mulai(aktor=a.camat, sop=sop, judul="PK 2026", periode="2026")
    pk = dokumen_terikat.dokumen_dari(p)
    return p, pk


def test_pelaksanaan_pk_membuat_draf_pk_camat(persona, sop_pk):
    p, pk = _mulai_pk(persona, sop_pk)
    assert isinstance(pk, PerjanjianKinerja)
    assert (pk.tahun, pk.jabatan, pk.pihak_pertama) == (2026, persona.a.j_camat, persona.a.camat)
    assert pk.pihak_kedua_jabatan == "Bupati Uji"  # the Camat signs with the regional head
    assert pk.status == "draf"


def test_pemeriksa_melihat_perubahan_sejak_pemeriksaan_terakhir(persona, sop_pk):
    a = persona.a
    p, pk = _mulai_pk(persona, sop_pk)
    sasaran = SasaranPK.objects.create(pk_dokumen=pk, uraian="Meningkatnya pelayanan")
    ikm = IndikatorPK.objects.create(sasaran=sasaran, nama="IKM", satuan="nilai", target=80)
    periksa = jalankan_sampai(p, 6)  # Kasubag reviews the typed draft
    assert engine.perubahan_sejak_pemeriksaan(p) is None  # nothing reviewed yet
    engine.putuskan(
        aktor=a.kasubag, tugas=periksa, setuju=False, catatan="Target IKM terlalu rendah"
    )
    ikm.target = 83
    ikm.save()
    perubahan = engine.perubahan_sejak_pemeriksaan(p)
    assert perubahan == [("Meningkatnya pelayanan / IKM", "80 nilai", "83 nilai")]
    isi = _halaman_tugas(persona, p)
    assert "Perubahan sejak pemeriksaan terakhir" in isi and "83 nilai" in isi


def _halaman_tugas(persona, p):
    from django.test import Client

    t = p.tugas.get(status="terbuka")
    c = Client()
    c.force_login(engine.penerima_tugas(t)[0])
    return c.get(f"/sop/tugas/{t.pk}/").content.decode()


def test_tanda_tangan_ditolak_tanpa_dpa_lalu_membekukan_pk(persona, sop_pk):
    a = persona.a
    p, pk = _mulai_pk(persona, sop_pk)
    sasaran = SasaranPK.objects.create(pk_dokumen=pk, uraian="Meningkatnya pelayanan")
    IndikatorPK.objects.create(sasaran=sasaran, nama="IKM", satuan="nilai", target=82)
    ttd = jalankan_sampai(p, 9)
    assert p.versi.langkah_ke(9)["tindakan"] == "tanda_tangan"
    with pytest.raises(dokumen_terikat.DokumenBelumLengkap) as galat:
        engine.selesaikan(aktor=a.camat, tugas=ttd)
    assert [k.pesan for k in galat.value.kekurangan] == [
        "DPA tahun 2026 belum disahkan: PK ditandatangani setelah DPA disahkan"
    ]
    assert p.tugas.get(status="terbuka").pk == ttd.pk  # nothing moved
    renstra = Renstra.objects.create(instansi=a.instansi, tahun_awal=2025, tahun_akhir=2029)
    DokumenAnggaran.objects.create(
        instansi=a.instansi,
        renstra=renstra,
        jenis="dpa",
        tahun=2026,
        tanggal_pengesahan=datetime.date.today() - datetime.timedelta(days=3),
    )
    engine.selesaikan(aktor=a.camat, tugas=ttd, catatan="Ditandatangani")
    pk.refresh_from_db()
    assert pk.status == "ditandatangani" and pk.tanggal == datetime.date.today()
    beku = p.peristiwa.get(jenis="selesai", langkah_no=9).data["ringkasan"]
    assert beku["Meningkatnya pelayanan / IKM"] == "82 nilai"


def test_pelaksanaan_terjadwal_tanpa_dokumen_lalu_disiapkan(persona, sop_pk):
    a = persona.a
    p = engine.mulai_terjadwal(sop_pk, "2026", "PK 2026 (jadwal)")
    assert p.dokumen_ct_id is None  # the schedule drafts nothing on its own
    isi = _halaman_tugas(persona, p)
    assert "Siapkan dokumen" in isi
    with pytest.raises(KesalahanAlur, match="Hanya pelaksana"):
        engine.siapkan_dokumen(aktor=a.staf, pelaksanaan=p)
    pk = engine.siapkan_dokumen(aktor=a.camat, pelaksanaan=p)
    p.refresh_from_db()
    assert isinstance(pk, PerjanjianKinerja) and dokumen_terikat.dokumen_dari(p) == pk


def test_revisi_pk_menjalankan_sop_lagi(persona, sop_pk):
    from sakip.perencanaan import services as rencana

    a = persona.a
    p, pk = _mulai_pk(persona, sop_pk)
    sasaran = SasaranPK.objects.create(pk_dokumen=pk, uraian="Meningkatnya pelayanan")
    IndikatorPK.objects.create(sasaran=sasaran, nama="IKM", satuan="nilai", target=82)
    renstra = Renstra.objects.create(instansi=a.instansi, tahun_awal=2025, tahun_akhir=2029)
    DokumenAnggaran.objects.create(
        instansi=a.instansi,
        renstra=renstra,
        jenis="dpa",
        tahun=2026,
        tanggal_pengesahan=datetime.date.today() - datetime.timedelta(days=1),
    )
    rencana.tandatangani_pk(aktor=a.camat, pk=pk, tanggal=datetime.date.today())
    baru = rencana.revisi_pk(aktor=a.kasubag, pk=pk, alasan="strategi")
    ulang = Pelaksanaan.objects.exclude(pk=p.pk).get(sop=sop_pk)
    assert dokumen_terikat.dokumen_dari(ulang) == baru
    assert "revisi ke-1" in ulang.judul
    # the Kasubag may not start the PK SOP: it runs on the system's behalf, naming him
    assert ulang.dimulai_oleh is None
    assert ulang.peristiwa.filter(aktor=a.kasubag, catatan__contains="revisi").exists()


def test_renstra_ditetapkan_lalu_diubah_dibuka_dan_dijalankan_lagi(persona):
    from sakip.organisasi.models import PemetaanPelaksana
    from sakip.perencanaan import services as rencana
    from sakip.perencanaan.models import Tujuan

    a = persona.a
    PemetaanPelaksana.objects.create(
        instansi=a.instansi, nama_pelaksana="Kasubag Umum", jabatan=a.j_kasubag
    )
    sop = services.adopsi(aktor=a.camat, instansi=a.instansi, kode="000-renstra")
    p = engine.mulai(aktor=a.camat, sop=sop, judul="Renstra 2026–2030", periode="2026-2030")
    renstra = dokumen_terikat.dokumen_dari(p)
    assert (renstra.tahun_awal, renstra.tahun_akhir, renstra.status) == (2026, 2030, "draf")
    ttd = jalankan_sampai(p, 9)
    engine.selesaikan(aktor=a.camat, tugas=ttd)
    renstra.refresh_from_db()
    assert renstra.status == "ditetapkan"
    rencana.simpan(aktor=a.kasubag, objek=Tujuan(renstra=renstra, kode="T9", uraian="Baru"))
    renstra.refresh_from_db()
    assert renstra.status == "draf"
    ulang = Pelaksanaan.objects.filter(sop=sop).exclude(pk=p.pk).get()
    assert ulang.periode == "2026-2030" and dokumen_terikat.dokumen_dari(ulang) == renstra
