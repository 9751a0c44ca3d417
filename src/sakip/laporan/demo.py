"""Demo reports: Bungaraya's LKjIP 2025 (data from the measurement demo, narrative written)
and the monthly report for October 2026, both drafts ready for their SOP runs."""

from __future__ import annotations

from sakip.organisasi.models import Instansi, Pegawai

from . import services
from .models import Laporan

NARASI_LKJIP = {
    "kata_pengantar": (
        "Puji syukur ke hadirat Allah SWT, Laporan Kinerja Instansi Pemerintah (LKjIP) "
        "Kecamatan Bungaraya Tahun 2025 dapat diselesaikan. Laporan ini merupakan wujud "
        "pertanggungjawaban pelaksanaan tugas dan fungsi kecamatan dalam mencapai sasaran "
        "strategis Renstra 2021–2026, sebagaimana diamanatkan Perpres 29 Tahun 2014 tentang "
        "Sistem Akuntabilitas Kinerja Instansi Pemerintah."
    ),
    "ikhtisar": (
        "Sebagian besar indikator kinerja tahun 2025 mencapai target. Dua indikator belum "
        "tercapai, yaitu persentase kampung berstatus minimal berkembang dan jumlah gangguan "
        "ketenteraman dan ketertiban umum; rekomendasi perbaikan telah diterbitkan dan "
        "ditindaklanjuti pada triwulan berikutnya."
    ),
    "pendahuluan": (
        "Kecamatan Bungaraya merupakan perangkat daerah Kabupaten Siak yang dipimpin oleh "
        "Camat dan membawahi Sekretariat, Seksi Pemerintahan, serta unsur pelaksana lainnya, "
        "dengan tugas mengoordinasikan penyelenggaraan pemerintahan di tingkat kecamatan."
    ),
    "isu_strategis": (
        "Isu strategis tahun 2025: peningkatan kualitas pelayanan administrasi terpadu "
        "kecamatan, percepatan status perkembangan kampung, dan tertib administrasi "
        "pertanggungjawaban APBKampung."
    ),
    "penutup": (
        "LKjIP ini diharapkan menjadi bahan evaluasi dan perbaikan kinerja Kecamatan "
        "Bungaraya pada tahun berikutnya."
    ),
}


def muat(aktor: Pegawai) -> int:
    """Create the demo reports once; returns how many were created."""
    bungaraya = Instansi.objects.filter(kode_unit="KEC-BR").first()
    if bungaraya is None:
        return 0
    kasubag = Pegawai.objects.filter(username="kasubag.bungaraya").first() or aktor
    dibuat = 0
    for jenis, tahun, periode in (("lkjip", 2025, 0), ("bulanan", 2026, 10)):
        if not Laporan.objects.filter(
            instansi=bungaraya, jenis=jenis, tahun=tahun, periode=periode
        ).exists():
            laporan = services.siapkan_laporan(
                aktor=kasubag, instansi=bungaraya, jenis=jenis, tahun=tahun, periode=periode
            )
            if jenis == "lkjip":
                for kunci, teks in NARASI_LKJIP.items():
                    laporan = services.simpan_narasi(
                        aktor=kasubag, laporan=laporan, kunci=kunci, teks=teks
                    )
            dibuat += 1
    return dibuat
