"""The smaller agencies' plans — Mempura, Dayun, the Bagian Administrasi Pembangunan — and
the list of every demo agency (data, and the one function that shapes Mempura and Dayun)."""

from __future__ import annotations

from ..models import Agregasi
from .bentuk import Agensi, Dok, Ind, PosisiPK, Sas, Sub, Tuj
from .data_bersama import ALASAN_IKU, IKM, KAMPUNG, LPJ, SAKIP
from .data_bungaraya import BUNGARAYA, PJ_KECAMATAN

# ---------------------------------------------------------------- the smaller agencies


def _kecamatan_kecil(kode_unit: str, kode_skpd: str, nama: str, angka: dict) -> Agensi:
    """Mempura and Dayun: the same plan shape with their own numbers (`angka`)."""
    return Agensi(
        kode_unit=kode_unit,
        kode_skpd=kode_skpd,
        visi=f"Terwujudnya pelayanan prima dan kampung yang mandiri di Kecamatan {nama}",
        misi=(
            ("M1", "Meningkatkan kualitas pelayanan publik kecamatan"),
            ("M2", "Meningkatkan tata kelola pemerintahan kampung"),
        ),
        tujuan=(
            Tuj(
                "T1",
                f"Meningkatkan pelayanan publik dan tata kelola pemerintahan di Kecamatan {nama}",
                "M1",
                (Ind("IT1", baseline="B", target=angka["sakip"], pj="camat", **SAKIP),),
                (
                    Sas(
                        "S1",
                        "Meningkatnya kualitas pelayanan publik di kecamatan",
                        (
                            Ind(
                                "IS1.1",
                                baseline=angka["ikm"][0],
                                target=angka["ikm"][1],
                                pj="sekcam",
                                iku=ALASAN_IKU,
                                aksi=(
                                    "Memperbarui standar pelayanan dan merencanakan SKM",
                                    "Melaksanakan SKM semester I dan mengumumkan hasilnya",
                                    "Menindaklanjuti unsur pelayanan dengan nilai terendah",
                                    "Melaksanakan SKM semester II dan menyusun laporan IKM",
                                ),
                                dana=("7.01.02",),
                                **IKM,
                            ),
                        ),
                        "Menerapkan standar pelayanan pada seluruh layanan kecamatan",
                        ("Survei kepuasan masyarakat setiap semester",),
                        ("7.01.02",),
                    ),
                    Sas(
                        "S2",
                        "Meningkatnya tata kelola pemerintahan kampung",
                        (
                            Ind(
                                "IS2.1",
                                baseline=angka["kampung"][0],
                                target=angka["kampung"][1],
                                pj="kasi_pem",
                                iku=ALASAN_IKU,
                                aksi=(
                                    "Memetakan indikator IDM yang tertinggal di setiap kampung",
                                    "Mendampingi kampung menyusun rencana perbaikan IDM",
                                    "Mengawal pemutakhiran data IDM bersama pendamping desa",
                                    "Mengevaluasi status IDM hasil penetapan Kementerian Desa",
                                ),
                                dana=("7.01.06.2.01.0002",),
                                **KAMPUNG,
                            ),
                            Ind(
                                "IS2.2",
                                baseline=angka["lpj"][0],
                                target=angka["lpj"][1],
                                pj="kasi_pem",
                                aksi=(
                                    "Menagih dan memverifikasi LPJ APBKampung tahun lalu",
                                    "Memfasilitasi penyusunan LPJ semester I APBKampung",
                                    "Membina bendahara kampung atas temuan verifikasi",
                                    "Menyiapkan jadwal penyampaian LPJ akhir tahun anggaran",
                                ),
                                dana=("7.01.06.2.01.0003",),
                                **LPJ,
                            ),
                        ),
                        "Membina pemerintahan kampung secara berjenjang",
                        ("Fasilitasi APBKampung dan pertanggungjawabannya tepat waktu",),
                        ("7.01.06", "7.01.03"),
                    ),
                ),
            ),
        ),
        sub=tuple(
            Sub(kode, nama_sub, {2025: pagu_tahun_lalu(pagu), 2026: pagu}, keluaran, pola)
            for (kode, nama_sub, keluaran, pola), pagu in zip(SUB_KECIL, angka["pagu"], strict=True)
        ),
        pj=PJ_KECAMATAN,
        kaskade=(PosisiPK("camat", None, ("S1", "S2"), ("program", ("7.01",))),),
        dokumen=((2025, (Dok.RENJA, Dok.RKA, Dok.DPA)), (2026, (Dok.DPA,))),
        rencana_aksi=(2025,),
    )


def pagu_tahun_lalu(pagu: int) -> int:
    """The smaller agencies' 2025 pagu: about 6% below 2026, in hundred thousands."""
    return pagu * 94 // 100 // 100_000 * 100_000


SUB_KECIL = (
    (
        "7.01.02.2.02.0002",
        "Fasilitasi Percepatan Pencapaian Standar Pelayanan Minimal di Wilayah Kecamatan",
        ("Jumlah Laporan Fasilitasi Percepatan Pencapaian SPM di Wilayah Kecamatan", "laporan", 2),
        "semester",
    ),
    (
        "7.01.02.2.02.0003",
        "Peningkatan Efektifitas Pelaksanaan Pelayanan kepada Masyarakat di Wilayah Kecamatan",
        ("Jumlah Laporan Peningkatan Efektifitas Pelaksanaan Pelayanan", "laporan", 12),
        "rutin",
    ),
    (
        "7.01.06.2.01.0002",
        "Fasilitasi Administrasi Tata Pemerintahan Desa",
        (
            "Jumlah Dokumen yang Difasilitasi dalam rangka Administrasi Tata Pemerintahan Desa",
            "dokumen",
            8,
        ),
        "kegiatan",
    ),
    (
        "7.01.06.2.01.0003",
        "Fasilitasi Pengelolaan Keuangan Desa dan Pendayagunaan Aset Desa",
        ("Jumlah Dokumen Fasilitasi Pengelolaan Keuangan dan Aset Kampung", "dokumen", 8),
        "awal",
    ),
)

MEMPURA = _kecamatan_kecil(
    "KEC-MPR",
    "7.01.0.00.0.00.02.0000",
    "Mempura",
    {
        "sakip": ("B", "BB", "BB", "BB", "A", "A"),
        "ikm": (79.4, (80, 81, 82.5, 83.5, 84.5, 85.5)),
        "kampung": (62.5, (62.5, 75, 75, 87.5, 87.5, 100)),
        "lpj": (75, (75, 87.5, 87.5, 100, 100, 100)),
        "pagu": (58_000_000, 164_500_000, 72_400_000, 118_900_000),
    },
)
DAYUN = _kecamatan_kecil(
    "KEC-DY",
    "7.01.0.00.0.00.07.0000",
    "Dayun",
    {
        "sakip": ("CC", "B", "B", "B", "BB", "BB"),
        "ikm": (76.8, (77.5, 78.5, 80, 81, 82.5, 84)),
        "kampung": (54.5, (54.5, 63.6, 72.7, 72.7, 81.8, 90.9)),
        "lpj": (63.6, (72.7, 81.8, 81.8, 90.9, 90.9, 100)),
        "pagu": (61_500_000, 171_200_000, 79_800_000, 126_400_000),
    },
)

BAGIAN_ADPEM = Agensi(
    kode_unit="BAG-ADPEM",
    kode_skpd="4.01.0.00.0.00.01.0008",
    visi="Terwujudnya pengendalian dan pelaporan pembangunan daerah yang tepat waktu dan akurat",
    misi=(("M1", "Meningkatkan kualitas pengendalian, evaluasi dan pelaporan pembangunan"),),
    tujuan=(
        Tuj(
            "T1",
            "Meningkatkan kualitas pengendalian dan pelaporan pembangunan daerah",
            "M1",
            (
                Ind(
                    "IT1",
                    baseline="B",
                    target=("B", "BB", "BB", "BB", "A", "A"),
                    pj="kabag",
                    **{**SAKIP, "nama": "Nilai SAKIP Bagian Administrasi Pembangunan"},
                ),
            ),
            (
                Sas(
                    "S1",
                    "Meningkatnya ketertiban pelaporan realisasi pembangunan perangkat daerah",
                    (
                        Ind(
                            "IS1.1",
                            "Persentase perangkat daerah yang menyampaikan laporan realisasi "
                            "fisik dan keuangan tepat waktu",
                            "%",
                            baseline=72,
                            target=(75, 80, 85, 90, 95, 100),
                            agregasi=Agregasi.RATA_RATA,
                            pj="pengendalian",
                            aksi=(
                                "Menyampaikan jadwal dan format laporan realisasi bulanan",
                                "Mengingatkan perangkat daerah yang belum melapor tanggal 8",
                                "Rapat evaluasi realisasi bersama perangkat daerah terlambat",
                                "Merekap ketepatan laporan setahun untuk laporan Bupati",
                            ),
                            dana=("4.01.03.2.02.0001", "4.01.03.2.02.0002"),
                            iku="Menjadi dasar laporan realisasi pembangunan Bupati.",
                            definisi="Perangkat daerah yang mengirim laporan realisasi bulanan "
                            "paling lambat tanggal 10 bulan berikutnya.",
                            formula="(PD yang melapor tepat waktu ÷ jumlah PD) × 100%",
                            sumber="Aplikasi pengendalian pembangunan Bagian Adpem",
                        ),
                    ),
                    "Mengendalikan pelaksanaan pembangunan melalui pelaporan bulanan",
                    ("Rapat evaluasi realisasi bulanan bersama perangkat daerah",),
                    ("4.01.03",),
                ),
                Sas(
                    "S2",
                    "Meningkatnya pemanfaatan hasil evaluasi pembangunan",
                    (
                        Ind(
                            "IS2.1",
                            "Persentase rekomendasi hasil evaluasi pembangunan yang "
                            "ditindaklanjuti",
                            "%",
                            baseline=58,
                            target=(60, 65, 70, 75, 80, 85),
                            pj="ln",
                            aksi=(
                                "Menyampaikan rekomendasi evaluasi triwulan IV tahun lalu",
                                "Memantau tindak lanjut rekomendasi triwulan I",
                                "Mengundang perangkat daerah yang belum menindaklanjuti",
                                "Merekap register tindak lanjut akhir tahun",
                            ),
                            dana=("4.01.03.2.02.0003",),
                            iku="Mengukur manfaat evaluasi, bukan sekadar jumlah laporannya.",
                            definisi="Rekomendasi evaluasi triwulanan yang ditindaklanjuti "
                            "perangkat daerah sampai akhir tahun.",
                            formula="(Rekomendasi ditindaklanjuti ÷ rekomendasi) × 100%",
                            sumber="Register tindak lanjut evaluasi Bagian Adpem",
                        ),
                        Ind(
                            "IS2.2",
                            "Jumlah laporan evaluasi pelaksanaan pembangunan tepat waktu",
                            "laporan",
                            baseline=2,
                            target=(3, 4, 4, 4, 4, 4),
                            agregasi=Agregasi.KUMULATIF,
                            pj="ad",
                            aksi=(
                                "Laporan evaluasi triwulan IV tahun lalu disampaikan",
                                "Laporan evaluasi triwulan I disampaikan",
                                "Laporan evaluasi triwulan II disampaikan",
                                "Laporan evaluasi triwulan III disampaikan",
                            ),
                            dana=("4.01.01.2.06",),
                            definisi="Laporan evaluasi triwulanan yang disampaikan kepada Bupati "
                            "paling lambat satu bulan setelah triwulan berakhir.",
                            formula="Jumlah laporan tepat waktu dalam setahun",
                            sumber="Agenda surat keluar Bagian Adpem",
                        ),
                    ),
                    "Menindaklanjuti hasil evaluasi pembangunan secara berjenjang",
                    ("Penyampaian rekomendasi evaluasi kepada perangkat daerah",),
                    ("4.01.03", "4.01.01"),
                ),
            ),
        ),
    ),
    sub=(
        Sub(
            "4.01.01.2.06.0009",
            "Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD",
            {2025: pagu_tahun_lalu(186_000_000), 2026: 186_000_000},
            ("Jumlah Laporan Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD", "laporan", 12),
            "kegiatan",
        ),
        Sub(
            "4.01.03.2.02.0001",
            "Fasilitasi Penyusunan Program Pembangunan",
            {2025: pagu_tahun_lalu(124_500_000), 2026: 124_500_000},
            ("Jumlah Dokumen Hasil Fasilitasi Penyusunan Program Pembangunan", "dokumen", 2),
            "awal",
        ),
        Sub(
            "4.01.03.2.02.0002",
            "Pengendalian dan Evaluasi Program Pembangunan",
            {2025: pagu_tahun_lalu(268_750_000), 2026: 268_750_000},
            ("Jumlah Laporan Pengendalian dan Evaluasi Program Pembangunan", "laporan", 12),
        ),
        Sub(
            "4.01.03.2.02.0003",
            "Pengelolaan Evaluasi dan Pelaporan Pelaksanaan Pembangunan",
            {2025: pagu_tahun_lalu(97_300_000), 2026: 97_300_000},
            ("Jumlah Laporan Evaluasi dan Pelaporan Pelaksanaan Pembangunan", "laporan", 4),
            "triwulan",
        ),
    ),
    pj={"4.01": "kabag", "4.01.01.2": "ad", "4.01.03.2": "pengendalian"},
    kaskade=(PosisiPK("kabag", None, ("S1", "S2"), ("program", ("4.01",))),),
    dokumen=((2025, (Dok.RENJA, Dok.RKA, Dok.DPA)), (2026, (Dok.DPA,))),
    rencana_aksi=(2025,),
)

AGENSI = (BUNGARAYA, MEMPURA, DAYUN, BAGIAN_ADPEM)
