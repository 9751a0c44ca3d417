"""The background job queue: what is queued runs once, when due, and failures are kept.

The worker beside the web server (`sakip worker`) is how a Kasubag's reminders and the
SOP schedules happen without anyone clicking; these stories pin what it promises.
Each test registers its own handlers on an empty registry, so the SOP app's periodic
jobs (registered at start-up) neither run here nor leak into other tests.
"""

from __future__ import annotations

import datetime
import io
import threading

import pytest
from django.core.management import call_command
from django.db import connection, connections, transaction
from django.utils import timezone

from sakip.antrian import services
from sakip.antrian.models import Pekerjaan
from sakip.notifikasi.models import Notifikasi

# A Monday morning at 08:00 UTC: on a 15- and 60-minute boundary since the epoch.
SENIN = datetime.datetime(2026, 1, 5, 8, 0, tzinfo=datetime.UTC)


@pytest.fixture
def penangan(monkeypatch):
    """An empty handler registry for the test; returns the calls each handler received."""
    monkeypatch.setattr(services, "_PENANGAN", {})
    monkeypatch.setattr(services, "_BERKALA", {})
    panggilan: dict[str, list[dict]] = {}

    def daftar(jenis, *, setiap_menit=None, gagal=None):
        panggilan[jenis] = []

        @services.penangan(jenis, setiap_menit=setiap_menit)
        def _jalan(data):
            panggilan[jenis].append(data)
            if gagal is not None:
                gagal(data)

        return panggilan[jenis]

    return daftar


@pytest.fixture
def jam(monkeypatch):
    """A clock the test moves: `jam.ke(t)` sets now, `jam.maju(menit)` moves it on."""

    class Jam:
        sekarang = SENIN

        def ke(self, t):
            self.sekarang = t

        def maju(self, menit):
            self.sekarang += datetime.timedelta(minutes=menit)

    j = Jam()
    monkeypatch.setattr(timezone, "now", lambda: j.sekarang)
    return j


# --- enqueueing -----------------------------------------------------------------------


def test_pekerjaan_diantrekan_jatuh_tempo_seketika(db, jam):
    assert services.antrekan("laporan.buat", {"instansi": 7}) is True
    p = Pekerjaan.objects.get()
    assert (p.jenis, p.data) == ("laporan.buat", {"instansi": 7})
    assert p.jalankan_pada == SENIN
    assert p.diambil_pada is None and p.selesai_pada is None
    assert (p.percobaan, p.galat, p.kunci) == (0, "", None)


def test_kunci_sama_diantrekan_sekali_tanpa_merusak_transaksi_pemanggil(db):
    # The caller is inside its own transaction (a service): a duplicate key must not
    # poison it, only answer False.
    with transaction.atomic():
        assert services.antrekan("pengingat", kunci="tugas:9") is True
        assert services.antrekan("pengingat", {"lagi": True}, kunci="tugas:9") is False
        assert services.antrekan("pengingat", kunci="tugas:10") is True
    assert sorted(Pekerjaan.objects.values_list("kunci", flat=True)) == ["tugas:10", "tugas:9"]
    assert Pekerjaan.objects.get(kunci="tugas:9").data == {}


def test_pekerjaan_tanpa_kunci_boleh_berulang(db):
    assert services.antrekan("pengingat") and services.antrekan("pengingat")
    assert Pekerjaan.objects.filter(jenis="pengingat").count() == 2


# --- claiming ---------------------------------------------------------------------------


def test_pekerjaan_diklaim_sekali_yang_tertua_dulu(db, jam):
    services.antrekan("b", pada=SENIN - datetime.timedelta(minutes=1))
    services.antrekan("a", pada=SENIN - datetime.timedelta(minutes=5))
    pertama = services._klaim("pekerja-1")
    kedua = services._klaim("pekerja-2")
    assert (pertama.jenis, pertama.diambil_oleh, pertama.diambil_pada) == ("a", "pekerja-1", SENIN)
    assert (kedua.jenis, kedua.diambil_oleh) == ("b", "pekerja-2")
    # Both are taken (still running): nobody claims them a second time.
    assert services._klaim("pekerja-3") is None
    assert Pekerjaan.objects.get(jenis="a").diambil_oleh == "pekerja-1"


def test_klaim_melewati_yang_sudah_diambil_atau_selesai(db, jam):
    services.antrekan("diambil")
    services.antrekan("selesai")
    services.antrekan("menunggu")
    Pekerjaan.objects.filter(jenis="diambil").update(diambil_pada=SENIN, diambil_oleh="lain")
    Pekerjaan.objects.filter(jenis="selesai").update(selesai_pada=SENIN)
    assert services._klaim("saya").jenis == "menunggu"
    assert services._klaim("saya") is None


# --- running ----------------------------------------------------------------------------


def test_pekerjaan_jatuh_tempo_dijalankan_sekali(db, jam, penangan):
    panggilan = penangan("laporan.buat")
    services.antrekan("laporan.buat", {"instansi": 7})
    jam.maju(1)
    p = services.jalankan_satu("pekerja-1")
    assert panggilan == [{"instansi": 7}]
    p.refresh_from_db()
    assert p.selesai_pada == SENIN + datetime.timedelta(minutes=1)
    assert (p.galat, p.percobaan, p.diambil_oleh) == ("", 0, "pekerja-1")
    assert services.jalankan_satu("pekerja-2") is None
    assert panggilan == [{"instansi": 7}]


def test_antrian_kosong_tidak_menjalankan_apa_pun(db, penangan):
    assert services.jalankan_satu() is None
    assert services.jalankan_semua() == 0


def test_penangan_mengirim_notifikasi_ke_kasubag(persona, penangan, monkeypatch):
    # A reminder job notifies the Kasubag of Alpha; Beta's Kasubag gets nothing.
    from sakip.notifikasi import services as notifikasi

    a, b = persona.a, persona.b

    def ingatkan(data):
        from sakip.organisasi.models import Pegawai

        orang = Pegawai.objects.get(pk=data["pegawai"])
        notifikasi.kirim(penerima=orang, judul="Laporan bulanan jatuh tempo besok")

    monkeypatch.setitem(services._PENANGAN, "pengingat.laporan", ingatkan)
    services.antrekan("pengingat.laporan", {"pegawai": a.kasubag.pk})
    assert services.jalankan_semua() == 1
    assert list(Notifikasi.objects.milik(a.kasubag).values_list("judul", flat=True)) == [
        "Laporan bulanan jatuh tempo besok"
    ]
    assert not Notifikasi.objects.milik(b.kasubag).exists()


def test_jalankan_semua_berhenti_di_batas(db, penangan):
    panggilan = penangan("hitung")
    for i in range(3):
        services.antrekan("hitung", {"i": i})
    assert services.jalankan_semua(batas=2) == 2
    assert panggilan == [{"i": 0}, {"i": 1}]
    assert Pekerjaan.objects.filter(selesai_pada__isnull=True).count() == 1
    assert services.jalankan_semua() == 1


# --- failures -----------------------------------------------------------------------------


def _rusak(data):
    raise RuntimeError("server dokumen tidak menjawab")


def test_pekerjaan_gagal_dicatat_dan_dicoba_lagi_dengan_jeda(db, jam, penangan):
    panggilan = penangan("dokumen.buat", gagal=_rusak)
    services.antrekan("dokumen.buat", {"id": 3})
    p = services.jalankan_satu()
    p.refresh_from_db()
    assert p.percobaan == 1
    assert "RuntimeError: server dokumen tidak menjawab" in p.galat
    assert "Traceback" in p.galat
    # Released for another try two minutes later, not finished.
    assert p.diambil_pada is None and p.selesai_pada is None
    assert p.jalankan_pada == SENIN + datetime.timedelta(minutes=2)
    jam.maju(1)
    assert services.jalankan_satu() is None
    jam.maju(1)
    assert services.jalankan_satu().pk == p.pk
    p.refresh_from_db()
    assert p.percobaan == 2
    assert p.jalankan_pada == SENIN + datetime.timedelta(minutes=2 + 4)
    assert len(panggilan) == 2


def test_pekerjaan_berhenti_dicoba_setelah_batas_percobaan(db, jam, penangan):
    panggilan = penangan("dokumen.buat", gagal=_rusak)
    services.antrekan("dokumen.buat")
    for _ in range(services.MAKS_PERCOBAAN):
        jam.ke(Pekerjaan.objects.get().jalankan_pada)
        assert services.jalankan_satu() is not None
    p = Pekerjaan.objects.get()
    assert p.percobaan == services.MAKS_PERCOBAAN
    assert p.selesai_pada is not None and "server dokumen" in p.galat
    jam.maju(24 * 60)
    assert services.jalankan_satu() is None
    assert len(panggilan) == services.MAKS_PERCOBAAN


def test_pekerjaan_berhasil_setelah_gagal_menghapus_galat(db, jam, penangan):
    sekali_gagal = iter([True])

    def gagal_pertama(data):
        if next(sekali_gagal, False):
            raise RuntimeError("sekali saja")

    penangan("dokumen.buat", gagal=gagal_pertama)
    services.antrekan("dokumen.buat")
    services.jalankan_satu()
    jam.maju(2)
    p = services.jalankan_satu()
    p.refresh_from_db()
    assert p.selesai_pada is not None
    assert (p.galat, p.percobaan) == ("", 1)


def test_jenis_tanpa_penangan_dicatat_sebagai_galat(db, penangan):
    services.antrekan("jenis.tak.dikenal")
    p = services.jalankan_satu()
    p.refresh_from_db()
    assert p.percobaan == 1 and p.selesai_pada is None
    assert "Tidak ada penangan untuk pekerjaan 'jenis.tak.dikenal'" in p.galat


# --- scheduling -------------------------------------------------------------------------


def test_pekerjaan_terjadwal_tidak_dijalankan_sebelum_waktunya(db, jam, penangan):
    panggilan = penangan("surat.kirim")
    services.antrekan("surat.kirim", {"surat": 1}, pada=SENIN + datetime.timedelta(minutes=30))
    assert services.jalankan_semua() == 0
    jam.maju(29)
    assert services.jalankan_semua() == 0
    assert panggilan == []
    jam.maju(1)  # exactly due
    assert services.jalankan_semua() == 1
    assert panggilan == [{"surat": 1}]


def test_jadwal_berkala_sekali_per_interval(db, jam, penangan):
    penangan("sop.jadwalkan", setiap_menit=15)
    penangan("laporan.harian", setiap_menit=60)
    assert services.jadwalkan_berkala(SENIN) == 2
    # Several workers, or one waking again within the interval: nothing new.
    assert services.jadwalkan_berkala(SENIN) == 0
    assert services.jadwalkan_berkala(SENIN + datetime.timedelta(minutes=14, seconds=59)) == 0
    assert services.jadwalkan_berkala(SENIN + datetime.timedelta(minutes=15)) == 1
    # Waking at 08:59 queues the 08:45 slot; the 08:30 one slept through is not caught up.
    assert services.jadwalkan_berkala(SENIN + datetime.timedelta(minutes=59)) == 1
    assert services.jadwalkan_berkala(SENIN + datetime.timedelta(minutes=60)) == 2
    per_jenis = {
        j: Pekerjaan.objects.filter(jenis=j).count() for j in ("sop.jadwalkan", "laporan.harian")
    }
    assert per_jenis == {"sop.jadwalkan": 4, "laporan.harian": 2}


def test_penangan_biasa_tidak_dijadwalkan_berkala(db, penangan):
    penangan("hanya.atas.permintaan")
    assert services.jadwalkan_berkala(SENIN) == 0
    assert not Pekerjaan.objects.exists()


# --- the `sakip worker --sekali` command --------------------------------------------------


def test_worker_sekali_menjalankan_yang_jatuh_tempo_lalu_berhenti(db, jam, penangan):
    berkala = penangan("laporan.harian", setiap_menit=60)
    biasa = penangan("surat.kirim")
    services.antrekan("surat.kirim", {"surat": 1})
    services.antrekan("surat.kirim", {"surat": 2}, pada=SENIN + datetime.timedelta(hours=1))
    keluaran = io.StringIO()
    call_command("worker", "--sekali", stdout=keluaran)
    assert keluaran.getvalue().strip() == "2 pekerjaan dijalankan"
    assert (len(berkala), biasa) == (1, [{"surat": 1}])
    assert Pekerjaan.objects.filter(selesai_pada__isnull=True).get().data == {"surat": 2}
    # Run again in the same hour: the periodic job is not queued twice, nothing is due.
    keluaran = io.StringIO()
    call_command("worker", "--sekali", stdout=keluaran)
    assert keluaran.getvalue() == ""
    assert (len(berkala), len(biasa)) == (1, 1)


def test_worker_sekali_menjalankan_jadwal_sop_yang_terdaftar(persona):
    # The real registry: the SOP app registers its periodic jobs when Django starts.
    assert {"sop.jadwalkan", "sop.ingatkan"} <= set(services._BERKALA)
    call_command("worker", "--sekali", stdout=io.StringIO())
    jenis = set(Pekerjaan.objects.values_list("jenis", flat=True))
    assert {"sop.jadwalkan", "sop.ingatkan"} <= jenis
    gagal = Pekerjaan.objects.exclude(galat="")
    assert not gagal.exists(), [p.galat for p in gagal]
    assert not Pekerjaan.objects.filter(selesai_pada__isnull=True).exists()


# --- two workers on PostgreSQL ----------------------------------------------------------


@pytest.fixture
def postgres():
    # SQLite serialises writers for the whole file, which proves nothing about claims.
    if connection.vendor != "postgresql":
        pytest.skip("uji konkurensi dijalankan pada PostgreSQL")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_dua_pekerja_serentak_menjalankan_tiap_pekerjaan_sekali(postgres, penangan, monkeypatch):
    kunci = threading.Lock()
    dijalankan: list[tuple[str, int]] = []

    def catat(data):
        with kunci:
            dijalankan.append((threading.current_thread().name, data["n"]))

    monkeypatch.setitem(services._PENANGAN, "hitung", catat)
    for n in range(40):
        services.antrekan("hitung", {"n": n})

    gerbang = threading.Barrier(2)
    galat: list[BaseException] = []

    def pekerja():
        try:
            gerbang.wait()
            while services.jalankan_satu(threading.current_thread().name) is not None:
                pass
        except BaseException as exc:  # noqa: BLE001 — the test reports it below
            galat.append(exc)
        finally:
            connections.close_all()

    utas = [threading.Thread(target=pekerja, name=f"pekerja-{i}") for i in (1, 2)]
    for u in utas:
        u.start()
    for u in utas:
        u.join(60)
    assert not galat, galat
    assert sorted(n for _, n in dijalankan) == list(range(40))
    assert not Pekerjaan.objects.filter(selesai_pada__isnull=True).exists()
    # Who ran a job is who claimed it.
    for nama, n in dijalankan:
        assert Pekerjaan.objects.get(data__n=n).diambil_oleh == nama


# --- leases: a worker that died ---------------------------------------------------------


def test_pekerjaan_pekerja_mati_diambil_lagi_setelah_sewa_habis(db, jam, penangan):
    panggilan = penangan("laporan.buat")
    services.antrekan("laporan.buat", {"id": 1})
    # A worker claims it for a minute, then is killed (it never records anything).
    diambil = services._klaim("pekerja-mati", sewa=60)
    assert diambil.sewa_sampai == SENIN + datetime.timedelta(seconds=60)
    jam.maju(0.5)
    assert services.jalankan_satu("pekerja-hidup") is None  # the lease still holds
    jam.maju(1)
    p = services.jalankan_satu("pekerja-hidup")
    assert p is not None and panggilan == [{"id": 1}]
    p.refresh_from_db()
    assert (p.diambil_oleh, p.percobaan, p.galat) == ("pekerja-hidup", 1, "")
    assert p.selesai_pada == SENIN + datetime.timedelta(minutes=1.5)


def test_pekerjaan_diambil_lagi_mencatat_pekerja_yang_hilang(db, jam, penangan):
    penangan("dokumen.buat", gagal=_rusak)
    services.antrekan("dokumen.buat")
    services._klaim("pekerja-mati", sewa=60)
    jam.maju(2)
    diambil = services._klaim("pekerja-baru")
    diambil.refresh_from_db()
    assert diambil.percobaan == 1
    assert diambil.galat.startswith("Pekerja pekerja-mati berhenti sebelum pekerjaan selesai")
    assert diambil.sewa_sampai == SENIN + datetime.timedelta(minutes=2, seconds=services.SEWA_DETIK)


def test_sewa_habis_setelah_batas_percobaan_dinyatakan_gagal(db, jam, penangan):
    panggilan = penangan("dokumen.buat")
    services.antrekan("dokumen.buat", {"urutan": 1}, pada=SENIN - datetime.timedelta(minutes=1))
    services.antrekan("dokumen.buat", {"urutan": 2})
    # The first job has lost its worker on every attempt but the last.
    services._klaim("pekerja-mati", sewa=60)
    Pekerjaan.objects.filter(data__urutan=1).update(percobaan=services.MAKS_PERCOBAAN - 1)
    jam.maju(2)
    p = services.jalankan_satu("pekerja-baru")
    # Not run again: failed with the reason; the next job runs instead.
    assert p.data == {"urutan": 2} and panggilan == [{"urutan": 2}]
    gagal = Pekerjaan.objects.get(data__urutan=1)
    assert gagal.gagal and gagal.percobaan == services.MAKS_PERCOBAAN
    assert gagal.selesai_pada == SENIN + datetime.timedelta(minutes=2)
    assert "Pekerja pekerja-mati berhenti" in gagal.galat
    assert f"Batas {services.MAKS_PERCOBAAN} percobaan tercapai" in gagal.galat
    assert services.jalankan_satu("pekerja-baru") is None


def test_klaim_tanpa_sewa_dari_sebelum_migrasi_tidak_direbut(db, jam):
    # A row claimed without a lease (as before leases existed) is left alone; the
    # migration gave every such unfinished row a lease from its claim.
    services.antrekan("lama")
    Pekerjaan.objects.update(diambil_pada=SENIN - datetime.timedelta(days=3), diambil_oleh="x")
    assert services._klaim("baru") is None


def test_pekerja_terlambat_tidak_menimpa_hasil_pekerja_pengganti(db, jam, penangan):
    # The first worker hung past its lease; the job was claimed again and finished. When
    # the first one wakes and fails, its record must not reopen the finished job.
    penangan("dokumen.buat")
    services.antrekan("dokumen.buat")
    lama = services._klaim("pekerja-lambat", sewa=60)
    assert lama is not None
    jam.maju(2)
    assert services.jalankan_satu("pekerja-pengganti") is not None
    try:
        raise RuntimeError("bangun kesiangan")
    except RuntimeError:
        services._catat_gagal(lama)
    p = Pekerjaan.objects.get()
    assert p.selesai_pada is not None and p.galat == "" and p.diambil_oleh == "pekerja-pengganti"


@pytest.mark.django_db(transaction=True)
def test_sewa_dan_detak_diperpanjang_selama_pekerjaan_berjalan(penangan, monkeypatch):
    # Real time, short lease: while the handler runs, another thread renews the lease and
    # the worker's heartbeat, so a long job neither looks dead nor is claimed twice.
    from sakip.antrian.models import Pekerja

    mulai = timezone.now()
    Pekerja.objects.create(nama="pekerja-1", host="h", pid=1, mulai_pada=mulai, detak_pada=mulai)
    terlihat: list[tuple[datetime.datetime, datetime.datetime]] = []

    def sewa() -> datetime.datetime:
        batas = Pekerjaan.objects.get().sewa_sampai
        assert batas is not None
        return batas

    def lama(data):
        awal = sewa()
        for _ in range(50):
            threading.Event().wait(0.05)
            if sewa() > awal:
                break
        terlihat.append((awal, sewa()))
        assert services._klaim("pekerja-2") is None

    monkeypatch.setitem(services._PENANGAN, "lama", lama)
    services.antrekan("lama")
    assert services.jalankan_satu("pekerja-1", sewa=0.3) is not None
    ((awal, kemudian),) = terlihat
    assert kemudian > awal
    assert Pekerja.objects.get().detak_pada > mulai
    assert Pekerjaan.objects.get().selesai_pada is not None
