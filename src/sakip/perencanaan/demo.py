"""Demo planning data for the demo Pemda (organisasi/demo.py), docs/domain.md §6.

Kecamatan Bungaraya runs the whole cycle for 2025 and 2026: Renstra 2021–2026, Renja,
RKA and DPA, IKU, the Camat's PK cascaded down the position tree, and the Camat's
Rencana Aksi. Mempura, Dayun and the Bagian Administrasi Pembangunan get a smaller set:
Renstra, a closed 2025 (Renja, RKA and DPA, the head's signed PK and its Rencana Aksi, so
their LKjIP 2025 has a year to report) and 2026 under way (DPA with two programs, the
head's signed PK), so that pages comparing agencies have data. Loading is idempotent: rows
are found by their natural keys and only
missing ones are written, through `services` (validated and audited like any user edit).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import models, transaction

from sakip.organisasi.demo import INSTANSI as ORGANISASI_DEMO
from sakip.organisasi.models import Instansi, Jabatan, Pemda

from . import services
from .models import (
    IKU,
    Agregasi,
    AnggaranKas,
    AnggaranPK,
    DokumenAnggaran,
    Indikator,
    IndikatorItem,
    IndikatorPK,
    ItemAnggaran,
    Kebijakan,
    Misi,
    PerjanjianKinerja,
    Polaritas,
    ProgramRenstra,
    RencanaAksi,
    Renstra,
    Sasaran,
    SasaranPK,
    Skala,
    Strategi,
    TargetTahunan,
    Tujuan,
)

PEMDA = "Kabupaten Siak"
TAHUN_RENSTRA = range(2021, 2027)  # Siak's RPJMD period: six budget years

SKALA = {
    "Opini BPK": ["WTP", "WDP", "TW", "TMP"],
    "Predikat SAKIP": ["AA", "A", "BB", "B", "CC", "C", "D"],
}

Dok = DokumenAnggaran.Jenis


# ---------------------------------------------------------------- shapes of the data


@dataclass(frozen=True)
class Ind:
    """A Renstra indicator; `target` holds 2021…2026: a number, (low, high) or a scale value."""

    kode: str
    nama: str
    satuan: str
    baseline: object
    target: tuple
    polaritas: str = Polaritas.NAIK
    agregasi: str = Agregasi.AKHIR_PERIODE
    skala: str = ""
    pj: str = ""
    definisi: str = ""
    formula: str = ""
    sumber: str = ""
    iku: str = ""  # why it was chosen as an IKU; empty = not an IKU
    # Rencana Aksi: share of the year's step reached by each quarter (akhir periode) …
    progres: tuple = (0.25, 0.5, 0.75, 1)
    triwulan: tuple = ()  # … or the quarterly targets spelled out (ranges)
    aksi: tuple = ()  # the action of each quarter
    dana: tuple = ()  # code prefixes of the sub-kegiatan that fund it


@dataclass(frozen=True)
class Sas:
    kode: str
    uraian: str
    indikator: tuple[Ind, ...]
    strategi: str
    kebijakan: tuple[str, ...]
    program: tuple[str, ...]


@dataclass(frozen=True)
class Tuj:
    kode: str
    uraian: str
    misi: str
    indikator: tuple[Ind, ...]
    sasaran: tuple[Sas, ...]


@dataclass(frozen=True)
class Sub:
    """A sub-kegiatan with its pagu per year, output indicator and cash-plan pattern."""

    kode: str
    nama: str
    pagu: dict[int, int]
    keluaran: tuple[str, str, object]
    pola: str = "rutin"


@dataclass(frozen=True)
class PosisiPK:
    """One PK of the cascade: whose, under which PK, which sasaran and budget rows it carries."""

    jabatan: str
    atasan: str | None
    sasaran: tuple[str, ...]
    anggaran: tuple[str, tuple[str, ...]]  # (item level, code prefixes)
    indikator_renstra: tuple[str, ...] | None = None  # None: every indicator of its sasaran
    indikator_sendiri: tuple[tuple[str, str, str, object], ...] = ()  # (sasaran, nama, satuan, t)


@dataclass(frozen=True)
class Agensi:
    kode_unit: str
    kode_skpd: str
    visi: str
    misi: tuple[tuple[str, str], ...]
    tujuan: tuple[Tuj, ...]
    sub: tuple[Sub, ...]
    pj: dict[str, str]  # code prefix → position key (longest prefix wins)
    kaskade: tuple[PosisiPK, ...]
    dokumen: tuple[tuple[int, tuple[str, ...]], ...]  # (year, document kinds)
    rencana_aksi: tuple[int, ...] = ()  # years the head's PK gets its Rencana Aksi


# ---------------------------------------------------------------- nomenclature (Kepmendagri 050)

PROGRAM = {
    "7.01.01": "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
    "7.01.02": "PROGRAM PENYELENGGARAAN PEMERINTAHAN DAN PELAYANAN PUBLIK",
    "7.01.03": "PROGRAM PEMBERDAYAAN MASYARAKAT DESA DAN KELURAHAN",
    "7.01.04": "PROGRAM KOORDINASI KETENTRAMAN DAN KETERTIBAN UMUM",
    "7.01.05": "PROGRAM PENYELENGGARAAN URUSAN PEMERINTAHAN UMUM",
    "7.01.06": "PROGRAM PEMBINAAN DAN PENGAWASAN PEMERINTAHAN DESA",
    "4.01.01": "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
    "4.01.03": "PROGRAM PEREKONOMIAN DAN PEMBANGUNAN",
}

# kegiatan → (name, its output indicator: name, unit, yearly target)
KEGIATAN = {
    "7.01.01.2.01": (
        "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
        ("Persentase dokumen perencanaan dan laporan kinerja yang tersusun tepat waktu", "%", 100),
    ),
    "7.01.01.2.02": (
        "Administrasi Keuangan Perangkat Daerah",
        ("Persentase laporan keuangan SKPD yang disampaikan tepat waktu", "%", 100),
    ),
    "7.01.01.2.06": (
        "Administrasi Umum Perangkat Daerah",
        ("Persentase kebutuhan administrasi umum perkantoran yang terpenuhi", "%", 100),
    ),
    "7.01.01.2.08": (
        "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah",
        ("Persentase kebutuhan jasa penunjang perkantoran yang terpenuhi", "%", 100),
    ),
    "7.01.01.2.09": (
        "Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah",
        ("Persentase barang milik daerah dalam kondisi baik", "%", 90),
    ),
    "7.01.02.2.02": (
        "Penyelenggaraan Urusan Pemerintahan yang Tidak Dilaksanakan oleh Unit Kerja "
        "Perangkat Daerah yang Ada di Kecamatan",
        ("Persentase jenis layanan kecamatan yang memiliki standar pelayanan", "%", 100),
    ),
    "7.01.03.2.01": (
        "Koordinasi Kegiatan Pemberdayaan Desa",
        ("Persentase kampung yang melaksanakan Musrenbang Kampung tepat waktu", "%", 100),
    ),
    "7.01.04.2.01": (
        "Koordinasi Upaya Penyelenggaraan Ketenteraman dan Ketertiban Umum",
        ("Jumlah rapat koordinasi Forkopimcam yang dilaksanakan", "kali", 12),
    ),
    "7.01.06.2.01": (
        "Fasilitasi, Rekomendasi dan Koordinasi Pembinaan dan Pengawasan Pemerintahan Desa",
        (
            "Persentase kampung yang difasilitasi administrasi pemerintahan dan keuangannya",
            "%",
            100,
        ),
    ),
    "4.01.01.2.06": (
        "Administrasi Umum Perangkat Daerah",
        ("Jumlah rapat koordinasi pengendalian pembangunan yang dilaksanakan", "kali", 12),
    ),
    "4.01.03.2.02": (
        "Pelaksanaan Administrasi Pembangunan",
        ("Persentase perangkat daerah yang dipantau realisasi fisik dan keuangannya", "%", 100),
    ),
}

# Monthly cash-plan weights (January … December) by the way a sub-kegiatan spends.
POLA_KAS = {
    "rutin": (1,) * 12,  # salaries of support staff, utilities, supplies
    "kegiatan": (0, 1, 2, 2, 2, 2, 1, 2, 2, 2, 2, 1),  # nothing spent before the DPA runs
    "triwulan": (0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1),  # quarterly reports and meetings
    "semester": (0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1),  # twice-yearly surveys
    "awal": (3, 3, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1),  # Musrenbang and APBKampung early in the year
    "fisik": (0, 0, 0, 3, 0, 0, 4, 0, 0, 3, 0, 0),  # contract: advance and two instalments
}

# ---------------------------------------------------------------- indicator texts, shared

SAKIP = {
    "nama": "Nilai SAKIP Kecamatan",
    "satuan": "predikat",
    "skala": "Predikat SAKIP",
    "definisi": "Predikat hasil evaluasi akuntabilitas kinerja kecamatan oleh Inspektorat "
    "Kabupaten Siak menurut PermenPAN-RB 88/2021.",
    "formula": "Predikat dari nilai Lembar Kerja Evaluasi (LKE) AKIP",
    "sumber": "Laporan Hasil Evaluasi AKIP Inspektorat Kabupaten Siak",
}
IKM = {
    "nama": "Indeks Kepuasan Masyarakat (IKM)",
    "satuan": "nilai",
    "definisi": "Nilai Survei Kepuasan Masyarakat atas pelayanan di kantor camat, dari sembilan "
    "unsur pelayanan (PermenPAN-RB 14/2017); nilai semester terakhir berlaku untuk tahun itu.",
    "formula": "IKM = Σ (NRR per unsur × 1/9) × 25",
    "sumber": "Laporan Survei Kepuasan Masyarakat semester II",
}
LAYANAN = {
    "nama": "Persentase layanan administrasi yang diselesaikan tepat waktu",
    "satuan": "%",
    "agregasi": Agregasi.RATA_RATA,
    "definisi": "Layanan administrasi terpadu kecamatan (PATEN) yang selesai dalam jangka waktu "
    "menurut standar pelayanan.",
    "formula": "(Jumlah layanan selesai tepat waktu ÷ jumlah layanan yang diajukan) × 100%",
    "sumber": "Buku register pelayanan PATEN",
}
REALISASI = {
    "nama": "Persentase realisasi anggaran",
    "satuan": "%",
    "polaritas": Polaritas.RENTANG,
    "definisi": "Serapan belanja terhadap pagu DPA pada akhir tahun anggaran; di bawah 90% "
    "menandakan perencanaan kegiatan yang lemah.",
    "formula": "(Realisasi belanja ÷ pagu DPA) × 100%",
    "sumber": "Laporan Realisasi Anggaran (LRA) SKPD",
}
KAMPUNG = {
    "nama": "Persentase kampung berstatus minimal berkembang",
    "satuan": "%",
    "definisi": "Kampung (sebutan desa di Kabupaten Siak) berstatus berkembang, maju atau mandiri "
    "menurut Indeks Desa Membangun (IDM) yang ditetapkan Kementerian Desa PDTT.",
    "formula": "(Jumlah kampung berstatus minimal berkembang ÷ jumlah kampung) × 100%",
    "sumber": "Status IDM Kementerian Desa PDTT; DPMK Kabupaten Siak",
    # The IDM status is set once a year: the quarters before it hold last year's value.
    "progres": (0, 0, 0, 1),
}
LPJ = {
    "nama": "Persentase kampung yang menyampaikan LPJ APBKampung tepat waktu",
    "satuan": "%",
    "definisi": "Kampung yang menyampaikan laporan pertanggungjawaban realisasi APBKampung kepada "
    "Bupati melalui Camat dalam batas waktu Peraturan Bupati.",
    "formula": "(Jumlah kampung yang menyampaikan LPJ tepat waktu ÷ jumlah kampung) × 100%",
    "sumber": "Register LPJ APBKampung Seksi Pemerintahan",
}
TRANTIBUM = {
    "nama": "Jumlah gangguan ketenteraman dan ketertiban umum",
    "satuan": "kasus",
    "polaritas": Polaritas.TURUN,
    "agregasi": Agregasi.KUMULATIF,
    "definisi": "Kejadian gangguan trantibum (konflik sosial, pelanggaran Perda/Perkada, "
    "pembakaran lahan) yang tercatat dan ditangani bersama Forkopimcam.",
    "formula": "Jumlah kejadian dalam periode",
    "sumber": "Laporan Forkopimcam dan Satpol PP kecamatan",
}

ALASAN_IKU = "Mengukur langsung sasaran strategis dan menjadi dasar PK Camat."

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


# ---------------------------------------------------------------- pure helpers


def _d(v) -> Decimal:
    return Decimal(str(v))


def nilai_target(v) -> dict:
    """Model fields of a target written in the data: number, (low, high) or scale value."""
    if isinstance(v, str):
        return {"target_skala": v}
    if isinstance(v, tuple):
        return {"target": _d(v[0]), "target_atas": _d(v[1])}
    return {"target": _d(v)}


def rencana_kas(pagu: int, pola: str) -> list[Decimal]:
    """A pagu spread over the months by weight, in whole thousands, summing exactly to it."""
    bobot = POLA_KAS[pola]
    ribu = [pagu * b // sum(bobot) // 1000 * 1000 for b in bobot]
    terakhir = max(i for i, b in enumerate(bobot) if b)
    ribu[terakhir] += pagu - sum(ribu)
    return [Decimal(x) for x in ribu]


def _rapi(v: Decimal) -> Decimal:
    v = v.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return v.to_integral() if v == v.to_integral() else v.normalize()


def target_triwulan(ind: Ind, tahunan, sebelumnya) -> list:
    """The four quarterly targets of a yearly target, as the indicator aggregates (§7).

    Cumulative: the quarters add up to the year; average: each quarter is the year's
    target; last value: the quarters climb from last year's target to this year's.
    """
    if ind.triwulan:
        return list(ind.triwulan)
    if isinstance(tahunan, str | tuple):
        return [tahunan] * 4
    tahunan = _d(tahunan)
    if ind.agregasi == Agregasi.KUMULATIF:
        if tahunan == tahunan.to_integral():
            dasar, sisa = divmod(int(tahunan), 4)
            return [dasar + (1 if q < sisa else 0) for q in range(4)]
        seperempat = _rapi(tahunan / 4)
        return [seperempat] * 3 + [tahunan - 3 * seperempat]
    if ind.agregasi == Agregasi.RATA_RATA:
        return [tahunan] * 4
    awal = _d(sebelumnya)
    return [_rapi(awal + (tahunan - awal) * _d(p)) for p in ind.progres]


def _pj(peta: dict[str, str], kode: str) -> str:
    return peta[max((k for k in peta if kode.startswith(k)), key=len)]


def _cocok(kode: str, awalan: Iterable[str]) -> bool:
    return any(kode.startswith(a) for a in awalan)


def _semua_indikator(data: Agensi) -> dict[str, Ind]:
    hasil = {}
    for t in data.tujuan:
        hasil.update({i.kode: i for i in t.indikator})
        for s in t.sasaran:
            hasil.update({i.kode: i for i in s.indikator})
    return hasil


def _semua_sasaran(data: Agensi) -> dict[str, Sas]:
    return {s.kode: s for t in data.tujuan for s in t.sasaran}


# ---------------------------------------------------------------- loader


class _Pemuat:
    def __init__(self, aktor):
        self.aktor = aktor
        self.dibuat = 0

    def pastikan(self, model: type[models.Model], kunci: dict, isian: dict | None = None):
        """The row with these natural keys; created through `services.simpan` when missing."""
        obj = model.objects.filter(**kunci).first()
        if obj is None:
            obj = services.simpan(aktor=self.aktor, objek=model(**kunci, **(isian or {})))
            self.dibuat += 1
        return obj

    def _skala(self, pemda: Pemda, nama: str, nilai: list[str]) -> Skala:
        skala = Skala.objects.filter(pemda=pemda, nama=nama).first()
        if skala is None:
            # A scale is Pemda master data, kept by the Pemda's administrators.
            skala = services.simpan_skala(
                aktor=self.aktor, skala=Skala(pemda=pemda, nama=nama, nilai=nilai)
            )
            self.dibuat += 1
        return skala

    def muat(self) -> int:
        pemda = Pemda.objects.filter(nama=PEMDA).first()
        if pemda is None:  # the demo organisation is not loaded: nothing to plan for
            return 0
        with transaction.atomic():
            self.skala = {nama: self._skala(pemda, nama, nilai) for nama, nilai in SKALA.items()}
            for data in AGENSI:
                instansi = Instansi.objects.filter(pemda=pemda, kode_unit=data.kode_unit).first()
                if instansi is not None:
                    _Agensi(self, data, instansi).muat()
        return self.dibuat


class _Agensi:
    """Loads one agency's plan; `p` is the shared loader (actor, counter, scales)."""

    def __init__(self, p: _Pemuat, data: Agensi, instansi: Instansi):
        self.p, self.data, self.instansi = p, data, instansi
        self.spek_indikator = _semua_indikator(data)
        self.spek_sasaran = _semua_sasaran(data)
        nama_jabatan = next(
            {j.kunci: j.nama for j in d["jabatan"]}
            for d in ORGANISASI_DEMO
            if d["kode_unit"] == data.kode_unit
        )
        self.jabatan = {
            kunci: Jabatan.objects.get(instansi=instansi, nama=nama)
            for kunci, nama in nama_jabatan.items()
        }

    def muat(self) -> None:
        self._renstra()
        for tahun, jenis_dokumen in self.data.dokumen:
            item = {jenis: self._dokumen(tahun, jenis) for jenis in jenis_dokumen}
            self._kaskade(tahun, item[Dok.DPA])

    # ------------------------------------------------------------ Renstra

    def _renstra(self) -> None:
        p, data = self.p, self.data
        sebelum = p.dibuat
        self.renstra = r = p.pastikan(
            Renstra,
            {"instansi": self.instansi, "tahun_awal": TAHUN_RENSTRA[0]},
            {"tahun_akhir": TAHUN_RENSTRA[-1], "visi": data.visi},
        )
        baru = p.dibuat > sebelum
        misi = {
            kode: p.pastikan(Misi, {"renstra": r, "kode": kode}, {"uraian": uraian, "urutan": i})
            for i, (kode, uraian) in enumerate(data.misi)
        }
        self.indikator: dict[str, Indikator] = {}
        self.sasaran: dict[str, Sasaran] = {}
        for i, t in enumerate(data.tujuan):
            tujuan = p.pastikan(
                Tujuan,
                {"renstra": r, "kode": t.kode},
                {"uraian": t.uraian, "misi": misi[t.misi], "urutan": i},
            )
            for ind in t.indikator:
                self._indikator(ind, tujuan=tujuan)
            for s in t.sasaran:
                self._sasaran(s, tujuan, urutan=len(self.sasaran))
        for ind in self.spek_indikator.values():
            if ind.iku:
                self._iku(ind)
        if baru:
            # Adopted once complete, as the Renstra SOP does on signature: saving a part of
            # an adopted Renstra would reopen it as a revision. A Renstra found in draft
            # (reopened by a user) is left to its revision.
            r.status = Renstra.Status.DITETAPKAN
            services.simpan(aktor=p.aktor, objek=r, keterangan="Renstra ditetapkan (demo)")

    def _sasaran(self, s: Sas, tujuan: Tujuan, urutan: int) -> None:
        p, r = self.p, self.renstra
        sasaran = p.pastikan(
            Sasaran,
            {"renstra": r, "kode": s.kode},
            {"tujuan": tujuan, "uraian": s.uraian, "urutan": urutan},
        )
        self.sasaran[s.kode] = sasaran
        for ind in s.indikator:
            self._indikator(ind, sasaran=sasaran)
        nomor = s.kode.removeprefix("S")
        strategi = p.pastikan(
            Strategi,
            {"renstra": r, "kode": f"ST{nomor}"},
            {"sasaran": sasaran, "uraian": s.strategi, "urutan": urutan},
        )
        for i, uraian in enumerate(s.kebijakan, start=1):
            p.pastikan(
                Kebijakan,
                {"renstra": r, "kode": f"KB{nomor}.{i}"},
                {"strategi": strategi, "uraian": uraian, "urutan": i},
            )
        for i, kode in enumerate(s.program):
            p.pastikan(
                ProgramRenstra,
                {"renstra": r, "sasaran": sasaran, "kode": kode},
                {"uraian": PROGRAM[kode], "urutan": i},
            )

    def _indikator(self, ind: Ind, **induk) -> None:
        awal = nilai_target(ind.baseline)
        akhir = nilai_target(ind.target[-1])
        obj = self.p.pastikan(
            Indikator,
            {"renstra": self.renstra, "kode": ind.kode},
            {
                **induk,
                "nama": ind.nama,
                "satuan": ind.satuan,
                "skala": self.p.skala[ind.skala] if ind.skala else None,
                "polaritas": ind.polaritas,
                "agregasi": ind.agregasi,
                "baseline": awal.get("target"),
                "baseline_skala": awal.get("target_skala", ""),
                "target_akhir": akhir.get("target"),
                "target_akhir_atas": akhir.get("target_atas"),
                "target_akhir_skala": akhir.get("target_skala", ""),
                "definisi": ind.definisi,
                "formula": ind.formula,
                "sumber_data": ind.sumber,
                "penanggung_jawab": self.jabatan[ind.pj],
                "urutan": len(self.indikator),
            },
        )
        self.indikator[ind.kode] = obj
        for tahun, v in zip(TAHUN_RENSTRA, ind.target, strict=True):
            self.p.pastikan(TargetTahunan, {"indikator": obj, "tahun": tahun}, nilai_target(v))

    def _iku(self, ind: Ind) -> None:
        self.p.pastikan(
            IKU,
            {"renstra": self.renstra, "indikator": self.indikator[ind.kode]},
            {
                "tahun_mulai": TAHUN_RENSTRA[0],
                "alasan": ind.iku,
                "definisi": ind.definisi,
                "formula": ind.formula,
                "sumber_data": ind.sumber,
                "penanggung_jawab": self.jabatan[ind.pj],
            },
        )

    def _target_renstra(self, kode: str, tahun: int):
        return self.spek_indikator[kode].target[tahun - TAHUN_RENSTRA[0]]

    # ------------------------------------------------------------ Renja / RKA / DPA

    def _dokumen(self, tahun: int, jenis: str) -> dict[str, ItemAnggaran]:
        """One budget document with its program → kegiatan → sub-kegiatan tree."""
        tanggal = {
            Dok.RENJA: datetime.date(tahun - 1, 7, 15),
            Dok.RKA: datetime.date(tahun - 1, 10, 21),
            Dok.DPA: datetime.date(tahun - 1, 12, 30),
        }[jenis]
        nomor = {
            Dok.RENJA: f"000.7.2.4/{tahun - 2000:03d}/{self.data.kode_unit}/{tahun - 1}",
            Dok.RKA: f"RKA/A.1/{self.data.kode_skpd}/001/{tahun}",
            Dok.DPA: f"DPA/A.1/{self.data.kode_skpd}/001/{tahun}",
        }[jenis]
        dok = self.p.pastikan(
            DokumenAnggaran,
            {"instansi": self.instansi, "jenis": jenis, "tahun": tahun},
            {"renstra": self.renstra, "nomor": nomor, "tanggal_pengesahan": tanggal},
        )
        subs = [s for s in self.data.sub if tahun in s.pagu]
        item: dict[str, ItemAnggaran] = {}
        for sub in subs:
            program, kegiatan = sub.kode[:7], sub.kode[:12]
            if program not in item:
                item[program] = self._item(
                    dok, program, PROGRAM[program], None, subs, tahun, len(item)
                )
                self._indikator_program(item[program], tahun)
            if kegiatan not in item:
                nama, keluaran = KEGIATAN[kegiatan]
                item[kegiatan] = self._item(
                    dok, kegiatan, nama, item[program], subs, tahun, len(item)
                )
                self._indikator_item(item[kegiatan], keluaran)
            item[sub.kode] = self._item(
                dok, sub.kode, sub.nama, item[kegiatan], subs, tahun, len(item)
            )
            self._indikator_item(item[sub.kode], sub.keluaran)
            if jenis != Dok.RENJA:
                for bulan, jumlah in enumerate(rencana_kas(sub.pagu[tahun], sub.pola), start=1):
                    self.p.pastikan(
                        AnggaranKas, {"item": item[sub.kode], "bulan": bulan}, {"jumlah": jumlah}
                    )
        return item

    def _item(self, dok, kode: str, nama: str, induk, subs: list[Sub], tahun: int, urutan: int):
        level = {7: "program", 12: "kegiatan"}.get(len(kode), "sub")
        program = None
        if level == "program":
            program = ProgramRenstra.objects.filter(renstra=self.renstra, kode=kode).first()
        return self.p.pastikan(
            ItemAnggaran,
            {"dokumen": dok, "kode": kode},
            {
                "induk": induk,
                "level": level,
                "nama": nama,
                # A program's or kegiatan's pagu is the sum of its sub-kegiatan.
                "pagu": sum(s.pagu[tahun] for s in subs if s.kode.startswith(kode)),
                "program_renstra": program,
                "penanggung_jawab": self.jabatan[_pj(self.data.pj, kode)],
                "urutan": urutan,
            },
        )

    def _indikator_program(self, item: ItemAnggaran, tahun: int) -> None:
        """A program is measured by the Renstra indicators of the sasaran it serves."""
        kode_ind = [
            ind.kode
            for s in self.spek_sasaran.values()
            if item.kode in s.program
            for ind in s.indikator
        ]
        for urutan, kode in enumerate(kode_ind):
            ind = self.indikator[kode]
            self.p.pastikan(
                IndikatorItem,
                {"item": item, "nama": ind.nama},
                {
                    "satuan": ind.satuan,
                    "indikator_renstra": ind,
                    "urutan": urutan,
                    **nilai_target(self._target_renstra(kode, tahun)),
                },
            )

    def _indikator_item(self, item: ItemAnggaran, keluaran: tuple) -> None:
        nama, satuan, target = keluaran
        self.p.pastikan(
            IndikatorItem, {"item": item, "nama": nama}, {"satuan": satuan, **nilai_target(target)}
        )

    # ------------------------------------------------------------ PK cascade

    def _kaskade(self, tahun: int, item_dpa: dict[str, ItemAnggaran]) -> None:
        pk: dict[str, PerjanjianKinerja] = {}
        kedalaman: dict[str, int] = {}
        for pos in self.data.kaskade:
            kedalaman[pos.jabatan] = kedalaman[pos.atasan] + 1 if pos.atasan else 0
            pk[pos.jabatan] = self._pk(pos, tahun, pk.get(pos.atasan), item_dpa)
        # Signed last: a signed PK is frozen, and every row above had to be in it first.
        for pos in self.data.kaskade:
            if (tahun, pos.jabatan) in TETAP_DRAF:
                continue
            dokumen = PerjanjianKinerja.objects.get(pk=pk[pos.jabatan].pk)
            if dokumen.status == PerjanjianKinerja.Status.DRAF:
                services.tandatangani_pk(
                    aktor=self.p.aktor,
                    pk=dokumen,
                    tanggal=TANGGAL_TTD[tahun][kedalaman[pos.jabatan]],
                )

    def _pk(self, pos: PosisiPK, tahun: int, atasan, item_dpa) -> PerjanjianKinerja:
        jabatan = self.jabatan[pos.jabatan]
        dibawa = [s for s in pos.sasaran if (tahun, pos.jabatan, s) not in TIDAK_DITURUNKAN]
        pk = (
            PerjanjianKinerja.objects.filter(jabatan=jabatan, tahun=tahun)
            .exclude(status=PerjanjianKinerja.Status.DIGANTI)
            .first()
        )
        if pk is None:
            pk = services.buat_pk(
                aktor=self.p.aktor, jabatan=jabatan, tahun=tahun, pk_atasan=atasan
            )
            self.p.dibuat += 1
            self._pangkas(pk, dibawa)
        elif pk.terkunci:
            return pk  # signed: frozen as it was signed, even if the demo data grew since
        for urutan, kode in enumerate(dibawa):
            self._sasaran_pk(pk, pos, kode, urutan, atasan, tahun)
        level, awalan = pos.anggaran
        baris = [i for k, i in sorted(item_dpa.items()) if i.level == level and _cocok(k, awalan)]
        for urutan, i in enumerate(baris):
            self.p.pastikan(
                AnggaranPK,
                {"pk_dokumen": pk, "item": i},
                {"uraian": f"{i.kode} {i.nama}", "anggaran": i.pagu, "urutan": urutan},
            )
        if tahun in self.data.rencana_aksi and atasan is None:
            self._rencana_aksi(pk, tahun, item_dpa)
        return pk

    def _pangkas(self, pk: PerjanjianKinerja, dibawa: list[str]) -> None:
        """`buat_pk` copies every sasaran of the superior: keep those this official serves."""
        for s in pk.sasaran.select_related("sasaran_renstra"):
            if s.sasaran_renstra.kode in dibawa:
                self.p.dibuat += 1
            else:
                services.hapus(aktor=self.p.aktor, objek=s)

    def _sasaran_pk(self, pk, pos: PosisiPK, kode: str, urutan: int, atasan, tahun: int) -> None:
        sasaran = self.sasaran[kode]
        s_atasan = atasan.sasaran.filter(sasaran_renstra=sasaran).first() if atasan else None
        s = self.p.pastikan(
            SasaranPK,
            {"pk_dokumen": pk, "sasaran_renstra": sasaran},
            {"uraian": sasaran.uraian, "sasaran_atasan": s_atasan, "urutan": urutan},
        )
        spek = self.spek_sasaran[kode]
        renstra = [
            i.kode
            for i in spek.indikator
            if pos.indikator_renstra is None or i.kode in pos.indikator_renstra
        ]
        for n, k in enumerate(renstra):
            ind = self.indikator[k]
            self.p.pastikan(
                IndikatorPK,
                {"sasaran": s, "nama": ind.nama},
                {
                    "satuan": ind.satuan,
                    "indikator_renstra": ind,
                    "urutan": n,
                    **nilai_target(self._target_renstra(k, tahun)),
                },
            )
        sendiri = [x for x in pos.indikator_sendiri if x[0] == kode]
        for n, (_, nama, satuan, target) in enumerate(sendiri, start=len(renstra)):
            self.p.pastikan(
                IndikatorPK,
                {"sasaran": s, "nama": nama},
                {"satuan": satuan, "urutan": n, **nilai_target(target)},
            )

    # ------------------------------------------------------------ Rencana Aksi

    def _rencana_aksi(self, pk, tahun: int, item_dpa: dict[str, ItemAnggaran]) -> None:
        """Quarterly targets, actions and budget of the head's PK indicators.

        The budget of a quarter is the anggaran kas, in that quarter, of the DPA
        sub-kegiatan that fund the indicator, so the plan adds up to the PK's total.
        """
        sub = [i for i in item_dpa.values() if i.level == "sub"]
        kas = list(AnggaranKas.objects.filter(item__in=sub).select_related("item"))
        indikator = IndikatorPK.objects.filter(
            sasaran__pk_dokumen=pk, indikator_renstra__isnull=False
        ).select_related("indikator_renstra")
        for ind_pk in indikator:
            spek = self.spek_indikator[ind_pk.indikator_renstra.kode]
            tahunan = self._target_renstra(spek.kode, tahun)
            sebelumnya = (
                self._target_renstra(spek.kode, tahun - 1)
                if tahun > TAHUN_RENSTRA[0]
                else spek.baseline
            )
            dana = [k for k in kas if _cocok(k.item.kode, spek.dana)]
            for q, target in enumerate(target_triwulan(spek, tahunan, sebelumnya), start=1):
                self.p.pastikan(
                    RencanaAksi,
                    {"indikator": ind_pk, "jenis_periode": "triwulan", "periode": q},
                    {
                        "aksi": spek.aksi[q - 1] if spek.aksi else "",
                        "anggaran": sum(
                            (k.jumlah for k in dana if (k.bulan - 1) // 3 + 1 == q), Decimal(0)
                        ),
                        **nilai_target(target),
                    },
                )


def muat(aktor) -> int:
    """Load the demo planning data; returns how many rows were created (0 when complete)."""
    return _Pemuat(aktor).muat()
