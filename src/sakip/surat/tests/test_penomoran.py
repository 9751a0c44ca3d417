"""Letter numbers: the agency's pattern, one gap-free sequence per year, never reused."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import given
from hypothesis import strategies as st

from sakip.audit.models import CatatanAudit
from sakip.surat import services
from sakip.surat.klasifikasi import daftar_bawaan, muat_klasifikasi
from sakip.surat.models import KodeKlasifikasi, Surat, Urutan
from sakip.surat.penomoran import ROMAWI, contoh_nomor, format_nomor, periksa_pola

pytestmark = pytest.mark.django_db

POLA_ROMAWI = "{kode}/{nomor:03d}/{unit}/{bulan_romawi}/{tahun}"


def test_pola_baku_seperti_contoh_domain():
    nomor = format_nomor(
        "{kode}/{nomor:03d}/{unit}/{tahun}",
        kode="000.7.2.7",
        nomor=15,
        unit="KEC-BR",
        tanggal=datetime.date(2026, 3, 2),
    )
    assert nomor == "000.7.2.7/015/KEC-BR/2026"


@given(st.integers(min_value=1, max_value=12))
def test_bulan_romawi_setiap_bulan(bulan):
    nomor = format_nomor(
        POLA_ROMAWI, kode="000.1.5", nomor=7, unit="KEC-BR", tanggal=datetime.date(2026, bulan, 1)
    )
    romawi = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"][bulan - 1]
    assert nomor == f"000.1.5/007/KEC-BR/{romawi}/2026"
    assert ROMAWI[bulan - 1] == romawi


@given(st.integers(min_value=1, max_value=99_999))
def test_nomor_berapa_pun_diisi_nol_di_depan(n):
    nomor = format_nomor(
        "{kode}/{nomor:03d}/{unit}/{tahun}",
        kode="000",
        nomor=n,
        unit="U",
        tanggal=datetime.date(2026, 1, 1),
    )
    bagian = nomor.split("/")[1]
    assert int(bagian) == n
    assert len(bagian) == max(3, len(str(n)))


@pytest.mark.parametrize(
    ("pola", "pesan"),
    [
        ("{kode}/{nomr:03d}/{unit}/{tahun}", "tidak dikenal"),
        ("{kode}/{unit}/{tahun}", "harus memuat isian {nomor}"),
        ("{kode}/{nomor}/{unit}", "{tahun}"),
        ("{kode.__class__}/{nomor}/{tahun}", "tidak dikenal"),
        ("{kode}/{nomor:999999999d}/{tahun}", "tidak didukung"),
        ("{kode}/{nomor!r}/{tahun}", "tidak didukung"),
        ("{kode}/{nomor/{tahun}", "kurung kurawal"),
        ("", "wajib"),
    ],
)
def test_pola_salah_ditolak_dengan_pesan_indonesia(pola, pesan):
    with pytest.raises(ValidationError) as e:
        periksa_pola(pola)
    assert pesan in " ".join(e.value.messages)


def test_format_yang_tidak_cocok_ditolak():
    with pytest.raises(ValidationError):
        contoh_nomor("{kode:03d}/{nomor}/{tahun}", unit="X")


# ---------------------------------------------------------------- sequences


def _surat(a, kode="000.7.2.7", perihal="Perjanjian Kinerja 2026"):
    return services.naskah_keluar(
        aktor=a.kasubag, instansi=a.instansi, perihal=perihal, kode_klasifikasi=kode
    )


def test_kode_klasifikasi_dimuat_saat_migrasi():
    kode = set(KodeKlasifikasi.objects.values_list("kode", flat=True))
    assert {"000.7.2.7", "000.8.3.2", "800.1.11.1", "000.5.3.1", "000.1.5"} <= kode
    assert muat_klasifikasi() == 0  # idempotent
    k = KodeKlasifikasi.objects.get(kode="000.7.2.7")
    assert k.nama == "Penetapan/Kontrak Kinerja"
    k.retensi_aktif = 9
    k.save()
    assert muat_klasifikasi() == 0  # an archivist's correction survives migrate
    assert KodeKlasifikasi.objects.get(kode="000.7.2.7").retensi_aktif == 9
    assert muat_klasifikasi(timpa=True) == 1


def test_kode_klasifikasi_sop_pustaka_ada_di_data():
    """Every SOP in the library names a code that the YAML data knows."""
    from sakip.sop.services import pustaka

    dikenal = {b["kode"] for b in daftar_bawaan()}
    hilang = {s.kode: s.kode_klasifikasi for s in pustaka().values()}
    hilang = {k: v for k, v in hilang.items() if v and v not in dikenal}
    assert not hilang


def test_nomor_berurutan_dan_agenda(persona):
    a = persona.a
    tgl = datetime.date(2026, 3, 2)
    s1 = services.beri_nomor(aktor=a.kasubag, surat=_surat(a), tanggal=tgl)
    s2 = services.beri_nomor(aktor=a.kasubag, surat=_surat(a, perihal="Lain"), tanggal=tgl)
    assert s1.nomor_surat == "000.7.2.7/001/KEC-A/2026"
    assert s2.nomor_surat == "000.7.2.7/002/KEC-A/2026"
    assert (s1.nomor_agenda, s2.nomor_agenda) == (1, 2)
    assert s1.status == Surat.Status.BERNOMOR and s1.tanggal_surat == tgl
    assert CatatanAudit.objects.filter(keterangan="Memberi nomor surat keluar").count() == 2


def test_beri_nomor_idempoten(persona):
    a = persona.a
    s = _surat(a)
    pertama = services.beri_nomor(aktor=a.kasubag, surat=s)
    kedua = services.beri_nomor(aktor=a.kasubag, surat=s)
    assert pertama.nomor_surat == kedua.nomor_surat
    assert Urutan.objects.get(instansi=a.instansi, jenis="nomor_surat").terakhir == 1


def test_nomor_memakai_pola_romawi_instansi(persona):
    a = persona.a
    services.simpan_pengaturan(
        aktor=a.camat, instansi=a.instansi, pola_nomor=POLA_ROMAWI, urut_per_klasifikasi=False
    )
    s = services.beri_nomor(aktor=a.staf, surat=_surat(a), tanggal=datetime.date(2026, 11, 5))
    assert s.nomor_surat == "000.7.2.7/001/KEC-A/XI/2026"


def test_urutan_per_klasifikasi(persona):
    a = persona.a
    services.simpan_pengaturan(
        aktor=a.camat,
        instansi=a.instansi,
        pola_nomor="{kode}/{nomor:03d}/{unit}/{tahun}",
        urut_per_klasifikasi=True,
    )
    tgl = datetime.date(2026, 5, 1)
    pk1 = services.beri_nomor(aktor=a.staf, surat=_surat(a, "000.7.2.7", "PK 1"), tanggal=tgl)
    rapat = services.beri_nomor(aktor=a.staf, surat=_surat(a, "000.1.5", "Rapat"), tanggal=tgl)
    pk2 = services.beri_nomor(aktor=a.staf, surat=_surat(a, "000.7.2.7", "PK 2"), tanggal=tgl)
    assert [pk1.nomor_urut, rapat.nomor_urut, pk2.nomor_urut] == [1, 1, 2]
    # The agenda book still counts every outgoing letter once.
    assert [pk1.nomor_agenda, rapat.nomor_agenda, pk2.nomor_agenda] == [1, 2, 3]


def test_urut_per_klasifikasi_tanpa_kode_pada_pola_ditolak(persona):
    a = persona.a
    with pytest.raises(ValidationError):
        services.simpan_pengaturan(
            aktor=a.camat,
            instansi=a.instansi,
            pola_nomor="{nomor:03d}/{unit}/{tahun}",
            urut_per_klasifikasi=True,
        )


def test_nomor_mulai_lagi_setiap_tahun(persona):
    a = persona.a
    akhir_tahun, awal_tahun = datetime.date(2025, 12, 31), datetime.date(2026, 1, 2)
    # Another year than this one: the Kasubag (boleh_atur) numbers, not any staff member.
    des = services.beri_nomor(aktor=a.kasubag, surat=_surat(a, perihal="A"), tanggal=akhir_tahun)
    services.beri_nomor(aktor=a.kasubag, surat=_surat(a, perihal="B"), tanggal=akhir_tahun)
    jan = services.beri_nomor(aktor=a.kasubag, surat=_surat(a, perihal="C"), tanggal=awal_tahun)
    assert des.nomor_surat.endswith("/001/KEC-A/2025")
    assert jan.nomor_surat == "000.7.2.7/001/KEC-A/2026"
    assert jan.nomor_agenda == 1 and jan.tahun_nomor == 2026


def test_surat_batal_menyimpan_nomor_dan_nomor_tidak_dipakai_lagi(persona):
    a = persona.a
    s1 = services.beri_nomor(aktor=a.staf, surat=_surat(a, perihal="Salah ketik"))
    batal = services.batalkan(aktor=a.kasubag, surat=s1, alasan="Salah tujuan")
    assert batal.status == Surat.Status.BATAL
    assert batal.nomor_surat == s1.nomor_surat and batal.alasan_batal == "Salah tujuan"
    s2 = services.beri_nomor(aktor=a.staf, surat=_surat(a, perihal="Pengganti"))
    assert s2.nomor_urut == 2
    with pytest.raises(ValidationError):
        services.batalkan(aktor=a.kasubag, surat=s2, alasan="  ")
    # A cancelled letter is never numbered again.
    assert services.beri_nomor(aktor=a.staf, surat=batal).nomor_urut == 1


def test_tanpa_klasifikasi_tidak_diberi_nomor(persona):
    a = persona.a
    s = services.naskah_keluar(aktor=a.staf, instansi=a.instansi, perihal="Tanpa kode")
    with pytest.raises(ValidationError) as e:
        services.beri_nomor(aktor=a.staf, surat=s)
    assert "klasifikasi" in str(e.value)
    assert Urutan.objects.filter(instansi=a.instansi).count() == 0


def test_kode_tidak_dikenal_ditolak(persona):
    a = persona.a
    with pytest.raises(ValidationError) as e:
        services.naskah_keluar(
            aktor=a.staf, instansi=a.instansi, perihal="X", kode_klasifikasi="999.9"
        )
    assert "tidak dikenal" in str(e.value)
    assert not Surat.objects.exists()


def test_naskah_keluar_satu_per_dokumen(persona):
    a = persona.a
    dokumen = a.j_camat  # any model instance stands for "the document"
    s1 = services.naskah_keluar(
        aktor=a.staf,
        instansi=a.instansi,
        perihal="PK",
        kode_klasifikasi="000.7.2.7",
        dokumen=dokumen,
        berkas=b"%PDF-1.4 satu",
        nama_berkas="pk.pdf",
    )
    s2 = services.naskah_keluar(
        aktor=a.staf,
        instansi=a.instansi,
        perihal="PK",
        kode_klasifikasi="000.7.2.7",
        dokumen=dokumen,
        berkas=b"%PDF-1.4 dua",
    )
    assert s1.pk == s2.pk
    s2.refresh_from_db()
    assert s2.berkas.read() == b"%PDF-1.4 dua"
    services.batalkan(aktor=a.staf, surat=s2, alasan="Diganti")
    s3 = services.naskah_keluar(
        aktor=a.staf,
        instansi=a.instansi,
        perihal="PK",
        kode_klasifikasi="000.7.2.7",
        dokumen=dokumen,
    )
    assert s3.pk != s1.pk


def test_agensi_lain_dan_evaluator_tidak_memberi_nomor(persona):
    s = _surat(persona.a)
    for orang in (persona.b.camat, persona.evaluator):
        with pytest.raises(PermissionDenied):
            services.beri_nomor(aktor=orang, surat=s)
    s.refresh_from_db()
    assert s.nomor_surat == ""


def test_staf_tidak_mengatur_pola(persona):
    a = persona.a
    with pytest.raises(PermissionDenied):
        services.simpan_pengaturan(
            aktor=a.staf,
            instansi=a.instansi,
            pola_nomor="{nomor}/{tahun}",
            urut_per_klasifikasi=False,
        )
    assert services.boleh_atur(a.kasubag, a.instansi)
    assert services.boleh_atur(persona.admin_pemda, a.instansi)
    assert not services.boleh_atur(persona.b.camat, a.instansi)
