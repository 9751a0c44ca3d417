"""Demo survey data for the kecamatan of the demo Pemda (Kabupaten Siak): four public
services each with a set Standar Pelayanan, a closed 2025 survey of about 120
questionnaires and an open 2026 survey of about 40, so the trend shows two periods.

Answers are drawn from a seeded random generator: the same demo every time, a plausible
IKM in the low-to-high 80s (mutu B), with the usual weak spots (waktu penyelesaian,
penanganan pengaduan) slightly better in 2026.
"""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from sakip.organisasi.models import Instansi, Pegawai

from . import services
from .models import Layanan, PeriodeSurvei, Responden, StandarPelayanan
from .responden import catat_responden

KECAMATAN = ("KEC-BR", "KEC-MPR", "KEC-DY")

_PENGADUAN = (
    "Kotak saran di ruang pelayanan\nLayanan pesan singkat/WhatsApp pengaduan kecamatan\n"
    "Formulir pengaduan daring SP4N-LAPOR!\nPengaduan ditanggapi paling lama 5 hari kerja"
)
_PENGELOLAAN = {
    "sarana": (
        "Ruang tunggu dengan kursi dan kipas angin\nLoket pelayanan\nKomputer dan printer\n"
        "Toilet umum\nRuang laktasi\nAkses kursi roda"
    ),
    "kompetensi": (
        "Memahami peraturan administrasi kependudukan dan perizinan\nMampu mengoperasikan "
        "komputer\nBersikap ramah, sopan dan komunikatif"
    ),
    "pengawasan": "Dilakukan oleh Sekretaris Camat dan Camat secara berjenjang",
    "jumlah_pelaksana": "3 (tiga) orang petugas loket dan 1 (satu) orang verifikator",
    "jaminan_pelayanan": (
        "Pelayanan diberikan sesuai standar yang ditetapkan; bila tidak sesuai, masyarakat "
        "dapat menyampaikan pengaduan"
    ),
    "jaminan_keamanan": (
        "Dokumen pemohon disimpan dan dijaga kerahasiaannya\nProduk pelayanan dijamin keabsahannya"
    ),
    "evaluasi": (
        "Survei Kepuasan Masyarakat setiap tahun\nEvaluasi standar pelayanan sekurang-kurangnya "
        "sekali setahun"
    ),
}

LAYANAN = [
    {
        "nama": "Rekomendasi Izin Usaha Mikro dan Kecil",
        "uraian": "Rekomendasi camat untuk penerbitan IUMK bagi pelaku usaha mikro dan kecil.",
        "persyaratan": (
            "Fotokopi KTP dan Kartu Keluarga\nSurat pengantar dari Penghulu/Kepala Desa\n"
            "Pas foto berwarna 4×6 sebanyak 2 lembar\nFoto tempat usaha"
        ),
        "prosedur": (
            "Pemohon menyerahkan berkas di loket\nPetugas memeriksa kelengkapan berkas\n"
            "Kasi Ekonomi dan Pembangunan memverifikasi\nCamat menandatangani rekomendasi\n"
            "Rekomendasi diserahkan kepada pemohon"
        ),
        "jangka_waktu": "2 (dua) hari kerja sejak berkas lengkap",
        "biaya": "Tidak dipungut biaya (gratis)",
        "produk": "Surat Rekomendasi Izin Usaha Mikro dan Kecil",
        "dasar_hukum": (
            "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik\nPeraturan Presiden "
            "Nomor 98 Tahun 2014 tentang Perizinan untuk Usaha Mikro dan Kecil\nPeraturan "
            "Bupati Siak tentang Pelimpahan Sebagian Kewenangan Bupati kepada Camat"
        ),
    },
    {
        "nama": "Surat Keterangan Domisili",
        "uraian": "Surat keterangan tempat tinggal atau tempat usaha di wilayah kecamatan.",
        "persyaratan": (
            "Fotokopi KTP dan Kartu Keluarga\nSurat keterangan domisili dari Penghulu/Kepala "
            "Desa\nBukti lunas Pajak Bumi dan Bangunan tahun berjalan"
        ),
        "prosedur": (
            "Pemohon menyerahkan berkas di loket\nPetugas memeriksa kelengkapan dan mengetik "
            "konsep surat\nSekretaris Camat memaraf\nCamat menandatangani\nSurat diserahkan "
            "kepada pemohon"
        ),
        "jangka_waktu": "1 (satu) hari kerja sejak berkas lengkap",
        "biaya": "Tidak dipungut biaya (gratis)",
        "produk": "Surat Keterangan Domisili",
        "dasar_hukum": (
            "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik\nPeraturan Pemerintah "
            "Nomor 17 Tahun 2018 tentang Kecamatan"
        ),
    },
    {
        "nama": "Legalisasi Dokumen",
        "uraian": "Pengesahan fotokopi dokumen yang diterbitkan kecamatan.",
        "persyaratan": "Dokumen asli\nFotokopi dokumen yang akan dilegalisasi",
        "prosedur": (
            "Pemohon menyerahkan dokumen asli dan fotokopinya\nPetugas mencocokkan fotokopi "
            "dengan aslinya\nCamat atau Sekretaris Camat menandatangani dan membubuhkan cap\n"
            "Dokumen diserahkan kembali kepada pemohon"
        ),
        "jangka_waktu": "30 (tiga puluh) menit",
        "biaya": "Tidak dipungut biaya (gratis)",
        "produk": "Fotokopi dokumen yang telah dilegalisasi",
        "dasar_hukum": (
            "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik\nPeraturan Pemerintah "
            "Nomor 17 Tahun 2018 tentang Kecamatan"
        ),
    },
    {
        "nama": "Rekomendasi Dispensasi Nikah",
        "uraian": "Rekomendasi camat bagi pernikahan yang didaftarkan kurang dari 10 hari kerja.",
        "persyaratan": (
            "Surat pengantar dari Penghulu/Kepala Desa\nSurat pemberitahuan kehendak nikah "
            "dari KUA\nFotokopi KTP kedua calon mempelai\nFotokopi Kartu Keluarga"
        ),
        "prosedur": (
            "Pemohon menyerahkan berkas di loket\nPetugas memeriksa kelengkapan berkas\n"
            "Kasi Pemerintahan memverifikasi\nCamat menandatangani rekomendasi\nRekomendasi "
            "diserahkan kepada pemohon"
        ),
        "jangka_waktu": "1 (satu) hari kerja sejak berkas lengkap",
        "biaya": "Tidak dipungut biaya (gratis)",
        "produk": "Surat Rekomendasi Dispensasi Nikah",
        "dasar_hukum": (
            "Undang-Undang Nomor 1 Tahun 1974 tentang Perkawinan\nPeraturan Menteri Agama "
            "Nomor 20 Tahun 2019 tentang Pencatatan Pernikahan"
        ),
    },
]

SARAN = [
    "Mohon ruang tunggu ditambah kursinya.",
    "Pelayanan sudah cepat, pertahankan.",
    "Petugas ramah dan membantu, terima kasih.",
    "Sebaiknya ada nomor antrean agar lebih tertib.",
    "Informasi persyaratan dipasang lebih jelas di depan loket.",
    "Tolong pengaduan lewat WhatsApp dibalas lebih cepat.",
    "Parkir kendaraan perlu ditata.",
    "Jam istirahat petugas loket bergantian agar pelayanan tidak berhenti.",
    "Toilet perlu lebih bersih.",
    "Semoga ada layanan daring supaya tidak perlu datang dua kali.",
    "Proses tanda tangan Camat kadang menunggu lama.",
    "Sudah bagus, gratis dan tidak berbelit.",
]

# Chance of answering 4, 3, 2 (else 1) per element, in 2025; 2026 is a little better.
PELUANG = {
    "U1": (0.38, 0.55, 0.06),
    "U2": (0.35, 0.56, 0.08),
    "U3": (0.22, 0.58, 0.17),  # waktu penyelesaian: the usual complaint
    "U4": (0.86, 0.12, 0.02),  # biaya: free services
    "U5": (0.36, 0.57, 0.06),
    "U6": (0.40, 0.54, 0.05),
    "U7": (0.48, 0.47, 0.04),
    "U8": (0.20, 0.55, 0.21),  # penanganan pengaduan
    "U9": (0.25, 0.59, 0.14),  # sarana dan prasarana
}
PENDIDIKAN = (("SD", 8), ("SMP", 14), ("SMA", 44), ("D1-D4", 10), ("S1", 21), ("S2+", 3))
PEKERJAAN = (("PNS", 8), ("TNI", 2), ("POLRI", 2), ("Swasta", 26), ("Wirausaha", 34),
             ("Lainnya", 28))  # fmt: skip


def _pilih(acak: random.Random, bobot) -> str:
    return acak.choices([k for k, _b in bobot], weights=[b for _k, b in bobot])[0]


def _jawaban(acak: random.Random, kode: str, bonus: float) -> int:
    p4, p3, p2 = PELUANG[kode]
    p4 = min(0.95, p4 + bonus)
    x = acak.random()
    if x < p4:
        return 4
    if x < p4 + p3 * (1 - bonus):
        return 3
    if x < p4 + p3 * (1 - bonus) + p2:
        return 2
    return 1


def _waktu(acak: random.Random, mulai: datetime.date, selesai: datetime.date):
    hari = acak.randrange((selesai - mulai).days + 1)
    jam = datetime.time(acak.randrange(8, 15), acak.randrange(60))
    tanggal = mulai + datetime.timedelta(days=hari)
    return timezone.make_aware(datetime.datetime.combine(tanggal, jam))


def _kuesioner(acak: random.Random, periode: PeriodeSurvei, bonus: float) -> dict:
    selesai = min(periode.selesai, timezone.localdate())
    return {
        "jenis_kelamin": acak.choice("LLLPPPP"),
        "usia": max(17, min(75, int(acak.gauss(38, 12)))),
        "pendidikan": _pilih(acak, PENDIDIKAN),
        "pekerjaan": _pilih(acak, PEKERJAAN),
        "waktu": _waktu(acak, periode.mulai, max(periode.mulai, selesai)),
        **{f"U{i}": _jawaban(acak, f"U{i}", bonus) for i in range(1, 10)},
        "saran": acak.choice(SARAN) if acak.random() < 0.3 else "",
    }


def _aktor(instansi: Instansi, admin: Pegawai) -> Pegawai:
    return (
        Pegawai.objects.filter(instansi=instansi, jabatan__peran="kepala", is_active=True)
        .order_by("pk")
        .first()
        or admin
    )


def _layanan(aktor, instansi: Instansi) -> tuple[list[Layanan], int]:
    dibuat = 0
    hasil = []
    for urutan, data in enumerate(LAYANAN):
        lay = Layanan.objects.filter(instansi=instansi, nama=data["nama"]).first()
        if lay is None:
            lay = services.simpan_layanan(
                aktor=aktor,
                layanan=Layanan(
                    instansi=instansi, nama=data["nama"], uraian=data["uraian"], urutan=urutan
                ),
            )
            dibuat += 1
        sp = services.standar_dari(lay)
        if not sp.ditetapkan:
            isi = {
                k: data.get(k) or _PENGELOLAAN.get(k, "") for k, _l, _g in StandarPelayanan.KOMPONEN
            }
            isi["pengaduan"] = _PENGADUAN
            sp = services.simpan_standar(aktor=aktor, layanan=lay, data=isi)
            services.tetapkan_standar(
                aktor=aktor,
                standar=sp,
                nomor=f"Keputusan {aktor.jabatan.nama if aktor.jabatan_id else 'Camat'} "
                f"{instansi.nama.removeprefix('Kecamatan ')} Nomor {10 + urutan} Tahun 2025",
                tanggal=datetime.date(2025, 1, 6),
            )
            dibuat += 1
        hasil.append(lay)
    return hasil, dibuat


def _isi_periode(aktor, instansi, layanan, tahun, populasi, jumlah, bonus, benih, tutup) -> int:
    periode = services.buat_periode(aktor=aktor, instansi=instansi, tahun=tahun, populasi=populasi)
    if Responden.objects.filter(periode=periode).exists():
        return 0
    if periode.status != PeriodeSurvei.Status.DIBUKA:
        periode = services.buka_periode(aktor=aktor, periode=periode)
    acak = random.Random(f"{benih}-{instansi.kode_unit}-{tahun}")
    bobot_layanan = [5, 3, 4, 1]
    for _i in range(jumlah):
        lay = acak.choices(layanan, weights=bobot_layanan[: len(layanan)])[0]
        daring = acak.random() < 0.45
        catat_responden(
            periode=periode,
            layanan=lay,
            data=_kuesioner(acak, periode, bonus),
            sumber=Responden.Sumber.DARING if daring else Responden.Sumber.KERTAS,
            aktor=None if daring else aktor,
        )
    if tutup:
        services.tutup_periode(aktor=aktor, periode=periode)
    return jumlah + 1


def muat(admin: Pegawai) -> int:
    """Create the demo survey data once; returns how many rows were created."""
    dibuat = 0
    for kode in KECAMATAN:
        instansi = Instansi.objects.filter(kode_unit=kode).select_related("pemda").first()
        if instansi is None:
            continue
        aktor = _aktor(instansi, admin)
        layanan, n = _layanan(aktor, instansi)
        dibuat += n
        dibuat += _isi_periode(aktor, instansi, layanan, 2025, 1500, 120, 0.0, "skm", True)
        dibuat += _isi_periode(aktor, instansi, layanan, 2026, 1200, 40, 0.06, "skm", False)
    return dibuat
