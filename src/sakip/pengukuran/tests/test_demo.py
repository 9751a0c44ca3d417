"""The demo measurement data: every agency's closed 2025, Bungaraya's 2026 to October, the
other agencies' 2026 partly filled.

The demo organisation, plans and measurements are loaded once for this module (users are
created with a fast hasher) and flushed after it; each test runs in a transaction that is
rolled back.
"""

from decimal import Decimal

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import override_settings

from sakip.audit.models import CatatanAudit
from sakip.organisasi.demo import muat_demo
from sakip.organisasi.models import Instansi, Pegawai
from sakip.pengukuran import demo, penilaian, services
from sakip.pengukuran.models import (
    ArsipKinerja,
    BuktiRealisasi,
    EvaluasiTriwulan,
    KartuKendali,
    PenutupanBulan,
    Realisasi,
    Rekomendasi,
)
from sakip.perencanaan import demo as perencanaan_demo
from sakip.perencanaan.models import Indikator, IndikatorPK

CEPAT = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def _demo_modul(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=CEPAT):
        muat_demo()
        admin = Pegawai.objects.get(username="admin")
        perencanaan_demo.muat(admin)
        dibuat = demo.muat(admin)
        yield dibuat
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def dibuat(_demo_modul, db):
    return _demo_modul


@pytest.fixture
def bungaraya(dibuat):
    return Instansi.objects.get(kode_unit="KEC-BR")


def _jumlah_baris() -> dict[str, int]:
    model = list(apps.get_app_config("pengukuran").get_models()) + [CatatanAudit]
    return {m.__name__: m.objects.count() for m in model}


def _bulan(instansi, tahun: int) -> dict[str, frozenset[int]]:
    """Renstra indicator code → the months entered."""
    hasil: dict[str, set[int]] = {}
    for kode, bulan in Realisasi.objects.filter(
        instansi=instansi, tahun=tahun, indikator__isnull=False
    ).values_list("indikator__kode", "bulan"):
        hasil.setdefault(kode, set()).add(bulan)
    return {kode: frozenset(b) for kode, b in hasil.items()}


def _setahun(sampai: int) -> frozenset[int]:
    return frozenset(range(1, sampai + 1))


def test_muat_kedua_tidak_membuat_apa_apa(dibuat):
    assert dibuat > 700
    sebelum = _jumlah_baris()
    assert demo.muat(Pegawai.objects.get(username="admin")) == 0
    assert _jumlah_baris() == sebelum  # not even an audit record: nothing was written


def test_bungaraya_2025_terukur_penuh_dan_tertutup(bungaraya):
    indikator = Indikator.objects.filter(renstra__instansi=bungaraya)
    bulan = _bulan(bungaraya, 2025)
    assert set(bulan) == set(indikator.values_list("kode", flat=True))
    assert set(bulan.values()) == {_setahun(12)}
    tahun_ini = Realisasi.objects.filter(instansi=bungaraya, tahun=2025)
    assert set(tahun_ini.values_list("status", flat=True)) == {"disetujui"}
    # The PK's own indicators (no Renstra indicator) are measured too.
    sendiri = tahun_ini.filter(indikator_pk__isnull=False)
    assert sendiri.values("indikator_pk").distinct().count() == 2
    assert sendiri.count() == 24
    for b in range(1, 13):
        assert services.bulan_tertutup(bungaraya.pk, 2025, b)


def test_capaian_2025_ada_yang_meleset_dengan_skala_pemda(bungaraya):
    baris = penilaian.capaian_renstra(bungaraya, 2025)
    aturan = penilaian.aturan_pemda(bungaraya.pemda_id)
    assert aturan.batas_atas == 120 and aturan.lantai_nol
    assert {nama for _, nama in aturan.kategori} == {
        "Sangat Baik",
        "Baik",
        "Cukup",
        "Kurang",
        "Sangat Kurang",
    }
    meleset = {b.kode: b.nilai for b in baris if b.nilai < 100}
    assert set(meleset) == {"IS1.1", "IS3.1", "IS5.1"}  # IKM, kampung berkembang, trantibum
    assert {b.kategori for b in baris} <= {nama for _, nama in aturan.kategori}
    assert "Baik" in {b.kategori for b in baris}
    assert all(b.nilai <= 120 for b in baris)


def test_serapan_2025_dan_indikator_realisasi_anggaran_sejalan(bungaraya):
    dpa = penilaian.dpa_tahun(bungaraya.pk, 2025)
    sub, total = penilaian.serapan_dpa(dpa)
    assert 90 <= total.nilai <= 100
    assert all(b.realisasi <= b.pagu for b in sub)
    desember = Realisasi.objects.get(
        indikator__renstra__instansi=bungaraya, indikator__kode="IS2.1", tahun=2025, bulan=12
    )
    assert desember.nilai == total.nilai.quantize(Decimal("0.01"))


def test_oktober_2026_terbuka_dengan_isian_menunggu_pemeriksaan(bungaraya):
    assert services.bulan_tertutup(bungaraya.pk, 2026, 9)
    assert not services.bulan_tertutup(bungaraya.pk, 2026, 10)
    assert not Realisasi.objects.filter(instansi=bungaraya, tahun=2026, bulan__gt=10).exists()
    oktober = Realisasi.objects.filter(instansi=bungaraya, tahun=2026, bulan=10)
    assert oktober.filter(status="diajukan").count() >= 3
    kembali = oktober.get(status="dikembalikan")
    assert "register PATEN" in kembali.catatan_pemeriksa
    assert kembali.diperiksa_oleh.username == "kasubag.bungaraya"
    assert set(_bulan(bungaraya, 2026).values()) == {_setahun(10)}


def test_bulan_tertutup_menolak_perubahan(bungaraya):
    september = Realisasi.objects.get(
        indikator__renstra__instansi=bungaraya, indikator__kode="IS1.1", tahun=2026, bulan=9
    )
    september.nilai = Decimal("85")
    with pytest.raises(services.AturanPengukuran):
        services.simpan_realisasi(
            aktor=Pegawai.objects.get(username="sekcam.bungaraya"), realisasi=september
        )


def test_diisi_penanggung_jawab_diperiksa_kasubag(bungaraya):
    def orang(kode: str) -> tuple[str, str]:
        r = Realisasi.objects.get(
            indikator__renstra__instansi=bungaraya, indikator__kode=kode, tahun=2025, bulan=6
        )
        return r.diisi_oleh.username, r.diperiksa_oleh.username

    assert orang("IS1.1") == ("sekcam.bungaraya", "kasubag.bungaraya")
    assert orang("IS3.1") == ("kasi.bungaraya", "kasubag.bungaraya")
    # The Kasubag's own indicator is reviewed by the secretary: four eyes.
    assert orang("IS2.1") == ("kasubag.bungaraya", "sekcam.bungaraya")
    r = Realisasi.objects.filter(instansi=bungaraya, tahun=2025, bulan=6).first()
    assert r.diisi_pada.year == 2025 and r.diisi_pada.month == 7  # entered the month after
    assert CatatanAudit.objects.filter(
        content_type__model="realisasi", aktor__username="sekcam.bungaraya"
    ).exists()
    assert BuktiRealisasi.objects.filter(tautan__startswith="https://").count() >= 10


def test_rekomendasi_untuk_target_triwulan_yang_meleset(bungaraya):
    evaluasi = EvaluasiTriwulan.objects.filter(instansi=bungaraya)
    assert sorted(evaluasi.values_list("tahun", "triwulan")) == [
        (2025, 1),
        (2025, 2),
        (2025, 3),
        (2025, 4),
        (2026, 1),
        (2026, 2),
        (2026, 3),
    ]
    assert not evaluasi.filter(ditandatangani_pada__isnull=True).exists()
    rekomendasi = Rekomendasi.objects.filter(instansi=bungaraya).select_related(
        "indikator_pk__indikator_renstra"
    )
    for r in rekomendasi:
        assert r.jabatan_id == r.indikator_pk.indikator_renstra.penanggung_jawab_id
        assert r.indikator_pk.nama in r.evaluasi.kesimpulan
    terbuka = rekomendasi.get(status="terbuka")
    assert terbuka.dipantau_bulan == 11 and (terbuka.evaluasi.tahun, terbuka.evaluasi.triwulan) == (
        2026,
        3,
    )
    assert rekomendasi.get(status="ditindaklanjuti").tindak_lanjut
    selesai = rekomendasi.filter(status="selesai")
    assert selesai.count() >= 8
    assert {r.ditutup_oleh.username for r in selesai} == {"camat.bungaraya"}


def test_kartu_kendali_2026(bungaraya):
    kartu = KartuKendali.objects.filter(instansi=bungaraya, tahun=2026)
    assert kartu.count() == 10
    assert set(kartu.filter(bulan__lte=9).values_list("status", flat=True)) == {"ditandatangani"}
    assert kartu.get(bulan=10).status == "draf"
    for k in kartu:
        assert k.baris.count() == 9  # one row per kegiatan of the DPA
    tertinggal = [b for k in kartu for b in k.baris.all() if b.kendala]
    assert tertinggal and all(b.realisasi_fisik < b.target_fisik for b in tertinggal)
    assert all(b.tindak_lanjut for b in tertinggal)
    assert "Rekomendasi" in kartu.get(bulan=8).catatan


def test_arsip_2025_ditandatangani_camat(bungaraya):
    arsip = ArsipKinerja.objects.get(instansi=bungaraya, tahun=2025)
    assert arsip.ditandatangani_oleh.username == "camat.bungaraya"
    assert len(arsip.isi["indikator"]) == 9
    ikm = next(i for i in arsip.isi["indikator"] if i["kode"] == "IS1.1")
    assert ikm["realisasi"] == "82.9" and ikm["capaian"] == "99.28"
    assert 90 <= Decimal(arsip.isi["anggaran"]["serapan"]) <= 100


def test_agensi_lain_terisi_sebagian(dibuat):
    mempura, dayun, bagian = (
        Instansi.objects.get(kode_unit=k) for k in ("KEC-MPR", "KEC-DY", "BAG-ADPEM")
    )
    assert set(_bulan(mempura, 2026).values()) == {_setahun(9)}
    dayun_bulan = _bulan(dayun, 2026)
    assert dayun_bulan.pop("IS2.2") == _setahun(7)  # August and September not entered
    assert set(dayun_bulan.values()) == {_setahun(9)}
    assert set(_bulan(bagian, 2026).values()) == {_setahun(6)}
    for instansi in (mempura, dayun, bagian):
        dpa = penilaian.dpa_tahun(instansi.pk, 2026)
        assert 0 < penilaian.serapan_dpa(dpa)[1].nilai < 80
    tutup = {
        i.kode_unit: max(
            PenutupanBulan.objects.filter(instansi=i, tahun=2026).values_list("bulan", flat=True)
        )
        for i in (mempura, dayun, bagian)
    }
    assert tutup == {"KEC-MPR": 8, "KEC-DY": 7, "BAG-ADPEM": 5}
    lengkap = {b: (n, m) for b, n, m in penilaian.kelengkapan_bulanan(dayun, 2026)}
    assert lengkap[7] == (4, 4) and lengkap[8] == (3, 4)


def test_pk_draf_tidak_diukur(bungaraya):
    draf = IndikatorPK.objects.filter(sasaran__pk_dokumen__status="draf")
    assert draf.exists()
    assert not Realisasi.objects.filter(indikator_pk__in=draf).exists()


@pytest.mark.parametrize("kode_unit", ["KEC-BR", "KEC-MPR", "KEC-DY", "BAG-ADPEM"])
def test_2025_setahun_penuh_disetujui_dipantau_dan_diarsipkan(dibuat, kode_unit):
    """Every agency's 2025 reads like a closed year: each indicator entered for all twelve
    months and approved, the months closed, a signed card a month, four signed quarterly
    evaluations with recommendations, budget spent and the year-end archive signed."""
    instansi = Instansi.objects.get(kode_unit=kode_unit)
    indikator = set(
        Indikator.objects.filter(renstra__instansi=instansi).values_list("kode", flat=True)
    )
    bulan = _bulan(instansi, 2025)
    assert set(bulan) == indikator
    assert set(bulan.values()) == {_setahun(12)}
    realisasi = Realisasi.objects.filter(instansi=instansi, tahun=2025)
    assert set(realisasi.values_list("status", flat=True)) == {"disetujui"}
    assert all(services.bulan_tertutup(instansi.pk, 2025, b) for b in range(1, 13))
    kartu = KartuKendali.objects.filter(instansi=instansi, tahun=2025)
    assert sorted(kartu.values_list("bulan", flat=True)) == list(range(1, 13))
    assert set(kartu.values_list("status", flat=True)) == {"ditandatangani"}
    assert all(k.baris.exists() for k in kartu)
    evaluasi = EvaluasiTriwulan.objects.filter(instansi=instansi, tahun=2025)
    assert sorted(evaluasi.values_list("triwulan", flat=True)) == [1, 2, 3, 4]
    assert all(e.kesimpulan and e.ditandatangani_pada for e in evaluasi)
    rekomendasi = Rekomendasi.objects.filter(instansi=instansi, evaluasi__tahun=2025)
    assert rekomendasi.filter(status="selesai").exists()
    for r in rekomendasi.exclude(status="terbuka"):
        assert r.tindak_lanjut
    dpa = penilaian.dpa_tahun(instansi.pk, 2025)
    assert 85 <= penilaian.serapan_dpa(dpa)[1].nilai <= 100
    arsip = ArsipKinerja.objects.get(instansi=instansi, tahun=2025)
    assert arsip.ditandatangani_oleh is not None
    assert all(i["realisasi"] is not None and i["capaian"] for i in arsip.isi["indikator"])
    # Plausible, not perfect: most indicators on target, some under.
    capaian = [b.nilai for b in penilaian.capaian_renstra(instansi, 2025)]
    assert any(c < 100 for c in capaian) and sum(c >= 100 for c in capaian) >= len(capaian) / 2


def test_rekomendasi_masih_terbuka_hanya_triwulan_terakhir(dibuat):
    terbuka = Rekomendasi.objects.filter(status="terbuka").select_related("evaluasi", "instansi")
    assert terbuka.exists()
    for r in terbuka:
        terakhir = {"KEC-BR": (2026, 3)}.get(r.instansi.kode_unit, (2025, 4))
        assert (r.evaluasi.tahun, r.evaluasi.triwulan) == terakhir


def test_kartu_2025_mencatat_kendala_pencairan_yang_tertunda(bungaraya):
    baris = [
        b
        for k in KartuKendali.objects.filter(instansi=bungaraya, tahun=2025, bulan__in=(5, 6))
        for b in k.baris.select_related("item")
        if b.kendala
    ]
    assert {b.item.kode for b in baris} == {"7.01.03.2.01"}
    assert all(b.tindak_lanjut and b.realisasi_fisik < b.target_fisik for b in baris)
