"""Reports count approved realisasi only (issue 12 point 5): a value the Kasubag has not
approved yet never reaches the Laporan Bulanan or the LKjIP, and does once approved."""

from decimal import Decimal

from sakip.laporan import services
from sakip.laporan.data import data_laporan
from sakip.pengukuran import services as pengukuran
from sakip.pengukuran.models import Realisasi
from sakip.perencanaan.models import Indikator
from sakip.perencanaan.tests import bangun


def _ikm(isi: dict) -> dict:
    return next(i for g in isi["capaian"] for i in g["indikator"] if i["kode"] == "IT1")


def test_laporan_hanya_memuat_realisasi_yang_disetujui(persona):
    a = persona.a
    renstra = bangun.renstra(a)
    ikm = Indikator.objects.get(renstra=renstra, kode="IT1")  # the Camat's indicator
    r = Realisasi(instansi=a.instansi, tahun=2025, bulan=3, indikator=ikm, nilai=Decimal("82"))
    r = pengukuran.simpan_realisasi(aktor=a.camat, realisasi=r, ajukan=True)
    bulanan = services.siapkan_laporan(
        aktor=a.kasubag, instansi=a.instansi, jenis="bulanan", tahun=2025, periode=3
    )
    lkjip = services.siapkan_laporan(
        aktor=a.kasubag, instansi=a.instansi, jenis="lkjip", tahun=2025
    )
    for laporan in (bulanan, lkjip):
        ikm_data = _ikm(data_laporan(laporan))
        assert (ikm_data["realisasi"], ikm_data["capaian"]) == ("—", "—"), laporan.jenis

    pengukuran.periksa_realisasi(aktor=a.kasubag, realisasi=r, setuju=True)
    for laporan in (bulanan, lkjip):
        ikm_data = _ikm(data_laporan(laporan))
        assert ikm_data["realisasi"] == "82" and ikm_data["capaian"] == "97,62%", laporan.jenis
