"""Calendars and holidays of a Pemda: who may change them, how they are stored and read back."""

import datetime
from datetime import time
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from sakip import testing
from sakip.audit.models import CatatanAudit
from sakip.kalender import services
from sakip.kalender.libur_nasional import daftar_libur_nasional, semua_libur_nasional
from sakip.kalender.models import HariLibur, KalenderKerja
from sakip.kalender.waktu_kerja import kalender_untuk, tambah_hari_kerja, tambah_menit_kerja
from sakip.organisasi.models import Pegawai, PelaksanaTugas

WIB = ZoneInfo("Asia/Jakarta")


def _libur(pemda, tanggal, nama="Hari Jadi Kabupaten", jenis=HariLibur.Jenis.DAERAH):
    return HariLibur(pemda=pemda, tanggal=tanggal, nama=nama, jenis=jenis)


def _audit(aksi, model) -> int:
    return CatatanAudit.objects.filter(
        aksi=aksi, content_type__model=model._meta.model_name
    ).count()


# ---------------------------------------------------------------- which calendar applies


def test_tanpa_data_berlaku_senin_jumat_0730_1600(persona, django_assert_num_queries):
    with django_assert_num_queries(2):
        kalender = kalender_untuk(persona.a.instansi)
    assert (kalender.jam_mulai, kalender.jam_selesai) == (time(7, 30), time(16))
    assert kalender.hari_kerja == {1, 2, 3, 4, 5}
    assert kalender.tz == WIB and kalender.libur == frozenset()


def test_instansi_sendiri_mengalahkan_bawaan_pemda(persona, django_assert_num_queries):
    admin = persona.admin_pemda
    bawaan = services.pastikan_kalender_default(aktor=admin, pemda=persona.pemda)
    bawaan.jam_mulai, bawaan.jam_selesai = time(8), time(15)
    services.simpan_kalender(aktor=admin, kalender=bawaan)
    services.simpan_kalender(
        aktor=admin, kalender=KalenderKerja(instansi=persona.a.instansi, hari_kerja="123456")
    )
    services.simpan_hari_libur(
        aktor=admin, hari_libur=_libur(persona.pemda, datetime.date(2026, 5, 1))
    )
    services.simpan_hari_libur(
        aktor=persona.admin_lain, hari_libur=_libur(persona.pemda_lain, datetime.date(2026, 5, 4))
    )

    with django_assert_num_queries(2):
        alpha = kalender_untuk(persona.a.instansi)
    with django_assert_num_queries(2):
        beta = kalender_untuk(persona.b.instansi)

    assert alpha.hari_kerja == {1, 2, 3, 4, 5, 6} and alpha.jam_mulai == time(7, 30)
    assert beta.hari_kerja == {1, 2, 3, 4, 5} and beta.jam_mulai == time(8)
    # Holidays are the Pemda's, for every agency; another Pemda's never leak in.
    assert alpha.libur == beta.libur == {datetime.date(2026, 5, 1)}


def test_lebaran_2026_dari_data_libur_nasional(persona):
    services.muat_libur_nasional(aktor=persona.admin_pemda, pemda=persona.pemda, tahun=[2026])
    kalender = kalender_untuk(persona.a.instansi)
    # Tuesday 17 March 15:00 + "2 hari": 60 minutes on Tuesday, then Nyepi, Idul Fitri and
    # cuti bersama until Tuesday 24 March; 510 on Wednesday 25, 450 on Thursday 26.
    mulai = datetime.datetime(2026, 3, 17, 15, tzinfo=WIB)
    assert tambah_hari_kerja(mulai, 2, kalender) == datetime.datetime(2026, 3, 26, 15, tzinfo=WIB)
    jumat = datetime.datetime(2026, 1, 15, 15, 30, tzinfo=WIB)  # Isra Mikraj on Friday 16th
    assert tambah_menit_kerja(jumat, 60, kalender).date() == datetime.date(2026, 1, 19)


# ---------------------------------------------------------------- validation


def test_jam_selesai_sebelum_jam_mulai_ditolak(persona):
    kalender = KalenderKerja(pemda=persona.pemda, jam_mulai=time(16), jam_selesai=time(7, 30))
    with pytest.raises(ValidationError) as exc:
        services.simpan_kalender(aktor=persona.admin_pemda, kalender=kalender)
    assert (
        "Jam selesai (07:30) harus sesudah jam mulai (16:00)"
        in (exc.value.message_dict["jam_selesai"][0])
    )
    assert not KalenderKerja.objects.exists()
    assert _audit("tambah", KalenderKerja) == 0


@pytest.mark.parametrize(
    ("isian", "kolom", "pesan"),
    [
        ({"hari_kerja": "12a"}, "hari_kerja", "angka 1 (Senin) sampai 7 (Minggu)"),
        ({"hari_kerja": "0"}, "hari_kerja", "angka 1 (Senin) sampai 7 (Minggu)"),
        ({"istirahat_mulai": time(12)}, "istirahat_selesai", "kosongkan keduanya"),
        (
            {"istirahat_mulai": time(6), "istirahat_selesai": time(8)},
            "istirahat_mulai",
            "di dalam jam kerja",
        ),
        (
            {"istirahat_mulai": time(13), "istirahat_selesai": time(12)},
            "istirahat_selesai",
            "sesudah awal istirahat",
        ),
    ],
)
def test_isian_kalender_salah_diberi_pesan(persona, isian, kolom, pesan):
    with pytest.raises(ValidationError) as exc:
        services.simpan_kalender(
            aktor=persona.admin_pemda, kalender=KalenderKerja(pemda=persona.pemda, **isian)
        )
    assert pesan in exc.value.message_dict[kolom][0]


def test_hari_kerja_dirapikan(persona):
    kalender = services.simpan_kalender(
        aktor=persona.admin_pemda, kalender=KalenderKerja(pemda=persona.pemda, hari_kerja="6543211")
    )
    kalender.refresh_from_db()
    assert kalender.hari_kerja == "123456"
    assert kalender.hari_kerja_tampil == "Senin, Selasa, Rabu, Kamis, Jumat, Sabtu"


def test_satu_kalender_bawaan_per_pemda_dan_satu_per_instansi(persona):
    admin = persona.admin_pemda
    services.pastikan_kalender_default(aktor=admin, pemda=persona.pemda)
    with pytest.raises(ValidationError, match="sudah punya kalender kerja bawaan"):
        services.simpan_kalender(aktor=admin, kalender=KalenderKerja(pemda=persona.pemda))
    services.simpan_kalender(aktor=admin, kalender=KalenderKerja(instansi=persona.a.instansi))
    with pytest.raises(ValidationError, match="sudah punya kalender kerja sendiri"):
        services.simpan_kalender(aktor=admin, kalender=KalenderKerja(instansi=persona.a.instansi))


def test_instansi_pemda_lain_ditolak(persona):
    kalender = KalenderKerja(pemda=persona.pemda_lain, instansi=persona.a.instansi)
    with pytest.raises(ValidationError) as exc:
        services.simpan_kalender(
            aktor=testing.buat_pegawai("super", is_superuser=True), kalender=kalender
        )
    assert "Pemda kalender ini" in exc.value.message_dict["instansi"][0]


def test_tanggal_libur_ganda_ditolak(persona):
    tanggal = datetime.date(2026, 8, 17)
    services.simpan_hari_libur(aktor=persona.admin_pemda, hari_libur=_libur(persona.pemda, tanggal))
    with pytest.raises(ValidationError, match="sudah tercatat sebagai hari libur"):
        services.simpan_hari_libur(
            aktor=persona.admin_pemda, hari_libur=_libur(persona.pemda, tanggal, "Lain")
        )


# ---------------------------------------------------------------- who may change them


@pytest.mark.parametrize("siapa", ["staf", "camat", "evaluator", "admin_lain"])
def test_hanya_admin_pemda_yang_boleh_mengubah(persona, siapa):
    aktor = {
        "staf": persona.a.staf,
        "camat": persona.a.camat,
        "evaluator": persona.evaluator,
        "admin_lain": persona.admin_lain,
    }[siapa]
    with pytest.raises(PermissionDenied, match="tidak berwenang mengubah kalender kerja"):
        services.simpan_kalender(
            aktor=aktor, kalender=KalenderKerja(instansi=persona.a.instansi, hari_kerja="123456")
        )
    with pytest.raises(PermissionDenied, match="tidak berwenang"):
        services.simpan_hari_libur(
            aktor=aktor, hari_libur=_libur(persona.pemda, datetime.date(2026, 10, 1))
        )
    with pytest.raises(PermissionDenied):
        services.muat_libur_nasional(aktor=aktor, pemda=persona.pemda, tahun=[2026])
    with pytest.raises(PermissionDenied):
        services.pastikan_kalender_default(aktor=aktor, pemda=persona.pemda)
    assert not KalenderKerja.objects.exists() and not HariLibur.objects.exists()


def test_admin_pemda_mengubah_dan_menghapus_hari_libur_dengan_riwayat(persona):
    admin = persona.admin_pemda
    libur = services.simpan_hari_libur(
        aktor=admin, hari_libur=_libur(persona.pemda, datetime.date(2026, 10, 1))
    )
    libur.nama = "Hari Jadi Kabupaten ke-80"
    services.simpan_hari_libur(aktor=admin, hari_libur=libur)
    catatan = CatatanAudit.objects.get(aksi="ubah", object_id=str(libur.pk))
    assert catatan.perubahan["nama"] == ["Hari Jadi Kabupaten", "Hari Jadi Kabupaten ke-80"]
    assert catatan.pemda_id == persona.pemda.pk and catatan.instansi_id is None
    services.hapus_hari_libur(aktor=admin, hari_libur=libur)
    assert not HariLibur.objects.exists()
    assert _audit("hapus", HariLibur) == 1


def test_admin_tidak_boleh_memindahkan_hari_libur_pemda_lain(persona):
    milik_lain = services.simpan_hari_libur(
        aktor=persona.admin_lain, hari_libur=_libur(persona.pemda_lain, datetime.date(2026, 10, 1))
    )
    milik_lain.pemda = persona.pemda  # "take" it into one's own Pemda
    with pytest.raises(PermissionDenied):
        services.simpan_hari_libur(aktor=persona.admin_pemda, hari_libur=milik_lain)
    with pytest.raises(PermissionDenied):
        services.hapus_hari_libur(aktor=persona.admin_pemda, hari_libur=milik_lain)
    assert HariLibur.objects.get().pemda == persona.pemda_lain


def test_kalender_instansi_mengambil_pemda_instansinya(persona):
    kalender = services.simpan_kalender(
        aktor=persona.admin_pemda, kalender=KalenderKerja(instansi=persona.b.instansi)
    )
    assert kalender.pemda == persona.pemda
    catatan = CatatanAudit.objects.get(aksi="tambah", object_id=str(kalender.pk))
    assert catatan.instansi_id == persona.b.instansi.pk


# ---------------------------------------------------------------- national holidays


def test_data_libur_nasional_2026_sesuai_skb():
    libur_2026 = semua_libur_nasional()[2026]
    jenis = [libur.jenis for libur in libur_2026]
    assert jenis.count("nasional") == 17 and jenis.count("cuti_bersama") == 8
    assert datetime.date(2026, 3, 21) in {libur.tanggal for libur in libur_2026}


def test_data_libur_tertata_dan_perkiraan_diberi_catatan():
    for tahun, daftar in semua_libur_nasional().items():
        tanggal = [libur.tanggal for libur in daftar]
        assert tanggal == sorted(set(tanggal)) and {t.year for t in tanggal} == {tahun}
    hijriah = [
        libur
        for libur in daftar_libur_nasional([2027])
        if any(kata in libur.nama for kata in ("Hijriah", "Isra", "Maulid", "Waisak", "Nyepi"))
    ]
    assert hijriah and all("Perkiraan" in libur.catatan for libur in hijriah)


def test_pemuat_libur_menambah_sekali_dengan_riwayat(persona):
    admin = persona.admin_pemda
    tambahan = services.muat_libur_nasional(aktor=admin, pemda=persona.pemda, tahun=[2026, 2027])
    jumlah = len(daftar_libur_nasional([2026, 2027]))
    assert tambahan == jumlah == HariLibur.objects.filter(pemda=persona.pemda).count()
    assert _audit("tambah", HariLibur) == jumlah
    assert CatatanAudit.objects.filter(aktor=admin, keterangan__contains="libur nasional").exists()
    # Again: nothing new, nothing logged.
    assert services.muat_libur_nasional(aktor=admin, pemda=persona.pemda, tahun=[2026]) == 0
    assert _audit("tambah", HariLibur) == jumlah
    assert not HariLibur.objects.filter(pemda=persona.pemda_lain).exists()


def test_pemuat_tidak_menimpa_tanggal_yang_sudah_diisi_pemda(persona):
    admin = persona.admin_pemda
    hari_jadi = _libur(persona.pemda, datetime.date(2026, 6, 1), "Hari Jadi Kabupaten")
    services.simpan_hari_libur(aktor=admin, hari_libur=hari_jadi)
    tambahan = services.muat_libur_nasional(aktor=admin, pemda=persona.pemda, tahun=[2026])
    assert tambahan == 24
    assert HariLibur.objects.get(tanggal=datetime.date(2026, 6, 1)).nama == "Hari Jadi Kabupaten"


def test_kalender_bawaan_dibuat_sekali(persona):
    pertama = services.pastikan_kalender_default(aktor=persona.admin_pemda, pemda=persona.pemda)
    kedua = services.pastikan_kalender_default(aktor=persona.admin_pemda, pemda=persona.pemda)
    assert pertama.pk == kedua.pk and pertama.instansi is None
    assert pertama.hari_kerja == "12345" and pertama.jam_mulai == time(7, 30)
    assert _audit("tambah", KalenderKerja) == 1


def test_perintah_kalender_libur_untuk_semua_pemda(persona):
    keluar, galat = StringIO(), StringIO()
    call_command("kalender_libur", "--tahun", "2026", "2030", stdout=keluar, stderr=galat)
    assert "Kabupaten Uji: 25 hari libur ditambahkan" in keluar.getvalue()
    assert "Kabupaten Lain: 25 hari libur ditambahkan" in keluar.getvalue()
    assert "Jumlah: 50 hari libur baru" in keluar.getvalue()
    assert "tahun 2030 belum ada" in galat.getvalue()
    assert KalenderKerja.objects.filter(instansi__isnull=True).count() == 2
    assert CatatanAudit.objects.filter(aktor=None, aktor_nama="sistem").count() == 52

    keluar = StringIO()
    call_command("kalender_libur", "--tahun", "2026", stdout=keluar, stderr=StringIO())
    assert "Jumlah: 0 hari libur baru" in keluar.getvalue()


# ---------------------------------------------------------------- who sees them


def test_pegawai_melihat_hari_libur_pemdanya_sekali_saja(persona):
    services.muat_libur_nasional(aktor=None, pemda=persona.pemda, tahun=[2026])
    services.muat_libur_nasional(aktor=None, pemda=persona.pemda_lain, tahun=[2026])
    staf = persona.a.staf
    # Acting in a second agency of the same Pemda must not double the holidays.
    PelaksanaTugas.objects.create(
        jabatan=persona.b.j_kasubag,
        pegawai=staf,
        jenis=PelaksanaTugas.Jenis.PLH,
        tanggal_mulai=datetime.date(2020, 1, 1),
    )
    staf = Pegawai.objects.get(pk=staf.pk)  # a fresh object: no cached reach
    assert HariLibur.objects.for_user(staf).count() == 25
    assert set(HariLibur.objects.for_user(staf).values_list("pemda", flat=True)) == {
        persona.pemda.pk
    }
    assert HariLibur.objects.for_user(persona.evaluator).count() == 25
    assert HariLibur.objects.for_user(persona.evaluator, ubah=True).count() == 0
    assert HariLibur.objects.for_user(persona.evaluator_lain).count() == 25  # their own only


def test_pegawai_melihat_kalender_instansinya_dan_bawaan_pemda(persona):
    admin = persona.admin_pemda
    bawaan = services.pastikan_kalender_default(aktor=admin, pemda=persona.pemda)
    alpha = services.simpan_kalender(
        aktor=admin, kalender=KalenderKerja(instansi=persona.a.instansi)
    )
    services.simpan_kalender(aktor=admin, kalender=KalenderKerja(instansi=persona.b.instansi))
    services.pastikan_kalender_default(aktor=persona.admin_lain, pemda=persona.pemda_lain)
    terlihat = set(KalenderKerja.objects.for_user(persona.a.staf))
    assert terlihat == {bawaan, alpha}
    assert KalenderKerja.objects.for_user(persona.evaluator).count() == 3
    assert KalenderKerja.objects.for_user(persona.admin_lain).count() == 1
