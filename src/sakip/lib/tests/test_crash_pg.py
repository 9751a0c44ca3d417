"""Crash consistency on PostgreSQL: a process killed with SIGKILL leaves nothing half-done.

The worker is killed in the middle of a job; a fresh worker takes the job again once its
lease has passed, and SQL proves the job finished and its effect happened exactly once.
The worker runs as a real `sakip worker` process (this module run as a script registers
the test's handler first) against pytest-django's test database, so the test needs
committed rows (`transaction=True`) and PostgreSQL (SQLite proves nothing about locks
and connections of separate processes).

The burst test does the same to a process driving SOP transitions, letter numbers and
Excel imports of the month's realisasi: after the kill, and again after a restart
finished the burst, SQL proves every task agrees with its event log, no number is lost
or doubled, and every import is all or nothing (a month's rows all there, each with its
audit row, or none). The checked counts reach the CI log through the `ringkasan`
fixture (src/sakip/conftest.py's terminal summary).
"""

from __future__ import annotations

import contextlib
import itertools
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from io import BytesIO
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

JENIS = "uji.crash"
SEWA_DETIK = 2  # short lease: the killed worker's job is free again two seconds later


@pytest.fixture
def postgres():
    if connection.vendor != "postgresql":
        pytest.skip("uji crash dijalankan pada PostgreSQL")


# --- the handler, run inside the worker process ----------------------------------------


def _efek(data: dict) -> None:
    """Mark the start, sleep on the first start only, then record the effect once per key.

    The effect is keyed (`ON CONFLICT DO NOTHING`): a job retried after a crash that came
    after the effect was written would not write it twice.
    """
    from django.db import connection as koneksi

    with koneksi.cursor() as c:
        c.execute("SELECT count(*) FROM uji_mulai WHERE kunci = %s", [data["kunci"]])
        pertama = c.fetchone()[0] == 0
        c.execute(
            "INSERT INTO uji_mulai (kunci, pid) VALUES (%s, %s)", [data["kunci"], os.getpid()]
        )
    time.sleep(data["tidur"] if pertama else 0.2)
    with koneksi.cursor() as c:
        c.execute(
            "INSERT INTO uji_efek (kunci, pid) VALUES (%s, %s) ON CONFLICT (kunci) DO NOTHING",
            [data["kunci"], os.getpid()],
        )


def _jalankan_sebagai_pekerja(argumen: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sakip.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from sakip.antrian import services

    services._BERKALA.clear()  # only the test's job: the SOP schedules stay out
    services.penangan(JENIS)(_efek)
    call_command("worker", *argumen)


def _jalankan_ledakan(staf_pk: int, camat_pk: int, folder_impor: str) -> None:
    """Drive every open task by its holder, number every draft letter and import every
    month's realisasi sheet in `folder_impor` (every second turn), interleaved.

    Reviews are approved except every third, which sends the work back (a loop the log
    must record too). A step that refuses (it needs an attachment) is left open. A sheet
    whose month is stored already (by the killed run) is not imported again.
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sakip.settings")
    import django

    django.setup()
    from django.core.exceptions import ValidationError

    from sakip.organisasi.models import Pegawai
    from sakip.sop import engine
    from sakip.sop.kesalahan import KesalahanAlur
    from sakip.sop.models import Tugas
    from sakip.surat import services as surat
    from sakip.surat.models import Surat

    staf = Pegawai.objects.get(pk=staf_pk)
    camat = Pegawai.objects.select_related("instansi").get(pk=camat_pk)
    tanggal = surat.hari_ini()
    macet: set[int] = set()
    lembar = sorted(Path(folder_impor).glob("realisasi-*.xlsx"))
    print("siap", flush=True)
    for giliran in itertools.count():
        tugas = (
            Tugas.objects.filter(status="terbuka")
            .exclude(pk__in=macet)
            .select_related("pelaksanaan__versi", "pelaksanaan__instansi")
            .order_by("id")
            .first()
        )
        draf = Surat.objects.filter(arah="keluar", nomor_urut__isnull=True).order_by("id").first()
        if tugas is None and draf is None and not lembar:
            return
        if lembar and (giliran % 2 == 0 or (tugas is None and draf is None)):
            _impor(camat, lembar.pop(0))
        if tugas is not None:
            try:
                _maju(engine, tugas)
            except (ValidationError, KesalahanAlur, PermissionError):
                macet.add(tugas.pk)
        if draf is not None:
            surat.beri_nomor(aktor=staf, surat=draf, tanggal=tanggal)


def _impor(camat, berkas: Path) -> None:
    from sakip.pengukuran import excel
    from sakip.pengukuran.models import Realisasi

    tahun, bulan = (int(x) for x in berkas.stem.split("-")[1:])
    if Realisasi.objects.filter(instansi=camat.instansi, tahun=tahun, bulan=bulan).exists():
        return  # imported before the kill
    hasil = excel.impor_realisasi(
        aktor=camat, instansi=camat.instansi, tahun=tahun, bulan=bulan, berkas=berkas.read_bytes()
    )
    assert hasil.berhasil, hasil.galat


def _maju(engine, tugas) -> None:
    pelaku = engine.penerima_tugas(tugas)[0]
    langkah = tugas.pelaksanaan.versi.langkah_ke(tugas.langkah_no)
    if langkah.get("keputusan"):
        engine.putuskan(aktor=pelaku, tugas=tugas, setuju=tugas.pk % 3 != 0, catatan="uji")
    elif langkah.get("bentuk_tim"):
        orang = list(tugas.pelaksanaan.instansi.pegawai.order_by("pk")[:2])
        engine.selesaikan(aktor=pelaku, tugas=tugas, tim=orang, ketua=orang[0])
    else:
        engine.selesaikan(aktor=pelaku, tugas=tugas, catatan="uji")


# --- the test's side -------------------------------------------------------------------


def _alamat_basis_data() -> tuple[str, int]:
    s = connection.settings_dict
    return s["HOST"] or "127.0.0.1", int(s["PORT"] or 5432)


def _url_basis_data_uji(alamat: tuple[str, int] | None = None) -> str:
    s = connection.settings_dict
    host, port = alamat or _alamat_basis_data()
    sandi = f":{quote(s['PASSWORD'])}" if s.get("PASSWORD") else ""
    return f"postgres://{quote(s['USER'])}{sandi}@{host}:{port}/{s['NAME']}"


def _lingkungan(tmp_path: Path, alamat: tuple[str, int] | None = None) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": _url_basis_data_uji(alamat),
        "SAKIP_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "sakip.settings",
        "LOG_LEVEL": "WARNING",
    }


def _mulai_pekerja(
    tmp_path: Path, nama: str, alamat: tuple[str, int] | None = None
) -> subprocess.Popen:
    log = open(tmp_path / f"{nama}.log", "wb")  # noqa: SIM115 — closed with the process
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sakip.lib.tests.test_crash_pg",
            "--jeda",
            "0.2",
            "--sewa",
            str(SEWA_DETIK),
        ],
        env=_lingkungan(tmp_path, alamat),
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def _sql(query: str, params=()) -> list[tuple]:
    with connection.cursor() as c:
        c.execute(query, params)
        return c.fetchall() if c.description else []


def _tunggu(syarat, detik: float, pesan: str, *proses: subprocess.Popen):
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
def tabel_efek():
    _sql("CREATE TABLE uji_mulai (id serial PRIMARY KEY, kunci text NOT NULL, pid int NOT NULL)")
    _sql("CREATE TABLE uji_efek (kunci text PRIMARY KEY, pid int NOT NULL)")
    yield
    _sql("DROP TABLE uji_mulai, uji_efek")


def _hentikan(p: subprocess.Popen) -> None:
    if p.poll() is None:
        p.kill()
        p.wait(10)


def test_pekerja_dibunuh_di_tengah_pekerjaan_diulang_dan_efeknya_sekali(
    postgres, tabel_efek, tmp_path, ringkasan
):
    from sakip.antrian import services
    from sakip.antrian.models import Pekerjaan

    services.antrekan(JENIS, {"kunci": "laporan-7", "tidur": 60})
    pk = Pekerjaan.objects.get().pk
    pertama = _mulai_pekerja(tmp_path, "pertama")
    kedua = None
    try:
        _tunggu(lambda: _sql("SELECT pid FROM uji_mulai"), 60, "pekerjaan tidak dimulai", pertama)
        # Running longer than its lease: the lease is renewed, so nobody may take it.
        time.sleep(SEWA_DETIK * 1.5)
        ((oleh, sewa_masih_berlaku),) = _sql(
            "SELECT diambil_oleh, sewa_sampai > now() FROM antrian_pekerjaan WHERE id = %s", [pk]
        )
        assert oleh.endswith(f":{pertama.pid}") and sewa_masih_berlaku
        os.kill(pertama.pid, signal.SIGKILL)
        pertama.wait(10)
        assert _sql("SELECT count(*) FROM uji_efek") == [(0,)]
        assert _sql("SELECT selesai_pada IS NULL FROM antrian_pekerjaan WHERE id = %s", [pk]) == [
            (True,)
        ]

        kedua = _mulai_pekerja(tmp_path, "kedua")
        _tunggu(
            lambda: _sql(
                "SELECT 1 FROM antrian_pekerjaan WHERE id = %s AND selesai_pada IS NOT NULL", [pk]
            ),
            60,
            "pekerjaan tidak diselesaikan pekerja kedua",
            kedua,
        )
        # systemd stops with SIGTERM: the worker leaves cleanly and removes its heartbeat.
        kedua.send_signal(signal.SIGTERM)
        assert kedua.wait(30) == 0
    finally:
        _hentikan(pertama)
        if kedua is not None:
            _hentikan(kedua)

    ((percobaan, galat, oleh, selesai),) = _sql(
        "SELECT percobaan, galat, diambil_oleh, selesai_pada IS NOT NULL "
        "FROM antrian_pekerjaan WHERE id = %s",
        [pk],
    )
    mulai = _sql("SELECT pid FROM uji_mulai ORDER BY id")
    efek = _sql("SELECT kunci, pid FROM uji_efek")
    detak = _sql("SELECT pid FROM antrian_pekerja ORDER BY pid")
    ringkasan(
        "uji crash pekerja (SIGKILL di tengah pekerjaan)",
        dimulai=len(mulai),
        efek=len(efek),
        percobaan=percobaan,
        detak_tersisa=len(detak),
    )
    assert selesai and percobaan == 1 and galat == ""
    assert oleh.endswith(f":{kedua.pid}")
    assert mulai == [(pertama.pid,), (kedua.pid,)]
    assert efek == [("laporan-7", kedua.pid)]
    # The killed worker's row stays (its beat stops ageing only in the health check);
    # the one stopped with SIGTERM removed its own.
    assert detak == [(pertama.pid,)]


if __name__ == "__main__":
    if sys.argv[1:2] == ["ledakan"]:
        _jalankan_ledakan(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
    else:
        _jalankan_sebagai_pekerja(sys.argv[1:])


# --- a real outage: the network to the database cut, then restored -----------------------


class Penerus:
    """A TCP relay between the worker and PostgreSQL that the test cuts and restores."""

    def __init__(self, tujuan: tuple[str, int]):
        self.tujuan = tujuan
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.alamat = ("127.0.0.1", s.getsockname()[1])
        self._dengar: socket.socket | None = None
        self._soket: list[socket.socket] = []

    def sambung(self) -> None:
        dengar = socket.socket()
        dengar.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        dengar.bind(self.alamat)
        dengar.listen()
        self._dengar = dengar
        threading.Thread(target=self._terima, args=(dengar,), daemon=True).start()

    def putus(self) -> None:
        """Refuse new connections and drop the open ones, as a lost server would."""
        if self._dengar is not None:
            # shutdown wakes the thread blocked in accept(); close alone does not on Linux.
            with contextlib.suppress(OSError):
                self._dengar.shutdown(socket.SHUT_RDWR)
            self._dengar.close()
            self._dengar = None
        for s in self._soket:
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            s.close()
        self._soket.clear()

    def _terima(self, dengar: socket.socket) -> None:
        while True:
            try:
                klien, _ = dengar.accept()
            except OSError:
                return
            if self._dengar is not dengar:  # cut while accepting: refuse this one too
                klien.close()
                return
            server = socket.create_connection(self.tujuan)
            self._soket += [klien, server]
            for a, b in ((klien, server), (server, klien)):
                threading.Thread(target=self._salurkan, args=(a, b), daemon=True).start()

    @staticmethod
    def _salurkan(a: socket.socket, b: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := a.recv(65536):
                b.sendall(data)
        for s in (a, b):
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)


def test_pekerja_bertahan_saat_jaringan_ke_basis_data_putus(
    postgres, tabel_efek, tmp_path, ringkasan
):
    from sakip.antrian import services
    from sakip.antrian.models import Pekerjaan

    penerus = Penerus(_alamat_basis_data())
    penerus.sambung()
    pekerja = _mulai_pekerja(tmp_path, "putus", penerus.alamat)
    log = tmp_path / "putus.log"
    try:
        _tunggu(
            lambda: _sql("SELECT 1 FROM antrian_pekerja"), 60, "pekerja tidak berdetak", pekerja
        )
        penerus.putus()
        _tunggu(
            lambda: log.read_text().count("Basis data tidak terjangkau") >= 3,
            60,
            "pekerja tidak melihat basis data putus",
            pekerja,
        )
        # The database is away for a while; work arrives meanwhile (from elsewhere).
        services.antrekan(JENIS, {"kunci": "setelah-putus", "tidur": 0})
        time.sleep(1)
        assert pekerja.poll() is None
        penerus.sambung()
        _tunggu(
            lambda: Pekerjaan.objects.filter(selesai_pada__isnull=False).exists(),
            60,
            "pekerjaan tidak dijalankan setelah basis data kembali",
            pekerja,
        )
        pekerja.send_signal(signal.SIGTERM)
        assert pekerja.wait(30) == 0
    finally:
        _hentikan(pekerja)
        penerus.putus()
    isi = log.read_text()
    gagal = isi.count("Basis data tidak terjangkau")
    ringkasan("uji putus jaringan ke basis data", percobaan_gagal=gagal, pekerjaan_dijalankan=1)
    assert "Basis data terjangkau lagi" in isi
    assert _sql("SELECT kunci FROM uji_efek") == [("setelah-putus",)]
    assert Pekerjaan.objects.get().galat == ""


# --- a burst of transitions and letter numbers, killed -----------------------------------

RUN = 8
SURAT = 40
TAHUN_IMPOR = (2024, 2025)  # a sheet per month of each: 24 imports


def _mulai_ledakan(tmp_path: Path, nama: str, a) -> subprocess.Popen:
    log = open(tmp_path / f"{nama}.log", "wb")  # noqa: SIM115 — closed with the process
    perintah = ["ledakan", str(a.staf.pk), str(a.camat.pk), str(tmp_path / "impor")]
    return subprocess.Popen(
        [sys.executable, "-m", "sakip.lib.tests.test_crash_pg", *perintah],
        env=_lingkungan(tmp_path),
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def _siapkan_lembar_impor(a, folder: Path) -> int:
    """The month's realisasi sheet of every month of `TAHUN_IMPOR`, filled in as the Camat
    (a reviewer: every indicator) would; returns the rows per sheet."""
    from openpyxl import load_workbook

    from sakip.pengukuran import excel
    from sakip.pengukuran.forms import acuan_pengguna
    from sakip.perencanaan.tests import bangun

    bangun.renstra(a)
    folder.mkdir()
    for tahun in TAHUN_IMPOR:
        daftar, _pemeriksa = acuan_pengguna(a.camat, a.instansi, tahun)
        skala = {x.kode: x.skala for x in daftar}
        for bulan in range(1, 13):
            buku = load_workbook(BytesIO(excel.templat_realisasi(a.instansi, tahun, bulan, daftar)))
            ws = buku["Realisasi"]
            for baris in ws.iter_rows():
                kode = baris[0].value
                if kode in skala:
                    baris[4].value = skala[kode][0] if skala[kode] else 10 + bulan
            buku.save(folder / f"realisasi-{tahun}-{bulan:02d}.xlsx")
    return len(daftar)


def _siapkan_ledakan(persona):
    from sakip.organisasi.models import PemetaanPelaksana
    from sakip.sop import engine
    from sakip.sop import services as sop
    from sakip.surat import services as surat

    a = persona.a
    PemetaanPelaksana.objects.create(
        instansi=a.instansi, nama_pelaksana="Kasubag Umum", jabatan=a.j_kasubag
    )
    laporan = sop.adopsi(aktor=a.camat, instansi=a.instansi, kode="000-laporan-bulanan")
    for i in range(RUN):
        engine.mulai(aktor=a.kasubag, sop=laporan, judul=f"Laporan bulanan {i + 1}")
    for i in range(SURAT):
        surat.naskah_keluar(
            aktor=a.staf, instansi=a.instansi, perihal=f"Surat {i + 1}", kode_klasifikasi="000.1.5"
        )
    return a


def test_ledakan_transisi_nomor_dan_impor_dibunuh_tetap_konsisten(
    postgres, persona, tmp_path, ringkasan
):
    a = _siapkan_ledakan(persona)
    per_lembar = _siapkan_lembar_impor(a, tmp_path / "impor")
    ((jumlah_surat,),) = _sql("SELECT count(*) FROM surat_surat WHERE arah = 'keluar'")
    pertama = _mulai_ledakan(tmp_path, "ledakan-1", a)
    try:
        # Killed once a good part of the burst is done, at no particular statement.
        _tunggu(
            lambda: (
                _sql("SELECT count(*) FROM surat_surat WHERE nomor_urut IS NOT NULL")[0][0]
                >= SURAT // 3
            ),
            120,
            "ledakan tidak berjalan",
            pertama,
        )
        os.kill(pertama.pid, signal.SIGKILL)
        pertama.wait(10)
        sebelum = _angka_ledakan()
        assert 0 < sebelum["surat_bernomor"] < jumlah_surat, sebelum
        saat_dibunuh = _periksa_konsisten(per_lembar)
        # Restarted: the rest of the burst completes on what the killed one left.
        kedua = _mulai_ledakan(tmp_path, "ledakan-2", a)
        assert kedua.wait(300) == 0, (tmp_path / "ledakan-2.log").read_text()[-3000:]
    finally:
        _hentikan(pertama)
    sesudah = _angka_ledakan()
    diperiksa = _periksa_konsisten(per_lembar)
    ringkasan(
        "uji crash ledakan (SIGKILL, lalu diulang)",
        **{f"dibunuh_{k}": v for k, v in {**sebelum, **saat_dibunuh}.items()},
        **{f"diperiksa_{k}": v for k, v in diperiksa.items()},
    )
    # Every letter got its number in the end (the runs' own letters too), every sheet
    # was imported once.
    assert sesudah["surat_bernomor"] >= jumlah_surat
    assert sesudah["tugas_selesai"] > sebelum["tugas_selesai"]
    assert diperiksa["impor_utuh"] == 12 * len(TAHUN_IMPOR)


def _angka_ledakan() -> dict[str, int]:
    ((bernomor, tugas_selesai, tugas_terbuka, peristiwa, run_tamat),) = _sql(
        """SELECT
            (SELECT count(*) FROM surat_surat WHERE nomor_urut IS NOT NULL),
            (SELECT count(*) FROM sop_tugas WHERE status = 'selesai'),
            (SELECT count(*) FROM sop_tugas WHERE status = 'terbuka'),
            (SELECT count(*) FROM sop_peristiwa),
            (SELECT count(*) FROM sop_pelaksanaan WHERE status = 'selesai')"""
    )
    return {
        "surat_bernomor": bernomor,
        "tugas_selesai": tugas_selesai,
        "tugas_terbuka": tugas_terbuka,
        "peristiwa": peristiwa,
        "run_tamat": run_tamat,
    }


def _periksa_konsisten(per_lembar: int) -> dict[str, int]:
    """The SQL checks; returns how many rows each one looked at."""
    # 1–2. Every task and run agrees with its event log: the restore check's own rules
    # (sakip.portal.pemulihan), so the crash test and `sakip pemulihan periksa` agree.
    from sakip.portal import pemulihan

    tugas = pemulihan.periksa_log_tugas()
    assert tugas.baik, f"tugas dan log peristiwa tidak sepakat: {tugas.masalah[:10]}"
    run = pemulihan.periksa_log_pelaksanaan()
    assert run.baik, f"pelaksanaan tidak sesuai lognya: {run.masalah[:10]}"
    # 3. Letter and agenda numbers: 1..n, none lost or doubled, the counter at n, each
    # numbering in the audit trail once.
    surat = _sql(
        "SELECT nomor_urut, nomor_agenda, nomor_surat, status FROM surat_surat "
        "WHERE arah = 'keluar' AND nomor_urut IS NOT NULL"
    )
    n = len(surat)
    assert sorted(s[0] for s in surat) == list(range(1, n + 1))
    assert sorted(s[1] for s in surat) == list(range(1, n + 1))
    assert len({s[2] for s in surat}) == n and all(s[3] == "bernomor" for s in surat)
    urutan = dict(_sql("SELECT jenis, terakhir FROM surat_urutan"))
    assert urutan.get("nomor_surat", 0) == n and urutan.get("agenda_keluar", 0) == n, urutan
    ((audit,),) = _sql(
        "SELECT count(*) FROM audit_catatanaudit WHERE keterangan = 'Memberi nomor surat keluar'"
    )
    assert audit == n
    tanpa_nomor = _sql(
        "SELECT count(*) FROM surat_surat WHERE arah = 'keluar' AND nomor_urut IS NULL "
        "AND (nomor_agenda IS NOT NULL OR status <> 'draf')"
    )
    assert tanpa_nomor == [(0,)]
    impor = _periksa_impor(per_lembar)
    return {
        "tugas": tugas.diperiksa,
        "pelaksanaan": run.diperiksa,
        "surat_bernomor": n,
        "audit": audit,
        "impor_utuh": impor,
    }


def _periksa_impor(per_lembar: int) -> int:
    """4. Each import is all or nothing: a month holds every row of its sheet or none, and
    exactly one audit record of the import (issue 15) listing each of those rows. Returns
    the number of months imported whole."""
    bulan = _sql(
        """SELECT r.tahun, r.bulan, count(*), count(DISTINCT c.id),
            max((SELECT count(*) FROM jsonb_object_keys(c.perubahan) k
                WHERE k ~ '[(]baris [0-9]+[)]$'))
        FROM pengukuran_realisasi r LEFT JOIN audit_catatanaudit c ON c.aksi = 'lain'
            AND c.instansi_id = r.instansi_id
            AND c.perubahan -> 'Periode' ->> 1 = r.tahun || '-' || lpad(r.bulan::text, 2, '0')
        GROUP BY r.instansi_id, r.tahun, r.bulan"""
    )
    salah = [b for b in bulan if b[2] != per_lembar or b[3] != 1 or b[4] != per_lembar]
    assert not salah, f"impor setengah jadi (tahun, bulan, baris, catatan, tercatat): {salah}"
    return len(bulan)
