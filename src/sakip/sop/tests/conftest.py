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


def pohon(p) -> list:
    """The run and its sub-procedures at any depth (monev → perjalanan dinas → surat tugas)."""
    from sakip.sop.models import Pelaksanaan

    hasil, tepi = [p], [p]
    while tepi:
        tepi = list(Pelaksanaan.objects.filter(induk__in=tepi))
        hasil += tepi
    return hasil


def tugas_terbuka(p):
    """The open task of the run or of a running sub-procedure (None when it has ended)."""
    from sakip.sop.models import Tugas

    return (
        Tugas.objects.filter(status="terbuka", pelaksanaan__in=pohon(p))
        .select_related("pelaksanaan__versi", "pelaksanaan__instansi")
        .first()
    )


def jalankan_sampai(pelaksanaan, no: int, catatan: str = "ok"):
    """Drive a run by its rightful holders (approving every review) until step `no` is open."""
    from sakip.sop import engine

    for _ in range(80):
        tugas = tugas_terbuka(pelaksanaan)
        if tugas.pelaksanaan_id == pelaksanaan.pk and tugas.langkah_no == no:
            return tugas
        pelaku = engine.penerima_tugas(tugas)[0]
        langkah = tugas.pelaksanaan.versi.langkah_ke(tugas.langkah_no)
        if langkah.get("keputusan"):
            engine.putuskan(aktor=pelaku, tugas=tugas, setuju=True)
        elif langkah.get("bentuk_tim"):
            orang = list(pelaksanaan.instansi.pegawai.order_by("pk")[:2])
            engine.selesaikan(aktor=pelaku, tugas=tugas, tim=orang, ketua=orang[0])
        else:
            engine.selesaikan(aktor=pelaku, tugas=tugas, catatan=catatan)
    raise AssertionError(f"langkah {no} tidak pernah terbuka")
