"""The demo planning data: Bungaraya's full cycle and the other agencies' smaller sets.

The demo organisation and plans are loaded once for this module (users are created with
a fast hasher) and flushed after it; each test runs in a transaction that is rolled back.
"""

from datetime import timedelta

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db.models import Sum
from django.test import override_settings

from sakip.audit.models import CatatanAudit
from sakip.organisasi.demo import muat_demo
from sakip.organisasi.models import Pegawai
from sakip.perencanaan import demo, services
from sakip.perencanaan.models import (
    IKU,
    AnggaranKas,
    DokumenAnggaran,
    Indikator,
    IndikatorItem,
    IndikatorPK,
    ItemAnggaran,
    PerjanjianKinerja,
    RencanaAksi,
    Renstra,
    TargetTahunan,
)

CEPAT = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def _demo_modul(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=CEPAT):
        muat_demo()
        dibuat = demo.muat(Pegawai.objects.get(username="admin"))
        yield dibuat
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def dibuat(_demo_modul, db):
    return _demo_modul


@pytest.fixture
def admin(dibuat):
    return Pegawai.objects.get(username="admin")


def _pk(kode_unit: str, tahun: int, jabatan: str) -> PerjanjianKinerja:
    return PerjanjianKinerja.objects.get(
        instansi__kode_unit=kode_unit, tahun=tahun, jabatan__nama=jabatan
    )


def _jumlah_baris() -> dict[str, int]:
    model = list(apps.get_app_config("perencanaan").get_models()) + [CatatanAudit]
    return {m.__name__: m.objects.count() for m in model}


def test_demo_memuat_siklus_bungaraya_dan_agensi_lain(dibuat):
    assert dibuat > 1000
    renstra = Renstra.objects.filter(tahun_awal=2021, tahun_akhir=2026)
    assert renstra.count() == 4
    assert set(renstra.values_list("status", flat=True)) == {"ditetapkan"}
    br = Renstra.objects.get(instansi__kode_unit="KEC-BR")
    assert br.sasaran.count() == 5
    assert br.indikator.count() == 9
    assert IKU.objects.filter(renstra=br).count() == 5
    jenis = set(
        DokumenAnggaran.objects.filter(instansi__kode_unit="KEC-BR").values_list("jenis", "tahun")
    )
    assert jenis == {(j, t) for j in ("renja", "rka", "dpa") for t in (2025, 2026)}
    dpa = DokumenAnggaran.objects.get(instansi__kode_unit="KEC-BR", jenis="dpa", tahun=2026)
    assert 3_000_000_000 <= dpa.total_pagu() <= 6_000_000_000
    assert dpa.item.filter(level="program").count() == 5
    assert dpa.item.filter(level="sub").count() == 15
    for kode_unit in ("KEC-MPR", "KEC-DY", "BAG-ADPEM"):
        for tahun in (2025, 2026):
            dpa = DokumenAnggaran.objects.get(
                instansi__kode_unit=kode_unit, jenis="dpa", tahun=tahun
            )
            assert dpa.item.filter(level="program").count() == 2
            pk = PerjanjianKinerja.objects.get(instansi__kode_unit=kode_unit, tahun=tahun)
            assert pk.status == "ditandatangani"
            assert pk.total_anggaran() == dpa.total_pagu()
        # 2025 is a closed year with its whole planning chain; 2026 holds only the DPA.
        jenis = set(
            DokumenAnggaran.objects.filter(instansi__kode_unit=kode_unit).values_list(
                "jenis", "tahun"
            )
        )
        assert jenis == {("renja", 2025), ("rka", 2025), ("dpa", 2025), ("dpa", 2026)}


def test_program_dinilai_dengan_indikator_renstra(dibuat):
    program = IndikatorItem.objects.filter(
        item__level="program", item__dokumen__instansi__kode_unit="KEC-BR"
    )
    assert program.exists()
    assert not program.filter(indikator_renstra__isnull=True).exists()


def test_muat_kedua_tidak_membuat_apa_apa(dibuat, admin):
    sebelum = _jumlah_baris()
    assert demo.muat(admin) == 0
    assert _jumlah_baris() == sebelum  # not even an audit record: nothing was written


@pytest.mark.parametrize(
    "model", [Indikator, TargetTahunan, IndikatorItem, IndikatorPK, RencanaAksi]
)
def test_setiap_target_lolos_validasi(dibuat, model):
    for obj in model.objects.all():
        obj.full_clean()


def test_kaskade_2026_hanya_sasaran_trantibum_yang_tertinggal(dibuat):
    camat = _pk("KEC-BR", 2026, "Camat")
    temuan = services.periksa_kaskade(camat)
    assert [t.jenis for t in temuan] == ["sasaran_tak_diturunkan"]
    assert "ketenteraman dan ketertiban umum" in temuan[0].pesan
    assert services.periksa_kaskade(_pk("KEC-BR", 2026, "Sekretaris Camat")) == []
    assert services.periksa_kaskade(_pk("KEC-BR", 2025, "Camat")) == []


def test_pk_eselon_iv_2026_kasubag_umum_masih_draf(dibuat):
    pk = PerjanjianKinerja.objects.filter(instansi__kode_unit="KEC-BR")
    assert pk.count() == 10
    draf = pk.filter(status="draf")
    assert [(p.tahun, p.jabatan.nama) for p in draf] == [
        (2026, "Kepala Subbagian Umum dan Kepegawaian")
    ]


def test_anggaran_kas_sama_dengan_pagu(dibuat):
    sub = ItemAnggaran.objects.filter(level="sub", dokumen__jenis__in=["rka", "dpa"])
    assert sub.exists()
    for item in sub.annotate(jumlah_kas=Sum("kas__jumlah")):
        assert item.jumlah_kas == item.pagu, item
    assert AnggaranKas.objects.filter(item__dokumen__jenis="renja").count() == 0
    induk = ItemAnggaran.objects.exclude(level="sub").annotate(jumlah_anak=Sum("anak__pagu"))
    for item in induk:
        assert item.jumlah_anak == item.pagu, item


def test_pk_ditandatangani_dalam_30_hari_setelah_dpa(dibuat):
    ditandatangani = PerjanjianKinerja.objects.filter(status="ditandatangani")
    assert ditandatangani.count() == 15  # Bungaraya's nine, and 2025 and 2026 of the others
    for pk in ditandatangani:
        dpa = services.dpa_tahun(pk.instansi_id, pk.tahun)
        assert dpa.tanggal_pengesahan < pk.tanggal <= dpa.tanggal_pengesahan + timedelta(days=30)
        assert pk.peringatan == ""


def test_rencana_aksi_camat_menjumlah_ke_pk(dibuat):
    for tahun in (2025, 2026):
        camat = _pk("KEC-BR", tahun, "Camat")
        indikator = IndikatorPK.objects.filter(sasaran__pk_dokumen=camat)
        assert indikator.count() == 6
        aksi = RencanaAksi.objects.filter(indikator__in=indikator)
        assert aksi.count() == 24
        assert not aksi.filter(aksi="").exists()
        assert aksi.aggregate(s=Sum("anggaran"))["s"] == camat.total_anggaran()
        trantibum = indikator.get(indikator_renstra__kode="IS5.1")
        assert sum(a.target for a in trantibum.aksi.all()) == trantibum.target
        ikm = indikator.get(indikator_renstra__kode="IS1.1")
        assert ikm.aksi.get(periode=4).target == ikm.target


def test_rencana_aksi_2025_agensi_lain_menjumlah_ke_pk(dibuat):
    for kode_unit in ("KEC-MPR", "KEC-DY", "BAG-ADPEM"):
        kepala = PerjanjianKinerja.objects.get(
            instansi__kode_unit=kode_unit, tahun=2025, jabatan__peran="kepala"
        )
        aksi = RencanaAksi.objects.filter(indikator__sasaran__pk_dokumen=kepala)
        assert aksi.count() == 12  # three indicators, four quarters
        assert not aksi.filter(aksi="").exists()
        assert aksi.aggregate(s=Sum("anggaran"))["s"] == kepala.total_anggaran()
    # The running year of the smaller agencies has no Rencana Aksi in the demo.
    assert not RencanaAksi.objects.filter(
        indikator__sasaran__pk_dokumen__tahun=2026,
        indikator__sasaran__pk_dokumen__instansi__kode_unit="KEC-MPR",
    ).exists()
