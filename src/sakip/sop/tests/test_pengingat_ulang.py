"""The queue's handlers are idempotent: a job run again (its worker died after part of the
work, or two periodic jobs overlap) repeats no reminder, mail, event or scheduled run."""

import datetime

import pytest
from django.core import mail

from sakip.notifikasi.models import Notifikasi
from sakip.organisasi.models import Pegawai
from sakip.sop import engine, jadwal
from sakip.sop.models import Pelaksanaan, Peristiwa, Tugas


@pytest.fixture
def tugas_segera(persona, laporan_bulanan, settings):
    """An open task due in 30 minutes, and the moment 5 minutes after it was opened."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    Pegawai.objects.filter(pk=persona.a.kasubag.pk).update(email="kasubag.alpha@contoh.go.id")
    p = engine.mulai(aktor=persona.a.kasubag, sop=laporan_bulanan, judul="LB")
    t = p.tugas.get()
    Tugas.objects.filter(pk=t.pk).update(tenggat=t.dibuat_pada + datetime.timedelta(minutes=30))
    Notifikasi.objects.all().delete()
    mail.outbox.clear()
    return t, t.dibuat_pada + datetime.timedelta(minutes=5)


def _pengingat(t) -> tuple[int, int]:
    notif = Notifikasi.objects.filter(kunci=f"tugas:{t.pk}:segera").count()
    return notif, Peristiwa.objects.filter(tugas=t, jenis="pengingat").count()


def test_pengingat_terputus_sebelum_peristiwa_diulang_sekali_tanpa_surel_ganda(
    tugas_segera, monkeypatch, django_capture_on_commit_callbacks
):
    t, sekarang = tugas_segera

    def putus(*args, **kw):
        raise RuntimeError("pekerja mati")  # after the notification, before the event

    with monkeypatch.context() as m:
        m.setattr(Peristiwa.objects, "create", putus)
        with django_capture_on_commit_callbacks() as surel, pytest.raises(RuntimeError):
            jadwal.ingatkan_tugas(sekarang)
    assert surel == []  # the mail would have gone after a commit that never came
    assert _pengingat(t) == (0, 0)
    assert Tugas.objects.get(pk=t.pk).diingatkan == ""  # the level is not marked done

    # The job is retried: the reminder happens now, once.
    with django_capture_on_commit_callbacks(execute=True):
        assert jadwal.ingatkan_tugas(sekarang) == 1
        assert jadwal.ingatkan_tugas(sekarang) == 0
    assert _pengingat(t) == (1, 1)
    assert [m.to for m in mail.outbox] == [["kasubag.alpha@contoh.go.id"]]


def test_dua_pengingat_bersamaan_mengingatkan_tugas_sekali(tugas_segera, monkeypatch):
    """Two overlapping `sop.ingatkan` jobs both read the task before either marked it."""
    t, sekarang = tugas_segera
    asli = Tugas.kondisi_tenggat

    def lain_dulu(self, waktu):
        # The other run claims this level between our read and our update.
        Tugas.objects.filter(pk=self.pk).update(diingatkan="segera")
        return asli(self, waktu)

    monkeypatch.setattr(Tugas, "kondisi_tenggat", lain_dulu)
    assert jadwal.ingatkan_tugas(sekarang) == 0
    assert _pengingat(t) == (0, 0)


def test_jadwal_diulang_setelah_gagal_di_tengah_membuat_tiap_pelaksanaan_sekali(
    persona, laporan_bulanan, monkeypatch
):
    """`sop.jadwalkan` failing after one agency's run: the retry creates only the rest."""
    hari = datetime.date(2026, 11, 3)
    assert len(jadwal.jadwalkan_sop(hari)) == 1
    asli = engine.mulai_terjadwal
    monkeypatch.setattr(engine, "mulai_terjadwal", lambda *a, **k: pytest.fail("diulang"))
    assert jadwal.jadwalkan_sop(hari) == []  # the run exists: not started again
    monkeypatch.setattr(engine, "mulai_terjadwal", asli)
    assert engine.mulai_terjadwal(laporan_bulanan, "2026-10", "LB Oktober") is None
    assert Pelaksanaan.objects.filter(sop=laporan_bulanan, periode="2026-10").count() == 1
