"""Ukuran dokumen SOP (mm): kertas, kolom tabel alir, perkiraan tinggi teks, simbol.

Templat memakai angka kertas yang sama untuk @page; semua gambar dalam milimeter.
"""

from __future__ import annotations

# Kertas A4 lanskap dan marginnya (mm); templat memakai angka yang sama untuk @page.
LEBAR_KERTAS = 297.0
MARGIN_SISI = 10.0
LEBAR_ISI = LEBAR_KERTAS - 2 * MARGIN_SISI

BARIS_PER_HALAMAN = 8
BARIS_MONITORING_PER_HALAMAN = 15
# Tinggi untuk baris langkah di satu halaman alir: 188 mm isi halaman dikurangi judul, kepala
# tabel, dua baris segi lima dan catatan kaki. Halaman ditutup lebih awal bila perkiraan tinggi
# baris (teks panjang) melampauinya, supaya tabel tidak dipecah lagi oleh WeasyPrint.
ANGGARAN_TINGGI_BARIS = 138.0

# Lebar kolom tabel alir (mm). Kolom pelaksana dibagi rata di antara aktor, dalam batas
# min/maks, agar simbol (lebar kolom - 5 mm, paling lebar 18 mm = 68 px) tetap terbaca;
# sisanya untuk kolom teks.
LEBAR_NO, LEBAR_WAKTU, LEBAR_KETERANGAN = 7.0, 14.0, 24.0
LEBAR_TEKS_MIN = 100.0
LEBAR_PELAKSANA_MIN, LEBAR_PELAKSANA_MAKS = 15.0, 22.0
PORSI_TEKS = {"kegiatan": 0.46, "kelengkapan": 0.27, "output": 0.27}

# Perkiraan teks 8 pt: lebar huruf rata-rata (sengaja dilebihkan) dan tinggi satu baris.
LEBAR_HURUF, TINGGI_BARIS_TEKS, PADDING_TEKS = 1.45, 3.6, 2.4

# Formulir monitoring (teks 9 pt): kolom Prosedur 30% lebar isi; anggaran tinggi baris setelah
# judul, data SOP dan kepala tabel.
LEBAR_HURUF_9PT, TINGGI_BARIS_TEKS_9PT = 1.4, 4.0
LEBAR_PROSEDUR_MONITORING = LEBAR_ISI * 0.30
TINGGI_BARIS_MONITORING = 8.0
ANGGARAN_TINGGI_MONITORING = 132.0

# Gambar (mm).
TEBAL_GARIS = 0.3
Y_SIMBOL = 2.5  # ruang di atas simbol untuk mata panah yang masuk dari baris sebelumnya
TINGGI_SIMBOL = {"terminator": 7.0, "proses": 8.0, "keputusan": 10.0, "penghubung-halaman": 7.0}
LEBAR_SIMBOL_MAKS = 18.0
LEBAR_SEGILIMA = 7.0
R_LINGKARAN = 2.6
PANJANG_PANAH_BAWAH = 3.0
GESER_LINGKARAN = 5.0
TINGGI_BARIS_MIN = 14.0
TINGGI_BARIS_SAMBUNGAN = 11.0
HURUF_LABEL = 2.3
FONT_SVG = "Liberation Serif, Times New Roman, DejaVu Serif, serif"

TANPA_PELAKSANA = "(tidak disebut)"
KOTAK_IDENTITAS = (
    (("Dasar Hukum", "dasar_hukum"), ("Kualifikasi Pelaksana", "kualifikasi_pelaksana")),
    (("Keterkaitan", "keterkaitan"), ("Peralatan/Perlengkapan", "peralatan_perlengkapan")),
    (("Peringatan", "peringatan"), ("Pencatatan dan Pendataan", "pencatatan_pendataan")),
)
