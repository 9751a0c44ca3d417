"""Monitoring and evaluation of the Rencana Aksi as Kecamatan Alpha lives it (seed 001).

The Kasubag draws up March's control card from the DPA and the TW I evaluation; the
Sekretaris sends a Rekomendasi Perbaikan Kinerja to the Kasubag for a missed target; April's
card shows it at the top; the Kasubag follows it up, the Sekretaris closes it, and May's card
no longer carries it. The card is signed through the monitoring SOP run; the eselon III and
IV PKs are watched; the year is archived and signed. Kecamatan Beta sees none of it, the
evaluator reads but never writes.
"""

from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sakip.audit.models import CatatanAudit
from sakip.notifikasi.models import Notifikasi
from sakip.organisasi.models import PemetaanPelaksana
from sakip.pengukuran import monitoring
from sakip.pengukuran.models import (
    ArsipKinerja,
    KartuKendali,
    Realisasi,
    RealisasiAnggaran,
    Rekomendasi,
)
from sakip.pengukuran.services import AturanPengukuran
from sakip.pengukuran.sop_plugin import monitoring as sop_monitoring
from sakip.perencanaan import services as perencanaan
from sakip.perencanaan.models import IndikatorPK, ItemAnggaran, RencanaAksi, SasaranPK
from sakip.perencanaan.tests import bangun
from sakip.sop import dokumen_terikat, engine
from sakip.sop import services as sop_services
from sakip.sop.services import pustaka
from sakip.sop.tests.conftest import jalankan_sampai

TAHUN = 2025


def pk_pejabat(a, jabatan, nama: str, target, tw1=None) -> IndikatorPK:
    """A PK of `jabatan` with one own indicator (and its TW I target in the Rencana Aksi)."""
    pk = perencanaan.buat_pk(aktor=a.staf, jabatan=jabatan, tahun=TAHUN)
    sasaran = SasaranPK.objects.create(pk_dokumen=pk, uraian="Meningkatnya kualitas perencanaan")
    ind = IndikatorPK.objects.create(sasaran=sasaran, nama=nama, satuan="%", target=D(target))
    if tw1 is not None:
        RencanaAksi.objects.create(
            indikator=ind, jenis_periode="triwulan", periode=1, target=D(tw1), aksi="Menyusun"
        )
    return ind


def realisasi_pk(a, ind: IndikatorPK, bulan: int, nilai) -> Realisasi:
    return Realisasi.objects.create(
        instansi=a.instansi,
        tahun=TAHUN,
        bulan=bulan,
        indikator_pk=ind,
        nilai=D(str(nilai)),
        status=Realisasi.Status.DISETUJUI,
    )


@pytest.fixture
def rencana(persona):
    """Alpha's Renstra, 2025 DPA (two sub-kegiatan with a cash plan), the Camat's PK, and the
    PKs of the Sekcam (III.b) and the Kasubag (IV.b), each with one own indicator."""
    a = persona.a
    r = bangun.renstra(a)
    dpa = bangun.dokumen(a, r, "dpa")
    return {
        "renstra": r,
        "dpa": dpa,
        "sub1": dpa.item.get(kode="7.01.01.2.01.0001"),
        "sub2": dpa.item.get(kode="7.01.01.2.01.0006"),
        "pk_camat": bangun.pk(a, r),
        "ind_sekcam": pk_pejabat(a, a.j_sekcam, "Laporan kinerja tepat waktu", 100),
        "ind_kasubag": pk_pejabat(a, a.j_kasubag, "Dokumen perencanaan tepat waktu", 100, tw1=25),
    }


def kartu_url(k: KartuKendali) -> str:
    return f"/pengukuran/kartu-kendali/{k.pk}/"


def isi_semua(aktor, kartu: KartuKendali, realisasi, kendala: str = "") -> None:
    """The Tim enters the same realisasi fisik on every row of the card."""
    isian = {
        b.pk: monitoring.IsianBaris(b.target_fisik, D(realisasi), kendala, "")
        for b in kartu.baris.all()
    }
    monitoring.isi_kartu(aktor=aktor, kartu=kartu, isian=isian)


# ---------------------------------------------------------------- the recommendation loop


def test_rekomendasi_triwulan_i_dipantau_april_sampai_ditutup(persona, rencana, client):
    a = persona.a
    ind = rencana["ind_kasubag"]
    realisasi_pk(a, ind, 3, 20)  # 20% of the TW I target of 25%

    # March: the Kasubag evaluates TW I; the missed target is in the drafted conclusion.
    ev = monitoring.buat_evaluasi(aktor=a.kasubag, instansi=a.instansi, tahun=TAHUN, triwulan=1)
    baris = next(b for b in monitoring.capaian_triwulan(a.instansi, TAHUN, 1) if b.indikator == ind)
    assert baris.tidak_tercapai and baris.acuan == "TW I"
    assert baris.hasil.nilai == D(80) and "20 / 25 × 100" in baris.hasil.rumus
    assert baris.jabatan_tujuan == a.j_kasubag  # the official whose PK it is
    assert "Dokumen perencanaan tepat waktu" in ev.kesimpulan

    # The Sekretaris issues the recommendation from the evaluation page.
    client.force_login(a.sekcam)
    halaman = client.get(f"/pengukuran/evaluasi-triwulan/{ev.pk}/").content.decode()
    assert "Target yang belum tercapai" in halaman and "20 / 25 × 100 = 80%" in halaman
    r = client.post(
        f"/pengukuran/evaluasi-triwulan/{ev.pk}/rekomendasi/",
        {
            "prefix": f"i{ind.pk}",
            f"i{ind.pk}-uraian": "Percepat penyusunan dokumen perencanaan",
            f"i{ind.pk}-jabatan": a.j_kasubag.pk,
            f"i{ind.pk}-dipantau_bulan": 4,
            f"i{ind.pk}-indikator_pk": ind.pk,
        },
    )
    assert r.status_code == 302
    rek = Rekomendasi.objects.get()
    assert (rek.jabatan, rek.indikator_pk, rek.dipantau_bulan) == (a.j_kasubag, ind, 4)
    assert Notifikasi.objects.filter(penerima=a.kasubag, tautan__contains=str(rek.pk)).exists()

    # March's card does not carry it yet; April's does, at the top, still open.
    maret = monitoring.buat_kartu(aktor=a.kasubag, instansi=a.instansi, tahun=TAHUN, bulan=3)
    april = monitoring.buat_kartu(aktor=a.kasubag, instansi=a.instansi, tahun=TAHUN, bulan=4)
    assert monitoring.rekomendasi_kartu(maret) == []
    assert monitoring.rekomendasi_kartu(april) == [rek]
    client.force_login(a.kasubag)
    isi = client.get(kartu_url(april)).content.decode()
    assert "Percepat penyusunan dokumen perencanaan" in isi and "Terbuka" in isi
    assert isi.index("rekomendasi-dipantau") < isi.index("tabel-kartu")

    # Only a holder of the position addressed follows it up.
    with pytest.raises(PermissionDenied):
        monitoring.tindak_lanjuti(aktor=a.staf, rekomendasi=rek, tindak_lanjut="Sudah")
    client.post(
        f"/pengukuran/rekomendasi/{rek.pk}/",
        {"tindak_lanjut": "Jadwal penyusunan dipercepat; draf selesai 10 April"},
    )
    rek.refresh_from_db()
    assert rek.status == "ditindaklanjuti" and rek.ditindaklanjuti_oleh == a.kasubag
    assert "Ditindaklanjuti" in client.get(kartu_url(april)).content.decode()

    # The Kasubag cannot close it; the Sekretaris does.
    client.post(f"/pengukuran/rekomendasi/{rek.pk}/tutup/")
    rek.refresh_from_db()
    assert rek.status == "ditindaklanjuti"
    client.force_login(a.sekcam)
    client.post(f"/pengukuran/rekomendasi/{rek.pk}/tutup/")
    rek.refresh_from_db()
    assert rek.status == "selesai" and rek.ditutup_oleh == a.sekcam

    # April keeps what it checked; May no longer carries it.
    mei = monitoring.buat_kartu(aktor=a.kasubag, instansi=a.instansi, tahun=TAHUN, bulan=5)
    assert monitoring.rekomendasi_kartu(april) == [rek]
    assert monitoring.rekomendasi_kartu(mei) == []
    assert "Percepat penyusunan" not in client.get(kartu_url(mei)).content.decode()
    assert CatatanAudit.objects.filter(keterangan="Menutup rekomendasi", aktor=a.sekcam).exists()


def test_rekomendasi_terbuka_tetap_dipantau_bulan_bulan_berikutnya(persona, rencana):
    a = persona.a
    ev = monitoring.buat_evaluasi(aktor=a.kasubag, instansi=a.instansi, tahun=TAHUN, triwulan=4)
    rek = monitoring.terbitkan_rekomendasi(
        aktor=a.camat, evaluasi=ev, uraian="Perbaiki data", indikator_pk=rencana["ind_sekcam"]
    )
    assert rek.jabatan == a.j_sekcam and rek.dipantau_bulan == 1  # TW IV → January next year
    assert monitoring.bulan_pantau(rek) == (TAHUN + 1, 1)
    with pytest.raises(PermissionDenied):  # the Kasubag does not issue recommendations
        monitoring.terbitkan_rekomendasi(aktor=a.kasubag, evaluasi=ev, uraian="x", jabatan=a.j_staf)
    # A January card of the next year needs that year's DPA; the rule itself is enough here.
    kartu = KartuKendali(instansi=a.instansi, tahun=TAHUN + 1, bulan=3)
    assert monitoring.rekomendasi_kartu(kartu) == [rek]


def test_evaluasi_membandingkan_dengan_target_triwulan_dan_kepala_menandatangani(
    persona, rencana, client
):
    a = persona.a
    ikm = IndikatorPK.objects.get(
        sasaran__pk_dokumen=rencana["pk_camat"], nama="Indeks kepuasan masyarakat"
    )
    Realisasi.objects.create(
        instansi=a.instansi,
        tahun=TAHUN,
        bulan=3,
        indikator=ikm.indikator_renstra,
        nilai=D(81),
        status=Realisasi.Status.DISETUJUI,
    )
    ev = monitoring.buat_evaluasi(aktor=a.kasubag, instansi=a.instansi, tahun=TAHUN, triwulan=1)
    baris = {b.indikator.nama: b for b in monitoring.capaian_triwulan(a.instansi, TAHUN, 1)}
    # IKM 81 against the TW I target 80 (not the yearly 82): reached.
    assert baris["Indeks kepuasan masyarakat"].status == "tercapai"
    assert baris["Indeks kepuasan masyarakat"].target == "80"
    # Opini BPK is targeted only in TW IV: not assessed now.
    assert baris["Opini laporan keuangan"].status == "tidak_ditargetkan"
    # No quarterly targets at all: held to the yearly PK target, no data yet.
    assert baris["Layanan selesai tepat waktu"].acuan == "tahunan"
    assert baris["Layanan selesai tepat waktu"].status == "belum_ada_data"

    with pytest.raises(PermissionDenied):
        monitoring.tandatangani_evaluasi(aktor=a.sekcam, evaluasi=ev)
    client.force_login(a.camat)
    client.post(f"/pengukuran/evaluasi-triwulan/{ev.pk}/tandatangan/")
    ev.refresh_from_db()
    assert ev.ditandatangani_pada is not None
    with pytest.raises(AturanPengukuran):
        monitoring.simpan_kesimpulan(aktor=a.kasubag, evaluasi=ev, kesimpulan="Diubah")


# ---------------------------------------------------------------- the control card


def test_kartu_kendali_mengisi_keuangan_dari_anggaran_kas_dan_realisasi(persona, rencana, client):
    a = persona.a
    sub1, sub2 = rencana["sub1"], rencana["sub2"]
    for bulan in range(1, 5):
        RealisasiAnggaran.objects.create(item=sub1, bulan=bulan, jumlah=D(4_000_000))
    RealisasiAnggaran.objects.create(item=sub2, bulan=3, jumlah=D(20_000_000))
    RealisasiAnggaran.objects.create(item=sub2, bulan=5, jumlah=D(1_000_000))  # after April

    maret = monitoring.buat_kartu(aktor=a.kasubag, instansi=a.instansi, tahun=TAHUN, bulan=3)
    baris_maret = maret.baris.get(item=sub1)
    monitoring.isi_kartu(
        aktor=a.kasubag,
        kartu=maret,
        isian={baris_maret.pk: monitoring.IsianBaris(D(25), D(30), "Rapat tertunda", "")},
    )
    april = monitoring.buat_kartu(aktor=a.kasubag, instansi=a.instansi, tahun=TAHUN, bulan=4)
    assert april.baris.count() == 2  # one row per sub-kegiatan of the DPA
    # Rencana fisik follows the cash plan; realisasi fisik carries on from March.
    assert april.baris.get(item=sub1).target_fisik == D("33.33")  # 20 of 60 million
    assert april.baris.get(item=sub2).target_fisik == D("25.00")
    assert april.baris.get(item=sub1).realisasi_fisik == D(30)
    assert (
        monitoring.buat_kartu(aktor=a.kasubag, instansi=a.instansi, tahun=TAHUN, bulan=4) == april
    )

    susunan, total = monitoring.susunan_kartu(april)
    per_kode = {b.item.kode: b for b in susunan}
    b1 = per_kode["7.01.01.2.01.0001"]
    assert (b1.rencana_keuangan, b1.realisasi_keuangan) == (D(20_000_000), D(16_000_000))
    assert b1.deviasi_keuangan == D(-4_000_000) and b1.persen_realisasi_keuangan == D("26.67")
    b2 = per_kode["7.01.01.2.01.0006"]
    assert (b2.rencana_keuangan, b2.realisasi_keuangan) == (D("22500000.50"), D(20_000_000))
    kegiatan = per_kode["7.01.01.2.01"]
    assert kegiatan.baris is None and kegiatan.tingkat == 1
    assert kegiatan.rencana_keuangan == D("42500000.50")
    assert [b.tingkat for b in susunan] == [0, 1, 2, 2]
    assert total.realisasi_keuangan == D(36_000_000)

    client.force_login(a.kasubag)
    isi = client.get(kartu_url(april)).content.decode()
    for teks in ("Rp 20.000.000", "Rp 16.000.000", "-Rp 4.000.000", "33,33", "26,67"):
        assert teks in isi, teks
    assert "Simpan kartu kendali" in isi
    assert CatatanAudit.objects.filter(
        aktor=a.kasubag, keterangan__startswith="Menyusun kartu kendali April 2025"
    ).exists()


def test_kartu_diisi_lewat_halaman_dan_angka_di_luar_0_100_ditolak(persona, rencana, client):
    a = persona.a
    kartu = monitoring.buat_kartu(aktor=a.kasubag, instansi=a.instansi, tahun=TAHUN, bulan=4)
    b1, b2 = kartu.baris.order_by("item__kode")
    data = {
        "catatan": "Monitoring lapangan 28 April",
        f"target_{b1.pk}": "35",
        f"realisasi_{b1.pk}": "30,5",
        f"kendala_{b1.pk}": "Narasumber berhalangan",
        f"tindak_lanjut_{b1.pk}": "Dijadwalkan ulang Mei",
        f"target_{b2.pk}": "25",
        f"realisasi_{b2.pk}": "120",
        f"kendala_{b2.pk}": "",
        f"tindak_lanjut_{b2.pk}": "",
    }
    client.force_login(a.kasubag)
    r = client.post(kartu_url(kartu), data)
    assert r.status_code == 200 and "Tidak ada yang disimpan" in r.content.decode()
    b1.refresh_from_db()
    assert b1.realisasi_fisik is None  # all or nothing
    data[f"realisasi_{b2.pk}"] = "20"
    client.post(kartu_url(kartu), data)
    b1.refresh_from_db()
    assert (b1.realisasi_fisik, b1.kendala) == (D("30.5"), "Narasumber berhalangan")
    kartu.refresh_from_db()
    assert kartu.catatan == "Monitoring lapangan 28 April"


@pytest.fixture
def sop_monev(persona):
    """Alpha maps seed 001's actors and adopts its monitoring SOP."""
    a = persona.a
    for nama, jabatan in (
        ("Kasubag Perencanaan", a.j_kasubag),
        ("Sekretaris Camat", a.j_sekcam),
        ("Tim Monitoring", a.j_kasubag),
        ("Fungsional Umum", a.j_staf),
    ):
        PemetaanPelaksana.objects.create(instansi=a.instansi, nama_pelaksana=nama, jabatan=jabatan)
    return sop_services.adopsi(aktor=a.camat, instansi=a.instansi, kode="001-monev-rencana-aksi")


def test_sop_monitoring_membawa_kartu_bulan_itu_dan_tanda_tangan_membekukannya(
    persona, rencana, sop_monev
):
    a = persona.a
    p = engine.mulai(
        aktor=a.kasubag, sop=sop_monev, judul="Monitoring April 2025", periode="2025-04"
    )
    kartu = dokumen_terikat.dokumen_dari(p)
    assert isinstance(kartu, KartuKendali) and (kartu.tahun, kartu.bulan) == (TAHUN, 4)
    assert kartu.baris.count() == 2

    # The Kasubag's draft (step 2) goes to the Sekretaris: refused while a row is empty.
    susun = jalankan_sampai(p, 2)
    with pytest.raises(dokumen_terikat.DokumenBelumLengkap, match="Kartu kendali April 2025"):
        engine.selesaikan(aktor=a.kasubag, tugas=susun)
    susun.refresh_from_db()
    assert susun.status == "terbuka"

    isi_semua(a.kasubag, kartu, 45, kendala="Cuaca")
    ttd = jalankan_sampai(p, 4)  # the Camat's approval at step 4 signs the card
    assert ttd.pelaksanaan.versi.langkah_ke(4)["tindakan"] == "tanda_tangan"
    engine.putuskan(aktor=a.camat, tugas=ttd, setuju=True)
    kartu.refresh_from_db()
    assert kartu.status == "ditandatangani" and kartu.ditandatangani_pada is not None
    setuju = p.peristiwa.get(jenis="setuju", langkah_no=4)
    assert any(k.endswith("/ fisik") and "45,00%" in v for k, v in setuju.data["ringkasan"].items())

    with pytest.raises(AturanPengukuran, match="sudah ditandatangani"):
        isi_semua(a.kasubag, kartu, 60)
    assert CatatanAudit.objects.filter(
        aktor=a.camat, keterangan="Kartu kendali ditandatangani"
    ).exists()


def test_sop_monev_triwulanan_membawa_kartu_bulan_terakhir_triwulan(persona, rencana):
    """Seed 000's quarterly "Laporan Monev" carries June's card for TW II; its step 9 (a
    plain signing step) signs it."""
    for kode in ("000-monev", "002-monev", "001-monev-rencana-aksi"):
        assert sop_monitoring.cocok({"dokumen": pustaka()[kode].dokumen}), kode
    assert not sop_monitoring.cocok({"dokumen": pustaka()["000-laporan-bulanan"].dokumen})
    a = persona.a
    PemetaanPelaksana.objects.create(
        instansi=a.instansi, nama_pelaksana="Kasubag Umum", jabatan=a.j_kasubag
    )
    sop = sop_services.adopsi(aktor=a.camat, instansi=a.instansi, kode="000-monev")
    p = engine.mulai(aktor=a.camat, sop=sop, judul="Monev TW II 2025", periode="2025-Q2")
    kartu = dokumen_terikat.dokumen_dari(p)
    assert (kartu.tahun, kartu.bulan) == (TAHUN, 6)
    isi_semua(a.kasubag, kartu, 70)  # before the draft goes to review (step 5 → 6)
    ttd = jalankan_sampai(p, 9)
    engine.selesaikan(aktor=a.camat, tugas=ttd, catatan="Ditandatangani")
    kartu.refresh_from_db()
    assert kartu.status == "ditandatangani"


def test_pelaksanaan_terjadwal_hanya_mengikat_kartu_yang_ada(persona, rencana, sop_monev):
    p = engine.mulai_terjadwal(sop_monev, "2025-04", "Monitoring April 2025")
    assert dokumen_terikat.dokumen_dari(p) is None  # no one to draft it for
    assert not KartuKendali.objects.exists()


# ---------------------------------------------------------------- PK monitoring


def test_monitoring_pk_menampilkan_pejabat_eselon_iii_dan_iv_dengan_capaian(
    persona, rencana, client
):
    a = persona.a
    realisasi_pk(a, rencana["ind_sekcam"], 5, 90)
    realisasi_pk(a, rencana["ind_kasubag"], 5, 60)
    daftar = monitoring.monitoring_pk(a.instansi, TAHUN, 6)
    assert [m.pk.jabatan for m in daftar] == [a.j_camat, a.j_sekcam, a.j_kasubag]
    kasubag = daftar[2]
    assert kasubag.baris[0].nilai == D(60) and kasubag.rata == D(60)

    client.force_login(a.camat)
    isi = client.get(
        f"/pengukuran/instansi/{a.instansi.pk}/pk-monitoring/?tahun=2025&bulan=6"
    ).content.decode()
    for teks in ("Sekcam Alpha", "Kasubag Alpha", "III.b", "IV.b", "60 / 100 × 100 = 60%"):
        assert teks in isi, teks
    assert "90,00%" in isi


# ---------------------------------------------------------------- the year-end archive


def test_arsip_tahunan_memuat_target_realisasi_capaian_dan_hanya_dibaca_setelah_ditandatangani(
    persona, rencana, client
):
    a = persona.a
    it1 = rencana["renstra"].indikator.get(kode="IT1")
    Realisasi.objects.create(
        instansi=a.instansi,
        tahun=TAHUN,
        bulan=12,
        indikator=it1,
        nilai=D(82),
        status=Realisasi.Status.DISETUJUI,
    )
    realisasi_pk(a, rencana["ind_kasubag"], 12, 95)
    RealisasiAnggaran.objects.create(item=rencana["sub1"], bulan=12, jumlah=D(54_000_000))

    with pytest.raises(PermissionDenied):
        monitoring.susun_arsip(aktor=a.staf, instansi=a.instansi, tahun=TAHUN)
    client.force_login(a.kasubag)
    client.post(f"/pengukuran/instansi/{a.instansi.pk}/arsip-kinerja/susun/", {"tahun": TAHUN})
    arsip = ArsipKinerja.objects.get(instansi=a.instansi, tahun=TAHUN)
    ikm = next(i for i in arsip.isi["indikator"] if i["kode"] == "IT1")
    assert (ikm["target"], ikm["realisasi"], ikm["capaian"]) == ("84", "82", "97.62")
    assert ikm["rumus"].startswith("82 / 84 × 100")
    kasubag = next(p for p in arsip.isi["pk"] if p["eselon"] == "IV.b")
    assert kasubag["indikator"][0]["capaian"] == "95"
    program = arsip.isi["program"][0]
    assert (program["pagu"], program["realisasi"], program["serapan"]) == (
        "150000000",
        "54000000",
        "36",
    )
    serapan = next(i for i in arsip.isi["indikator"] if i["kode"] == "IS3")
    assert serapan["anggaran"]["pagu"] == "150000000"  # the program measured by it

    client.force_login(a.camat)
    client.post(f"/pengukuran/arsip-kinerja/{arsip.pk}/tandatangan/")
    arsip.refresh_from_db()
    assert arsip.ditandatangani_oleh == a.camat
    with pytest.raises(AturanPengukuran, match="sudah ditandatangani"):
        monitoring.susun_arsip(aktor=a.kasubag, instansi=a.instansi, tahun=TAHUN)
    client.force_login(a.kasubag)
    isi = client.get(f"/pengukuran/instansi/{a.instansi.pk}/arsip-kinerja/?tahun=2025")
    teks = isi.content.decode()
    assert "Ditandatangani" in teks and "Susun ulang" not in teks and "Camat Alpha" in teks
    unduh = client.get(f"/pengukuran/arsip-kinerja/{arsip.pk}/json/")
    assert unduh.json()["indikator"][0]["kode"] == "IT1"


# ---------------------------------------------------------------- who sees and who writes


def test_agensi_lain_mendapat_404(persona, rencana, client):
    a = persona.a
    kartu = monitoring.buat_kartu(aktor=a.kasubag, instansi=a.instansi, tahun=TAHUN, bulan=4)
    ev = monitoring.buat_evaluasi(aktor=a.kasubag, instansi=a.instansi, tahun=TAHUN, triwulan=1)
    client.force_login(persona.b.camat)
    for url in (
        kartu_url(kartu),
        f"/pengukuran/evaluasi-triwulan/{ev.pk}/",
        f"/pengukuran/instansi/{a.instansi.pk}/monitoring/",
        f"/pengukuran/instansi/{a.instansi.pk}/pk-monitoring/",
        f"/pengukuran/instansi/{a.instansi.pk}/arsip-kinerja/",
    ):
        assert client.get(url).status_code == 404, url
    r = client.post(
        f"/pengukuran/instansi/{a.instansi.pk}/kartu-kendali/baru/", {"tahun": TAHUN, "bulan": 5}
    )
    assert r.status_code == 404 and not KartuKendali.objects.filter(bulan=5).exists()


def test_evaluator_membaca_tetapi_tidak_menulis(persona, rencana, client):
    a = persona.a
    kartu = monitoring.buat_kartu(aktor=a.kasubag, instansi=a.instansi, tahun=TAHUN, bulan=4)
    baris = kartu.baris.first()
    ev = monitoring.buat_evaluasi(aktor=a.kasubag, instansi=a.instansi, tahun=TAHUN, triwulan=1)
    client.force_login(persona.evaluator)
    isi = client.get(kartu_url(kartu)).content.decode()
    assert "Kecamatan Alpha" in isi and "Simpan kartu kendali" not in isi
    assert "tidak mengubahnya" in isi
    r = client.post(
        kartu_url(kartu),
        {f"realisasi_{baris.pk}": "99", f"target_{baris.pk}": "10"},
        follow=True,
    )
    assert "tidak berwenang" in r.content.decode().lower() or "diisi oleh" in r.content.decode()
    baris.refresh_from_db()
    assert baris.realisasi_fisik is None
    assert client.get(f"/pengukuran/evaluasi-triwulan/{ev.pk}/").status_code == 200
    assert client.get(f"/pengukuran/instansi/{a.instansi.pk}/pk-monitoring/").status_code == 200
    for tulis in (
        lambda: monitoring.buat_kartu(
            aktor=persona.evaluator, instansi=a.instansi, tahun=TAHUN, bulan=5
        ),
        lambda: monitoring.terbitkan_rekomendasi(
            aktor=persona.evaluator, evaluasi=ev, uraian="x", jabatan=a.j_staf
        ),
        lambda: monitoring.susun_arsip(aktor=persona.evaluator, instansi=a.instansi, tahun=TAHUN),
    ):
        with pytest.raises(PermissionDenied):
            tulis()


def test_halaman_kartu_tidak_bertambah_kueri_per_baris(persona, rencana, client):
    a = persona.a
    april = monitoring.buat_kartu(aktor=a.kasubag, instansi=a.instansi, tahun=TAHUN, bulan=4)
    kegiatan = rencana["sub1"].induk
    for n in range(10):
        ItemAnggaran.objects.create(
            dokumen=kegiatan.dokumen,
            induk=kegiatan,
            level="sub",
            kode=f"7.01.01.2.01.01{n:02d}",
            nama=f"Sub kegiatan {n}",
            pagu=D(1_000_000),
        )
    mei = monitoring.buat_kartu(aktor=a.kasubag, instansi=a.instansi, tahun=TAHUN, bulan=5)
    assert (april.baris.count(), mei.baris.count()) == (2, 12)
    client.force_login(a.kasubag)
    client.get(kartu_url(april))  # warm the session and content-type caches
    jumlah = []
    for kartu in (april, mei):
        with CaptureQueriesContext(connection) as kueri:
            assert client.get(kartu_url(kartu)).status_code == 200
        jumlah.append(len(kueri))
    assert jumlah[0] == jumlah[1] <= 25, jumlah
