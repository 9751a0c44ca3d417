"""The whole demo (`sakip demo`): every app's rows, logins printed, loaded twice without
doubling, and a first look that finds work waiting."""

from django.core.management import call_command

from sakip.organisasi.demo import SANDI_DEMO
from sakip.organisasi.models import Instansi, Pegawai


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
