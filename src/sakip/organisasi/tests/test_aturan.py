"""Rules on master data: NIP, position tree, holders, actor mapping — with Indonesian messages."""

import contextlib
import datetime

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sakip import testing
from sakip.audit.models import CatatanAudit
from sakip.organisasi import services
from sakip.organisasi.models import Jabatan, Pegawai, PelaksanaTugas, PemetaanPelaksana
from sakip.organisasi.validators import format_nip, normalisasi_nip, validasi_nip


@st.composite
def nip_sah(draw):
    lahir = draw(st.dates(datetime.date(1950, 1, 1), datetime.date(2005, 12, 31)))
    tahun = draw(st.integers(lahir.year + 18, 2030))
    bulan = draw(st.integers(1, 12))
    kelamin = draw(st.sampled_from("12"))
    urut = draw(st.integers(1, 999))
    return f"{lahir:%Y%m%d}{tahun}{bulan:02d}{kelamin}{urut:03d}"


@given(nip_sah())
def test_nip_sah_diterima_dan_format_bolak_balik(nip):
    validasi_nip(nip)
    tercetak = format_nip(nip)
    assert tercetak.count(" ") == 3
    assert normalisasi_nip(tercetak) == nip
    validasi_nip(tercetak)  # typed with spaces, as printed on letters


@given(nip_sah(), st.integers(0, 17), st.sampled_from("x /"))
def test_nip_dengan_karakter_asing_ditolak(nip, posisi, karakter):
    rusak = nip[:posisi] + karakter + nip[posisi + 1 :]
    if karakter == " ":
        rusak = nip[:posisi] + nip[posisi + 1 :]  # a digit lost: 17 digits
    with pytest.raises(ValidationError):
        validasi_nip(rusak)


@pytest.mark.parametrize(
    ("nip", "pesan"),
    [
        ("1972071319920310", "18 angka"),
        ("197213131992031005", "tanggal lahir"),
        ("197207131992131005", "pengangkatan"),
        ("197207131992033005", "jenis kelamin"),
    ],
)
def test_nip_salah_diberi_pesan_yang_jelas(nip, pesan):
    with pytest.raises(ValidationError) as exc:
        validasi_nip(nip)
    assert pesan in exc.value.messages[0]


def test_nip_ganda_ditolak(persona):
    p = Pegawai(username="baru", nama="Baru", instansi=persona.a.instansi, nip=persona.b.staf.nip)
    with pytest.raises(ValidationError) as exc:
        services.simpan_pegawai(aktor=persona.admin_pemda, pegawai=p)
    assert "NIP" in str(exc.value)
    assert "sudah ada" in str(exc.value)
    assert not Pegawai.objects.filter(username="baru").exists()


def test_atasan_melingkar_ditolak(persona):
    a = persona.a
    a.j_camat.atasan = a.j_staf  # Camat under his own Staf: Camat → Staf → Kasubag → Sekcam → Camat
    with pytest.raises(ValidationError) as exc:
        services.simpan_jabatan(aktor=persona.admin_pemda, jabatan=a.j_camat)
    pesan = exc.value.message_dict["atasan"][0]
    assert "lingkaran" in pesan
    assert "Camat → Staf" in pesan
    a.j_camat.refresh_from_db()
    assert a.j_camat.atasan_id is None
    assert not CatatanAudit.objects.filter(aksi="ubah").exists()


def test_jabatan_tidak_boleh_atasan_dirinya(persona):
    j = persona.a.j_kasubag
    j.atasan = j
    with pytest.raises(ValidationError, match="dirinya sendiri"):
        services.simpan_jabatan(aktor=persona.admin_pemda, jabatan=j)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(langkah=st.lists(st.tuples(st.integers(0, 5), st.integers(0, 6)), min_size=1, max_size=12))
def test_pohon_jabatan_tidak_pernah_melingkar(persona, langkah):
    """Whatever superiors an administrator tries to set, the tree stays a tree."""
    jabatan = list(Jabatan.objects.filter(instansi=persona.a.instansi).order_by("pk"))
    jabatan += [
        Jabatan.objects.get_or_create(instansi=persona.a.instansi, nama=f"Kasi {n}")[0]
        for n in range(2)
    ]
    for anak, induk in langkah:
        j = Jabatan.objects.get(pk=jabatan[anak].pk)
        j.atasan = jabatan[induk] if induk < len(jabatan) else None
        with contextlib.suppress(ValidationError):
            services.simpan_jabatan(aktor=persona.admin_pemda, jabatan=j)
    for j in Jabatan.objects.filter(instansi=persona.a.instansi):
        seen, cur = set(), j
        while cur is not None:
            assert cur.pk not in seen, "jabatan membentuk lingkaran"
            seen.add(cur.pk)
            cur = cur.atasan


def test_jabatan_tunggal_hanya_satu_pemangku(persona):
    p = Pegawai(
        username="camat2",
        nama="Calon Camat",
        instansi=persona.a.instansi,
        jabatan=persona.a.j_camat,
        nip=testing.nip_unik(),
    )
    with pytest.raises(ValidationError) as exc:
        services.simpan_pegawai(aktor=persona.admin_pemda, pegawai=p)
    assert "sudah dipangku Camat Alpha" in str(exc.value)


def test_jabatan_pelaksana_boleh_banyak_pemangku(persona):
    p = Pegawai(
        username="staf2",
        nama="Staf Kedua",
        instansi=persona.a.instansi,
        jabatan=persona.a.j_staf,
        nip=testing.nip_unik(),
    )
    services.simpan_pegawai(aktor=persona.admin_pemda, pegawai=p)
    assert persona.a.j_staf.pemangku.count() == 2


def test_satu_kepala_per_instansi(persona):
    j = Jabatan(instansi=persona.a.instansi, nama="Camat Kedua", peran="kepala")
    with pytest.raises(ValidationError, match="sudah punya jabatan kepala"):
        services.simpan_jabatan(aktor=persona.admin_pemda, jabatan=j)


def test_pemetaan_ke_jabatan_instansi_lain_ditolak(persona):
    m = PemetaanPelaksana(
        instansi=persona.a.instansi, nama_pelaksana="Kasi", jabatan=persona.b.j_kasubag
    )
    with pytest.raises(ValidationError) as exc:
        services.simpan_pemetaan(aktor=persona.admin_pemda, pemetaan=m)
    pesan = exc.value.message_dict["jabatan"][0]
    assert "milik Kecamatan Beta" in pesan
    assert "jabatan instansinya sendiri" in pesan


def test_pemetaan_nama_pelaksana_ganda_ditolak(persona):
    m = PemetaanPelaksana(
        instansi=persona.a.instansi, nama_pelaksana="Camat", jabatan=persona.a.j_sekcam
    )
    with pytest.raises(ValidationError, match="sudah dipetakan"):
        services.simpan_pemetaan(aktor=persona.admin_pemda, pemetaan=m)


def test_plt_tanggal_selesai_sebelum_mulai_ditolak(persona):
    t = PelaksanaTugas(
        jabatan=persona.a.j_sekcam,
        pegawai=persona.a.kasubag,
        jenis="plt",
        tanggal_mulai=datetime.date(2026, 5, 1),
        tanggal_selesai=datetime.date(2026, 4, 1),
    )
    with pytest.raises(ValidationError, match="tidak boleh sebelum"):
        services.simpan_pelaksana_tugas(aktor=persona.admin_pemda, penugasan=t)


def test_plt_memberi_akses_ke_instansi_jabatannya(persona):
    """A Plt from Alpha acting in Beta reaches Beta while the assignment runs, not after."""
    from sakip.lib.akses import cakupan_pengguna
    from sakip.organisasi.models import Instansi

    hari_ini = datetime.date.today()
    t = PelaksanaTugas.objects.create(
        jabatan=persona.b.j_sekcam,
        pegawai=persona.a.kasubag,
        jenis="plh",
        tanggal_mulai=hari_ini - datetime.timedelta(days=1),
        tanggal_selesai=hari_ini + datetime.timedelta(days=1),
    )
    user = Pegawai.objects.get(pk=persona.a.kasubag.pk)
    assert persona.b.instansi in Instansi.objects.for_user(user)
    t.tanggal_selesai = hari_ini - datetime.timedelta(days=1)
    t.save()
    user = Pegawai.objects.get(pk=persona.a.kasubag.pk)
    assert cakupan_pengguna(user).instansi_ids == {persona.a.instansi.pk}


def test_hanya_admin_pemda_sendiri_yang_boleh_mengubah(persona):
    j = persona.a.j_kasubag
    j.nama = "Diubah"
    for orang in (persona.a.camat, persona.evaluator, persona.admin_lain):
        with pytest.raises(services.PermissionDenied):
            services.simpan_jabatan(aktor=orang, jabatan=j)
    services.simpan_jabatan(aktor=persona.admin_pemda, jabatan=j)
    assert Jabatan.objects.get(pk=j.pk).nama == "Diubah"


def test_nip_diketik_dengan_spasi_disimpan_sebagai_angka(persona):
    p = Pegawai(
        username="baru", nama="Baru", instansi=persona.a.instansi, nip="19800101 200501 2 007"
    )
    services.simpan_pegawai(aktor=persona.admin_pemda, pegawai=p)
    p.refresh_from_db()
    assert p.nip == "198001012005012007"
    assert p.nip_tampil == "19800101 200501 2 007"
    assert p.pemda == persona.pemda
