"""Dispositions: the Camat sends the Bupati's letter down to the Sekcam, who passes it to
the Kasubag; each finds it in the inbox, answers, and the IKM SOP starts from it."""

import datetime
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from pypdf import PdfReader

from sakip.notifikasi.models import Notifikasi
from sakip.sop import services as sop_services
from sakip.sop.models import Pelaksanaan
from sakip.surat import services
from sakip.surat.models import Disposisi

from .bantu import petakan_semua_pelaksana, surat_masuk

pytestmark = pytest.mark.django_db


def _disposisi_camat(a, surat=None, **kw):
    surat = surat or surat_masuk(a)
    data = {
        "aktor": a.camat,
        "surat": surat,
        "kepada": a.j_sekcam,
        "instruksi": ["Untuk ditindaklanjuti", "Koordinasikan"],
        "catatan": "Siapkan SKM di loket PATEN.",
        "batas_waktu": services.hari_ini() + datetime.timedelta(days=7),
    }
    data.update(kw)
    return services.disposisikan(**data)


def test_disposisi_memberi_tahu_dan_masuk_kotak_tugas(persona, masuk):
    a = persona.a
    d = _disposisi_camat(a)
    assert d.dari_jabatan == a.j_camat and d.status == Disposisi.Status.TERBUKA
    n = Notifikasi.objects.get(penerima=a.sekcam)
    assert "Pelaksanaan Survei Kepuasan Masyarakat 1" in n.judul
    assert n.tautan == f"/surat/{d.surat_id}/#disposisi-{d.pk}"
    assert list(services.disposisi_untuk(a.sekcam)) == [d]
    assert not services.disposisi_untuk(a.kasubag).exists()
    isi = masuk(a.sekcam).get("/sop/tugas/").content.decode()
    assert "Disposisi surat masuk" in isi
    assert f"/surat/{d.surat_id}/#disposisi-{d.pk}" in isi
    assert "Untuk ditindaklanjuti" in isi
    assert "Disposisi surat masuk" not in masuk(a.kasubag).get("/sop/tugas/").content.decode()


def test_disposisi_berjenjang_lalu_ditanggapi(persona):
    a = persona.a
    d1 = _disposisi_camat(a)
    d2 = services.disposisikan(
        aktor=a.sekcam,
        surat=d1.surat,
        kepada=a.j_kasubag,
        instruksi=["Siapkan bahan/jawaban"],
        induk=d1,
    )
    assert d2.induk == d1 and d2.dari_jabatan == a.j_sekcam
    assert Notifikasi.objects.filter(penerima=a.kasubag).count() == 1
    services.tanggapi_disposisi(aktor=a.kasubag, disposisi=d2, tanggapan="Kuesioner siap.")
    d2.refresh_from_db()
    assert d2.status == Disposisi.Status.SELESAI and d2.selesai_oleh == a.kasubag
    assert not services.disposisi_untuk(a.kasubag).exists()
    # The Sekcam hears back; a second click changes nothing.
    assert Notifikasi.objects.filter(penerima=a.sekcam, judul__startswith="Disposisi ditanggapi")
    again = services.tanggapi_disposisi(aktor=a.kasubag, disposisi=d2, tanggapan="Lain")
    assert again.tanggapan == "Kuesioner siap."


def test_disposisi_dua_kali_klik_satu_baris(persona):
    a = persona.a
    d1 = _disposisi_camat(a)
    d2 = _disposisi_camat(a, surat=d1.surat)
    assert d1.pk == d2.pk
    assert Notifikasi.objects.filter(penerima=a.sekcam).count() == 1


def test_disposisi_tidak_ke_atas(persona):
    a = persona.a
    d1 = _disposisi_camat(a)
    with pytest.raises(ValidationError) as e:
        services.disposisikan(
            aktor=a.sekcam, surat=d1.surat, kepada=a.j_camat, instruksi=["Arsipkan"], induk=d1
        )
    assert "ke bawah" in str(e.value)
    with pytest.raises(ValidationError):
        services.disposisikan(
            aktor=a.sekcam, surat=d1.surat, kepada=a.j_sekcam, instruksi=["Arsipkan"], induk=d1
        )


def test_hanya_pemangku_jabatan_instansi_yang_mendisposisikan(persona):
    a, b = persona.a, persona.b
    surat = surat_masuk(a)
    with pytest.raises(PermissionDenied):
        services.disposisikan(aktor=b.camat, surat=surat, kepada=a.j_sekcam, instruksi=["X"])
    with pytest.raises(PermissionDenied):
        services.disposisikan(
            aktor=persona.evaluator, surat=surat, kepada=a.j_sekcam, instruksi=["X"]
        )
    with pytest.raises(ValidationError) as e:
        services.disposisikan(aktor=a.camat, surat=surat, kepada=b.j_sekcam, instruksi=["X"])
    assert "instansi yang sama" in str(e.value)
    # Only the holder of the disposition's position passes it on or answers it.
    d = _disposisi_camat(a, surat=surat)
    with pytest.raises(PermissionDenied):
        services.tanggapi_disposisi(aktor=a.staf, disposisi=d, tanggapan="Bukan saya")
    with pytest.raises(PermissionDenied):
        services.disposisikan(
            aktor=a.staf, surat=surat, kepada=a.j_kasubag, instruksi=["X"], induk=d
        )
    assert Disposisi.objects.count() == 1


def test_disposisi_tanpa_instruksi_atau_batas_lampau_ditolak(persona):
    a = persona.a
    surat = surat_masuk(a)
    with pytest.raises(ValidationError):
        services.disposisikan(aktor=a.camat, surat=surat, kepada=a.j_sekcam, instruksi=[])
    with pytest.raises(ValidationError):
        _disposisi_camat(a, surat=surat, batas_waktu=datetime.date(2020, 1, 1))
    assert not Disposisi.objects.exists()


def test_plt_menerima_disposisi_jabatan_yang_dipangkunya(persona):
    from sakip.organisasi.models import PelaksanaTugas

    a = persona.a
    PelaksanaTugas.objects.create(
        jabatan=a.j_sekcam, pegawai=a.kasubag, jenis="plh", tanggal_mulai=datetime.date(2020, 1, 1)
    )
    d = _disposisi_camat(a)
    assert d in services.disposisi_untuk(a.kasubag)
    assert Notifikasi.objects.filter(penerima=a.kasubag).exists()


@pytest.fixture
def sop_ikm(persona):
    a = persona.a
    petakan_semua_pelaksana(a)
    return sop_services.adopsi(aktor=a.camat, instansi=a.instansi, kode="000-spp-ikm")


def test_disposisi_memulai_sop_ikm(persona, sop_ikm, masuk):
    a = persona.a
    d = _disposisi_camat(a)
    p = services.mulai_sop_dari_disposisi(
        aktor=a.camat, disposisi=d, sop=sop_ikm, judul="SPP dan IKM 2026", periode="2026"
    )
    assert isinstance(p, Pelaksanaan) and p.sop == sop_ikm and p.periode == "2026"
    d.refresh_from_db()
    assert d.pelaksanaan == p and d.surat.pelaksanaan == p
    # Asking again (a double click) returns the same run.
    assert services.mulai_sop_dari_disposisi(aktor=a.camat, disposisi=d, sop=sop_ikm) == p
    assert Pelaksanaan.objects.filter(sop=sop_ikm).count() == 1
    isi = masuk(a.camat).get(f"/surat/{d.surat_id}/").content.decode()
    assert f"/sop/pelaksanaan/{p.pk}/" in isi and "SPP dan IKM 2026" in isi


def test_mulai_sop_lewat_halaman(persona, sop_ikm, masuk):
    a = persona.a
    d = _disposisi_camat(a)
    r = masuk(a.camat).post(
        f"/surat/disposisi/{d.pk}/mulai-sop/", {"sop": sop_ikm.pk, "judul": "", "periode": "2026"}
    )
    p = Pelaksanaan.objects.get(sop=sop_ikm)
    assert r.status_code == 302 and r["Location"] == f"/sop/pelaksanaan/{p.pk}/"
    assert p.judul.endswith("Pelaksanaan Survei Kepuasan Masyarakat 1")


def test_penerima_yang_tidak_boleh_memulai_sop_mendapat_pesan(persona, sop_ikm):
    a = persona.a
    d = services.disposisikan(
        aktor=a.camat, surat=surat_masuk(a), kepada=a.j_staf, instruksi=["Arsipkan"]
    )
    with pytest.raises(ValidationError) as e:
        services.mulai_sop_dari_disposisi(aktor=a.staf, disposisi=d, sop=sop_ikm)
    assert "tidak dapat memulai" in str(e.value)
    assert not Pelaksanaan.objects.exists()


def test_lembar_disposisi_pdf(persona, masuk):
    a = persona.a
    d1 = _disposisi_camat(a)
    services.disposisikan(
        aktor=a.sekcam,
        surat=d1.surat,
        kepada=a.j_kasubag,
        instruksi=["Proses lebih lanjut"],
        catatan="Segera susun jadwal.",
        induk=d1,
    )
    r = masuk(a.sekcam).get(f"/surat/{d1.surat_id}/lembar-disposisi/")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    teks = " ".join(" ".join(h.extract_text().split()) for h in PdfReader(BytesIO(r.content)).pages)
    for harus in (
        "PEMERINTAH KABUPATEN UJI",
        "KECAMATAN ALPHA",
        "LEMBAR DISPOSISI",
        "Surat dari Bupati Uji",
        "000.8.3.2/1/ORG/2026",
        "Diterima tanggal 3 November 2026",
        "Nomor agenda 1",
        "Pelaksanaan Survei Kepuasan Masyarakat 1",
        "Sekretaris Camat",
        "Untuk ditindaklanjuti",
        "Siapkan SKM di loket PATEN.",
        "Segera susun jadwal.",
    ):
        assert harus in teks, harus
    # The ticked boxes are the instructions given and the positions it went to.
    assert "X Untuk ditindaklanjuti" in teks and "X Sekretaris Camat" in teks
    assert "X Arsipkan" not in teks
