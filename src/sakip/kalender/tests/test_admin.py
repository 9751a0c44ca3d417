"""The admin of calendars and holidays: the Pemda administrator's own data, saved by services."""

import datetime
import re

import pytest
from django.utils import timezone

from sakip.audit.models import CatatanAudit
from sakip.kalender import services
from sakip.kalender.libur_nasional import daftar_libur_nasional
from sakip.kalender.models import HariLibur, KalenderKerja


@pytest.mark.parametrize("model", ["kalenderkerja", "harilibur"])
def test_admin_pemda_hanya_melihat_pemdanya(persona, masuk, model):
    services.muat_libur_nasional(aktor=None, pemda=persona.pemda_lain, tahun=[2026])
    services.pastikan_kalender_default(aktor=None, pemda=persona.pemda_lain)
    c = masuk(persona.admin_pemda)
    daftar = c.get(f"/admin/kalender/{model}/")
    assert daftar.status_code == 200
    assert "Kabupaten Lain" not in daftar.content.decode()
    assert c.get(f"/admin/kalender/{model}/add/").status_code == 200


def test_pegawai_instansi_tidak_membuka_admin_kalender(persona, masuk):
    assert masuk(persona.a.camat).get("/admin/kalender/harilibur/").status_code == 302


def test_hari_libur_pemda_lain_tidak_ada_bagi_admin(persona, masuk):
    services.muat_libur_nasional(aktor=None, pemda=persona.pemda_lain, tahun=[2026])
    libur = HariLibur.objects.first()
    r = masuk(persona.admin_pemda).get(f"/admin/kalender/harilibur/{libur.pk}/change/")
    assert r.status_code == 404


def test_admin_mencentang_hari_sabtu_untuk_satu_instansi(persona, masuk):
    r = masuk(persona.admin_pemda).post(
        "/admin/kalender/kalenderkerja/add/",
        {
            "pemda": persona.pemda.pk,
            "instansi": persona.a.instansi.pk,
            "jam_mulai": "07:30",
            "jam_selesai": "16:00",
            "istirahat_mulai": "12:00",
            "istirahat_selesai": "13:00",
            "hari_kerja": ["6", "1", "2", "3", "4", "5"],
            "zona_waktu": "Asia/Jakarta",
        },
    )
    assert r.status_code == 302, r.context["adminform"].form.errors if r.context else r
    kalender = KalenderKerja.objects.get()
    assert kalender.hari_kerja == "123456"
    assert kalender.sebagai_kalender().menit_per_hari == 450
    catatan = CatatanAudit.objects.get(aksi="tambah", object_id=str(kalender.pk))
    assert catatan.aktor == persona.admin_pemda

    ubah = masuk(persona.admin_pemda).get(f"/admin/kalender/kalenderkerja/{kalender.pk}/change/")
    kotak = re.findall(r'<input type="checkbox" name="hari_kerja"[^>]*>', ubah.text)
    tercentang = [re.search(r'value="(\d)"', tag)[1] for tag in kotak if "checked" in tag]
    assert tercentang == list("123456")


def test_admin_menolak_jam_selesai_sebelum_jam_mulai(persona, masuk):
    r = masuk(persona.admin_pemda).post(
        "/admin/kalender/kalenderkerja/add/",
        {
            "pemda": persona.pemda.pk,
            "jam_mulai": "16:00",
            "jam_selesai": "07:30",
            "hari_kerja": ["1", "2", "3", "4", "5"],
            "zona_waktu": "Asia/Jakarta",
        },
    )
    assert r.status_code == 200
    assert "harus sesudah jam mulai" in r.content.decode()
    assert not KalenderKerja.objects.exists()


def test_admin_menghapus_hari_libur_lewat_layanan(persona, masuk):
    libur = services.simpan_hari_libur(
        aktor=persona.admin_pemda,
        hari_libur=HariLibur(
            pemda=persona.pemda,
            tanggal=datetime.date(2026, 10, 1),
            nama="Hari Jadi",
            jenis=HariLibur.Jenis.DAERAH,
        ),
    )
    r = masuk(persona.admin_pemda).post(
        f"/admin/kalender/harilibur/{libur.pk}/delete/", {"post": "yes"}
    )
    assert r.status_code == 302
    assert not HariLibur.objects.exists()
    assert CatatanAudit.objects.filter(aksi="hapus", object_id=str(libur.pk)).count() == 1


def test_aksi_admin_memuat_libur_nasional(persona, masuk):
    kalender = services.pastikan_kalender_default(aktor=persona.admin_pemda, pemda=persona.pemda)
    r = masuk(persona.admin_pemda).post(
        "/admin/kalender/kalenderkerja/",
        {"action": "muat_libur_nasional", "_selected_action": [kalender.pk]},
        follow=True,
    )
    tahun = timezone.localdate().year
    jumlah = len(daftar_libur_nasional([tahun, tahun + 1]))
    assert r.status_code == 200
    assert f"{jumlah} hari libur nasional/cuti bersama ditambahkan" in r.text
    assert HariLibur.objects.filter(pemda=persona.pemda).count() == jumlah
    assert not HariLibur.objects.filter(pemda=persona.pemda_lain).exists()
