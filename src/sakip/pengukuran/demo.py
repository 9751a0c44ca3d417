"""Demo measurement data for the demo Pemda (perencanaan/demo.py), docs/domain.md §7.

Every agency has 2025 fully measured: realisations entered by the holder of each
indicator's responsible position and approved by the Kasubag Perencanaan, budget
realisation per sub-kegiatan per month, the twelve months closed, a signed control card
per month, four quarterly evaluations with their recommendations and the signed year-end
archive, so each agency's LKjIP 2025 has a year to report. Kecamatan Bungaraya has 2026 up
to October (today is November 2026) with its monitoring; Mempura, Dayun and the Bagian
have 2026 partly filled (no monitoring yet) so that the Pemda view has agencies to compare.
Loading is idempotent: rows are found by their natural keys and
only missing ones are written, through `services` (validated and audited).
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone

from sakip.organisasi.demo import INSTANSI as ORGANISASI_DEMO
from sakip.organisasi.models import Instansi, Jabatan, Pegawai, Pemda
from sakip.perencanaan.demo import PEMDA
from sakip.perencanaan.models import (
    AnggaranKas,
    Indikator,
    IndikatorPK,
    ItemAnggaran,
    PerjanjianKinerja,
    RencanaAksi,
)
from sakip.sop.engine import pemangku

from . import capaian as rumus
from . import penilaian, services
from .models import (
    ArsipKinerja,
    AturanCapaian,
    BarisKartuKendali,
    BuktiRealisasi,
    EvaluasiTriwulan,
    KartuKendali,
    KategoriCapaian,
    PenutupanBulan,
    Realisasi,
    RealisasiAnggaran,
    Rekomendasi,
)

# ---------------------------------------------------------------- Pemda settings

BATAS_ATAS = Decimal(120)  # Siak caps capaian at 120% so one indicator cannot mask others
KATEGORI = (
    (91, "Sangat Baik", "#1b7f3b"),
    (76, "Baik", "#4c9a2a"),
    (66, "Cukup", "#c99a00"),
    (51, "Kurang", "#e07b00"),
    (0, "Sangat Kurang", "#c0392b"),
)

# ---------------------------------------------------------------- shapes of the data

SERAPAN = "serapan"  # the value is the DPA's cumulative absorption up to the month
ARSIP = "https://arsip.demo.siakkab.go.id"


@dataclass(frozen=True)
class Periode:
    """How far an agency's year is measured.

    Months up to `tutup` are approved and closed; later months up to `sampai` are open.
    In the last open month only `disetujui` are approved and `dikembalikan` returned with
    a note; the rest wait for review (diajukan).
    """

    tahun: int
    sampai: int
    tutup: int
    disetujui: frozenset[str] = frozenset()
    dikembalikan: dict[str, str] = field(default_factory=dict)
    kosong: frozenset[tuple[str, int]] = frozenset()  # (indicator, month) not entered yet


@dataclass(frozen=True)
class Pengukuran:
    """One agency's measurement data.

    `nilai`: Renstra indicator code → year → monthly values (a number, a scale value or
    SERAPAN). `nilai_pk`: (position key, PK indicator name) → year → monthly values, for
    the PK's own indicators that have no Renstra indicator.
    """

    kode_unit: str
    periode: tuple[Periode, ...]
    nilai: dict[str, dict[int, tuple]]
    nilai_pk: dict[tuple[str, str], dict[int, tuple]] = field(default_factory=dict)
    bukti: dict[tuple[str, int, int], tuple[str, str]] = field(default_factory=dict)
    catatan: dict[tuple[str, int, int], str] = field(default_factory=dict)
    # Years with control cards, quarterly evaluations and (a full year) the year-end archive.
    monitoring: frozenset[int] = frozenset()


def _n(*nilai) -> tuple[Decimal, ...]:
    return tuple(Decimal(str(v)) for v in nilai)


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


# ---------------------------------------------------------------- pure helpers


def _waktu(tahun: int, bulan: int, hari: int, jam: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(tahun, bulan, hari, jam))


def bulan_berikut(tahun: int, bulan: int) -> tuple[int, int]:
    return (tahun + 1, 1) if bulan == 12 else (tahun, bulan + 1)


def bulan_pantau(tahun: int, triwulan: int) -> tuple[int, int]:
    """(year, month) a quarter's recommendations are checked: the month after the
    evaluation, which is held in the month after the quarter."""
    return bulan_berikut(*bulan_berikut(tahun, triwulan * 3))


def belanja_bulanan(kode: str, tahun: int, kas: list[Decimal]) -> list[Decimal]:
    """Money spent per month on a sub-kegiatan: its cash plan times the share spent, with
    a small monthly wobble, in whole thousands; slipped payments move to a later month."""
    faktor = FAKTOR_SERAPAN.get(kode, FAKTOR_BAWAAN)
    hasil = []
    for bulan, rencana in enumerate(kas, start=1):
        # Seeded by name so every load writes the same figures.
        goyang = Decimal(str(random.Random(f"{kode}/{tahun}/{bulan}").uniform(0.97, 1.03)))
        jumlah = (rencana * faktor * goyang / 1000).quantize(Decimal(1), ROUND_DOWN) * 1000
        hasil.append(jumlah)
    for (t, k, dari), ke in TERTUNDA.items():
        if (t, k) == (tahun, kode):
            hasil[ke - 1] += hasil[dari - 1]
            hasil[dari - 1] = Decimal(0)
    return hasil


def _persen(bagian: Decimal, keseluruhan: Decimal) -> Decimal:
    if not keseluruhan:
        return Decimal(0)
    return (bagian / keseluruhan * 100).quantize(Decimal("0.01"), ROUND_HALF_UP)


def _teks(nilai, dua_desimal: bool = False) -> str | None:
    """A number as JSON-safe text: as entered, or rounded to 2 places (capaian, serapan)."""
    if nilai is None or isinstance(nilai, str):
        return nilai
    d = Decimal(nilai)
    d = d.quantize(Decimal("0.01"), ROUND_HALF_UP) if dua_desimal else d.normalize()
    return format(d, "f")


# ---------------------------------------------------------------- loader


class _Pemuat:
    def __init__(self, aktor):
        self.aktor = aktor
        self.dibuat = 0

    def muat(self) -> int:
        pemda = Pemda.objects.filter(nama=PEMDA).first()
        if pemda is None:  # the demo organisation is not loaded: nothing to measure
            return 0
        with transaction.atomic():
            self._aturan(pemda)
            for data in PENGUKURAN:
                instansi = Instansi.objects.filter(pemda=pemda, kode_unit=data.kode_unit).first()
                if instansi is not None:
                    _Agensi(self, data, instansi).muat()
        return self.dibuat

    def _aturan(self, pemda: Pemda) -> None:
        """Pemda-level settings, kept by the Pemda's administrators."""
        if not AturanCapaian.objects.filter(pemda=pemda).exists():
            aturan = AturanCapaian(pemda=pemda, batas_atas=BATAS_ATAS, lantai_nol=True)
            services.simpan_pengaturan_pemda(aktor=self.aktor, objek=aturan)
            self.dibuat += 1
        for batas, nama, warna in KATEGORI:
            if not KategoriCapaian.objects.filter(pemda=pemda, batas_bawah=batas).exists():
                kategori = KategoriCapaian(pemda=pemda, batas_bawah=batas, nama=nama, warna=warna)
                services.simpan_pengaturan_pemda(aktor=self.aktor, objek=kategori)
                self.dibuat += 1


class _Agensi:
    """Loads one agency's measurements; `p` is the shared loader (counter)."""

    def __init__(self, p: _Pemuat, data: Pengukuran, instansi: Instansi):
        self.p, self.data, self.instansi = p, data, instansi
        nama_jabatan = next(
            {j.kunci: j.nama for j in d["jabatan"]}
            for d in ORGANISASI_DEMO
            if d["kode_unit"] == data.kode_unit
        )
        self.jabatan = {
            kunci: Jabatan.objects.get(instansi=instansi, nama=nama)
            for kunci, nama in nama_jabatan.items()
        }
        self.indikator = {
            i.kode: i
            for i in Indikator.objects.filter(renstra__instansi=instansi).select_related(
                "penanggung_jawab"
            )
        }
        self.kasubag = self._pemegang(services.jabatan_pemeriksa_ids(instansi.pk))
        pimpinan = Jabatan.objects.filter(instansi=instansi).order_by("-peran")
        self.pimpinan = self._pemegang(
            [j.pk for j in pimpinan if j.peran in (Jabatan.Peran.SEKRETARIS, Jabatan.Peran.KEPALA)]
        )
        self.kepala = self._pemegang([j.pk for j in pimpinan if j.peran == Jabatan.Peran.KEPALA])

    def _pemegang(self, jabatan_ids) -> Pegawai:
        """The first person holding one of these positions today (definitive, then acting)."""
        for jabatan in Jabatan.objects.filter(pk__in=jabatan_ids).order_by("-peran", "pk"):
            orang = pemangku(jabatan)
            if orang:
                return orang[0]
        raise LookupError(f"Tidak ada pemangku untuk jabatan {list(jabatan_ids)}")

    def _pemeriksa(self, pengisi: Pegawai) -> Pegawai:
        # Four eyes: the Kasubag's own entries are reviewed by the secretary (or head).
        return self.kasubag if pengisi != self.kasubag else self.pimpinan

    def muat(self) -> None:
        self.tahunan = {p.tahun: _Tahun(self, p) for p in self.data.periode}
        for tahunan in self.tahunan.values():
            tahunan.muat()
        if self.data.monitoring:
            _Monitoring(self).muat()


class _Tahun:
    """One agency-year: month by month, enter, review, spend, close (a closed month is
    locked, so everything of the month is written before closing it)."""

    def __init__(self, a: _Agensi, periode: Periode):
        self.a, self.periode, self.tahun = a, periode, periode.tahun
        self.sub = list(
            ItemAnggaran.objects.select_related("dokumen")
            .filter(
                dokumen__instansi=a.instansi,
                dokumen__jenis="dpa",
                dokumen__tahun=self.tahun,
                level=ItemAnggaran.Level.SUB_KEGIATAN,
            )
            .order_by("kode")
        )
        self.kas = {s.pk: [Decimal(0)] * 12 for s in self.sub}
        for k in AnggaranKas.objects.filter(item__in=self.sub):
            self.kas[k.item_id][k.bulan - 1] = k.jumlah
        self.belanja = {s.pk: belanja_bulanan(s.kode, self.tahun, self.kas[s.pk]) for s in self.sub}
        self.total_pagu = sum((s.pagu for s in self.sub), Decimal(0))
        self.acuan = self._acuan()

    def _acuan(self) -> list[tuple[str, Indikator | IndikatorPK, Pegawai, tuple]]:
        """(code, indicator, who enters, monthly values) for what is measured this year."""
        hasil = []
        for kode, per_tahun in self.a.data.nilai.items():
            if self.tahun in per_tahun:
                ind = self.a.indikator[kode]
                pengisi = self.a._pemegang([ind.penanggung_jawab_id])
                hasil.append((kode, ind, pengisi, per_tahun[self.tahun]))
        for (kunci, nama), per_tahun in self.a.data.nilai_pk.items():
            pk = PerjanjianKinerja.objects.filter(
                jabatan=self.a.jabatan[kunci],
                tahun=self.tahun,
                status=PerjanjianKinerja.Status.DITANDATANGANI,
            ).first()
            if pk is None or self.tahun not in per_tahun:
                continue  # only a signed PK is measured against
            ind = IndikatorPK.objects.get(sasaran__pk_dokumen=pk, nama=nama)
            hasil.append((nama, ind, self.a._pemegang([pk.jabatan_id]), per_tahun[self.tahun]))
        return hasil

    def muat(self) -> None:
        # What is already there, read once: only the missing rows are written.
        self.ada_realisasi = set(
            Realisasi.objects.filter(instansi=self.a.instansi, tahun=self.tahun).values_list(
                "indikator_id", "indikator_pk_id", "bulan"
            )
        )
        self.ada_anggaran = set(
            RealisasiAnggaran.objects.filter(item__in=self.sub).values_list("item_id", "bulan")
        )
        penutupan = dict(
            PenutupanBulan.objects.filter(instansi=self.a.instansi, tahun=self.tahun).values_list(
                "bulan", "tertutup"
            )
        )
        for bulan in range(1, self.periode.sampai + 1):
            if penutupan.get(bulan):
                continue  # closed (by this loader before, or by a user): leave it alone
            self.stempel: list[Realisasi] = []
            self._anggaran(bulan)
            for kode, ind, pengisi, nilai in self.acuan:
                if (kode, bulan) not in self.periode.kosong:
                    self._realisasi(bulan, kode, ind, pengisi, nilai[bulan - 1])
            # The services stamp the load time; the demo's history needs the day it
            # happened (the audit trail keeps the real load time).
            Realisasi.objects.bulk_update(self.stempel, ["diisi_pada", "diperiksa_pada"])
            # A month the loader finds reopened by a user stays open: their decision.
            if bulan <= self.periode.tutup and bulan not in penutupan:
                self._tutup(bulan)

    # ------------------------------------------------------------ one month

    def _anggaran(self, bulan: int) -> None:
        for s in self.sub:
            jumlah = self.belanja[s.pk][bulan - 1]
            if jumlah and (s.pk, bulan) not in self.ada_anggaran:
                services.simpan_realisasi_anggaran(
                    aktor=self.a.kasubag, item=s, bulan=bulan, jumlah=jumlah
                )
                self.a.p.dibuat += 1

    def serapan_sampai(self, bulan: int) -> Decimal:
        belanja = sum((sum(b[:bulan], Decimal(0)) for b in self.belanja.values()), Decimal(0))
        return _persen(belanja, self.total_pagu)

    def _realisasi(self, bulan: int, kode: str, ind, pengisi: Pegawai, nilai) -> None:
        milik_pk = isinstance(ind, IndikatorPK)
        if (None if milik_pk else ind.pk, ind.pk if milik_pk else None, bulan) in (
            self.ada_realisasi
        ):
            return
        if nilai == SERAPAN:
            nilai = self.serapan_sampai(bulan)
        r = Realisasi(
            instansi=self.a.instansi,
            tahun=self.tahun,
            bulan=bulan,
            catatan=self.a.data.catatan.get((kode, self.tahun, bulan), ""),
            **({"indikator_pk": ind} if milik_pk else {"indikator": ind}),
        )
        if isinstance(nilai, str):
            r.nilai_skala = nilai
        else:
            r.nilai = nilai
        r = services.simpan_realisasi(aktor=pengisi, realisasi=r, ajukan=True)
        self.a.p.dibuat += 1
        t, b = bulan_berikut(self.tahun, bulan)
        r.diisi_pada = _waktu(t, b, 2 + r.pk % 4)
        bukti = self.a.data.bukti.get((kode, self.tahun, bulan))
        if bukti:
            alamat, keterangan = bukti
            services.tambah_bukti(
                aktor=pengisi, realisasi=r, tautan=f"{ARSIP}/{alamat}", keterangan=keterangan
            )
            self.a.p.dibuat += 1
            BuktiRealisasi.objects.filter(realisasi=r).update(diunggah_pada=r.diisi_pada)
        r.diperiksa_pada = _waktu(t, b, 8, 14) if self._periksa(r, bulan, kode, pengisi) else None
        self.stempel.append(r)

    def _periksa(self, r: Realisasi, bulan: int, kode: str, pengisi: Pegawai) -> bool:
        """Review as the period says; True when reviewed."""
        terakhir = bulan == self.periode.sampai and bulan > self.periode.tutup
        pemeriksa = self.a._pemeriksa(pengisi)
        if terakhir and kode in self.periode.dikembalikan:
            catatan = self.periode.dikembalikan[kode]
            services.periksa_realisasi(aktor=pemeriksa, realisasi=r, setuju=False, catatan=catatan)
            return True
        if terakhir and kode not in self.periode.disetujui:
            return False  # still waiting for the Kasubag
        services.periksa_realisasi(aktor=pemeriksa, realisasi=r, setuju=True)
        return True

    def _tutup(self, bulan: int) -> None:
        p = services.tutup_bulan(
            aktor=self.a.kasubag, instansi=self.a.instansi, tahun=self.tahun, bulan=bulan
        )
        self.a.p.dibuat += 1
        PenutupanBulan.objects.filter(pk=p.pk).update(
            ditutup_pada=_waktu(*bulan_berikut(self.tahun, bulan), 10, 15)
        )


# ---------------------------------------------------------------- monitoring (seed 001)


class _Monitoring:
    """Quarterly evaluations with recommendations, control cards and the year-end archive."""

    def __init__(self, a: _Agensi):
        self.a = a
        self.p = a.p
        self.camat = a.kepala
        self.tim = a._pemegang([a.jabatan[TIM_MONITORING].pk])

    def dipantau(self) -> list[Periode]:
        return [p for p in self.a.data.periode if p.tahun in self.a.data.monitoring]

    def muat(self) -> None:
        for periode in self.dipantau():
            # A quarter is evaluated once its last month is entered.
            for triwulan in range(1, periode.sampai // 3 + 1):
                self._evaluasi(periode.tahun, triwulan)
        # After the evaluations: a card lists the recommendations checked in its month.
        for periode in self.dipantau():
            for bulan in range(1, periode.sampai + 1):
                self._kartu(periode.tahun, bulan, ditandatangani=bulan <= periode.tutup)
            if periode.sampai == 12:
                self._arsip(periode.tahun)

    def _simpan(self, aktor, objek, keterangan: str = ""):
        return services.simpan(aktor=aktor, objek=objek, keterangan=keterangan)

    # ------------------------------------------------------------ quarterly evaluation

    def _hasil_triwulan(self, tahun: int, triwulan: int) -> list[tuple[IndikatorPK, rumus.Hasil]]:
        """Each PK indicator of the head with a quarterly target, and its capaian."""
        aturan = penilaian.aturan_pemda(self.a.instansi.pemda_id)
        rencana = RencanaAksi.objects.filter(
            indikator__sasaran__pk_dokumen__instansi=self.a.instansi,
            indikator__sasaran__pk_dokumen__tahun=tahun,
            indikator__sasaran__pk_dokumen__jabatan__peran=Jabatan.Peran.KEPALA,
            indikator__sasaran__pk_dokumen__status=PerjanjianKinerja.Status.DITANDATANGANI,
            indikator__indikator_renstra__isnull=False,
            jenis_periode="triwulan",
            periode=triwulan,
        ).select_related("indikator__indikator_renstra")
        hasil = []
        for ra in rencana.order_by("indikator__urutan", "indikator_id"):
            ind = ra.indikator.indikator_renstra
            bulan = range(triwulan * 3 - 2, triwulan * 3 + 1)
            nilai = dict(
                Realisasi.objects.filter(indikator=ind, tahun=tahun, bulan__in=bulan).values_list(
                    "bulan", "nilai"
                )
            )
            realisasi = rumus.agregasi(ind.agregasi, [(b, nilai.get(b)) for b in bulan])
            h = rumus.hitung(
                ind.polaritas,
                realisasi,
                ra.target,
                target_atas=ra.target_atas,
                toleransi=ind.toleransi,
                batas_atas=aturan.batas_atas,
                lantai_nol=aturan.lantai_nol,
            )
            hasil.append((ra.indikator, h))
        return hasil

    def _evaluasi(self, tahun: int, triwulan: int) -> None:
        hasil = self._hasil_triwulan(tahun, triwulan)
        meleset = [(i, h) for i, h in hasil if h.nilai is not None and h.nilai < 100]
        evaluasi = EvaluasiTriwulan.objects.filter(
            instansi=self.a.instansi, tahun=tahun, triwulan=triwulan
        ).first()
        t, b = bulan_berikut(tahun, triwulan * 3)
        if evaluasi is None:
            evaluasi = self._simpan(
                self.a.kasubag,
                EvaluasiTriwulan(
                    instansi=self.a.instansi,
                    tahun=tahun,
                    triwulan=triwulan,
                    kesimpulan=_kesimpulan(hasil, meleset, self._nama_kepala()),
                ),
            )
            evaluasi.ditandatangani_pada = _waktu(t, b, 15, 10)
            self._simpan(self.camat, evaluasi, "Evaluasi triwulan ditandatangani (demo)")
            self.p.dibuat += 1
        for ind, h in meleset:
            self._rekomendasi(evaluasi, ind, h)

    def _nama_kepala(self) -> str:
        return next(j.nama for j in self.a.jabatan.values() if j.peran == Jabatan.Peran.KEPALA)

    def _rekomendasi(self, evaluasi: EvaluasiTriwulan, ind: IndikatorPK, h: rumus.Hasil) -> None:
        if Rekomendasi.objects.filter(evaluasi=evaluasi, indikator_pk=ind).exists():
            return
        tahun, triwulan, kode = evaluasi.tahun, evaluasi.triwulan, ind.indikator_renstra.kode
        jabatan = ind.indikator_renstra.penanggung_jawab
        uraian, tindak_lanjut = REKOMENDASI.get(self.a.data.kode_unit, {}).get(
            (tahun, triwulan, kode),
            (
                f"Capaian {ind.nama} triwulan {triwulan} ({h.rumus}) di bawah target: susun "
                "langkah percepatan dan laporkan pada pemantauan bulan berikutnya.",
                "Langkah percepatan disusun dan dilaporkan pada rapat monitoring.",
            ),
        )
        t, bulan = bulan_pantau(tahun, triwulan)
        r = self._simpan(
            self.a.kasubag,
            Rekomendasi(
                evaluasi=evaluasi,
                instansi=self.a.instansi,
                jabatan=jabatan,
                indikator_pk=ind,
                uraian=uraian,
                dipantau_bulan=bulan,
            ),
        )
        self.p.dibuat += 1
        terakhir = self._triwulan_terakhir()
        kunci = (self.a.data.kode_unit, tahun, triwulan, kode)
        if (tahun, triwulan) == terakhir and kunci not in DITINDAKLANJUTI:
            return  # still open: checked at next month's monitoring
        r.status = Rekomendasi.Status.DITINDAKLANJUTI
        r.tindak_lanjut = tindak_lanjut
        r.ditindaklanjuti_oleh = self.a._pemegang([jabatan.pk])
        r.ditindaklanjuti_pada = _waktu(t, bulan, 6 if (tahun, triwulan) == terakhir else 5)
        self._simpan(r.ditindaklanjuti_oleh, r, "Tindak lanjut dilaporkan (demo)")
        if (tahun, triwulan) == terakhir:
            return
        r.status = Rekomendasi.Status.SELESAI
        r.ditutup_oleh = self.camat
        r.ditutup_pada = _waktu(t, bulan, 20, 10)
        self._simpan(self.camat, r, "Rekomendasi ditutup setelah diperiksa (demo)")

    def _triwulan_terakhir(self) -> tuple[int, int]:
        """The last quarter evaluated: its recommendations are not yet checked."""
        periode = self.dipantau()[-1]
        return periode.tahun, periode.sampai // 3

    # ------------------------------------------------------------ control cards

    def _kartu(self, tahun: int, bulan: int, ditandatangani: bool) -> None:
        kartu = KartuKendali.objects.filter(
            instansi=self.a.instansi, tahun=tahun, bulan=bulan
        ).first()
        baru = kartu is None
        if baru:
            kartu = self._simpan(
                self.tim,
                KartuKendali(
                    instansi=self.a.instansi,
                    tahun=tahun,
                    bulan=bulan,
                    catatan=self._catatan_kartu(tahun, bulan),
                ),
            )
            self.p.dibuat += 1
        tahunan = self.a.tahunan[tahun]
        kegiatan = ItemAnggaran.objects.filter(
            dokumen__instansi=self.a.instansi,
            dokumen__jenis="dpa",
            dokumen__tahun=tahun,
            level=ItemAnggaran.Level.KEGIATAN,
        ).order_by("kode")
        ada = set(kartu.baris.values_list("item_id", flat=True))
        for item in kegiatan.exclude(pk__in=ada):
            self._baris(kartu, item, tahunan, bulan)
        if baru and ditandatangani:
            kartu.status = KartuKendali.Status.DITANDATANGANI
            kartu.ditandatangani_pada = _waktu(*bulan_berikut(tahun, bulan), 9, 11)
            self._simpan(self.camat, kartu, "Kartu kendali ditandatangani (demo)")

    def _baris(self, kartu: KartuKendali, item: ItemAnggaran, tahunan: _Tahun, bulan: int):
        sub = [s for s in tahunan.sub if s.kode.startswith(item.kode)]
        rencana = sum((sum(tahunan.kas[s.pk][:bulan], Decimal(0)) for s in sub), Decimal(0))
        # Physical progress follows the money actually spent against what will be spent.
        setahun = sum((sum(tahunan.belanja[s.pk], Decimal(0)) for s in sub), Decimal(0))
        sudah = sum((sum(tahunan.belanja[s.pk][:bulan], Decimal(0)) for s in sub), Decimal(0))
        baris = BarisKartuKendali(
            kartu=kartu,
            item=item,
            target_fisik=_persen(rencana, item.pagu),
            realisasi_fisik=min(_persen(sudah, setahun), Decimal(100)),
        )
        kendala = KENDALA.get((kartu.tahun, item.kode))
        if baris.target_fisik - baris.realisasi_fisik >= 5 and kendala:
            baris.kendala, baris.tindak_lanjut = kendala
        self._simpan(self.tim, baris)
        self.p.dibuat += 1

    def _catatan_kartu(self, tahun: int, bulan: int) -> str:
        """The recommendations checked this month, so the follow-up shows on the card."""
        dipantau = [
            r
            for r in Rekomendasi.objects.filter(instansi=self.a.instansi).select_related(
                "evaluasi", "jabatan"
            )
            if bulan_pantau(r.evaluasi.tahun, r.evaluasi.triwulan) == (tahun, bulan)
        ]
        if not dipantau:
            return ""
        baris = [
            f"- TW {r.evaluasi.triwulan} {r.evaluasi.tahun}, {r.jabatan.nama}: "
            f"{r.get_status_display()}"
            for r in dipantau
        ]
        return "Rekomendasi yang dipantau bulan ini:\n" + "\n".join(baris)

    # ------------------------------------------------------------ year-end archive

    def _arsip(self, tahun: int) -> None:
        if ArsipKinerja.objects.filter(instansi=self.a.instansi, tahun=tahun).exists():
            return
        arsip = self._simpan(
            self.a.kasubag,
            ArsipKinerja(
                instansi=self.a.instansi,
                tahun=tahun,
                isi=isi_arsip(self.a.instansi, tahun),
                dibuat_pada=_waktu(tahun + 1, 1, 20),
            ),
        )
        arsip.ditandatangani_oleh = self.camat
        arsip.ditandatangani_pada = _waktu(tahun + 1, 1, 27, 10)
        self._simpan(self.camat, arsip, "Data kinerja tahunan ditandatangani (demo)")
        self.p.dibuat += 1


def _kesimpulan(hasil: list, meleset: list, kepala: str = "Camat") -> str:
    teks = (
        f"{len(hasil) - len(meleset)} dari {len(hasil)} indikator Perjanjian Kinerja {kepala} "
        "mencapai target triwulan."
    )
    if meleset:
        rincian = "; ".join(f"{i.nama} ({h.rumus})" for i, h in meleset)
        teks += f" Belum tercapai: {rincian}. Rekomendasi perbaikan disampaikan kepada "
        teks += "pejabat penanggung jawab."
    return teks


def isi_arsip(instansi: Instansi, tahun: int) -> dict:
    """The frozen yearly snapshot: target, realisation and capaian of every Renstra
    indicator, and the budget absorption (seed 001 steps 12–16). Numbers are text so
    the snapshot stays exact in JSON; `target` is as documents show it."""
    baris = penilaian.capaian_renstra(instansi, tahun)
    dpa = penilaian.dpa_tahun(instansi.pk, tahun)
    sub, serapan = penilaian.serapan_dpa(dpa) if dpa else ([], None)
    return {
        "instansi": instansi.nama,
        "tahun": tahun,
        "indikator": [
            {
                "kode": b.kode,
                "nama": b.nama,
                "satuan": b.satuan,
                "target": b.target,
                "realisasi": _teks(b.realisasi),
                "bulanan": [_teks(v) for v in b.bulanan],
                "capaian": _teks(b.nilai, dua_desimal=True),
                "kategori": b.kategori,
                "rumus": b.hasil.rumus,
            }
            for b in baris
        ],
        "rata_capaian": _teks(penilaian.rata_capaian(baris), dua_desimal=True),
        "anggaran": {
            "pagu": _teks(sum((s.pagu for s in sub), Decimal(0))),
            "realisasi": _teks(sum((s.realisasi for s in sub), Decimal(0))),
            "serapan": _teks(serapan.nilai, dua_desimal=True) if serapan else None,
            "rumus": serapan.rumus if serapan else "",
        },
    }


def muat(aktor) -> int:
    """Load the demo measurement data; returns how many rows were created (0 when complete)."""
    return _Pemuat(aktor).muat()
