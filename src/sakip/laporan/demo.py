"""Demo reports: every agency's LKjIP 2025 (data from the measurement demo, narrative
written by its Kasubag) and Bungaraya's monthly report for October 2026, drafts ready for
their SOP runs."""

from __future__ import annotations

from sakip.organisasi.models import Instansi, Jabatan, Pegawai

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


def _narasi_kecamatan(nama: str, belum: str, pagu: str) -> dict[str, str]:
    """Mempura's and Dayun's LKjIP 2025: the same outline, their own results."""
    return {
        "kata_pengantar": (
            f"Puji syukur ke hadirat Allah SWT, Laporan Kinerja Instansi Pemerintah (LKjIP) "
            f"Kecamatan {nama} Tahun 2025 dapat diselesaikan sebagai pertanggungjawaban "
            "pelaksanaan Perjanjian Kinerja Camat tahun 2025 menurut Perpres 29 Tahun 2014."
        ),
        "ikhtisar": (
            f"Dari empat indikator kinerja Renstra, dua mencapai target tahun 2025 dan dua "
            f"belum, yaitu {belum}. Rekomendasi perbaikan diterbitkan pada setiap evaluasi "
            f"triwulan dan dipantau pada kartu kendali bulan berikutnya. {pagu}"
        ),
        "pendahuluan": (
            f"Kecamatan {nama} merupakan perangkat daerah Kabupaten Siak yang dipimpin oleh "
            "Camat, dibantu Sekretaris Camat dan Seksi Pemerintahan, dengan tugas "
            "mengoordinasikan pelayanan publik dan pembinaan pemerintahan kampung."
        ),
        "isu_strategis": (
            "Isu strategis tahun 2025: kecepatan pelayanan administrasi kecamatan, "
            "peningkatan status kampung menurut Indeks Desa Membangun, dan ketepatan "
            "pertanggungjawaban APBKampung."
        ),
        "penutup": (
            f"Capaian dan kendala tahun 2025 menjadi dasar Rencana Aksi 2026 Kecamatan {nama}, "
            "terutama tindak lanjut hasil Survei Kepuasan Masyarakat."
        ),
    }


NARASI = {
    "KEC-BR": NARASI_LKJIP,
    "KEC-MPR": _narasi_kecamatan(
        "Mempura",
        "nilai SAKIP (predikat BB dari target A) dan Indeks Kepuasan Masyarakat (84,10 dari "
        "target 84,50)",
        "Seluruh kampung menyampaikan LPJ APBKampung tepat waktu sejak April 2025.",
    ),
    "KEC-DY": _narasi_kecamatan(
        "Dayun",
        "nilai SAKIP (predikat B dari target BB) dan Indeks Kepuasan Masyarakat (81,70 dari "
        "target 82,50)",
        "Status IDM 2025 menaikkan kampung berstatus minimal berkembang menjadi 81,8%.",
    ),
    "BAG-ADPEM": {
        "kata_pengantar": (
            "Laporan Kinerja Bagian Administrasi Pembangunan Sekretariat Daerah Kabupaten Siak "
            "Tahun 2025 disusun sebagai pertanggungjawaban pelaksanaan Perjanjian Kinerja "
            "Kepala Bagian tahun 2025."
        ),
        "ikhtisar": (
            "Tiga dari empat indikator mencapai target tahun 2025: ketepatan laporan realisasi "
            "perangkat daerah rata-rata 96,8%, tindak lanjut rekomendasi evaluasi 80% dan empat "
            "laporan evaluasi pembangunan disampaikan tepat waktu. Nilai SAKIP masih BB dari "
            "target A."
        ),
        "pendahuluan": (
            "Bagian Administrasi Pembangunan mengoordinasikan pengendalian, evaluasi dan "
            "pelaporan pelaksanaan pembangunan seluruh perangkat daerah Kabupaten Siak."
        ),
        "isu_strategis": (
            "Isu strategis tahun 2025: ketertiban laporan realisasi fisik dan keuangan "
            "perangkat daerah dan pemanfaatan rekomendasi hasil evaluasi pembangunan."
        ),
        "penutup": (
            "Hasil tahun 2025 menjadi dasar penguatan rapat evaluasi bulanan bersama perangkat "
            "daerah pada tahun 2026."
        ),
    },
}


def muat(aktor: Pegawai) -> int:
    """Create the demo reports and write the LKjIP 2025 narratives once; returns how many
    reports were created. A report an SOP run already drafted keeps what people wrote."""
    dibuat = 0
    for kode_unit, narasi in NARASI.items():
        instansi = Instansi.objects.filter(kode_unit=kode_unit).first()
        if instansi is None:
            continue
        kasubag = _kasubag(instansi) or aktor
        laporan = Laporan.objects.filter(
            instansi=instansi, jenis="lkjip", tahun=2025, periode=0
        ).first()
        if laporan is None:
            laporan = services.siapkan_laporan(
                aktor=kasubag, instansi=instansi, jenis="lkjip", tahun=2025, periode=0
            )
            dibuat += 1
        if laporan.status == Laporan.Status.DRAF:
            for kunci, teks in narasi.items():
                if not laporan.narasi.get(kunci):
                    laporan = services.simpan_narasi(
                        aktor=kasubag, laporan=laporan, kunci=kunci, teks=teks
                    )
    bungaraya = Instansi.objects.filter(kode_unit="KEC-BR").first()
    if (
        bungaraya is not None
        and not Laporan.objects.filter(
            instansi=bungaraya, jenis="bulanan", tahun=2026, periode=10
        ).exists()
    ):
        services.siapkan_laporan(
            aktor=_kasubag(bungaraya) or aktor,
            instansi=bungaraya,
            jenis="bulanan",
            tahun=2026,
            periode=10,
        )
        dibuat += 1
    return dibuat


def _kasubag(instansi: Instansi) -> Pegawai | None:
    """The planning Kasubag of the agency (the one who drafts its reports)."""
    from sakip.organisasi.pemangku import pemangku
    from sakip.pengukuran.services import jabatan_pemeriksa_ids

    for jabatan in Jabatan.objects.filter(pk__in=jabatan_pemeriksa_ids(instansi.pk)):
        orang = pemangku(jabatan)
        if orang:
            return orang[0]
    return None
