"""Each demo agency's measurements — Bungaraya in full, the others smaller — and how its
budget is absorbed month by month (data only)."""

from __future__ import annotations

from decimal import Decimal

from .bentuk import SERAPAN, Pengukuran, Periode, _n

# ---------------------------------------------------------------- Kecamatan Bungaraya

BUNGARAYA = Pengukuran(
    kode_unit="KEC-BR",
    periode=(
        Periode(2025, sampai=12, tutup=12),
        Periode(
            2026,
            sampai=10,
            tutup=9,
            disetujui=frozenset({"IT1", "IT3", "IS5.1"}),
            dikembalikan={
                "IS1.2": "Angka 96,1% belum didukung rekap register PATEN Oktober. Unggah "
                "rekapnya dan periksa kembali layanan yang lewat waktu.",
            },
        ),
    ),
    nilai={
        # The LHE AKIP of the year before arrives in April.
        "IT1": {2025: ("B",) * 3 + ("BB",) * 9, 2026: ("BB",) * 10},
        # Akhir periode: the latest semester survey holds until the next one (June, December).
        "IS1.1": {
            2025: _n(*[82.45] * 5, *[82.62] * 6, 82.9),
            2026: _n(*[82.9] * 5, *[84.4] * 5),
        },
        # Rata-rata: each month's share of PATEN services finished on time.
        "IS1.2": {
            2025: _n(93.1, 92.4, 94.2, 94.6, 94.1, 95.0, 94.8, 95.3, 94.7, 95.6, 95.1, 96.0),
            2026: _n(95.2, 95.8, 95.4, 94.1, 94.9, 94.7, 95.6, 96.2, 95.9, 96.1),
        },
        "IS2.1": {2025: (SERAPAN,) * 12, 2026: (SERAPAN,) * 10},
        # The IDM status is set once a year, in July.
        "IT2": {2025: _n(*[0.7186] * 6, *[0.7415] * 6), 2026: _n(*[0.7415] * 6, *[0.7538] * 4)},
        "IS3.1": {2025: _n(*[80] * 12), 2026: _n(*[80] * 6, *[90] * 4)},
        # LPJ APBKampung of the year before are due by the end of March.
        "IS4.1": {2025: _n(30, 70, *[100] * 10), 2026: _n(20, 60, *[100] * 8)},
        "IT3": {2025: _n(*[100] * 12), 2026: _n(*[100] * 10)},
        # Kumulatif: incidents in the month; the peaks are the dry-season land fires.
        "IS5.1": {
            2025: _n(0, 1, 1, 2, 1, 0, 2, 1, 0, 0, 1, 0),
            2026: _n(0, 1, 0, 1, 0, 0, 1, 1, 0, 1),
        },
    },
    nilai_pk={
        ("evapor", "Persentase dokumen perencanaan dan laporan kinerja tepat waktu"): {
            2025: _n(*[100] * 12),
            2026: _n(*[100] * 10),
        },
        # The 2026 PK of the Kasubag Umum is still a draft: nothing to measure against yet.
        ("umum", "Persentase sarana prasarana kantor kondisi baik"): {
            2025: _n(84, 84, 84, 84, 87, 87, 87, 89, 89, 89, 91, 91),
        },
    },
    bukti={
        ("IT1", 2025, 4): ("kec-bungaraya/2025/lhe-akip-2024.pdf", "LHE AKIP 2024 Inspektorat"),
        ("IT1", 2026, 4): ("kec-bungaraya/2026/lhe-akip-2025.pdf", "LHE AKIP 2025 Inspektorat"),
        ("IS1.1", 2025, 6): ("kec-bungaraya/2025/skm-semester-1.pdf", "Laporan SKM semester I"),
        ("IS1.1", 2025, 12): ("kec-bungaraya/2025/skm-semester-2.pdf", "Laporan SKM semester II"),
        ("IS1.1", 2026, 6): ("kec-bungaraya/2026/skm-semester-1.pdf", "Laporan SKM semester I"),
        ("IS2.1", 2025, 12): ("kec-bungaraya/2025/lra-desember.pdf", "LRA SKPD Desember 2025"),
        ("IS3.1", 2025, 7): ("kec-bungaraya/2025/status-idm.pdf", "Penetapan status IDM 2025"),
        ("IS3.1", 2026, 7): ("kec-bungaraya/2026/status-idm.pdf", "Penetapan status IDM 2026"),
        ("IS4.1", 2025, 3): ("kec-bungaraya/2025/register-lpj.xlsx", "Register LPJ APBKampung"),
        ("IS4.1", 2026, 3): ("kec-bungaraya/2026/register-lpj.xlsx", "Register LPJ APBKampung"),
        ("IS5.1", 2025, 7): ("kec-bungaraya/2025/forkopimcam-juli.pdf", "Laporan Forkopimcam"),
        ("IS5.1", 2026, 8): ("kec-bungaraya/2026/forkopimcam-agustus.pdf", "Laporan Forkopimcam"),
    },
    catatan={
        ("IS1.1", 2025, 6): "Nilai SKM semester I 2025 (unsur terendah: waktu pelayanan).",
        ("IS1.1", 2025, 12): "Nilai SKM semester II 2025; belum mencapai target 83,5.",
        ("IS1.2", 2025, 2): "Peralihan aplikasi PATEN: 11 layanan melewati batas waktu.",
        ("IS3.1", 2025, 7): "Kampung Temusai dan Dayang Suri masih berstatus tertinggal.",
        ("IS5.1", 2025, 4): "Dua kebakaran lahan di Kampung Kemuning Muda.",
        ("IS5.1", 2025, 7): "Kebakaran lahan dan satu sengketa batas kebun.",
        ("IS5.1", 2026, 8): "Kebakaran lahan gambut di Kampung Buantan Besar.",
    },
    monitoring=frozenset({2025, 2026}),
)

# ---------------------------------------------------------------- the other agencies

# 2025 is closed everywhere: entered, approved, monitored and archived. The IDM status and
# the LHE AKIP arrive once a year, so those values step; SAKIP predicates of the year are
# those of the LHE published in April (for the year before).
MEMPURA = Pengukuran(
    kode_unit="KEC-MPR",
    periode=(Periode(2025, sampai=12, tutup=12), Periode(2026, sampai=9, tutup=8)),
    nilai={
        "IT1": {2025: ("BB",) * 12, 2026: ("BB",) * 3 + ("A",) * 6},
        "IS1.1": {2025: _n(*[83.6] * 5, *[84.1] * 7), 2026: _n(*[84.1] * 5, *[85.2] * 4)},
        "IS2.1": {2025: _n(*[87.5] * 12), 2026: _n(*[87.5] * 6, *[100] * 3)},
        "IS2.2": {2025: _n(12.5, 50, 87.5, *[100] * 9), 2026: _n(25, 62.5, *[100] * 7)},
    },
    bukti={
        ("IT1", 2025, 4): ("kec-mempura/2025/lhe-akip-2024.pdf", "LHE AKIP 2024 Inspektorat"),
        ("IS1.1", 2025, 6): ("kec-mempura/2025/skm-semester-1.pdf", "Laporan SKM semester I"),
        ("IS1.1", 2025, 12): ("kec-mempura/2025/skm-semester-2.pdf", "Laporan SKM semester II"),
        ("IS2.1", 2025, 7): ("kec-mempura/2025/status-idm.pdf", "Penetapan status IDM 2025"),
        ("IS2.2", 2025, 4): ("kec-mempura/2025/register-lpj.xlsx", "Register LPJ APBKampung"),
        ("IS1.1", 2026, 6): ("kec-mempura/2026/skm-semester-1.pdf", "Laporan SKM semester I"),
    },
    catatan={
        ("IT1", 2025, 4): "LHE AKIP 2024: predikat BB; rekomendasi Inspektorat pada cascading.",
        ("IS1.1", 2025, 6): "SKM semester I 2025: unsur terendah kecepatan pelayanan.",
        ("IS1.1", 2025, 12): "SKM semester II 2025 tetap 84,10; target 84,50 belum tercapai.",
        ("IS2.2", 2025, 3): "Kampung Benteng Hulu menyampaikan LPJ lewat batas waktu.",
    },
    monitoring=frozenset({2025}),
)

# Dayun has not entered the LPJ indicator for August and September 2026.
DAYUN = Pengukuran(
    kode_unit="KEC-DY",
    periode=(
        Periode(2025, sampai=12, tutup=12),
        Periode(
            2026,
            sampai=9,
            tutup=7,
            kosong=frozenset({("IS2.2", 8), ("IS2.2", 9)}),
        ),
    ),
    nilai={
        "IT1": {2025: ("B",) * 12, 2026: ("B",) * 9},
        "IS1.1": {2025: _n(*[80.9] * 5, *[81.7] * 7), 2026: _n(*[81.7] * 5, *[82.6] * 4)},
        "IS2.1": {2025: _n(*[72.7] * 6, *[81.8] * 6), 2026: _n(*[81.8] * 9)},
        "IS2.2": {
            2025: _n(27.3, 63.6, 81.8, 90.9, 90.9, *[100] * 7),
            2026: _n(18.2, 54.5, 81.8, 90.9, 90.9, 90.9, 90.9, 90.9, 90.9),
        },
    },
    bukti={
        ("IT1", 2025, 4): ("kec-dayun/2025/lhe-akip-2024.pdf", "LHE AKIP 2024 Inspektorat"),
        ("IS1.1", 2025, 6): ("kec-dayun/2025/skm-semester-1.pdf", "Laporan SKM semester I"),
        ("IS1.1", 2025, 12): ("kec-dayun/2025/skm-semester-2.pdf", "Laporan SKM semester II"),
        ("IS2.1", 2025, 7): ("kec-dayun/2025/status-idm.pdf", "Penetapan status IDM 2025"),
    },
    catatan={
        ("IT1", 2025, 4): "LHE AKIP 2024: predikat B; nilai komponen evaluasi masih rendah.",
        ("IS1.1", 2025, 12): "SKM semester II 2025: 81,70, di bawah target 82,50.",
        ("IS2.2", 2025, 3): "Dua kampung belum menyampaikan LPJ APBKampung 2024.",
        ("IS2.2", 2026, 4): "Kampung Banjar Seminai menyampaikan LPJ lewat batas waktu.",
    },
    monitoring=frozenset({2025}),
)

BAGIAN_ADPEM = Pengukuran(
    kode_unit="BAG-ADPEM",
    periode=(
        Periode(2025, sampai=12, tutup=12),
        Periode(2026, sampai=6, tutup=5, disetujui=frozenset({"IT1", "IS1.1", "IS2.1", "IS2.2"})),
    ),
    nilai={
        "IT1": {2025: ("BB",) * 12, 2026: ("BB",) * 3 + ("A",) * 3},
        # 31 perangkat daerah report monthly: 29, 30 or all of them on time.
        "IS1.1": {
            2025: _n(90.3, 93.5, 96.8, 93.5, 96.8, 100, 96.8, 96.8, 100, 96.8, 100, 100),
            2026: _n(93.5, 96.8, 100, 96.8, 100, 100),
        },
        "IS2.1": {
            2025: _n(72, 72, 72, 75, 75, 77, 77, 78, 78, 80, 80, 80),
            2026: _n(80, 80, 80, 45.5, 63.6, 72.7),
        },
        # The evaluation of each quarter goes to the Bupati in the month after it.
        "IS2.2": {2025: _n(1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0), 2026: _n(0, 0, 0, 1, 0, 0)},
    },
    bukti={
        ("IS2.2", 2025, 1): ("bag-adpem/2025/evaluasi-tw4-2024.pdf", "Laporan evaluasi TW IV 2024"),
        ("IS2.2", 2025, 4): ("bag-adpem/2025/evaluasi-tw1.pdf", "Laporan evaluasi TW I 2025"),
        ("IS2.2", 2025, 7): ("bag-adpem/2025/evaluasi-tw2.pdf", "Laporan evaluasi TW II 2025"),
        ("IS2.2", 2025, 10): ("bag-adpem/2025/evaluasi-tw3.pdf", "Laporan evaluasi TW III 2025"),
        ("IS2.2", 2026, 4): ("bag-adpem/2026/evaluasi-tw1.pdf", "Laporan evaluasi TW I 2026"),
    },
    catatan={
        ("IS1.1", 2025, 1): "Tiga perangkat daerah terlambat karena pergantian PPTK.",
        ("IS2.1", 2025, 3): "Rekomendasi TW IV 2024 baru ditindaklanjuti 18 dari 25.",
    },
    monitoring=frozenset({2025}),
)

PENGUKURAN = (BUNGARAYA, MEMPURA, DAYUN, BAGIAN_ADPEM)

# ---------------------------------------------------------------- budget realisation

# Share of the cash plan actually spent (tender savings, vacancies), per sub-kegiatan.
FAKTOR_SERAPAN = {
    "7.01.01.2.09.0009": Decimal("0.91"),  # the building contract came in under the pagu
    "7.01.01.2.08.0004": Decimal("0.97"),  # utilities and outsourced staff: fixed costs
    "7.01.01.2.02.0002": Decimal("0.97"),
    "7.01.03.2.01.0003": Decimal("0.93"),
}
FAKTOR_BAWAAN = Decimal("0.95")

# (year, sub-kegiatan, month planned) → month paid: spending that slipped.
TERTUNDA = {
    (2025, "7.01.03.2.01.0003", 5): 7,  # kampung proposals late: May's tranche paid in July
    (2026, "7.01.01.2.09.0009", 4): 6,  # tender repeated, the advance was paid in June
    (2026, "7.01.03.2.01.0003", 8): 10,  # second tranche waited for the kampung reports
}
