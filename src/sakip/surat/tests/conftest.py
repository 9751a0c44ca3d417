"""Shared fixtures of the letters tests: seed 000's PK run of agency A and the Camat's key."""

import datetime

import pytest

from sakip.organisasi.models import PemetaanPelaksana
from sakip.perencanaan.models import DokumenAnggaran, IndikatorPK, Renstra, SasaranPK
from sakip.sop import dokumen_terikat, engine, services
from sakip.surat.services import keluar
from sakip.surat.tte import services as tte

SANDI = "rahasia-camat-alpha"


@pytest.fixture(autouse=True)
def tahun_surat_uji(request, monkeypatch):
    """Many letters of these tests are dated 2026, the year they were written in, others
    today; a staff member may number only this year's letters, so 2026 counts as this year
    too here. The rule's own tests run on the real year (`@pytest.mark.tahun_nyata`,
    test_batas_masukan.py)."""
    if request.node.get_closest_marker("tahun_nyata") is None:
        asli = keluar.tahun_berjalan
        monkeypatch.setattr(keluar, "tahun_berjalan", lambda: asli() | {2026})


@pytest.fixture
def run_pk(persona):
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
    return p, pk


@pytest.fixture
def kunci_camat(persona):
    return tte.buat_kunci_demo(pegawai=persona.a.camat, passphrase=SANDI)
