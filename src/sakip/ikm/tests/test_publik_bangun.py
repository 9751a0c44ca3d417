"""Builders for the public-survey tests: a period with the nine elements, services, answers.

(Named test_publik_* so it sits with the tests it serves; it holds no tests itself.)
"""

from __future__ import annotations

import datetime
import time
from pathlib import Path
from unittest import mock

import yaml
from django.utils import timezone

from sakip.ikm import publik
from sakip.ikm.models import Layanan, PeriodeSurvei, StandarPelayanan

UNSUR_YAML = Path(__file__).resolve().parent.parent / "data" / "unsur.yaml"


def unsur_bawaan() -> list[dict]:
    """The nine elements of data/unsur.yaml as a period stores them."""
    daftar = yaml.safe_load(UNSUR_YAML.read_text(encoding="utf-8"))
    return [
        {"kode": f"U{i}", "nama": u["nama"], "pertanyaan": u["pertanyaan"], "jawaban": u["jawaban"]}
        for i, u in enumerate(daftar, start=1)
    ]


def buat_layanan(agensi, nama="Rekomendasi Izin Usaha", slug="izin-usaha", **kw) -> Layanan:
    return Layanan.objects.create(instansi=agensi.instansi, nama=nama, slug=slug, **kw)


def buat_periode(agensi, status=PeriodeSurvei.Status.DIBUKA, semester=1, **kw) -> PeriodeSurvei:
    hari = timezone.localdate()
    kw.setdefault("mulai", hari - datetime.timedelta(days=10))
    kw.setdefault("selesai", hari + datetime.timedelta(days=20))
    kw.setdefault("tahun", hari.year)
    kw.setdefault("unsur", unsur_bawaan())
    kw.setdefault("populasi", 500)
    return PeriodeSurvei.objects.create(
        instansi=agensi.instansi, status=status, semester=semester, **kw
    )


def buat_standar(layanan, ditetapkan=True, **kw) -> StandarPelayanan:
    isi = {
        "persyaratan": "Fotokopi KTP\nSurat pengantar RT/RW",
        "prosedur": "Pemohon datang ke loket\nPetugas memeriksa berkas\nCamat menandatangani",
        "jangka_waktu": "1 (satu) hari kerja",
        "biaya": "Tidak dipungut biaya",
        "produk": "Surat rekomendasi",
        "pengaduan": "Kotak saran di loket; WhatsApp 0812-0000-0000",
        "dasar_hukum": "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik",
        "sarana": "Ruang tunggu ber-AC",
        "kompetensi": "Memahami administrasi perizinan",
        "pengawasan": "Sekretaris Camat",
        "jumlah_pelaksana": "2 orang",
        "jaminan_pelayanan": "Maklumat pelayanan",
        "jaminan_keamanan": "Dokumen disimpan dalam lemari terkunci",
        "evaluasi": "Survei kepuasan masyarakat tiap semester",
    }
    if ditetapkan:
        isi["nomor_penetapan"] = "Keputusan Camat Alpha Nomor 12 Tahun 2025"
        isi["tanggal_penetapan"] = datetime.date(2025, 1, 6)
    isi.update(kw)
    return StandarPelayanan.objects.create(layanan=layanan, **isi)


def jawaban(nilai=(4, 3, 4, 4, 3, 4, 4, 3, 3), **lain) -> dict:
    """One questionnaire as the form posts it."""
    data = {
        "jenis_kelamin": "P",
        "usia": "34",
        "pendidikan": "SMA",
        "pekerjaan": "Wirausaha",
        "saran": "Antrean sudah rapi, pertahankan.",
    }
    data.update({f"u{i}": str(n) for i, n in enumerate(nilai, start=1)})
    data.update(lain)
    return data


def tiket_lama(periode, layanan, detik: float = 30, token=None) -> str:
    """A form ticket drawn `detik` seconds ago (a person who read the questions)."""
    with mock.patch.object(publik.time, "time", return_value=time.time() - detik):
        return publik.buat_tiket(periode, layanan, token)


def url_formulir(layanan) -> str:
    return f"/survei/{layanan.instansi.kode_unit}/{layanan.slug}/"
