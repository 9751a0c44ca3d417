"""One SOP transition against the raw SQL of its writes (issue 15).

Goal: `engine.selesaikan` of a plain step (no decision, no tindakan, no files: the
task is closed, the event and audit rows appended, the next step's task created and
its holder notified) takes at most 2x the time of its own writes replayed as raw SQL.

The baseline is measured in the same run on the same data: the INSERT and UPDATE
statements of one transition are recorded with their parameters (an execute wrapper,
so the replay sends what Django sent, not a re-quoted string), then replayed with a
cursor inside one transaction per round, committed like the transition is. Printed:
median milliseconds and statements of each, and the ratio.

Run alone (`python bench/transisi.py`, `DATABASE_URL=postgres://… python bench/transisi.py`)
or from `bench/run.py`.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
import uuid

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sakip.settings")
os.environ.setdefault("SAKIP_DATA_DIR", tempfile.mkdtemp(prefix="sakip-bench-"))
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402

ULANG = 200
TULIS = ("INSERT", "UPDATE")


def siapkan(jumlah: int):
    """An agency with Laporan Bulanan adopted and `jumlah` runs waiting at step 1."""
    from sakip import testing
    from sakip.organisasi.models import PemetaanPelaksana
    from sakip.sop import engine, services

    tanda = uuid.uuid4().hex[:6]  # reruns on one PostgreSQL database do not collide
    pemda = testing.buat_pemda(f"Kabupaten Transisi {tanda}")
    a = testing.buat_kecamatan(pemda, f"Transisi {tanda}", f"KEC-T{tanda}")
    PemetaanPelaksana.objects.create(
        instansi=a.instansi, nama_pelaksana="Kasubag Umum", jabatan=a.j_kasubag
    )
    sop = services.adopsi(aktor=a.camat, instansi=a.instansi, kode="000-laporan-bulanan")
    langkah = sop.versi_terbaru().langkah_ke(1)
    # A plain hand-over: what is measured is the engine, not a tindakan or a review.
    assert not (langkah.get("keputusan") or langkah.get("tindakan") or langkah.get("subproses"))
    tugas = [
        engine.mulai(aktor=a.kasubag, sop=sop, judul=f"Laporan {n}").tugas.get()
        for n in range(jumlah)
    ]
    return a, tugas


def rekam_tulisan(fungsi) -> tuple[list[tuple[str, tuple]], int]:
    """(the INSERT/UPDATE statements fungsi sent, with parameters; all statements)."""
    tulisan: list[tuple[str, tuple]] = []

    def perekam(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith(TULIS):
            tulisan.append((sql, tuple(params or ())))
        return execute(sql, params, many, context)

    with CaptureQueriesContext(connection) as q, connection.execute_wrapper(perekam):
        fungsi()
    return tulisan, len(q.captured_queries)


def ulangi_tulisan(tulisan: list[tuple[str, tuple]], putaran: int) -> None:
    """Replay the writes in one committed transaction; unique keys made unique per round."""
    with transaction.atomic(), connection.cursor() as cur:
        for sql, params in tulisan:
            cur.execute(sql, tuple(_unik(p, putaran) for p in params))


def _unik(nilai, putaran: int):
    # The notification's dedup key (penerima, kunci) is unique: vary it, keep its length.
    if isinstance(nilai, str) and nilai.startswith("tugas:"):
        return f"{nilai}:r{putaran}"
    return nilai


def median_ms(waktu: list[float]) -> float:
    return statistics.median(waktu) * 1000


def transisi_bench(ulang: int = ULANG) -> float:
    from sakip.sop import engine

    a, tugas = siapkan(ulang + 2)
    engine.selesaikan(aktor=a.kasubag, tugas=tugas.pop())  # warm caches (content types …)
    tulisan, jumlah = rekam_tulisan(lambda: engine.selesaikan(aktor=a.kasubag, tugas=tugas.pop()))
    waktu = []
    for t in tugas:
        mulai = time.perf_counter()
        engine.selesaikan(aktor=a.kasubag, tugas=t)
        waktu.append(time.perf_counter() - mulai)
    with CaptureQueriesContext(connection) as q:
        ulangi_tulisan(tulisan, ulang)
    jumlah_mentah = len(q.captured_queries)  # with BEGIN/COMMIT where the backend logs them
    mentah = []
    for putaran in range(ulang):
        mulai = time.perf_counter()
        ulangi_tulisan(tulisan, putaran)
        mentah.append(time.perf_counter() - mulai)
    t_engine, t_mentah = median_ms(waktu), median_ms(mentah)
    rasio = t_engine / t_mentah
    print(f"{'transisi SOP (' + connection.vendor + ')':<34}{'median':>10}{'statement':>11}")
    print(f"{'engine.selesaikan':<34}{t_engine:>8.2f}ms{jumlah:>11}")
    print(f"{'SQL mentah tulisannya':<34}{t_mentah:>8.2f}ms{jumlah_mentah:>11}")
    print(f"rasio {rasio:.2f}x (tujuan: <= 2x), {ulang} putaran")
    return rasio


def main() -> int:
    call_command("migrate", verbosity=0)
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        transisi_bench()
    return 0


if __name__ == "__main__":
    sys.exit(main())
