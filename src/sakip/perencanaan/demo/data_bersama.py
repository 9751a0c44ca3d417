"""Data every demo agency shares: the program and kegiatan nomenclature (Kepmendagri 050),
the cash patterns, and the indicator texts the kecamatan all measure."""

from __future__ import annotations

from ..models import Agregasi, Polaritas

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
