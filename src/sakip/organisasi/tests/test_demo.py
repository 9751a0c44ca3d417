"""The demo: Kabupaten Siak with the seed agencies, loaded twice without doubling."""

from sakip.audit.models import CatatanAudit
from sakip.organisasi.demo import muat_demo
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
