"""Who holds a position on a date, who heads an agency, and who signs for it where."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from sakip import testing
from sakip.organisasi import pemangku as pm
from sakip.organisasi.models import Instansi, Jabatan, PelaksanaTugas

HARI = datetime.date(2026, 10, 15)


def _plt(jabatan, pegawai, mulai, selesai=None, jenis=PelaksanaTugas.Jenis.PLT):
    return PelaksanaTugas.objects.create(
        jabatan=jabatan, pegawai=pegawai, jenis=jenis, tanggal_mulai=mulai, tanggal_selesai=selesai
    )


def _kosongkan_camat(a):
    a.camat.jabatan = None
    a.camat.save(update_fields=["jabatan"])


@pytest.fixture
def dinas(persona):
    persona.pemda.ibukota = "Siak Sri Indrapura"
    persona.pemda.save(update_fields=["ibukota"])
    i = Instansi.objects.create(
        pemda=persona.pemda, nama="Dinas Pendidikan", jenis=Instansi.Jenis.DINAS, kode_unit="DISDIK"
    )
    j = Jabatan.objects.create(instansi=i, nama="Kepala", eselon="II.b", peran="kepala")
    kadis = testing.buat_pegawai(
        "kadis", nama="Rina Wati", gelar_depan="Dr.", gelar_belakang="M.Pd.", instansi=i, jabatan=j
    )
    return i, j, kadis


# ---------------------------------------------------------------- holders


def test_pemangku_definitif_lalu_plt_pada_tanggal(persona):
    a = persona.a
    _plt(a.j_camat, a.sekcam, HARI, HARI + datetime.timedelta(days=10))
    assert pm.pemangku(a.j_camat, HARI) == [a.camat, a.sekcam]
    assert pm.pemangku(a.j_camat, HARI - datetime.timedelta(days=1)) == [a.camat]
    assert pm.pemangku(a.j_camat, HARI + datetime.timedelta(days=11)) == [a.camat]


def test_pemangku_tidak_aktif_tidak_dihitung(persona):
    a = persona.a
    _plt(a.j_camat, a.kasubag, HARI)
    a.camat.is_active = False
    a.camat.save(update_fields=["is_active"])
    a.kasubag.is_active = False
    a.kasubag.save(update_fields=["is_active"])
    assert pm.pemangku(a.j_camat, HARI) == []


def test_pemangku_yang_juga_plt_tidak_ganda(persona):
    a = persona.a
    _plt(a.j_staf, a.staf, HARI)
    assert pm.pemangku(a.j_staf, HARI) == [a.staf]


def test_jabatan_dipegang_dan_adalah_kepala(persona):
    a = persona.a
    _plt(a.j_camat, a.sekcam, HARI, HARI)
    assert pm.jabatan_dipegang_ids(a.sekcam, HARI) == {a.j_sekcam.pk, a.j_camat.pk}
    assert pm.jabatan_dipegang_ids(a.sekcam, HARI + datetime.timedelta(days=1)) == {a.j_sekcam.pk}
    assert pm.adalah_kepala(a.sekcam, a.instansi.pk, HARI)
    assert not pm.adalah_kepala(a.sekcam, a.instansi.pk, HARI + datetime.timedelta(days=1))
    assert pm.adalah_kepala(a.camat, a.instansi.pk)
    assert not pm.adalah_kepala(a.camat, persona.b.instansi.pk)


def test_jabatan_dipegang_tamu_kosong():
    assert pm.jabatan_dipegang_ids(AnonymousUser()) == set()


def test_jabatan_kepala_dan_instansi_tanpa_kepala(persona):
    assert pm.jabatan_kepala(persona.a.instansi.pk) == persona.a.j_camat
    i = Instansi.objects.create(
        pemda=persona.pemda, nama="Kantor Baru", jenis=Instansi.Jenis.KANTOR, kode_unit="KB"
    )
    assert pm.jabatan_kepala(i.pk) is None
    assert not pm.adalah_kepala(persona.a.camat, i.pk)
    assert i.kepala_aktif() is None
    ttd = pm.penandatangan(i, kosong="……")
    assert (ttd.pegawai, ttd.nama, ttd.nip, ttd.jabatan, ttd.jabatan_ttd, ttd.nama_jabatan) == (
        None,
        "……",
        "",
        "Kepala",
        "KEPALA",
        "",
    )


# ---------------------------------------------------------------- the active head


def test_kepala_aktif_definitif_lebih_dulu(persona):
    a = persona.a
    _plt(a.j_camat, a.sekcam, HARI)
    assert a.instansi.kepala_aktif(HARI) == a.camat


def test_kepala_aktif_plt_saat_jabatan_kosong(persona):
    a = persona.a
    _kosongkan_camat(a)
    _plt(a.j_camat, a.sekcam, HARI, HARI + datetime.timedelta(days=5))
    assert a.instansi.kepala_aktif(HARI) == a.sekcam
    assert a.instansi.kepala_aktif(HARI + datetime.timedelta(days=6)) is None
    assert a.instansi.pejabat_kepala(HARI) == (a.sekcam, a.j_camat, "Plt.")
    assert a.instansi.pejabat_kepala(HARI, plt=False) is None


def test_kepala_aktif_tidak_aktif_dilewati(persona):
    a = persona.a
    _plt(a.j_camat, a.kasubag, HARI, jenis=PelaksanaTugas.Jenis.PLH)
    a.camat.is_active = False
    a.camat.save(update_fields=["is_active"])
    assert a.instansi.pejabat_kepala(HARI) == (a.kasubag, a.j_camat, "Plh.")
    a.kasubag.is_active = False
    a.kasubag.save(update_fields=["is_active"])
    assert a.instansi.kepala_aktif(HARI) is None


def test_kepala_aktif_paling_banyak_dua_kueri(persona, django_assert_max_num_queries):
    a = persona.a
    instansi = Instansi.objects.get(pk=a.instansi.pk)
    with django_assert_max_num_queries(1):
        assert instansi.kepala_aktif(HARI) == a.camat
    _kosongkan_camat(a)
    _plt(a.j_camat, a.sekcam, HARI)
    with django_assert_max_num_queries(2):
        assert instansi.kepala_aktif(HARI) == a.sekcam


# ---------------------------------------------------------------- signer and place


def test_tempat_kecamatan_dan_dinas(persona, dinas):
    persona.a.instansi.refresh_from_db()
    assert pm.tempat_ttd(persona.a.instansi) == "Alpha"
    assert pm.tempat_ttd(dinas[0]) == "Siak Sri Indrapura"
    persona.pemda.ibukota = ""
    persona.pemda.save(update_fields=["ibukota"])
    assert pm.tempat_ttd(Instansi.objects.get(pk=dinas[0].pk)) == "Dinas Pendidikan"


def test_penandatangan_camat(persona):
    a = persona.a
    ttd = pm.penandatangan(a.instansi)
    assert ttd.pegawai == a.camat
    assert ttd.blok() == {
        "nama": a.camat.nama_lengkap,
        "nip": a.camat.nip_tampil,
        "jabatan": "Camat Alpha",
        "jabatan_ttd": "CAMAT ALPHA",
    }
    assert (ttd.nama_jabatan, ttd.tempat) == ("Camat", "Alpha")


def test_penandatangan_dinas_di_ibukota(dinas):
    instansi, _j, kadis = dinas
    ttd = pm.penandatangan(instansi)
    assert ttd.nama == "Dr. Rina Wati, M.Pd."
    assert ttd.jabatan == "Kepala Dinas Pendidikan"
    assert ttd.tempat == "Siak Sri Indrapura"


def test_penandatangan_plt_hanya_bila_diminta(persona):
    a = persona.a
    _kosongkan_camat(a)
    _plt(a.j_camat, a.sekcam, HARI)
    ttd = pm.penandatangan(a.instansi, tanggal=HARI)
    assert (ttd.pegawai, ttd.jabatan, ttd.jabatan_ttd) == (
        a.sekcam,
        "Plt. Camat Alpha",
        "PLT. CAMAT ALPHA",
    )
    kosong = pm.penandatangan(a.instansi, tanggal=HARI, plt=False, kosong="……")
    assert (kosong.pegawai, kosong.nama, kosong.jabatan) == (None, "……", "Kepala")


def test_penandatangan_jumlah_kueri_terbatas(persona, django_assert_max_num_queries):
    instansi = Instansi.objects.select_related("pemda").get(pk=persona.a.instansi.pk)
    with django_assert_max_num_queries(1):
        pm.penandatangan(instansi, plt=False)


def test_blok_ttd_dan_jabatan_lengkap(persona, dinas):
    a = persona.a.instansi
    assert pm.blok_ttd("", "1", "Camat Alpha", kosong="…") == {
        "nama": "…",
        "nip": "1",
        "jabatan": "Camat Alpha",
        "jabatan_ttd": "CAMAT ALPHA",
    }
    assert pm.jabatan_lengkap("Sekretaris Camat", a) == "Sekretaris Camat Alpha"
    assert pm.jabatan_lengkap("Kasubag Umum", a) == "Kasubag Umum Kecamatan Alpha"
    assert pm.jabatan_lengkap("Camat Alpha", a) == "Camat Alpha"
    assert pm.jabatan_lengkap("Sekretaris", dinas[0]) == "Sekretaris Dinas Pendidikan"
    assert pm.nama_singkat(a) == "Alpha"


def test_jabatan_di_dan_jabatan_penanda_tangan(persona):
    a = persona.a
    _plt(a.j_camat, a.sekcam, timezone.localdate())
    # Definitive before acting, unless a position is preferred; the head's when signing.
    assert pm.jabatan_di(a.sekcam, a.instansi.pk) == "Sekretaris Camat"
    assert pm.jabatan_di(a.sekcam, a.instansi.pk, utamakan_id=a.j_camat.pk) == "Plt. Camat"
    assert pm.jabatan_penanda_tangan(a.sekcam, a.instansi.pk) == "Plt. Camat"
    assert pm.jabatan_penanda_tangan(a.sekcam, persona.b.instansi.pk) == ""
