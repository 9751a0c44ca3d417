"""Several workers, one database (PostgreSQL): each job runs once, each scheduled run exists once.

A Pemda may run `sakip worker` on every app server. Two promises make that safe:

- the claim (`SELECT … FOR UPDATE SKIP LOCKED`) gives a due job to one worker only: two
  real `sakip worker` processes race over the same 50 jobs and each job's effect is
  written exactly once;
- the SOP schedule starts a period's run once per agency even when two workers run the
  schedule at the same moment (two `sop.jadwalkan` jobs of adjacent intervals, one per
  worker): both pass the "does it exist yet?" check, and the unique constraint behind
  `engine.mulai_terjadwal` lets one of them create the run.

SQLite takes the whole file for a write transaction, which proves nothing about either,
so both tests need PostgreSQL and committed rows (`transaction=True`).
"""

from __future__ import annotations

import datetime
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection, connections, transaction

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

JENIS = "uji.dua_pekerja"
JUMLAH = 50


@pytest.fixture
def postgres():
    if connection.vendor != "postgresql":
        pytest.skip("uji dua pekerja dijalankan pada PostgreSQL")


# --- the handler, run inside each worker process ---------------------------------------


def _catat(data: dict) -> None:
    """Write one row per run (no unique key: a job run twice would show as two rows)."""
    from django.db import connection as koneksi

    with koneksi.cursor() as c:
        c.execute("INSERT INTO uji_jalan (kunci, pid) VALUES (%s, %s)", [data["n"], os.getpid()])
    time.sleep(0.02)  # long enough for the other worker to poll meanwhile


def _jalankan_sebagai_pekerja(argumen: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sakip.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from sakip.antrian import services

    services._BERKALA.clear()  # only the test's jobs: the SOP schedules stay out
    services.penangan(JENIS)(_catat)
    call_command("worker", *argumen)


# --- the test's side -------------------------------------------------------------------


def _url_basis_data_uji() -> str:
    s = connection.settings_dict
    sandi = f":{quote(s['PASSWORD'])}" if s.get("PASSWORD") else ""
    host, port = s["HOST"] or "127.0.0.1", s["PORT"] or 5432
    return f"postgres://{quote(s['USER'])}{sandi}@{host}:{port}/{s['NAME']}"


def _mulai_pekerja(tmp_path: Path, nama: str) -> subprocess.Popen:
    log = open(tmp_path / f"{nama}.log", "wb")  # noqa: SIM115 — closed with the process
    return subprocess.Popen(
        [sys.executable, "-m", "sakip.antrian.tests.test_dua_pekerja", "--jeda", "0.1"],
        env={
            **os.environ,
            "DATABASE_URL": _url_basis_data_uji(),
            "SAKIP_DATA_DIR": str(tmp_path),
            "DJANGO_SETTINGS_MODULE": "sakip.settings",
            "LOG_LEVEL": "WARNING",
        },
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def _sql(query: str, params=()) -> list[tuple]:
    with connection.cursor() as c:
        c.execute(query, params)
        return c.fetchall() if c.description else []


def _tunggu(syarat, detik: float, pesan: str, proses: list[subprocess.Popen]):
    batas = time.monotonic() + detik
    while time.monotonic() < batas:
        hasil = syarat()
        if hasil:
            return hasil
        for p in proses:
            assert p.poll() is None, f"pekerja berhenti sendiri (kode {p.returncode})"
        time.sleep(0.1)
    pytest.fail(pesan)


@pytest.fixture
def tabel_jalan():
    _sql("CREATE TABLE uji_jalan (id serial PRIMARY KEY, kunci int NOT NULL, pid int NOT NULL)")
    yield
    _sql("DROP TABLE uji_jalan")


def test_dua_proses_pekerja_menjalankan_tiap_pekerjaan_tepat_sekali(
    postgres, tabel_jalan, tmp_path
):
    from sakip.antrian import services
    from sakip.antrian.models import Pekerja, Pekerjaan

    pekerja = [_mulai_pekerja(tmp_path, f"pekerja-{i}") for i in (1, 2)]
    try:
        # Both are polling before any job exists, so neither has a head start.
        _tunggu(lambda: Pekerja.objects.count() == 2, 60, "pekerja tidak berdetak", pekerja)
        with transaction.atomic():  # the 50 jobs become visible to both at one instant
            for n in range(JUMLAH):
                services.antrekan(JENIS, {"n": n})
        _tunggu(
            lambda: not Pekerjaan.objects.filter(selesai_pada__isnull=True).exists(),
            60,
            "pekerjaan tidak selesai",
            pekerja,
        )
        for p in pekerja:
            p.send_signal(signal.SIGTERM)
        assert [p.wait(30) for p in pekerja] == [0, 0]
    finally:
        for p in pekerja:
            if p.poll() is None:
                p.kill()
                p.wait(10)

    jalan = _sql("SELECT kunci, pid FROM uji_jalan ORDER BY kunci")
    pid = {p.pid for p in pekerja}
    per_pid = {q: sum(1 for _, x in jalan if x == q) for q in pid}
    print(f"\nuji dua pekerja: {len(jalan)} kali dijalankan untuk {JUMLAH} pekerjaan, {per_pid}")
    assert [k for k, _ in jalan] == list(range(JUMLAH))  # each job exactly once
    assert {x for _, x in jalan} == pid  # and both workers took part
    tercatat = {
        p.data["n"]: (p.diambil_oleh, p.percobaan, p.galat) for p in Pekerjaan.objects.all()
    }
    for kunci, oleh in jalan:
        # The worker that ran a job is the one whose claim it holds; nothing was retried.
        assert tercatat[kunci][0].endswith(f":{oleh}")
        assert tercatat[kunci][1:] == (0, "")


# --- the SOP schedule under two workers --------------------------------------------------


def _adopsi_laporan_bulanan(agensi):
    from sakip.organisasi.models import PemetaanPelaksana
    from sakip.sop import services

    PemetaanPelaksana.objects.create(
        instansi=agensi.instansi, nama_pelaksana="Kasubag Umum", jabatan=agensi.j_kasubag
    )
    return services.adopsi(aktor=agensi.camat, instansi=agensi.instansi, kode="000-laporan-bulanan")


class PintuBersama:
    """Holds each worker at `mulai_terjadwal` until the other reaches it for the same run.

    So both have passed `jadwalkan_sop`'s existence check before either inserts: the race
    the unique constraint must settle, made certain rather than left to timing.
    """

    def __init__(self, asli):
        self.asli = asli
        self.kunci = threading.Lock()
        self.gerbang: dict[tuple[int, str], threading.Barrier] = {}
        self.hasil: list[tuple[str, int, str, bool]] = []

    def __call__(self, sop, periode, judul):
        with self.kunci:
            gerbang = self.gerbang.setdefault((sop.pk, periode), threading.Barrier(2, timeout=20))
        gerbang.wait()
        dibuat = self.asli(sop, periode, judul)
        with self.kunci:
            self.hasil.append(
                (threading.current_thread().name, sop.pk, periode, dibuat is not None)
            )
        return dibuat


def test_dua_pekerja_menjadwalkan_sop_serentak_satu_pelaksanaan_per_instansi_dan_periode(
    postgres, persona, monkeypatch
):
    from django.utils import timezone

    from sakip.antrian import services
    from sakip.antrian.models import Pekerjaan
    from sakip.sop import engine
    from sakip.sop.models import Pelaksanaan

    sop = [_adopsi_laporan_bulanan(persona.a), _adopsi_laporan_bulanan(persona.b)]
    # 3 November: the monthly report of October is due in both agencies.
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: datetime.date(2026, 11, 3))
    monkeypatch.setattr(services, "_BERKALA", {"sop.jadwalkan": 15})
    pintu = PintuBersama(engine.mulai_terjadwal)
    monkeypatch.setattr(engine, "mulai_terjadwal", pintu)
    # Two ticks of the schedule due at once (a worker was behind): one job for each worker.
    awal = datetime.datetime(2026, 11, 3, 8, 0, tzinfo=datetime.UTC)
    for menit in (0, 15):
        services.jadwalkan_berkala(awal + datetime.timedelta(minutes=menit))
    assert Pekerjaan.objects.filter(jenis="sop.jadwalkan").count() == 2

    mulai = threading.Barrier(2)
    galat: list[BaseException] = []
    diklaim: dict[str, int | None] = {}

    def pekerja() -> None:
        nama = threading.current_thread().name
        try:
            mulai.wait()
            hasil = services.jalankan_satu(nama)
            diklaim[nama] = hasil.pk if hasil else None
        except BaseException as exc:  # noqa: BLE001 — reported below
            galat.append(exc)
        finally:
            connections.close_all()  # this thread's own connection

    utas = [threading.Thread(target=pekerja, name=f"pekerja-{i}") for i in (1, 2)]
    for u in utas:
        u.start()
    for u in utas:
        u.join(60)
    assert not galat, galat
    # Each worker claimed one of the two jobs (SKIP LOCKED), and both finished cleanly.
    assert sorted(v for v in diklaim.values() if v) == sorted(
        Pekerjaan.objects.filter(jenis="sop.jadwalkan").values_list("pk", flat=True)
    )
    gagal = Pekerjaan.objects.exclude(galat="")
    assert not gagal.exists(), [p.galat for p in gagal]

    # Both workers reached the start of each agency's run; exactly one created it.
    for s in sop:
        percobaan = [(nama, dibuat) for nama, pk, periode, dibuat in pintu.hasil if pk == s.pk]
        assert {nama for nama, _ in percobaan} == {"pekerja-1", "pekerja-2"}, pintu.hasil
        assert sorted(dibuat for _, dibuat in percobaan) == [False, True]
    runs = list(
        Pelaksanaan.objects.filter(terjadwal=True).values_list("sop__instansi_id", "periode")
    )
    assert sorted(runs) == sorted((s.instansi_id, "2026-10") for s in sop)


if __name__ == "__main__":
    _jalankan_sebagai_pekerja(sys.argv[1:])
