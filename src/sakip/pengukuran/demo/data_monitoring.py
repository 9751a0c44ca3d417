"""Monitoring texts (seed 001): the obstacles, recommendations and follow-ups the demo's
quarterly evaluations and control cards carry (data only)."""

from __future__ import annotations

# ---------------------------------------------------------------- monitoring texts

# (year, kegiatan) → (kendala, tindak lanjut), written on the control card while it lags
# behind plan (the slipped payments of TERTUNDA).
KENDALA = {
    (2025, "7.01.03.2.01"): (
        "Proposal kegiatan pemberdayaan dari lima kampung belum lengkap sehingga pencairan "
        "tahap Mei tertunda.",
        "Kasi Pemerintahan mendampingi kelengkapan proposal; pencairan dijadwalkan Juli 2025.",
    ),
    (2026, "7.01.01.2.09"): (
        "Tender rehabilitasi gedung kantor diulang karena tidak ada penawaran yang memenuhi "
        "syarat; uang muka belum dibayarkan.",
        "Tender ulang melalui UKPBJ; kontrak ditandatangani akhir Mei dan jadwal pekerjaan "
        "dipadatkan agar selesai November.",
    ),
    (2026, "7.01.03.2.01"): (
        "Laporan kegiatan pemberdayaan tahap I dari empat kampung terlambat sehingga tahap II "
        "belum dapat dicairkan.",
        "Kasi Pemerintahan mendampingi penyusunan laporan di kampung; pencairan tahap II "
        "dijadwalkan Oktober.",
    ),
}

# (year, quarter, indicator) → (recommendation, follow-up reported by the official).
# Agency → (year, quarter, indicator) → (recommendation, follow-up reported by the official).
# A missed quarter without a text here gets a generic one.
REKOMENDASI: dict[str, dict[tuple[int, int, str], tuple[str, str]]] = {}
REKOMENDASI["KEC-BR"] = {
    (2025, 1, "IS1.2"): (
        "Kasubag Umum agar menambah petugas front office PATEN pada jam sibuk dan memantau "
        "setiap minggu layanan yang mendekati batas waktu.",
        "Jadwal piket dua petugas front office berlaku sejak 5 Mei 2025; rekap mingguan "
        "layanan lewat waktu dilaporkan ke Sekcam.",
    ),
    (2025, 2, "IS1.1"): (
        "Sekretaris Camat agar menindaklanjuti unsur SKM dengan nilai terendah (waktu "
        "pelayanan) dan mengumumkan rencana perbaikannya di ruang pelayanan.",
        "Maklumat waktu pelayanan diperbarui dan hasil SKM semester I diumumkan pada 4 "
        "Agustus 2025.",
    ),
    (2025, 2, "IS5.1"): (
        "Kasi Pemerintahan agar mengusulkan patroli bersama karhutla dengan Manggala Agni dan "
        "Masyarakat Peduli Api sebelum puncak kemarau.",
        "Patroli bersama dua kali seminggu sejak Juli 2025 di tiga kampung rawan.",
    ),
    (2025, 3, "IS1.1"): (
        "Sekretaris Camat agar menyelesaikan perbaikan ruang tunggu dan papan informasi "
        "layanan sebelum SKM semester II.",
        "Ruang tunggu dan papan alur layanan selesai diperbaiki 3 November 2025.",
    ),
    (2025, 3, "IS5.1"): (
        "Kasi Pemerintahan agar memetakan kembali titik rawan kebakaran lahan dan sengketa "
        "batas kebun bersama penghulu kampung.",
        "Peta titik rawan diperbarui dan disampaikan ke Forkopimcam pada Oktober 2025.",
    ),
    (2025, 4, "IS1.1"): (
        "Sekretaris Camat agar memasukkan tindak lanjut hasil SKM semester II ke Rencana Aksi "
        "2026, terutama waktu penyelesaian surat keterangan.",
        "Rencana Aksi 2026 memuat layanan surat keterangan daring mulai Maret 2026.",
    ),
    (2025, 4, "IS3.1"): (
        "Kasi Pemerintahan agar menyusun rencana pendampingan Kampung Temusai dan Dayang Suri "
        "bersama pendamping desa untuk pemutakhiran data IDM 2026.",
        "Rencana pendampingan disepakati dalam rapat koordinasi 3 Februari 2026.",
    ),
    (2026, 1, "IS1.1"): (
        "Sekretaris Camat agar mempercepat layanan surat keterangan daring yang direncanakan "
        "sebelum SKM semester I.",
        "Layanan daring dibuka 2 Mei 2026 dan diumumkan di seluruh kampung.",
    ),
    (2026, 1, "IS3.1"): (
        "Kasi Pemerintahan agar memastikan data IDM kampung tertinggal dimutakhirkan sebelum "
        "batas waktu Kementerian Desa.",
        "Data IDM seluruh kampung diunggah 28 April 2026.",
    ),
    (2026, 2, "IS1.2"): (
        "Kasubag Umum agar menelusuri layanan yang lewat waktu pada April–Juni dan menata "
        "ulang pembagian tugas verifikasi berkas.",
        "Verifikasi berkas dibagi dua petugas sejak 3 Agustus 2026.",
    ),
    (2026, 2, "IS3.1"): (
        "Kasi Pemerintahan agar mengawal verifikasi status IDM Kampung Temusai dan Dayang "
        "Suri bersama DPMK.",
        "Kampung Temusai naik ke status berkembang pada penetapan Juli 2026.",
    ),
    (2026, 3, "IS1.1"): (
        "Sekretaris Camat agar menindaklanjuti saran SKM semester I tentang kejelasan "
        "persyaratan layanan sebelum SKM semester II.",
        "Persyaratan setiap layanan dicetak ulang dan dipasang di loket; menunggu "
        "pemeriksaan Tim Monitoring.",
    ),
    (2026, 3, "IS5.1"): (
        "Kasi Pemerintahan agar mengaktifkan kembali posko siaga karhutla di Kampung "
        "Buantan Besar sampai akhir musim kemarau.",
        "",
    ),
}
REKOMENDASI["KEC-MPR"] = {
    (2025, 1, "IS1.1"): (
        "Sekretaris Camat agar menambah petugas loket pada hari pasar dan memantau antrean "
        "layanan sebelum SKM semester I.",
        "Petugas loket ditambah pada hari Senin dan Kamis sejak 5 Mei 2025.",
    ),
    (2025, 1, "IS2.2"): (
        "Kasi Pemerintahan agar menagih LPJ APBKampung Benteng Hulu secara tertulis dan "
        "mendampingi bendahara kampung menyelesaikannya.",
        "LPJ Kampung Benteng Hulu diterima 14 April 2025 setelah pendampingan.",
    ),
    (2025, 3, "IS1.1"): (
        "Sekretaris Camat agar menindaklanjuti unsur kecepatan pelayanan hasil SKM semester "
        "I dengan maklumat waktu layanan di setiap loket.",
        "Maklumat waktu layanan dipasang di tiga loket pada 1 Oktober 2025.",
    ),
    (2025, 4, "IS1.1"): (
        "Sekretaris Camat agar memasukkan perbaikan kecepatan pelayanan ke Rencana Aksi 2026 "
        "dan melaporkan kemajuannya setiap bulan.",
        "",
    ),
}
REKOMENDASI["KEC-DY"] = {
    (2025, 1, "IS1.1"): (
        "Sekretaris Camat agar memperbarui standar pelayanan surat keterangan dan "
        "mengumumkannya di ruang tunggu.",
        "Standar pelayanan surat keterangan diperbarui dan diumumkan 12 Mei 2025.",
    ),
    (2025, 1, "IS2.2"): (
        "Kasi Pemerintahan agar menyurati dua kampung yang belum menyampaikan LPJ "
        "APBKampung 2024 dan menjadwalkan pendampingan.",
        "Kedua kampung menyampaikan LPJ pada April 2025 setelah pendampingan.",
    ),
    (2025, 2, "IS1.1"): (
        "Sekretaris Camat agar menindaklanjuti unsur terendah SKM semester I (sarana dan "
        "prasarana) dengan perbaikan ruang tunggu.",
        "Kursi ruang tunggu dan papan informasi diganti pada Agustus 2025.",
    ),
    (2025, 3, "IS1.1"): (
        "Sekretaris Camat agar memantau setiap minggu layanan yang melewati batas waktu "
        "sebelum SKM semester II.",
        "Rekap mingguan layanan lewat waktu dibahas dalam apel Senin sejak Oktober 2025.",
    ),
    (2025, 4, "IS1.1"): (
        "Sekretaris Camat agar menyusun rencana peningkatan IKM 2026 berdasarkan saran "
        "masyarakat pada SKM semester II.",
        "",
    ),
}
REKOMENDASI["BAG-ADPEM"] = {
    (2025, 1, "IS1.1"): (
        "Kepala Subbagian Pengendalian agar mengingatkan PPTK perangkat daerah paling lambat "
        "tanggal 8 setiap bulan dan mencatat yang terlambat.",
        "Pengingat tanggal 8 dikirim melalui aplikasi pengendalian sejak April 2025.",
    ),
    (2025, 1, "IS2.1"): (
        "Kepala Subbagian LN agar mengundang perangkat daerah yang belum menindaklanjuti "
        "rekomendasi evaluasi triwulan IV 2024.",
        "Rapat tindak lanjut dengan tujuh perangkat daerah dilaksanakan 22 April 2025.",
    ),
    (2025, 2, "IS2.1"): (
        "Kepala Subbagian LN agar melampirkan register tindak lanjut pada laporan evaluasi "
        "triwulan kepada Bupati.",
        "Register tindak lanjut dilampirkan sejak laporan evaluasi triwulan II 2025.",
    ),
    (2025, 3, "IS2.1"): (
        "Kepala Subbagian LN agar menagih tindak lanjut yang tertunda sebelum tutup tahun "
        "anggaran.",
        "Surat penagihan tindak lanjut dikirim kepada lima perangkat daerah pada 3 November 2025.",
    ),
}

# Reported by the official, not yet checked and closed.
DITINDAKLANJUTI = {("KEC-BR", 2026, 3, "IS1.1")}

TIM_MONITORING = "staf"  # position key of the staff who fill in the control card
