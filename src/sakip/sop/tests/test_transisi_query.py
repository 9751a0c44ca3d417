"""One transition's statements (issue 15): the run's version and the agency's calendar come
from the process caches once committed, the notifications in one INSERT; the caches never
serve rolled-back or changed data."""

import datetime

import pytest
from django.utils import timezone

from sakip.kalender import tembolok as kalender_tembolok
from sakip.kalender.models import HariLibur
from sakip.notifikasi.models import Notifikasi
from sakip.sop import engine
from sakip.sop.engine import tembolok as versi_tembolok


@pytest.fixture(autouse=True)
def tembolok_bersih():
    # These tests run on-commit callbacks inside a test transaction that is rolled back:
    # what they cached must not reach the next test (SQLite hands the ids out again).
    versi_tembolok.kosongkan()
    kalender_tembolok.kosongkan()
    yield
    versi_tembolok.kosongkan()
    kalender_tembolok.kosongkan()


def _dua_run(persona, sop):
    return [
        engine.mulai(aktor=persona.a.kasubag, sop=sop, judul=f"LB {n}").tugas.get()
        for n in range(2)
    ]


def test_serah_terima_langkah_dengan_tembolok_hangat(
    persona, laporan_bulanan, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    pertama, kedua = _dua_run(persona, laporan_bulanan)
    with django_capture_on_commit_callbacks(execute=True):
        engine.selesaikan(aktor=persona.a.kasubag, tugas=pertama)
    # Lock run (+ agency) and task, the actor's positions, the task and event writes, the
    # audit chain (3), the actor mapping, the new task, the run, its holders (2) and one
    # notification INSERT; + the savepoint pair of the test transaction. No version,
    # agency, calendar or holiday read, no savepoint per notification.
    with django_assert_max_num_queries(16):  # 23 before issue 15
        engine.selesaikan(aktor=persona.a.kasubag, tugas=kedua)
    baru = kedua.pelaksanaan.tugas.get(langkah_no=2)
    assert Notifikasi.objects.filter(kunci=f"tugas:{baru.pk}:baru").count() == 1


def test_tembolok_hanya_menyimpan_yang_di_commit(persona, laporan_bulanan):
    pertama, _kedua = _dua_run(persona, laporan_bulanan)
    engine.selesaikan(aktor=persona.a.kasubag, tugas=pertama)  # on_commit never runs here
    assert versi_tembolok._simpanan == {} and kalender_tembolok._simpanan == {}


def test_hari_libur_baru_langsung_berlaku_walau_kalender_tersimpan(
    persona, laporan_bulanan, django_capture_on_commit_callbacks
):
    instansi = persona.a.instansi
    with django_capture_on_commit_callbacks(execute=True):
        kalender = kalender_tembolok.kalender_tercache(instansi)
    assert kalender_tembolok.kalender_tercache(instansi) is kalender  # kept
    besok = timezone.localdate() + datetime.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        libur = HariLibur.objects.create(pemda=persona.pemda, tanggal=besok, nama="Libur Daerah")
    assert besok in kalender_tembolok.kalender_tercache(instansi).libur
    with django_capture_on_commit_callbacks(execute=True):
        libur.delete()
    assert besok not in kalender_tembolok.kalender_tercache(instansi).libur


def test_pembaca_lama_tidak_menyimpan_kalender_usang(persona, django_capture_on_commit_callbacks):
    """A reader that read before a change commits after it: its old calendar is dropped."""
    instansi = persona.a.instansi
    with django_capture_on_commit_callbacks(execute=False) as panggilan:
        kalender_tembolok.kalender_tercache(instansi)  # reads, store deferred to commit
    kalender_tembolok.kosongkan()  # a calendar changed meanwhile
    for fungsi in panggilan:
        fungsi()
    assert kalender_tembolok._simpanan == {}


def test_kirim_banyak_menjaga_kunci_dan_hanya_mengirim_surel_baris_baru(
    persona, mailoutbox, django_capture_on_commit_callbacks
):
    from sakip.notifikasi import services as notifikasi

    a = persona.a
    a.camat.email, a.sekcam.email = "camat@contoh.go.id", "sekcam@contoh.go.id"
    notifikasi.kirim(penerima=a.camat, judul="Satu", kunci="uji:1")
    with django_capture_on_commit_callbacks(execute=True):
        baru = notifikasi.kirim_banyak(
            penerima=[a.camat, a.sekcam, a.sekcam], judul="Satu", kunci="uji:1"
        )
    assert baru == 1  # the head already had it; the secretary once, not twice
    assert Notifikasi.objects.filter(kunci="uji:1").count() == 2
    assert [m.to for m in mailoutbox] == [["sekcam@contoh.go.id"]]
