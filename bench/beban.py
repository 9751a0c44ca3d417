"""Load on `sakip serve` over the kabupaten dataset (issue 15; build it with bench/kabupaten.py).

Starts `sakip serve` (gunicorn, SAKIP_WORKERS or 4 sync workers) on a free loopback port
against DATABASE_URL, signs in distinct sessions (Camat, Kasubag and Pemda evaluators,
sessions created directly as `login()` creates them), then for each page:

- p50/p95 with 50 users, each waiting ~1 s (0.5–1.5 s) after every response;
- closed-loop throughput with 10 clients back to back, as a ratio to the sign-in page
  (`/akun/masuk/`, anonymous GET: a template and a CSRF cookie, no data) on the same
  server — the trivial view;
- queries per request at generated size (in-process, django test Client and
  CaptureQueriesContext) against the same page of the demo (`sakip demo`, loaded into a
  throw-away SQLite database in a subprocess).

Goals (issue 15): p95 < 150 ms; throughput ≥ 50% of the trivial view; equal queries.
The load generator runs on the same machine as the server and the database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sakip_kabupaten \\
        .venv/bin/python bench/beban.py [--detik 15] [--pengguna 50] [--klien 10]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

AKAR = Path(__file__).resolve().parent.parent
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sakip.settings")
if "--kueri-demo" not in sys.argv:
    os.environ.setdefault("SAKIP_DATA_DIR", str(AKAR / "var" / "bench-kabupaten"))
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
os.environ.setdefault("SESSION_COOKIE_SECURE", "0")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

SEPELE = ("halaman masuk (sepele)", "/akun/masuk/", None)
# (title, URL with {i} = the user's agency and {r} = its Renstra, who asks)
HALAMAN = [
    ("kotak tugas", "/sop/tugas/", "kasubag"),
    ("dasbor capaian", "/pengukuran/instansi/{i}/dasbor/", "camat"),
    ("capaian", "/pengukuran/instansi/{i}/capaian/", "camat"),
    ("matriks indikator", "/perencanaan/renstra/{r}/", "camat"),
    ("isian realisasi", "/pengukuran/instansi/{i}/realisasi/", "kasubag"),
    ("evaluator Pemda", "/pengukuran/pemda/", "evaluator"),
    ("API pelaksanaan", "/api/pelaksanaan?instansi_id={i}", "kasubag"),
]
TUJUAN_P95_MS, TUJUAN_RASIO = 150, 0.5


# --- who asks: (user, agency id, Renstra id) per role ---------------------------------


def persona_kabupaten() -> dict[str, list[tuple]]:
    from kabupaten import PENANDA  # bench/kabupaten.py (bench/ is on sys.path)

    from sakip.organisasi.models import Instansi, Pegawai
    from sakip.perencanaan.models import Renstra

    instansi = list(Instansi.objects.filter(pemda__nama=PENANDA).order_by("kode_unit"))
    if not instansi:
        sys.exit("beban.py: jalankan bench/kabupaten.py dulu (basis data tanpa data bench).")
    renstra = {r.instansi_id: r.pk for r in Renstra.objects.filter(instansi__in=instansi)}
    hasil: dict[str, list[tuple]] = {"camat": [], "kasubag": [], "evaluator": []}
    for i in instansi:
        for peran in ("camat", "kasubag"):
            p = Pegawai.objects.get(username=f"{peran}.kb{i.kode_unit[-2:]}")
            hasil[peran].append((p, i.pk, renstra[i.pk]))
    for p in Pegawai.objects.filter(pemda=instansi[0].pemda, peran="evaluator").order_by("pk"):
        hasil["evaluator"].append((p, instansi[0].pk, renstra[instansi[0].pk]))
    return hasil


def persona_demo() -> dict[str, list[tuple]]:
    from sakip.organisasi.models import Instansi, Pegawai
    from sakip.perencanaan.models import Renstra

    i = Instansi.objects.get(nama="Kecamatan Bungaraya")
    r = Renstra.objects.filter(instansi=i).order_by("-tahun_akhir").first()
    return {
        peran: [(Pegawai.objects.get(username=nama), i.pk, r.pk)]
        for peran, nama in (
            ("camat", "camat.bungaraya"),
            ("kasubag", "kasubag.bungaraya"),
            ("evaluator", "evaluator.organisasi"),
        )
    }


def url_untuk(pola: str, instansi_id: int, renstra_id: int) -> str:
    return pola.format(i=instansi_id, r=renstra_id)


# --- query counts, in-process -----------------------------------------------------------


def hitung_kueri(persona: dict) -> dict[str, tuple[int, int]]:
    """{page: (queries, status)} of one warm GET by the role's first person."""
    hasil = {}
    for judul, pola, peran in [SEPELE, *HALAMAN]:
        c = Client()
        if peran:
            pegawai, i, r = persona[peran][0]
            c.force_login(pegawai)
        else:
            i = r = 0
        url = url_untuk(pola, i, r)
        c.get(url)  # warm caches, as the server's workers are
        with CaptureQueriesContext(connection) as q:
            status = c.get(url).status_code
        hasil[judul] = (len(q.captured_queries), status)
    return hasil


def kueri_demo() -> dict:
    """The demo's counts from a subprocess on a throw-away SQLite database."""
    with tempfile.TemporaryDirectory(prefix="sakip-demo-") as tmp:
        env = {
            **os.environ,
            "SAKIP_DATA_DIR": tmp,
            "DATABASE_URL": f"sqlite:///{tmp}/sakip.sqlite3",
        }
        keluar = subprocess.run(
            [sys.executable, __file__, "--kueri-demo"],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
    return json.loads(keluar.stdout.strip().splitlines()[-1])


def _jalankan_kueri_demo() -> int:
    import io

    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("demo", "--tanpa-email", stdout=io.StringIO())
    print(json.dumps(hitung_kueri(persona_demo())))
    return 0


# --- the server --------------------------------------------------------------------------


def port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def mulai_server(port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "SAKIP_BIND": f"127.0.0.1:{port}",
        "SAKIP_WORKERS": os.environ.get("SAKIP_WORKERS", "4"),
        "SAKIP_MAX_REQUESTS": "0",  # no worker restart inside a measurement
    }
    proses = subprocess.Popen(
        [sys.executable, "-m", "sakip", "serve"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=AKAR,
    )
    for _ in range(300):
        try:
            if minta(port, "/akun/masuk/", None)[0] == 200:
                return proses
        except OSError:
            pass
        time.sleep(0.1)
    proses.terminate()
    sys.exit("beban.py: sakip serve tidak menjawab dalam 30 s")


def minta(port: int, url: str, sesi: str | None) -> tuple[int, float]:
    """(status, milliseconds) of one GET on a new connection (sync workers close it)."""
    kepala = {"Host": "127.0.0.1"}
    if sesi:
        kepala["Cookie"] = f"{settings.SESSION_COOKIE_NAME}={sesi}"
    mulai = time.perf_counter()
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        c.request("GET", url, headers=kepala)
        r = c.getresponse()
        r.read()
        return r.status, (time.perf_counter() - mulai) * 1000
    finally:
        c.close()


def sesi_untuk(pegawai) -> str:
    """A signed-in session as the sign-in form leaves it (django.contrib.auth.login)."""
    c = Client()
    c.force_login(pegawai)
    return c.cookies[settings.SESSION_COOKIE_NAME].value


# --- the load ---------------------------------------------------------------------------


def pengguna_untuk(
    persona: dict, peran: str | None, jumlah: int
) -> list[tuple[str | None, int, int]]:
    """`jumlah` (session, agency, Renstra): distinct sessions, people reused round-robin."""
    if peran is None:
        return [(None, 0, 0)] * jumlah
    daftar = persona[peran]
    return [
        (
            sesi_untuk(daftar[n % len(daftar)][0]),
            daftar[n % len(daftar)][1],
            daftar[n % len(daftar)][2],
        )
        for n in range(jumlah)
    ]


def beban_terbuka(port: int, pola: str, pengguna: list, detik: float) -> tuple[list, int]:
    """Each user requests, waits 0.5–1.5 s after the response, again, for `detik`."""
    waktu: list[float] = []
    gagal = [0]
    kunci = threading.Lock()
    selesai = time.perf_counter() + detik

    def satu(sesi, i, r, acak):
        time.sleep(acak.uniform(0, 1))  # the users do not arrive together
        while time.perf_counter() < selesai:
            status, ms = minta(port, url_untuk(pola, i, r), sesi)
            with kunci:
                waktu.append(ms)
                gagal[0] += status != 200
            time.sleep(acak.uniform(0.5, 1.5))

    utas = [
        threading.Thread(target=satu, args=(*u, random.Random(n))) for n, u in enumerate(pengguna)
    ]
    for t in utas:
        t.start()
    for t in utas:
        t.join()
    return waktu, gagal[0]


def beban_tertutup(port: int, pola: str, pengguna: list, detik: float) -> float:
    """Requests per second of `len(pengguna)` clients back to back."""
    jumlah = [0]
    kunci = threading.Lock()
    mulai = time.perf_counter()
    selesai = mulai + detik

    def satu(sesi, i, r):
        while time.perf_counter() < selesai:
            minta(port, url_untuk(pola, i, r), sesi)
            with kunci:
                jumlah[0] += 1

    utas = [threading.Thread(target=satu, args=u) for u in pengguna]
    for t in utas:
        t.start()
    for t in utas:
        t.join()
    return jumlah[0] / (time.perf_counter() - mulai)


def persen(data: list[float], p: float) -> float:
    return statistics.quantiles(data, n=100, method="inclusive")[p - 1] if len(data) > 1 else 0.0


def ringkas_data() -> str:
    from sakip.organisasi.models import Instansi
    from sakip.pengukuran.models import Realisasi
    from sakip.sop.models import Pelaksanaan, Tugas

    with connection.cursor() as c:
        c.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        ukuran = c.fetchone()[0]
    return (
        f"{Instansi.objects.count()} instansi, {Realisasi.objects.count():,} realisasi, "
        f"{Pelaksanaan.objects.count():,} pelaksanaan, {Tugas.objects.count():,} tugas, "
        f"{ukuran}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--detik", type=float, default=15, help="lama tiap pengukuran")
    parser.add_argument("--pengguna", type=int, default=50, help="pengguna (beban terbuka)")
    parser.add_argument("--klien", type=int, default=10, help="klien (beban tertutup)")
    parser.add_argument("--tanpa-demo", action="store_true", help="lewati hitungan kueri demo")
    parser.add_argument(
        "--kueri-demo-dari", help="hitungan kueri demo dari berkas JSON (keluaran --kueri-demo)"
    )
    parser.add_argument("--kueri-demo", action="store_true", help=argparse.SUPPRESS)
    opsi = parser.parse_args()
    if opsi.kueri_demo:
        return _jalankan_kueri_demo()
    if connection.vendor != "postgresql":
        sys.exit("beban.py: DATABASE_URL harus menunjuk ke basis data kabupaten.py (PostgreSQL).")
    sys.path.insert(0, str(Path(__file__).parent))
    persona = persona_kabupaten()
    print(f"beban: {ringkas_data()}; beban {os.getloadavg()[0]:.1f} ({os.cpu_count()} inti)")
    if opsi.kueri_demo_dari:
        demo = json.loads(Path(opsi.kueri_demo_dari).read_text())
    else:
        demo = {} if opsi.tanpa_demo else kueri_demo()
    kab = hitung_kueri(persona)
    port = port_bebas()
    server = mulai_server(port)
    try:
        baris = ukur_semua(port, persona, opsi)
    finally:
        server.terminate()
        server.wait(timeout=60)
    cetak(baris, kab, demo, opsi)
    return 0


def ukur_semua(port: int, persona: dict, opsi) -> list[tuple]:
    baris = []
    for judul, pola, peran in [SEPELE, *HALAMAN]:
        terbuka = pengguna_untuk(persona, peran, opsi.pengguna)
        tertutup = terbuka[: opsi.klien]
        url = url_untuk(pola, *tertutup[0][1:])
        status = minta(port, url, tertutup[0][0])[0]
        # One client alone: the page's own time, the baseline of the loaded figures.
        sendiri = statistics.median(minta(port, url, tertutup[0][0])[1] for _ in range(10))
        waktu, gagal = beban_terbuka(port, pola, terbuka, opsi.detik)
        rps = beban_tertutup(port, pola, tertutup, opsi.detik)
        baris.append(
            (judul, status, sendiri, persen(waktu, 50), persen(waktu, 95), len(waktu), gagal, rps)
        )
        print(f"  {judul}: selesai (beban {os.getloadavg()[0]:.1f})", flush=True)
    return baris


def cetak(baris: list, kab: dict, demo: dict, opsi) -> None:
    sepele = baris[0][7]
    print(
        f"\n{'halaman':<24}{'1 klien':>9}{'p50':>8}{'p95':>9}{'n':>6}{'galat':>6}"
        f"{'req/s':>8}{'rasio':>7}{'q demo':>8}{'q kab.':>7}"
    )
    for judul, status, sendiri, p50, p95, n, gagal, rps in baris:
        q_kab = kab[judul][0]
        q_demo = demo.get(judul, ["-"])[0]
        tanda = "" if status == 200 else f"  (HTTP {status})"
        print(
            f"{judul:<24}{sendiri:>7.0f}ms{p50:>6.0f}ms{p95:>7.0f}ms{n:>6}{gagal:>6}"
            f"{rps:>8.1f}{rps / sepele:>6.0%}{q_demo:>8}{q_kab:>7}{tanda}"
        )
    print(
        f"tujuan: p95 < {TUJUAN_P95_MS} ms dengan {opsi.pengguna} pengguna (jeda ~1 s); "
        f"throughput {opsi.klien} klien ≥ {TUJUAN_RASIO:.0%} halaman sepele ({sepele:.1f} req/s); "
        "jumlah kueri demo = kabupaten"
    )


if __name__ == "__main__":
    sys.exit(main())
