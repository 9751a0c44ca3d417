"""The worker process: it outlives a database outage, beats, and says when it is unwell.

A worker that died on the first lost connection stopped the SOP schedules and reminders
silently (issue 14); `sakip worker --periksa` is what a supervisor or monitor asks.
"""

from __future__ import annotations

import datetime
import io
import json
import logging
import os
import threading

import pytest
from django.core.management import call_command
from django.db import OperationalError, connection
from django.utils import timezone

from sakip.antrian import pekerja, services
from sakip.antrian.models import Pekerja, Pekerjaan


@pytest.fixture
def antrian_kosong(monkeypatch):
    """An empty handler registry (the SOP app's periodic jobs stay out of these tests)."""
    monkeypatch.setattr(services, "_PENANGAN", {})
    monkeypatch.setattr(services, "_BERKALA", {})
    return services._PENANGAN


class PemutusBasisData:
    """An execute wrapper that fails the next `n` queries as a lost server would."""

    def __init__(self, n: int):
        self.sisa = n
        self.ditolak = 0

    def __call__(self, execute, sql, params, many, context):
        if self.sisa > 0:
            self.sisa -= 1
            self.ditolak += 1
            raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)


# --- surviving an outage ----------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_pekerja_bertahan_saat_basis_data_putus_lalu_menjalankan_pekerjaan(antrian_kosong, caplog):
    dijalankan: list[dict] = []
    antrian_kosong["laporan.buat"] = dijalankan.append
    services.antrekan("laporan.buat", {"id": 7})
    berhenti = threading.Event()
    tunggu: list[float] = []

    def tidur(detik):
        tunggu.append(detik)
        if dijalankan:  # the job ran: one more normal pause, then stop
            berhenti.set()

    # Start-up housekeeping (which shrugs it off), then four polls fail at their first query.
    putus = PemutusBasisData(5)
    with caplog.at_level(logging.WARNING), connection.execute_wrapper(putus):
        pekerja.jalankan_pekerja(jeda=1, berhenti=berhenti, tidur=tidur, tulis=lambda _: None)
    assert putus.ditolak == 5
    # Waits double while the database is away, then the normal pause resumes.
    assert tunggu == [1, 2, 4, 8, 1]
    assert dijalankan == [{"id": 7}]
    assert Pekerjaan.objects.get().selesai_pada is not None
    pesan = [r.getMessage() for r in caplog.records]
    assert sum("Basis data tidak terjangkau (OperationalError" in m for m in pesan) == 4
    assert any("terjangkau lagi setelah 4 percobaan gagal" in m for m in pesan)
    # Stopped on purpose: it leaves no heartbeat row behind.
    assert not Pekerja.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_koneksi_rusak_ditutup_agar_dibuka_baru(antrian_kosong, monkeypatch):
    ditutup: list[int] = []
    asli = pekerja._putuskan_koneksi

    def putuskan() -> None:
        ditutup.append(1)
        asli()

    monkeypatch.setattr(pekerja, "_putuskan_koneksi", putuskan)
    berhenti = threading.Event()

    def tidur(detik):
        if ditutup and connection.vendor == "postgresql":
            # The broken one is gone (SQLite's in-memory test database is never closed).
            assert connection.connection is None
        if len(ditutup) == 2 and detik == 1:
            berhenti.set()

    with connection.execute_wrapper(PemutusBasisData(3)):
        pekerja.jalankan_pekerja(jeda=1, berhenti=berhenti, tidur=tidur, tulis=lambda _: None)
    assert len(ditutup) == 2


def test_tunda_berlipat_sampai_batas():
    assert [pekerja.tunda_setelah_gagal(5, n) for n in range(1, 7)] == [5, 10, 20, 40, 60, 60]


def test_worker_sekali_tidak_menyembunyikan_basis_data_putus(db, antrian_kosong):
    # Run from cron, a lost database is the run's failure: it must show in its exit code.
    with connection.execute_wrapper(PemutusBasisData(1)), pytest.raises(OperationalError):
        call_command("worker", "--sekali", stdout=io.StringIO())


# --- heartbeat --------------------------------------------------------------------------


def test_worker_sekali_mencatat_detak(db, antrian_kosong):
    call_command("worker", "--sekali", stdout=io.StringIO())
    p = Pekerja.objects.get()
    assert p.nama == services.nama_pekerja_ini()
    assert (p.nama, p.pid) == (f"{p.host}:{p.pid}", os.getpid())
    pertama = p.detak_pada
    call_command("worker", "--sekali", stdout=io.StringIO())
    assert Pekerja.objects.get().detak_pada >= pertama


def test_detak_pekerja_lama_dibuang_saat_pekerja_mulai(db, antrian_kosong):
    lama = timezone.now() - datetime.timedelta(days=2)
    Pekerja.objects.create(nama="mati:1", host="mati", pid=1, mulai_pada=lama, detak_pada=lama)
    berhenti = threading.Event()
    pekerja.jalankan_pekerja(berhenti=berhenti, tidur=lambda _: berhenti.set(), tulis=print)
    assert not Pekerja.objects.filter(nama="mati:1").exists()


# --- health -----------------------------------------------------------------------------


def _periksa(*argumen):
    keluaran = io.StringIO()
    kode: object = 0
    try:
        call_command("worker", "--periksa", *argumen, stdout=keluaran)
    except SystemExit as e:
        kode = e.code
    return kode, keluaran.getvalue()


def _pekerja(detik_lalu: float):
    t = timezone.now() - datetime.timedelta(seconds=detik_lalu)
    return Pekerja.objects.create(
        nama=f"h:{detik_lalu}", host="h", pid=1, mulai_pada=t, detak_pada=t
    )


def test_periksa_tanpa_pekerja_tidak_sehat(db):
    kode, keluaran = _periksa()
    assert kode == 1
    assert "Pekerja hidup: 0 (detak terakhir belum pernah, batas 120 detik)" in keluaran
    assert "TIDAK SEHAT: tidak ada pekerja yang berdetak dalam 120 detik terakhir." in keluaran


def test_periksa_pekerja_berdetak_dan_antrian_lancar_sehat(db):
    _pekerja(3)
    services.antrekan("baru")  # due now: waiting, not overdue
    kode, keluaran = _periksa()
    assert kode == 0, keluaran
    assert "Pekerja hidup: 1 (detak terakhir 3 detik lalu" in keluaran
    assert "1 menunggu, 0 terlambat (> 900 detik)" in keluaran
    assert keluaran.strip().endswith("Sehat.")


def test_periksa_detak_kedaluwarsa_tidak_sehat(db):
    _pekerja(200)
    kode, keluaran = _periksa()
    assert kode == 1 and "Pekerja hidup: 0 (detak terakhir 200 detik lalu" in keluaran
    assert _periksa("--batas-detak", "300")[0] == 0


def test_periksa_pekerjaan_terlambat_tidak_sehat_dengan_angka(db):
    _pekerja(1)
    sekarang = timezone.now()
    services.antrekan("telat", pada=sekarang - datetime.timedelta(seconds=1000))
    services.antrekan("tepat")
    services.antrekan("berjalan")
    services.antrekan("yatim")
    services.antrekan("gagal")
    Pekerjaan.objects.filter(jenis="berjalan").update(
        diambil_pada=sekarang, sewa_sampai=sekarang + datetime.timedelta(minutes=5)
    )
    Pekerjaan.objects.filter(jenis="yatim").update(
        diambil_pada=sekarang, sewa_sampai=sekarang - datetime.timedelta(seconds=1)
    )
    Pekerjaan.objects.filter(jenis="gagal").update(selesai_pada=sekarang, galat="habis")
    kode, keluaran = _periksa("--json")
    hasil = json.loads(keluaran)
    assert kode == 1
    angka = {k: hasil[k] for k in ("menunggu", "terlambat", "berjalan", "sewa_habis", "gagal")}
    # The orphaned job (lease passed) is claimable again, so it waits too.
    assert angka == {"menunggu": 3, "terlambat": 1, "berjalan": 1, "sewa_habis": 1, "gagal": 1}
    assert hasil["masalah"] == ["1 pekerjaan terlambat lebih dari 900 detik"]
    assert hasil["sehat"] is False and hasil["pekerja_hidup"] == 1
    kode, keluaran = _periksa("--batas-terlambat", "2000")
    assert kode == 0, keluaran
    assert "3 menunggu, 0 terlambat (> 2000 detik), 1 berjalan, 1 sewa habis, 1 gagal" in keluaran


def test_periksa_menghitung_dengan_dua_query(db, django_assert_num_queries):
    with django_assert_num_queries(2):
        pekerja.kesehatan()


# --- admin ------------------------------------------------------------------------------


def test_admin_antrian_menampilkan_kesehatan_untuk_superuser(persona, client):
    from sakip import testing

    operator = testing.buat_pegawai("operator", pemda=persona.pemda)
    operator.is_staff = operator.is_superuser = True
    operator.save()
    services.antrekan("laporan.buat")
    client.force_login(operator)
    r = client.get("/admin/antrian/pekerjaan/")
    assert r.status_code == 200
    isi = r.content.decode()
    assert "laporan.buat" in isi and "menunggu" in isi
    assert "TIDAK SEHAT: tidak ada pekerja yang berdetak" in isi
    assert client.get("/admin/antrian/pekerja/").status_code == 200
    assert client.get("/admin/antrian/pekerjaan/add/").status_code == 403


def test_admin_pemda_tidak_melihat_antrian(persona, client):
    client.force_login(persona.admin_pemda)
    assert client.get("/admin/antrian/pekerjaan/").status_code == 403
    assert "antrian" not in client.get("/admin/").content.decode().lower()
