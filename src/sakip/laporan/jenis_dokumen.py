"""The report document kinds an agency can print from a Word template (sakip.dokumen.jenis).

All five kinds see the same variables (`konteks_laporan` in `dokumen.py` builds them); each
kind ships its own built-in template, from the LKjIP with its Bab I–IV outline
(PermenPAN-RB 53/2014) to the one-page monthly report. Values are
display-ready text, numbers already in the Indonesian format.
"""

from __future__ import annotations

from sakip.dokumen.jenis import (
    BAWAAN,
    VARIABEL_KOP,
    VARIABEL_PEJABAT,
    JenisDokumen,
    Skema,
    daftarkan_jenis,
)

# Laporan.jenis → document kind; the LKjIP keeps its own name, the others are "laporan_…".
KODE_JENIS = {
    "lkjip": "lkjip",
    "bulanan": "laporan_bulanan",
    "semesteran": "laporan_semesteran",
    "tahunan": "laporan_tahunan",
    "sakip": "laporan_sakip",
}
NAMA_JENIS = {
    "lkjip": "Laporan Kinerja Instansi Pemerintah (LKjIP)",
    "laporan_bulanan": "Laporan Kinerja Bulanan",
    "laporan_semesteran": "Laporan Kinerja Semesteran",
    "laporan_tahunan": "Laporan Kinerja Tahunan",
    "laporan_sakip": "Laporan SAKIP",
}

_DAFTAR: Skema = {"no": "Nomor urut", "uraian": "Isi butir"}

_PROGRAM: Skema = {
    "kode": "Kode program/kegiatan DPA, mis. 7.01.02",
    "nama": "Nama program/kegiatan",
    "pagu": "Pagu, mis. Rp 246.900.000",
    "realisasi": "Realisasi anggaran s.d. akhir periode",
    "serapan": "Serapan anggaran, mis. 95,22%",
}

_INDIKATOR_CAPAIAN: Skema = {
    "no": "Nomor urut dalam sasaran",
    "nomor": "Nomor urut indikator dalam seluruh laporan (Tabel 3.1)",
    "kode": "Kode indikator Renstra, mis. IS1.2",
    "nama": "Indikator kinerja",
    "satuan": "Satuan, mis. %",
    "target": "Target tahun ini (tanpa satuan), mis. 94 atau 90 – 100 atau WTP",
    "realisasi": "Realisasi s.d. akhir periode, mis. 94,58",
    "capaian": "Capaian, mis. 100,61%",
    "kategori": "Kategori capaian, mis. Sangat Baik",
    "status": "Tercapai / Belum tercapai / Belum diukur",
    "rumus": "Perhitungan capaian, mis. 94,58 / 94 × 100 = 100,61%",
    "realisasi_sebelum_2": "Realisasi dua tahun sebelumnya (— bila tidak ada)",
    "capaian_sebelum_2": "Capaian dua tahun sebelumnya",
    "realisasi_sebelum_1": "Realisasi tahun sebelumnya",
    "capaian_sebelum_1": "Capaian tahun sebelumnya",
    "perbandingan_tahun": "Kalimat perbandingan dengan tahun-tahun sebelumnya",
    "target_akhir": "Target akhir Renstra",
    "capaian_akhir": "Capaian terhadap target akhir Renstra, mis. 97,53%",
    "perbandingan_akhir": "Kalimat perbandingan dengan target akhir Renstra",
    "standar_nasional": "Standar nasional (— bila tidak ada)",
    "perbandingan_nasional": "Kalimat perbandingan dengan standar nasional",
    "analisis": "Analisis penyebab keberhasilan/kegagalan dan solusinya (ditulis Kasubag)",
    "efisiensi": "Kalimat efisiensi: capaian terhadap serapan anggaran program pendukung",
    "program": [_PROGRAM],
}

VARIABEL_LAPORAN: Skema = {
    "kop": VARIABEL_KOP,
    "laporan": {
        "jenis": "Kode jenis: lkjip, bulanan, semesteran, tahunan, sakip",
        "nama": "Nama jenis, mis. Laporan Kinerja Bulanan",
        "judul": "Judul huruf besar tanpa periode, mis. LAPORAN KINERJA BULANAN",
        "subjudul": "Periode huruf besar, mis. BULAN OKTOBER 2026 atau TAHUN 2025",
        "judul_lengkap": "Judul dan periode dalam satu baris",
        "singkatan": "Judul pendek untuk kepala halaman, mis. LKjIP",
        "periode": "Periode, mis. Oktober 2026, Semester I 2026, Tahun 2025",
        "sampai_bulan": "Bulan terakhir yang dicakup, mis. Desember",
        "tahun": "Tahun laporan, mis. 2025",
        "tahun_sebelum_1": "Tahun sebelumnya, mis. 2024",
        "tahun_sebelum_2": "Dua tahun sebelumnya, mis. 2023",
        "instansi": "Nama instansi, mis. Kecamatan Bungaraya",
        "instansi_besar": "Nama instansi huruf besar",
        "jenis_instansi": "kecamatan, dinas, badan, bagian, sekretariat, inspektorat, kantor",
        "pemda": "Nama Pemda, mis. Kabupaten Siak",
        "pemerintah": "PEMERINTAH KABUPATEN SIAK",
        "draf": "Benar selama laporan belum ditandatangani (untuk tanda DRAF)",
        "status": "Draf / Ditandatangani",
        "tempat": "Tempat penandatanganan, mis. Bungaraya",
        "tanggal": "Tanggal penandatanganan (titik-titik selama draf)",
        "tempat_tanggal": "Bungaraya, 20 Februari 2026",
    },
    "penandatangan": VARIABEL_PEJABAT,
    "ringkasan": {
        "jumlah_indikator": "Jumlah indikator yang diukur",
        "jumlah_tercapai": "Jumlah indikator yang mencapai target (capaian ≥ 100%)",
        "jumlah_belum": "Jumlah indikator yang belum mencapai target",
        "jumlah_tanpa_data": "Jumlah indikator yang belum dapat diukur",
        "persen_tercapai": "Persentase indikator tercapai, mis. 66,67%",
        "rata_capaian": "Rata-rata capaian, mis. 97,39%",
        "kategori": "Kategori rata-rata capaian, mis. Sangat Baik",
        "kinerja": "Kalimat ringkas capaian kinerja",
        "anggaran": "Kalimat ringkas realisasi anggaran dan efisiensi",
        "belum_tercapai": "Daftar indikator yang belum mencapai target, dalam satu kalimat",
        "per_kategori": [{"kategori": "Kategori capaian", "jumlah": "Jumlah indikator"}],
    },
    "narasi": {
        "kata_pengantar": "Kata Pengantar (tulisan penyusun, atau teks bawaan)",
        "ikhtisar": "Tambahan Ikhtisar Eksekutif dari penyusun (boleh kosong)",
        "pendahuluan": "Bab I: gambaran organisasi dan tugas (tulisan penyusun, atau bawaan)",
        "isu_strategis": "Bab I: isu strategis (tulisan penyusun, atau dari data)",
        "penutup": "Bab IV Penutup (tulisan penyusun, atau teks bawaan)",
    },
    "organisasi": {
        "jumlah_pegawai": "Jumlah pegawai aktif",
        "jabatan": [
            {"no": "Nomor urut", "jabatan": "Nama jabatan", "eselon": "Eselon", "pemangku": "Nama"}
        ],
    },
    "renstra": {
        "periode": "Periode Renstra, mis. 2021–2026",
        "visi": "Visi",
        "misi": [_DAFTAR],
        "tujuan": [_DAFTAR],
        "sasaran": [_DAFTAR],
    },
    "iku": [
        {
            "no": "Nomor urut",
            "kode": "Kode indikator",
            "indikator": "Indikator kinerja utama",
            "satuan": "Satuan",
            "definisi": "Definisi operasional",
            "formula": "Formula",
            "sumber_data": "Sumber data",
            "penanggung_jawab": "Penanggung jawab",
        }
    ],
    "pk": {
        "ada": "Benar bila PK kepala instansi tahun ini ada",
        "tahun": "Tahun PK",
        "status": "Status PK, mis. Ditandatangani",
        "pihak_pertama": "Nama pihak pertama",
        "jabatan": "Jabatan pihak pertama",
        "total": "Jumlah anggaran PK, mis. Rp 3.379.300.000",
        "sasaran": [
            {
                "no": "Nomor urut sasaran",
                "uraian": "Sasaran strategis",
                "indikator": [
                    {
                        "no": "Nomor urut",
                        "nama": "Indikator",
                        "satuan": "Satuan",
                        "target": "Target",
                    }
                ],
            }
        ],
        "anggaran": [{"no": "Nomor urut", "uraian": "Program", "anggaran": "Anggaran"}],
    },
    "capaian": [
        {
            "no": "Nomor urut sasaran",
            "label": "Sasaran, atau Tujuan bila indikatornya indikator tujuan",
            "sasaran": "Kode dan uraian sasaran (atau tujuan), mis. S1 Meningkatnya …",
            "indikator": [_INDIKATOR_CAPAIAN],
        }
    ],
    "anggaran": {
        "ada": "Benar bila DPA tahun ini ada",
        "pagu": "Jumlah pagu, mis. Rp 3.379.300.000",
        "realisasi": "Jumlah realisasi s.d. akhir periode",
        "serapan": "Serapan anggaran, mis. 94,88%",
        "efisiensi": "Indeks efisiensi (rata-rata capaian ÷ serapan), mis. 1,03",
        "rumus_efisiensi": "Perhitungan efisiensi, mis. 97,39% / 94,88% = 1,03",
        "kalimat_efisiensi": "Kalimat penjelasan efisiensi",
        "kalimat": "Kalimat ringkas realisasi anggaran (atau bahwa DPA belum tercatat)",
        "rincian": [{"no": "Nomor urut", **_PROGRAM}],
    },
    "kendala": [_DAFTAR],
    "tindak_lanjut": [_DAFTAR],
    "rekomendasi": [
        {
            "no": "Nomor urut",
            "indikator": "Indikator yang direkomendasikan",
            "uraian": "Rekomendasi evaluasi",
            "kepada": "Jabatan yang menindaklanjuti",
            "status": "Status tindak lanjut",
            "tindak_lanjut": "Tindak lanjut",
        }
    ],
}


def daftarkan_jenis_laporan() -> None:
    """Register the five report kinds with their built-in templates (bawaan/*.docx)."""
    for kode, nama in NAMA_JENIS.items():
        daftarkan_jenis(
            JenisDokumen(
                kode=kode, nama=nama, variabel=VARIABEL_LAPORAN, bawaan=BAWAAN / f"{kode}.docx"
            )
        )
