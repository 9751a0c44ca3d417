"""The SKM report as a Word document kind (sakip.dokumen.jenis): its variables, its
built-in template (bawaan/laporan_skm.docx, built by bawaan/buat_laporan_skm.py).

The variables are `sakip.ikm.laporan.data_laporan` exactly: display-ready text, numbers
already in the Indonesian format.
"""

from __future__ import annotations

from pathlib import Path

from sakip.dokumen.jenis import VARIABEL_KOP, VARIABEL_PEJABAT, JenisDokumen, Skema, daftarkan_jenis

BAWAAN = Path(__file__).parent / "bawaan" / "laporan_skm.docx"

VARIABEL_SKM: Skema = {
    "kop": VARIABEL_KOP,
    "periode": {
        "label": "Periode survei, mis. Semester I 2026 atau Tahun 2025",
        "tahun": "Tahun survei",
        "semester": "1 atau 2; kosong untuk survei tahunan",
        "mulai": "Tanggal mulai, mis. 1 Januari 2026",
        "selesai": "Tanggal selesai",
        "rentang": "1 Januari 2026 s.d. 30 Juni 2026",
        "judul": "LAPORAN HASIL SURVEI KEPUASAN MASYARAKAT",
        "subjudul": "Periode huruf besar, mis. SEMESTER I 2026",
        "instansi": "Nama instansi, mis. Kecamatan Bungaraya",
        "instansi_besar": "Nama instansi huruf besar",
        "pemda": "Nama Pemda, mis. Kabupaten Siak",
        "pemerintah": "PEMERINTAH KABUPATEN SIAK",
        "status": "Draf / Dibuka / Ditutup / Ditandatangani",
        "draf": "Benar selama laporan belum ditandatangani (untuk tanda DRAF)",
        "tempat": "Tempat penandatanganan",
        "tanggal": "Tanggal penandatanganan (titik-titik selama draf)",
        "tempat_tanggal": "Bungaraya, 20 Juli 2026",
    },
    "penandatangan": VARIABEL_PEJABAT,
    "hasil": {
        "responden": "Jumlah responden",
        "ikm": "Nilai IKM dua desimal, mis. 84,17",
        "skala_4": "Nilai interval (skala 1–4), mis. 3,367",
        "mutu": "Mutu pelayanan A/B/C/D",
        "kinerja": "Kinerja unit pelayanan, mis. Baik",
        "populasi": "Jumlah penerima layanan (populasi)",
        "sampel": "Sampel minimal Krejcie & Morgan",
        "sampel_cukup": "Ya / Tidak",
        "kalimat_sampel": "Kalimat tentang populasi, sampel dan responden",
        "kalimat": "Kalimat hasil: IKM, mutu, kinerja",
    },
    "unsur": [
        {
            "no": "Nomor urut",
            "kode": "U1 … U9",
            "nama": "Nama unsur",
            "jumlah": "Jumlah nilai jawaban",
            "nrr": "Nilai rata-rata (tiga desimal), mis. 3,250",
            "nrr_tertimbang": "NRR × 1/9 (tiga desimal)",
            "mutu": "Mutu unsur A/B/C/D",
            "kinerja": "Kinerja unsur",
        }
    ],
    "layanan": [
        {
            "no": "Nomor urut",
            "nama": "Jenis layanan",
            "responden": "Jumlah responden",
            "ikm": "IKM layanan",
            "mutu": "Mutu",
            "kinerja": "Kinerja",
        }
    ],
    "profil": [
        {
            "judul": "Jenis kelamin / Usia / Pendidikan / Pekerjaan",
            "baris": [
                {
                    "label": "Kelompok, mis. Perempuan",
                    "jumlah": "Jumlah responden",
                    "persen": "Persentase, mis. 52,50%",
                    "ikm": "IKM kelompok",
                    "mutu": "Mutu kelompok",
                }
            ],
        }
    ],
    "prioritas": [
        {
            "no": "Nomor urut",
            "kode": "Kode unsur",
            "nama": "Nama unsur",
            "nrr": "NRR",
            "mutu": "Mutu",
            "kinerja": "Kinerja",
        }
    ],
    "tren": [
        {
            "periode": "Periode",
            "responden": "Jumlah responden",
            "ikm": "IKM",
            "mutu": "Mutu",
            "kinerja": "Kinerja",
        }
    ],
    "saran": [{"no": "Nomor urut", "layanan": "Layanan", "saran": "Saran", "tanggal": "Tanggal"}],
    "konversi": [
        {
            "nilai_persepsi": "1–4",
            "interval": "Nilai interval, mis. 3,0644 – 3,532",
            "konversi": "Nilai interval konversi, mis. 76,61 – 88,30",
            "mutu": "Mutu",
            "kinerja": "Kinerja",
        }
    ],
    "narasi": {
        "pendahuluan": "Bab I Pendahuluan (tulisan penyusun, atau teks bawaan)",
        "metode": "Bab II Pelaksanaan survei",
        "analisis": "Analisis hasil",
        "kesimpulan": "Kesimpulan",
        "rencana_tindak_lanjut": "Rencana tindak lanjut, satu butir per baris",
    },
}


def daftarkan_jenis_skm() -> None:
    daftarkan_jenis(
        JenisDokumen(
            kode="laporan_skm",
            nama="Laporan Hasil Survei Kepuasan Masyarakat (SKM)",
            variabel=VARIABEL_SKM,
            bawaan=BAWAAN,
        )
    )
