"""The home page and the main menu: what a user sees first, by role."""

import datetime

from sakip.organisasi.models import PelaksanaTugas


def _plt_sekcam(persona) -> None:
    """Sekcam Alpha's position is left vacant; Kasubag Alpha acts as Plt. since three days ago."""
    persona.a.sekcam.jabatan = None
    persona.a.sekcam.save()
    PelaksanaTugas.objects.create(
        jabatan=persona.a.j_sekcam,
        pegawai=persona.a.kasubag,
        jenis=PelaksanaTugas.Jenis.PLT,
        tanggal_mulai=datetime.date.today() - datetime.timedelta(days=3),
    )


def test_beranda_menampilkan_instansi_dan_jabatan(persona, masuk):
    isi = masuk(persona.a.camat).get("/").content.decode()
    assert "Selamat datang, Camat Alpha" in isi
    assert "Kecamatan Alpha" in isi and "Camat" in isi
    assert persona.a.camat.nip_tampil in isi


def test_beranda_plt_menampilkan_jabatan_yang_dijabat_sementara(persona, masuk):
    _plt_sekcam(persona)
    isi = masuk(persona.a.kasubag).get("/").content.decode()
    assert "Plt. Sekretaris Camat" in isi


def test_beranda_evaluator_melihat_semua_instansi_pemdanya(persona, masuk):
    isi = masuk(persona.evaluator).get("/").content.decode()
    assert "Kecamatan Alpha" in isi and "Kecamatan Beta" in isi
    isi = masuk(persona.evaluator_lain).get("/").content.decode()
    assert "Kecamatan Alpha" not in isi


def test_navigasi_sesuai_peran(persona, masuk):
    isi = masuk(persona.a.staf).get("/").content.decode()
    assert "Riwayat Instansi" not in isi and "Data Master" not in isi and "Profil Instansi" in isi
    isi = masuk(persona.a.camat).get("/").content.decode()
    assert "Riwayat Instansi" in isi
    isi = masuk(persona.admin_pemda).get("/").content.decode()
    assert "Data Master" in isi and 'href="/instansi/"' in isi
