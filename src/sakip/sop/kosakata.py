"""Kosakata yang dipakai linter SOP: jabatan, dokumen dari luar prosedur, jenis dokumen SAKIP.

Semuanya data, bukan aturan: menambah jabatan atau dokumen cukup menambah butir di sini.
"""

# Nama kolom pelaksana yang dikenal, seperti ditulis di seed (kecamatan dan Bagian Setda).
PELAKSANA_DIKENAL: frozenset[str] = frozenset(
    {
        "Camat",
        "Sekretaris",
        "Sekcam",
        "Sekretaris Camat",
        "Kasubag",
        "Kasubag Evapor",
        "Kasub Evapor",
        "Kasubag Perencanaan",
        "Kasubag Umum",
        "Kasubag AD",
        "Kasubag LN",
        "Kasi",
        "Kabag",
        "Staf",
        "Fungsional Umum",
        "Tim",
        "Tim Monitoring",
        "Tim Penyusunan SAKIP",
        "Masyarakat",
    }
)

# Kata jabatan yang boleh muncul dalam teks kegiatan (huruf kecil, termasuk ejaan lain di seed).
KATA_JABATAN_DIKENAL: frozenset[str] = frozenset(
    {
        "camat",
        "sekretaris",
        "sekcam",
        "kasubag",
        "kasubbag",
        "kasub",
        "kasi",
        "kabag",
        "staf",
        "staff",
        "stafnya",
        "evapor",
        "tim",
        "masyarakat",
        "fungsional",
    }
)

# Jabatan instansi lain (Badan, Dinas): di SOP kecamatan atau Bagian menandakan salin-tempel.
JABATAN_ASING: tuple[str, ...] = (
    "kaban",
    "kadis",
    "kabid",
    "sekban",
    "sekdis",
    "kepala badan",
    "kepala dinas",
    "kepala bidang",
    "sekretaris badan",
    "sekretaris dinas",
)

# Kata jabatan yang salah ketiknya (beda satu huruf) patut dilaporkan, mis. "kasubang".
KATA_JABATAN_BAKU: frozenset[str] = frozenset(
    {"camat", "sekcam", "sekretaris", "kasubag", "kasubbag", "kabag"}
)

# Dokumen yang datang dari luar prosedur: tidak perlu dihasilkan langkah sebelumnya.
DOKUMEN_LUAR: tuple[str, ...] = (
    "Surat masuk",
    "Surat dari Kabupaten",
    "Struktur organisasi",
    "Tupoksi",
    "DPA",
    "RKA",
    "Anggaran Kas",
    "Daftar Harga Satuan",
    "Laporan Realisasi Anggaran",
    "Kartu kendali kegiatan",
    "Buku agenda",
    "Buku agenda surat keluar",
    "Buku register",
    "Buku ekspedisi",
)

# Alat tulis dan perangkat yang seed tulis di kolom Kelengkapan (SOP SPP & IKM).
PERALATAN: frozenset[str] = frozenset(
    {
        "bolpoin",
        "pulpen",
        "kertas",
        "komputer",
        "computer",
        "printer",
        "map",
        "stempel",
        "cap",
        "atk",
        "laptop",
        "amplop",
    }
)

# Jenis dokumen SAKIP dan sebutannya (huruf kecil), untuk mengenali output yang menyebut
# dokumen lain daripada dokumen SOP-nya (salin-tempel seperti "Tim penyusun Renja").
JENIS_DOKUMEN: dict[str, tuple[str, ...]] = {
    "Renstra": ("renstra", "rencana strategis"),
    "Renja": ("renja", "rencana kerja"),
    "RKA": (
        "rka",
        "rencana kerja dan anggaran",
        "rencana kegiatan dan anggaran",
        "rencana kegiatan anggaran",
    ),
    "DPA": ("dpa", "dokumen pelaksanaan anggaran"),
    "IKU": ("iku", "indikator kinerja utama"),
    "Perjanjian Kinerja": ("perjanjian kinerja", "penetapan kinerja"),
    "LKJ": (
        "lkj",
        "lkjip",
        "lakip",
        "laporan kinerja instansi pemerintah",
        "laporan akuntabilitas kinerja",
        "laporan kinerja",
    ),
    "Laporan Bulanan": ("laporan bulanan",),
    "Laporan Semesteran": ("laporan semesteran",),
    "Laporan Tahunan": ("laporan tahunan",),
}

# Singkatan ejaan yang seed pakai ("yg", "sdh", "Lap."), dibuka sebelum teks dibandingkan.
EJAAN: dict[str, str] = {
    "yg": "yang",
    "sdh": "sudah",
    "pd": "pada",
    "lap": "laporan",
    "dgn": "dengan",
    "ttd": "ditandatangani",
}

# Singkatan nama dokumen, dibuka agar "Draft Renja" dan "Rencana Kerja" dikenali sama.
SINGKATAN: dict[str, str] = {
    "rak": "rencana aksi kinerja",
    "renstra": "rencana strategis",
    "renja": "rencana kerja",
}

# Kata yang tidak membedakan dokumen: kata tugas dan kata "wadah" (konsep, draft, berkas).
# Nama jabatan juga diabaikan: "disetujui Tim", "dari kabag" menyebut asal, bukan isi.
KATA_UMUM: frozenset[str] = frozenset(
    {
        "yang",
        "sudah",
        "telah",
        "di",
        "pada",
        "dan",
        "untuk",
        "dari",
        "ke",
        "kepada",
        "oleh",
        "dengan",
        "sebagai",
        "serta",
        "atau",
        "berdasar",
        "berdasarkan",
        "seluruh",
        "selama",
        "satu",
        "konsep",
        "draft",
        "draf",
        "dokumen",
        "berkas",
        "ketikan",
        "hasil",
        "bahan",
    }
)

# Kata keadaan dokumen, dikelompokkan menurut tahap yang menghasilkannya: "X yang sudah
# diparaf" hanya berasal dari langkah yang output-nya memuat keadaan "paraf".
KEADAAN_DOKUMEN: dict[str, str] = {
    "diperiksa": "periksa",
    "disetujui": "periksa",
    "direview": "periksa",
    "terverifikasi": "periksa",
    "diverifikasi": "periksa",
    "diparaf": "paraf",
    "ditandatangani": "tandatangan",
    "terketik": "ketik",
    "diketik": "ketik",
    "diperbaiki": "perbaiki",
    "diagenda": "agenda",
    "disahkan": "sah",
}
