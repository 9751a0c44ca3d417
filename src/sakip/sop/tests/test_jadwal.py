"""Recurrence creates each period's run exactly once per agency; reminders are sent once."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from sakip.antrian import services as antrian
from sakip.antrian.models import Pekerjaan
from sakip.sop import engine, jadwal
from sakip.sop.models import Pelaksanaan, Tugas


@pytest.mark.parametrize(
    ("frekuensi", "tanggal", "kunci", "label"),
    [
        ("bulanan", datetime.date(2026, 11, 21), "2026-11", "November 2026"),
        ("triwulanan", datetime.date(2026, 11, 21), "2026-Q4", "Triwulan IV 2026"),
        ("semesteran", datetime.date(2026, 3, 1), "2026-S1", "Semester I 2026"),
        ("tahunan", datetime.date(2026, 12, 31), "2026", "Tahun 2026"),
        ("lima_tahunan", datetime.date(2028, 5, 1), "2026-2030", "2026–2030"),
    ],
)
def test_periode(frekuensi, tanggal, kunci, label):
    p = jadwal.periode_pada(frekuensi, tanggal)
    assert (p.kunci, p.label) == (kunci, label)
    assert p.mulai <= tanggal < p.selesai


def test_periode_bergeser_melewati_tahun():
    assert jadwal.periode_pada("bulanan", datetime.date(2026, 1, 5), -1).kunci == "2025-12"
    assert jadwal.periode_pada("triwulanan", datetime.date(2026, 12, 5), 1).kunci == "2027-Q1"
    assert jadwal.periode_pada("sesuai_kebutuhan", datetime.date(2026, 1, 5)) is None


def test_laporan_untuk_periode_sebelumnya_rencana_untuk_berikutnya():
    laporan = {"nama": "SOP Penyusunan Laporan Bulanan", "jadwal": {"frekuensi": "bulanan"}}
    assert jadwal.jatuh_tempo(laporan, datetime.date(2026, 11, 3)).label == "Oktober 2026"
    renja = {"nama": "SOP Penyusunan Renja", "jadwal": {"frekuensi": "tahunan", "offset_hari": 31}}
    assert jadwal.jatuh_tempo(renja, datetime.date(2026, 1, 20)) is None  # not before the offset
    assert jadwal.jatuh_tempo(renja, datetime.date(2026, 2, 2)).kunci == "2027"


def test_jadwal_membuat_satu_pelaksanaan_per_periode(persona, laporan_bulanan):
    hari = datetime.date(2026, 11, 3)
    pertama = jadwal.jadwalkan_sop(hari)
    assert [p.judul for p in pertama] == ["Penyusunan Laporan Bulanan Oktober 2026"]
    assert jadwal.jadwalkan_sop(hari) == []  # the second tick of the same period
    assert jadwal.jadwalkan_sop(datetime.date(2026, 11, 28)) == []
    desember = jadwal.jadwalkan_sop(datetime.date(2026, 12, 1))
    assert [p.periode for p in desember] == ["2026-11"]
    p = pertama[0]
    assert p.terjadwal and p.dimulai_oleh is None and p.tugas.get().langkah_no == 1
    assert p.peristiwa.get().aktor_nama == "Sistem (jadwal)"


def test_perlombaan_jadwal_tetap_sekali(persona, laporan_bulanan):
    """Two workers ticking at once: the unique constraint lets only one run exist."""
    a = engine.mulai_terjadwal(laporan_bulanan, "2026-10", "LB Oktober")
    b = engine.mulai_terjadwal(laporan_bulanan, "2026-10", "LB Oktober")
    assert a is not None and b is None
    assert Pelaksanaan.objects.filter(periode="2026-10").count() == 1


def test_sop_nonaktif_tidak_dijadwalkan(persona, laporan_bulanan):
    laporan_bulanan.aktif = False
    laporan_bulanan.save()
    assert jadwal.jadwalkan_sop(datetime.date(2026, 11, 3)) == []


def test_pengingat_segera_lalu_terlambat_masing_masing_sekali(persona, laporan_bulanan, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    p = engine.mulai(aktor=persona.a.kasubag, sop=laporan_bulanan, judul="LB")
    t = p.tugas.get()
    mail.outbox.clear()
    mulai = t.dibuat_pada
    Tugas.objects.filter(pk=t.pk).update(tenggat=mulai + datetime.timedelta(minutes=30))
    assert jadwal.ingatkan_tugas(mulai + datetime.timedelta(minutes=5)) == 1  # < 1 hour left
    assert jadwal.ingatkan_tugas(mulai + datetime.timedelta(minutes=6)) == 0
    assert jadwal.ingatkan_tugas(mulai + datetime.timedelta(minutes=45)) == 1  # late now
    assert jadwal.ingatkan_tugas(mulai + datetime.timedelta(minutes=90)) == 0
    judul = list(persona.a.kasubag.notifikasi.values_list("judul", flat=True))
    assert any(j.startswith("Segera jatuh tempo") for j in judul)
    assert any(j.startswith("Terlambat") for j in judul)
    assert [m.to for m in mail.outbox] == [
        [persona.a.kasubag.email]
    ] * 2 or not persona.a.kasubag.email
    assert p.peristiwa.filter(jenis="pengingat").count() == 2


def test_kondisi_tenggat():
    sekarang = timezone.now()
    t = Tugas(
        status="terbuka", dibuat_pada=sekarang, tenggat=sekarang + datetime.timedelta(hours=8)
    )
    assert t.kondisi_tenggat(sekarang) == "tepat"
    assert t.kondisi_tenggat(sekarang + datetime.timedelta(hours=7)) == "segera"
    assert t.kondisi_tenggat(sekarang + datetime.timedelta(hours=9)) == "terlambat"
    t.status = "selesai"
    assert t.kondisi_tenggat(sekarang + datetime.timedelta(hours=9)) == ""


def test_antrian_menjalankan_pekerjaan_berkala_sekali_per_interval(persona, laporan_bulanan):
    sekarang = timezone.now()
    n = antrian.jadwalkan_berkala(sekarang)
    assert n >= 2 and antrian.jadwalkan_berkala(sekarang) == 0
    assert antrian.jalankan_semua() == n
    assert not Pekerjaan.objects.filter(selesai_pada__isnull=True).exists()


def test_antrian_pekerjaan_gagal_dicoba_lagi(db):
    @antrian.penangan("uji.gagal")
    def _gagal(data):
        raise RuntimeError("rusak")

    antrian.antrekan("uji.gagal", {"x": 1})
    pekerjaan = antrian.jalankan_satu()
    pekerjaan.refresh_from_db()
    assert pekerjaan.percobaan == 1 and "rusak" in pekerjaan.galat
    assert pekerjaan.selesai_pada is None and pekerjaan.jalankan_pada > timezone.now()
    assert antrian.jalankan_satu() is None  # not due again yet
