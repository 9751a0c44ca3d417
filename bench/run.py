"""`make bench`: speed goals, printed as numbers and as ratios to a baseline of the same run.

Goal (reports): the demo kecamatan's LKjIP — some twenty pages with charts — is generated
in a few seconds: data, PDF and Word, each printed with the monthly report and a bare
one-line PDF of the same run as baselines.

Goal (foundation): pages stay cheap as an agency grows. A 200-position agency
has 40x the positions of a 5-position one; its organisation chart and API list
must take the same number of queries and under 8x the time (per-row queries
would push the ratio towards 40x). The people list pages 50 rows (10x the small
agency's 5): under 4x. The inbox with 150 open tasks against 5: same queries,
under 10x. Timings are never asserted by tests; this prints them.

Goal (IKM): a survey period's result page is computed in the database — a period
with 5,000 questionnaires takes the same queries as one with 50 and under 3x the time;
the pure `hitung_ikm` over 10,000 rows stays under 0.5 s.

Goal (letters): taking a gap-free number (two locked counters — number and agenda —,
the pattern and the audit record) stays under 50 ms, printed against the bare locked
counter update it wraps; a TTE signature (Lembar Pengesahan, PAdES with QR stamp) under
3 s, printed against a bare one-line PDF of the same run.

Goal (Pemda): the capaian roll-up of 60 agencies × 50 indicators × 12 months in under
300 ms with the queries of 2 agencies, against the object-by-object computation it
replaced (bench/pemda.py, issue 15).
"""

from __future__ import annotations

import io
import os
import statistics
import sys
import tempfile
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sakip.settings")
os.environ.setdefault("SAKIP_DATA_DIR", tempfile.mkdtemp(prefix="sakip-bench-"))
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("SESSION_COOKIE_SECURE", "0")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402

from sakip import testing  # noqa: E402
from sakip.organisasi.models import Jabatan  # noqa: E402


def ukur(client: Client, url: str, ulang: int = 30) -> tuple[float, int]:
    """Median milliseconds and the query count of GET url."""
    client.get(url)  # warm caches
    waktu = []
    for _ in range(ulang):
        mulai = time.perf_counter()
        client.get(url)
        waktu.append((time.perf_counter() - mulai) * 1000)
    with CaptureQueriesContext(connection) as q:
        client.get(url)
    return statistics.median(waktu), len(q.captured_queries)


def agensi(pemda, nama: str, kode: str, tambahan: int):
    a = testing.buat_kecamatan(pemda, nama, kode)
    for n in range(tambahan):
        j = Jabatan.objects.create(instansi=a.instansi, nama=f"Jabatan {n}", atasan=a.j_camat)
        testing.buat_pegawai(f"b{n}.{kode.lower()}", instansi=a.instansi, jabatan=j)
    return a


def kotak_tugas_bench(pemda):
    """The inbox with 5 open tasks against 150: same queries, time well under 30x."""
    from sakip.organisasi.models import PemetaanPelaksana
    from sakip.sop import engine, services

    hasil = []
    for nama, kode, jumlah in (("Inbox Kecil", "KEC-IK", 5), ("Inbox Besar", "KEC-IB", 150)):
        a = testing.buat_kecamatan(pemda, nama, kode)
        PemetaanPelaksana.objects.create(
            instansi=a.instansi, nama_pelaksana="Kasubag Umum", jabatan=a.j_kasubag
        )
        sop = services.adopsi(aktor=a.camat, instansi=a.instansi, kode="000-laporan-bulanan")
        for n in range(jumlah):
            engine.mulai(aktor=a.kasubag, sop=sop, judul=f"Laporan {n}")
        c = Client()
        c.force_login(a.kasubag)
        hasil.append(ukur(c, "/sop/tugas/", ulang=10))
    (t0, q0), (t1, q1) = hasil
    return ("kotak tugas 5→150", t0, q0, t1, q1, t1 / t0)


def detik(fungsi, ulang: int = 3) -> tuple[float, float, object]:
    """(first call, median of the next `ulang` calls) in seconds, and the last result."""
    mulai = time.perf_counter()
    hasil = fungsi()
    pertama = time.perf_counter() - mulai
    waktu = []
    for _ in range(ulang):
        mulai = time.perf_counter()
        hasil = fungsi()
        waktu.append(time.perf_counter() - mulai)
    return pertama, statistics.median(waktu), hasil


def lkjip_bench() -> None:
    """The demo Kecamatan Bungaraya's LKjIP 2025 against its December report and a bare PDF."""
    from pypdf import PdfReader

    from sakip.dokumen.cetak import pdf_dari_html
    from sakip.laporan import dokumen, services
    from sakip.laporan.data import data_laporan
    from sakip.organisasi.models import Instansi

    # The demo's SOP runs send notifications: keep them out of the printed figures.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        call_command("demo", stdout=io.StringIO())
    instansi = Instansi.objects.get(nama="Kecamatan Bungaraya")
    kosong = detik(lambda: pdf_dari_html("<p>Halaman kosong</p>"))
    print(f"{'laporan Kecamatan Bungaraya':<30}{'data':>9}{'PDF':>9}{'(pertama)':>11}"
          f"{'DOCX':>9}{'halaman':>9}")  # fmt: skip
    hasil = {}
    for judul, jenis, periode in (
        ("LKjIP 2025", "lkjip", 0),
        ("Bulanan Desember 2025", "bulanan", 12),
    ):
        lap = services.siapkan_laporan(
            aktor=None, instansi=instansi, jenis=jenis, tahun=2025, periode=periode
        )
        _p, data, _d = detik(lambda lap=lap: data_laporan(lap))
        pertama, pdf, isi = detik(lambda lap=lap: dokumen.laporan_pdf(lap))
        _p, docx, _d = detik(lambda lap=lap: dokumen.laporan_docx(lap))
        halaman = len(PdfReader(io.BytesIO(isi)).pages)
        hasil[jenis] = pdf
        print(f"{judul:<30}{data:>8.2f}s{pdf:>8.2f}s{pertama:>10.2f}s{docx:>8.2f}s{halaman:>9}")
    print(f"{'PDF satu baris':<30}{'':>9}{kosong[1]:>8.2f}s{kosong[0]:>10.2f}s")
    print(
        f"tujuan: LKjIP (data + PDF + DOCX) dalam beberapa detik; PDF LKjIP = "
        f"{hasil['lkjip'] / hasil['bulanan']:.1f}x laporan bulanan, "
        f"{hasil['lkjip'] / kosong[1]:.0f}x PDF satu baris"
    )


def ikm_bench(pemda) -> None:
    import datetime
    import random

    from sakip.ikm import hitung
    from sakip.ikm import services as ikm
    from sakip.ikm.models import Layanan, Responden

    baris = []
    for nama, kode, jumlah in (("IKM Kecil", "KEC-SK", 50), ("IKM Besar", "KEC-SKB", 5000)):
        a = testing.buat_kecamatan(pemda, nama, kode)
        lay = ikm.simpan_layanan(aktor=a.camat, layanan=Layanan(instansi=a.instansi, nama="SKU"))
        periode = ikm.buat_periode(
            aktor=a.camat,
            instansi=a.instansi,
            tahun=2026,
            mulai=datetime.date(2026, 1, 1),
            selesai=datetime.date(2026, 12, 31),
            populasi=10_000,
        )
        acak = random.Random(jumlah)
        Responden.objects.bulk_create(
            Responden(
                periode=periode,
                layanan=lay,
                sumber="kertas",
                jenis_kelamin=acak.choice("LP"),
                usia=acak.randint(18, 70),
                pendidikan=acak.choice(["SD", "SMA", "S1"]),
                pekerjaan=acak.choice(["PNS", "Swasta", "Lainnya"]),
                **{f"u{i}": acak.randint(2, 4) for i in range(1, 10)},
            )
            for _ in range(jumlah)
        )
        c = Client()
        c.force_login(a.camat)
        baris.append(ukur(c, f"/ikm/periode/{periode.pk}/", ulang=10))
    (t0, q0), (t1, q1) = baris
    print(f"{'halaman':<20}{'50 resp.':>12}{'q':>4}{'5.000 resp.':>14}{'q':>4}{'rasio':>8}")
    print(f"{'IKM periode':<20}{t0:>10.1f}ms{q0:>4}{t1:>12.1f}ms{q1:>4}{t1 / t0:>7.2f}x")
    acak = random.Random(1)
    data = [{f"U{i}": acak.randint(1, 4) for i in range(1, 10)} for _ in range(10_000)]
    mulai = time.perf_counter()
    hasil = hitung.hitung_ikm(data)
    lama = time.perf_counter() - mulai
    print(f"hitung_ikm 10.000 baris: {lama * 1000:.1f} ms (IKM {float(hasil.ikm):.2f})")
    print("tujuan: IKM periode 50→5.000 responden, query sama, rasio < 3x; hitung_ikm < 0,5 s")
    print()


def surat_bench(pemda) -> None:
    from django.db import transaction

    from sakip.dokumen.cetak import pdf_dari_html
    from sakip.surat import services as surat
    from sakip.surat.models import Urutan
    from sakip.surat.tte import services as tte

    a = testing.buat_kecamatan(pemda, "Surat Bench", "KEC-SB")
    waktu_nomor = []
    for n in range(60):
        s = surat.naskah_keluar(
            aktor=a.camat, instansi=a.instansi, perihal=f"Surat {n}", kode_klasifikasi="000.1.5"
        )
        mulai = time.perf_counter()
        surat.beri_nomor(aktor=a.camat, surat=s)
        waktu_nomor.append((time.perf_counter() - mulai) * 1000)
    waktu_kosong = []
    for _ in range(60):
        mulai = time.perf_counter()
        with transaction.atomic():
            u = Urutan.objects.select_for_update().get(instansi=a.instansi, jenis="nomor_surat")
            u.terakhir += 0
            u.save(update_fields=["terakhir"])
        waktu_kosong.append((time.perf_counter() - mulai) * 1000)
    t_nomor, t_kosong = statistics.median(waktu_nomor), statistics.median(waktu_kosong)
    print(
        f"nomor surat: {t_nomor:.2f} ms (pembaruan penghitung terkunci {t_kosong:.2f} ms, "
        f"rasio {t_nomor / t_kosong:.2f}x)"
    )
    tte.buat_kunci_demo(pegawai=a.camat, passphrase="bench-passphrase")
    satu_baris = pdf_dari_html("<p>Surat</p>")
    t_pdf = detik(lambda: pdf_dari_html("<p>Surat</p>"))[1]
    waktu_ttd = []
    for n in range(3):
        s = surat.naskah_keluar(
            aktor=a.camat, instansi=a.instansi, perihal=f"TTE {n}", kode_klasifikasi="000.7.2.7"
        )
        mulai = time.perf_counter()
        tte.tandatangani(aktor=a.camat, surat=s, passphrase="bench-passphrase", pdf=satu_baris)
        waktu_ttd.append(time.perf_counter() - mulai)
    t_ttd = statistics.median(waktu_ttd)
    rasio = t_ttd / t_pdf
    print(f"TTE satu surat: {t_ttd:.2f} s (PDF satu baris {t_pdf:.2f} s, rasio {rasio:.1f}x)")
    print("tujuan: nomor surat < 50 ms; TTE < 3 s")
    print()


def main() -> int:
    call_command("migrate", verbosity=0)
    pemda = testing.buat_pemda("Kabupaten Bench")
    kecil = agensi(pemda, "Kecil", "KEC-K", 1)
    besar = agensi(pemda, "Besar", "KEC-B", 196)
    baris = []
    for judul, url_fn in [
        ("bagan organisasi", lambda a: f"/instansi/{a.instansi.pk}/"),
        ("daftar pegawai", lambda a: f"/instansi/{a.instansi.pk}/pegawai/"),
        ("API jabatan", lambda a: f"/api/instansi/{a.instansi.pk}/jabatan"),
    ]:
        hasil = []
        for a in (kecil, besar):
            c = Client()
            c.force_login(a.camat)
            hasil.append(ukur(c, url_fn(a)))
        (t0, q0), (t1, q1) = hasil
        baris.append((judul, t0, q0, t1, q1, t1 / t0))
    baris.append(kotak_tugas_bench(pemda))
    print(f"{'halaman':<20}{'kecil':>12}{'q':>4}{'besar':>14}{'q':>4}{'rasio':>8}")
    for judul, t0, q0, t1, q1, rasio in baris:
        print(f"{judul:<20}{t0:>10.1f}ms{q0:>4}{t1:>12.1f}ms{q1:>4}{rasio:>7.2f}x")
    print(
        "tujuan: jumlah query sama; rasio waktu < 8x (bagan, API: 5→200 jabatan), "
        "< 4x (daftar: 5→50 baris/halaman), < 10x (kotak tugas: 5→150 tugas)"
    )
    ikm_bench(pemda)
    print()
    surat_bench(pemda)
    from pemda import pemda_bench  # bench/pemda.py: the Pemda capaian roll-up, 60 agencies

    pemda_bench()
    lkjip_bench()
    biaya_bench()
    kabupaten_bench()
    return 0


def biaya_bench() -> None:
    """bench/transisi.py (one SOP transition vs the raw SQL of its writes), bench/impor.py
    (a realisasi import vs bulk_create of the same rows) and bench/nomor.py (letter numbers
    at 20 clients vs a bare counter; PostgreSQL only), each in its own process with a fresh
    data folder: they build their own data, and a second run on one database collides."""
    import subprocess
    from pathlib import Path

    for skrip, argumen in (("transisi.py", []), ("impor.py", ["10000"]), ("nomor.py", [])):
        print()
        env = {**os.environ, "SAKIP_DATA_DIR": tempfile.mkdtemp(prefix="sakip-bench-")}
        jalur = str(Path(__file__).with_name(skrip))
        subprocess.run([sys.executable, jalur, *argumen], env=env, check=True)


def kabupaten_bench() -> None:
    """bench/kabupaten.py + bench/beban.py (issue 15) on the PostgreSQL database named by
    BENCH_KABUPATEN_URL, when set: they need their own database and a few minutes."""
    import subprocess
    from pathlib import Path

    url = os.environ.get("BENCH_KABUPATEN_URL")
    if not url:
        print("kabupaten: BENCH_KABUPATEN_URL tidak diatur, beban kabupaten dilewati")
        return
    env = {**os.environ, "DATABASE_URL": url}
    env.pop("SAKIP_DATA_DIR", None)  # the dataset's files live in var/bench-kabupaten
    for skrip in ("kabupaten.py", "beban.py"):
        subprocess.run([sys.executable, str(Path(__file__).with_name(skrip))], env=env, check=True)


if __name__ == "__main__":
    sys.exit(main())
