"""Kecamatan Bungaraya's plan: the whole cycle for 2025 and 2026 (data only)."""

from __future__ import annotations

import datetime

from .bentuk import Agensi, Dok, Ind, PosisiPK, Sas, Sub, Tuj
from .data_bersama import ALASAN_IKU, IKM, KAMPUNG, LAYANAN, LPJ, REALISASI, SAKIP, TRANTIBUM

# ---------------------------------------------------------------- Kecamatan Bungaraya

BUNGARAYA_TUJUAN = (
    Tuj(
        "T1",
        "Meningkatkan kualitas pelayanan publik dan akuntabilitas kinerja Kecamatan Bungaraya",
        "M1",
        (Ind("IT1", baseline="B", target=("B", "B", "BB", "BB", "BB", "A"), pj="camat", **SAKIP),),
        (
            Sas(
                "S1",
                "Meningkatnya kualitas pelayanan publik di kecamatan",
                (
                    Ind(
                        "IS1.1",
                        baseline=78.12,
                        target=(78.5, 79.5, 80.5, 82, 83.5, 85),
                        pj="sekcam",
                        iku=ALASAN_IKU,
                        aksi=(
                            "Menyusun rencana Survei Kepuasan Masyarakat dan memperbarui "
                            "standar pelayanan",
                            "Melaksanakan SKM semester I dan mengumumkan hasilnya",
                            "Menindaklanjuti saran masyarakat hasil SKM semester I",
                            "Melaksanakan SKM semester II dan menyusun laporan IKM tahunan",
                        ),
                        dana=("7.01.02.2.02.0002",),
                        **IKM,
                    ),
                    Ind(
                        "IS1.2",
                        baseline=85,
                        target=(86, 88, 90, 92, 94, 95),
                        pj="umum",
                        iku=ALASAN_IKU,
                        aksi=(
                            "Memperbarui maklumat dan alur pelayanan PATEN",
                            "Memantau waktu penyelesaian layanan setiap bulan",
                            "Membuka pengajuan surat keterangan secara daring",
                            "Mengevaluasi register pelayanan dan waktu penyelesaian",
                        ),
                        dana=("7.01.02.2.02.0003",),
                        **LAYANAN,
                    ),
                ),
                "Menerapkan standar pelayanan dan memperluas Pelayanan Administrasi Terpadu "
                "Kecamatan (PATEN)",
                (
                    "Penerapan standar dan maklumat pelayanan pada seluruh jenis layanan",
                    "Survei kepuasan masyarakat setiap semester dan tindak lanjut hasilnya",
                ),
                ("7.01.02",),
            ),
            Sas(
                "S2",
                "Meningkatnya akuntabilitas kinerja dan keuangan kecamatan",
                (
                    Ind(
                        "IS2.1",
                        baseline=91.37,
                        target=((90, 100),) * 6,
                        pj="evapor",
                        iku=ALASAN_IKU,
                        # Cumulative absorption expected at each quarter's end (anggaran kas).
                        triwulan=((15, 25), (40, 50), (65, 75), (90, 100)),
                        aksi=(
                            "Menyusun rencana penarikan dana dan jadwal pengadaan",
                            "Memantau realisasi fisik dan keuangan bulanan; evaluasi TW II",
                            "Mempercepat pekerjaan yang tertinggal dari anggaran kas",
                            "Menyelesaikan pembayaran dan SPJ sebelum tutup tahun anggaran",
                        ),
                        dana=("7.01.01",),
                        **REALISASI,
                    ),
                ),
                "Memperkuat perencanaan, penganggaran dan evaluasi kinerja yang terintegrasi",
                (
                    "Penyusunan dokumen perencanaan dan laporan kinerja tepat waktu",
                    "Pemantauan realisasi fisik dan keuangan setiap bulan",
                ),
                ("7.01.01",),
            ),
        ),
    ),
    Tuj(
        "T2",
        "Meningkatkan kemandirian kampung dan keberdayaan masyarakat",
        "M2",
        (
            Ind(
                "IT2",
                "Rata-rata Indeks Desa Membangun (IDM) kampung",
                "indeks",
                baseline=0.6512,
                target=(0.66, 0.68, 0.70, 0.72, 0.74, 0.76),
                pj="camat",
                definisi="Rata-rata nilai IDM seluruh kampung di wilayah kecamatan.",
                formula="Σ nilai IDM kampung ÷ jumlah kampung",
                sumber="Status IDM Kementerian Desa PDTT",
            ),
        ),
        (
            Sas(
                "S3",
                "Meningkatnya status perkembangan kampung",
                (
                    Ind(
                        "IS3.1",
                        baseline=60,
                        target=(60, 70, 70, 80, 90, 100),
                        pj="kasi_pem",
                        iku=ALASAN_IKU,
                        aksi=(
                            "Memfasilitasi pemutakhiran data IDM di setiap kampung",
                            "Mendampingi kampung tertinggal menyusun program prioritas",
                            "Memantau kegiatan pemberdayaan dalam APBKampung",
                            "Memverifikasi penetapan status IDM tahun berjalan",
                        ),
                        dana=("7.01.03",),
                        **KAMPUNG,
                    ),
                ),
                "Mendorong pemberdayaan masyarakat dan potensi ekonomi kampung",
                (
                    "Fasilitasi musyawarah perencanaan pembangunan kampung yang partisipatif",
                    "Pendampingan kampung dalam pemutakhiran data Indeks Desa Membangun",
                ),
                ("7.01.03",),
            ),
            Sas(
                "S4",
                "Meningkatnya tertib administrasi pemerintahan kampung",
                (
                    Ind(
                        "IS4.1",
                        baseline=70,
                        target=(70, 80, 80, 90, 100, 100),
                        pj="kasi_pem",
                        aksi=(
                            "Memfasilitasi penyusunan LPJ APBKampung tahun lalu",
                            "Mengevaluasi laporan realisasi semester I APBKampung",
                            "Membina bendahara kampung dalam penatausahaan keuangan",
                            "Memfasilitasi evaluasi rancangan APBKampung tahun berikutnya",
                        ),
                        dana=("7.01.06",),
                        **LPJ,
                    ),
                ),
                "Meningkatkan pembinaan dan pengawasan penyelenggaraan pemerintahan kampung",
                (
                    "Fasilitasi penyusunan APBKampung dan pertanggungjawabannya tepat waktu",
                    "Evaluasi rancangan peraturan kampung tentang APBKampung",
                ),
                ("7.01.06",),
            ),
        ),
    ),
    Tuj(
        "T3",
        "Mewujudkan ketenteraman dan ketertiban umum yang kondusif",
        "M3",
        (
            Ind(
                "IT3",
                "Persentase kampung tanpa konflik sosial",
                "%",
                baseline=80,
                target=(80, 90, 90, 90, 100, 100),
                pj="camat",
                definisi="Kampung yang dalam setahun tidak mengalami konflik sosial terbuka.",
                formula="(Jumlah kampung tanpa konflik sosial ÷ jumlah kampung) × 100%",
                sumber="Laporan Forkopimcam",
            ),
        ),
        (
            Sas(
                "S5",
                "Terkendalinya gangguan ketenteraman dan ketertiban umum",
                (
                    Ind(
                        "IS5.1",
                        baseline=18,
                        target=(16, 14, 12, 10, 8, 6),
                        pj="kasi_pem",
                        iku=ALASAN_IKU,
                        aksi=(
                            "Rapat koordinasi Forkopimcam dan pemetaan daerah rawan karhutla",
                            "Patroli bersama pencegahan karhutla pada musim kemarau",
                            "Sosialisasi Perda ketertiban umum di kampung",
                            "Pengamanan perayaan akhir tahun bersama TNI dan Polri",
                        ),
                        dana=("7.01.04",),
                        **TRANTIBUM,
                    ),
                ),
                "Memperkuat koordinasi Forkopimcam dan deteksi dini gangguan trantibum",
                (
                    "Rapat koordinasi Forkopimcam secara berkala",
                    "Patroli bersama dan penegakan Perda/Perkada dengan Satpol PP",
                ),
                ("7.01.04", "7.01.05"),
            ),
        ),
    ),
)

BUNGARAYA_SUB = (
    Sub(
        "7.01.01.2.01.0001",
        "Penyusunan Dokumen Perencanaan Perangkat Daerah",
        {2025: 38_500_000, 2026: 41_250_000},
        ("Jumlah Dokumen Perencanaan Perangkat Daerah", "dokumen", 3),
        "kegiatan",
    ),
    Sub(
        "7.01.01.2.01.0006",
        "Koordinasi dan Penyusunan Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja SKPD",
        {2025: 44_800_000, 2026: 47_600_000},
        ("Jumlah Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja SKPD", "laporan", 4),
        "triwulan",
    ),
    Sub(
        "7.01.01.2.02.0002",
        "Penyediaan Administrasi Pelaksanaan Tugas ASN",
        {2025: 286_500_000, 2026: 298_200_000},
        ("Jumlah Dokumen Hasil Penyediaan Administrasi Pelaksanaan Tugas ASN", "dokumen", 12),
    ),
    Sub(
        "7.01.01.2.06.0004",
        "Penyediaan Bahan Logistik Kantor",
        {2025: 118_600_000, 2026: 124_300_000},
        ("Jumlah Paket Bahan Logistik Kantor yang Disediakan", "paket", 36),
        "kegiatan",
    ),
    Sub(
        "7.01.01.2.06.0009",
        "Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD",
        {2025: 246_000_000, 2026: 262_500_000},
        ("Jumlah Laporan Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD", "laporan", 12),
        "kegiatan",
    ),
    Sub(
        "7.01.01.2.08.0004",
        "Penyediaan Jasa Pelayanan Umum Kantor",
        {2025: 684_000_000, 2026: 712_800_000},
        ("Jumlah Laporan Penyediaan Jasa Pelayanan Umum Kantor yang Disediakan", "laporan", 12),
    ),
    Sub(
        "7.01.01.2.09.0002",
        "Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan, Pajak dan Perizinan Kendaraan Dinas "
        "Operasional atau Lapangan",
        {2025: 148_500_000, 2026: 156_000_000},
        ("Jumlah Kendaraan Dinas Operasional atau Lapangan yang Dipelihara", "unit", 9),
    ),
    Sub(
        "7.01.01.2.09.0009",
        "Pemeliharaan/Rehabilitasi Gedung Kantor dan Bangunan Lainnya",
        {2025: 425_000_000, 2026: 236_000_000},
        ("Jumlah Gedung Kantor dan Bangunan Lainnya yang Dipelihara/Direhabilitasi", "unit", 1),
        "fisik",
    ),
    Sub(
        "7.01.02.2.02.0002",
        "Fasilitasi Percepatan Pencapaian Standar Pelayanan Minimal di Wilayah Kecamatan",
        {2025: 64_500_000, 2026: 72_000_000},
        ("Jumlah Laporan Fasilitasi Percepatan Pencapaian SPM di Wilayah Kecamatan", "laporan", 2),
        "semester",
    ),
    Sub(
        "7.01.02.2.02.0003",
        "Peningkatan Efektifitas Pelaksanaan Pelayanan kepada Masyarakat di Wilayah Kecamatan",
        {2025: 182_400_000, 2026: 196_800_000},
        ("Jumlah Laporan Peningkatan Efektifitas Pelaksanaan Pelayanan", "laporan", 12),
    ),
    Sub(
        "7.01.03.2.01.0001",
        "Peningkatan Partisipasi Masyarakat dalam Forum Musyawarah Perencanaan Pembangunan di Desa",
        {2025: 78_600_000, 2026: 84_500_000},
        (
            "Jumlah Lembaga Kemasyarakatan yang Berpartisipasi dalam Musrenbang Kampung",
            "lembaga",
            10,
        ),
        "awal",
    ),
    Sub(
        "7.01.03.2.01.0003",
        "Peningkatan Efektifitas Kegiatan Pemberdayaan Masyarakat di Wilayah Kecamatan",
        {2025: 742_000_000, 2026: 826_500_000},
        ("Jumlah Laporan Peningkatan Efektivitas Kegiatan Pemberdayaan Masyarakat", "laporan", 4),
        "kegiatan",
    ),
    Sub(
        "7.01.04.2.01.0001",
        "Sinergitas dengan Kepolisian Negara Republik Indonesia, Tentara Nasional Indonesia dan "
        "Instansi Vertikal di Wilayah Kecamatan",
        {2025: 96_800_000, 2026: 104_200_000},
        ("Jumlah Laporan Hasil Sinergitas dengan Polri, TNI dan Instansi Vertikal", "laporan", 4),
        "triwulan",
    ),
    Sub(
        "7.01.06.2.01.0002",
        "Fasilitasi Administrasi Tata Pemerintahan Desa",
        {2025: 88_400_000, 2026: 92_600_000},
        (
            "Jumlah Dokumen yang Difasilitasi dalam rangka Administrasi Tata Pemerintahan Desa",
            "dokumen",
            10,
        ),
        "kegiatan",
    ),
    Sub(
        "7.01.06.2.01.0003",
        "Fasilitasi Pengelolaan Keuangan Desa dan Pendayagunaan Aset Desa",
        {2025: 134_700_000, 2026: 146_300_000},
        ("Jumlah Dokumen Fasilitasi Pengelolaan Keuangan dan Aset Kampung", "dokumen", 10),
        "awal",
    ),
)

# Who answers for each kegiatan in a kecamatan (Kepala Subbagian / Kepala Seksi as PPTK).
PJ_KECAMATAN = {
    "7.01": "camat",
    "7.01.01.2.01": "evapor",
    "7.01.01.2.02": "evapor",
    "7.01.01.2.06": "umum",
    "7.01.01.2.08": "umum",
    "7.01.01.2.09": "umum",
    "7.01.02.2": "umum",  # the PATEN front office sits with the general-affairs subsection
    "7.01.03.2": "kasi_pem",
    "7.01.04.2": "kasi_pem",
    "7.01.06.2": "kasi_pem",
}

# The PK cascade follows the position tree: Camat → Sekcam and Kasi; Sekcam → Kasubag.
# Budget rows add up level by level: program (Camat) = kegiatan (Sekcam) + sub (Kasi);
# kegiatan (Sekcam) = sub (Kasubag Evapor) + sub (Kasubag Umum).
BUNGARAYA_KASKADE = (
    PosisiPK("camat", None, ("S1", "S2", "S3", "S4", "S5"), ("program", ("7.01",))),
    PosisiPK("sekcam", "camat", ("S1", "S2"), ("kegiatan", ("7.01.01", "7.01.02"))),
    PosisiPK("kasi_pem", "camat", ("S3", "S4", "S5"), ("sub", ("7.01.03", "7.01.04", "7.01.06"))),
    PosisiPK(
        "evapor",
        "sekcam",
        ("S2",),
        ("sub", ("7.01.01.2.01", "7.01.01.2.02")),
        indikator_renstra=("IS2.1",),
        indikator_sendiri=(
            ("S2", "Persentase dokumen perencanaan dan laporan kinerja tepat waktu", "%", 100),
        ),
    ),
    PosisiPK(
        "umum",
        "sekcam",
        ("S1",),
        ("sub", ("7.01.01.2.06", "7.01.01.2.08", "7.01.01.2.09", "7.01.02")),
        indikator_renstra=("IS1.2",),
        indikator_sendiri=(("S1", "Persentase sarana prasarana kantor kondisi baik", "%", 90),),
    ),
)

# 2026 is left imperfect on purpose, so the consistency check and the draft list have
# something to show: the Kasi Pemerintahan's PK does not carry the trantibum sasaran (S5)
# although it keeps its budget, so `periksa_kaskade` on the Camat's PK reports exactly that
# sasaran; and the Kasubag Umum has not signed yet.
TIDAK_DITURUNKAN = {(2026, "kasi_pem", "S5")}
TETAP_DRAF = {(2026, "umum")}

# Signing days by depth in the cascade (head, then each level below), within 30 days of
# the DPA approved on 30 December of the year before.
TANGGAL_TTD = {
    2025: (datetime.date(2025, 1, 6), datetime.date(2025, 1, 8), datetime.date(2025, 1, 10)),
    2026: (datetime.date(2026, 1, 5), datetime.date(2026, 1, 7), datetime.date(2026, 1, 9)),
}

BUNGARAYA = Agensi(
    kode_unit="KEC-BR",
    kode_skpd="7.01.0.00.0.00.09.0000",
    visi="Kecamatan Bungaraya sebagai pusat pelayanan masyarakat yang prima menuju kampung "
    "yang mandiri, sejahtera dan berbudaya Melayu",
    misi=(
        ("M1", "Mewujudkan pelayanan publik yang prima dan tata kelola kecamatan yang akuntabel"),
        ("M2", "Meningkatkan pembinaan pemerintahan kampung dan pemberdayaan masyarakat"),
        ("M3", "Memelihara ketenteraman, ketertiban umum dan kerukunan masyarakat"),
    ),
    tujuan=BUNGARAYA_TUJUAN,
    sub=BUNGARAYA_SUB,
    pj=PJ_KECAMATAN,
    kaskade=BUNGARAYA_KASKADE,
    dokumen=((2025, (Dok.RENJA, Dok.RKA, Dok.DPA)), (2026, (Dok.RENJA, Dok.RKA, Dok.DPA))),
    rencana_aksi=(2025, 2026),
)
