"""The demo: Kabupaten Siak with the seed agencies, loaded twice without doubling."""

from django.core.management import call_command

from sakip.audit.models import CatatanAudit
from sakip.organisasi.demo import SANDI_DEMO, muat_demo
from sakip.organisasi.models import Instansi, Jabatan, Pegawai, PelaksanaTugas, PemetaanPelaksana


def test_demo_dimuat_sekali_saja(db):
    dibuat, logins = muat_demo()
    assert dibuat > 50
    jumlah = (Pegawai.objects.count(), Jabatan.objects.count(), CatatanAudit.objects.count())
    dibuat_lagi, _ = muat_demo()
    assert dibuat_lagi == 0
    assert (
        Pegawai.objects.count(),
        Jabatan.objects.count(),
        CatatanAudit.objects.count(),
    ) == jumlah


def test_demo_berisi_agensi_keempat_seed(db):
    muat_demo()
    nama = set(Instansi.objects.values_list("nama", flat=True))
    assert {"Kecamatan Bungaraya", "Kecamatan Mempura", "Kecamatan Dayun"} <= nama
    assert any(n.startswith("Bagian") for n in nama)
    br = Instansi.objects.get(nama="Kecamatan Bungaraya")
    pelaksana = set(br.pemetaan.values_list("nama_pelaksana", flat=True))
    # seed 001's actor columns
    assert {"Kasubag Perencanaan", "Sekretaris Camat", "Camat", "Fungsional Umum"} <= pelaksana
    bagian = Instansi.objects.get(jenis="bagian")
    assert {"Kabag", "Kasubag", "Kasubag AD", "Kasubag LN", "Staf"} <= set(
        bagian.pemetaan.values_list("nama_pelaksana", flat=True)
    )
    for m in PemetaanPelaksana.objects.select_related("jabatan"):
        assert m.jabatan.instansi_id == m.instansi_id
    assert PelaksanaTugas.objects.filter(jabatan__nama="Sekretaris Camat").exists()


def test_akun_demo_bisa_masuk_dan_dicetak(db, client, capsys):
    call_command("demo")
    keluaran = capsys.readouterr().out
    assert SANDI_DEMO in keluaran and "camat.bungaraya" in keluaran
    r = client.post("/akun/masuk/", {"identitas": "camat.bungaraya", "sandi": SANDI_DEMO})
    assert r.status_code == 302


def _jumlah_semua() -> dict[str, int]:
    from django.apps import apps

    return {
        m._meta.label: m._base_manager.count()
        for m in apps.get_models()
        if m._meta.app_label.split(".")[-1]
        in {"organisasi", "perencanaan", "pengukuran", "laporan", "sop", "audit", "surat"}
    }


def test_demo_tahun_2025_lengkap_dan_kotak_tugas_terisi(db, capsys):
    """A new user's first look: the demo LKjIP 2025 reads like a real one, the README's
    first login finds work waiting, and loading again changes nothing."""
    from sakip.laporan.data import data_laporan
    from sakip.laporan.dokumen import laporan_html
    from sakip.laporan.models import Laporan
    from sakip.pengukuran.models import EvaluasiTriwulan, KartuKendali
    from sakip.perencanaan.models import IKU
    from sakip.sop import engine

    call_command("demo", tanpa_email=True)
    sebelum = _jumlah_semua()
    call_command("demo", tanpa_email=True)
    assert "Data demo: 0 baris baru" in capsys.readouterr().out
    assert _jumlah_semua() == sebelum  # idempotent: the second load writes nothing

    bungaraya = Instansi.objects.get(kode_unit="KEC-BR")
    lkjip = Laporan.objects.get(instansi=bungaraya, jenis="lkjip", tahun=2025)
    data = data_laporan(lkjip)
    indikator = {i["kode"]: i for g in data["capaian"] for i in g["indikator"]}
    iku = set(
        IKU.objects.filter(renstra__instansi=bungaraya).values_list("indikator__kode", flat=True)
    )
    assert iku and iku <= set(indikator)
    for kode in iku:
        assert indikator[kode]["realisasi"] not in ("", "—"), kode
        assert indikator[kode]["capaian"] not in ("", "—"), kode
    assert data["anggaran"]["ada"] and data["pk"]
    assert all(data["narasi"].get(k) for k in ("kata_pengantar", "ikhtisar", "penutup"))
    # Every agency's LKjIP 2025, as the PDF prints it, has no empty year left in it.
    for laporan in Laporan.objects.filter(jenis="lkjip", tahun=2025):
        teks = laporan_html(laporan)
        assert "belum tercatat" not in teks and "belum diukur" not in teks, laporan.instansi

    for instansi in Instansi.objects.filter(kode_unit__in=["KEC-BR", "KEC-MPR"]):
        kartu = KartuKendali.objects.filter(instansi=instansi, tahun=2025, status="ditandatangani")
        assert kartu.count() == 12
        assert EvaluasiTriwulan.objects.filter(instansi=instansi, tahun=2025).count() == 4

    def tugas(username: str) -> list:
        return list(engine.kotak_tugas(Pegawai.objects.get(username=username)))

    staf = tugas("staf1.bungaraya")
    assert staf and staf[0].pelaksana_nama == "Staf" and staf[0].status == "terbuka"
    assert any(t.langkah_no == 3 for t in tugas("kasubag.bungaraya"))  # a review
    camat = tugas("camat.bungaraya")
    assert any("tandatangan" in t.kegiatan.lower() for t in camat)  # a signature
