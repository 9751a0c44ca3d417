import pytest

from sakip.organisasi.models import PemetaanPelaksana
from sakip.sop import services


@pytest.fixture
def laporan_bulanan(persona):
    """Kecamatan Alpha adopts seed 000's Laporan Bulanan (and Pengiriman Surat with it)."""
    a = persona.a
    PemetaanPelaksana.objects.create(
        instansi=a.instansi, nama_pelaksana="Kasubag Umum", jabatan=a.j_kasubag
    )
    return services.adopsi(aktor=a.camat, instansi=a.instansi, kode="000-laporan-bulanan")


def jalankan_sampai(pelaksanaan, no: int, catatan: str = "ok"):
    """Drive a run by its rightful holders (approving every review) until step `no` is open."""
    from sakip.sop import engine

    for _ in range(50):
        tugas = pelaksanaan.tugas.get(status="terbuka")
        if tugas.langkah_no == no:
            return tugas
        pelaku = engine.penerima_tugas(tugas)[0]
        if pelaksanaan.versi.langkah_ke(tugas.langkah_no).get("keputusan"):
            engine.putuskan(aktor=pelaku, tugas=tugas, setuju=True)
        else:
            engine.selesaikan(aktor=pelaku, tugas=tugas, catatan=catatan)
    raise AssertionError(f"langkah {no} tidak pernah terbuka")
