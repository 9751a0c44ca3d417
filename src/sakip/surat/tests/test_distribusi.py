"""Stories of the SOP Pengiriman: Staf Alpha sends the Camat's signed PK to Bagian Organisasi
in the app, to an outside office by email with a confirmation link and on paper; each
receipt comes in its own way, and the distribution ends complete or closed with a reason."""

import hashlib
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from sakip import testing
from sakip.audit.models import CatatanAudit
from sakip.notifikasi.models import Notifikasi
from sakip.surat import distribusi
from sakip.surat.models import Penerima, Pengiriman, Surat
from sakip.testing import png_uji

from .contoh_akses_kirim import bagian_organisasi, berkas_pdf, kode, surat_bertanda_tangan

PNG = png_uji()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.SITE_URL = "https://sakip.contoh.go.id"


@pytest.fixture
def sinyal():
    """Every pengiriman the completion signal announced, in order."""
    terima = []

    def _penerima(sender, pengiriman, **kwargs):
        terima.append((sender, pengiriman.pk))

    distribusi.pengiriman_lengkap_signal.connect(_penerima)
    yield terima
    distribusi.pengiriman_lengkap_signal.disconnect(_penerima)


@pytest.fixture
def org(persona):
    return bagian_organisasi(persona.pemda)


def test_hanya_surat_bertanda_tangan_yang_dapat_dikirim(persona):
    a = persona.a
    draf = Surat.objects.create(
        instansi=a.instansi, arah="keluar", status=Surat.Status.BERNOMOR, perihal="Draf PK"
    )
    tanpa_berkas = Surat.objects.create(
        instansi=a.instansi, arah="keluar", status=Surat.Status.DITANDATANGANI, perihal="Tanpa PDF"
    )
    for surat in (draf, tanpa_berkas):
        with pytest.raises(ValidationError) as e:
            distribusi.mulai_pengiriman(
                aktor=a.staf, surat=surat, penerima=[{"jabatan": a.j_camat, "cara": "aplikasi"}]
            )
        assert "sudah ditandatangani" in str(e.value)
    assert not Pengiriman.objects.exists()
    draf.refresh_from_db()
    assert draf.status == Surat.Status.BERNOMOR


def test_penerima_diperiksa_semua_sebelum_apa_pun_ditulis(persona, org):
    a = persona.a
    surat = surat_bertanda_tangan(a)
    lain = persona.pemda_lain.instansi.create(nama="Dinas Lain", jenis="dinas", kode_unit="DL")
    j_lain = lain.jabatan.create(nama="Kepala Dinas Lain")
    with pytest.raises(ValidationError) as e:
        distribusi.mulai_pengiriman(
            aktor=a.staf,
            surat=surat,
            penerima=[
                {"jabatan": org[1], "cara": "aplikasi"},  # fine, but the others are not
                {"nama": "Kantor Pos", "alamat": "Jl. Pos", "cara": "aplikasi"},
                {"nama": "Dinas X", "cara": "email"},
                {"nama": "Dinas Y", "email": "bukan-surel", "cara": "email"},
                {"jabatan": j_lain, "cara": "aplikasi"},
                {"jabatan": org[1], "cara": "kertas"},
            ],
        )
    pesan = e.value.messages
    assert any("Penerima 2" in m and "hanya untuk jabatan internal" in m for m in pesan)
    assert any("Penerima 3" in m and "memerlukan alamat surel" in m for m in pesan)
    assert any("Penerima 4" in m and "tidak sah" in m for m in pesan)
    assert any("Penerima 5" in m and "tidak dikenal pada Pemda ini" in m for m in pesan)
    assert any("Penerima 6 tercantum dua kali" in m for m in pesan)
    assert not Pengiriman.objects.exists() and not Notifikasi.objects.exists()
    surat.refresh_from_db()
    assert surat.status == Surat.Status.DITANDATANGANI

    with pytest.raises(ValidationError, match="sedikitnya satu penerima"):
        distribusi.mulai_pengiriman(aktor=a.staf, surat=surat, penerima=[])


def test_evaluator_dan_agensi_lain_tidak_dapat_mengirim(persona):
    surat = surat_bertanda_tangan(persona.a)
    for orang in (persona.evaluator, persona.b.staf):
        with pytest.raises(PermissionDenied):
            distribusi.mulai_pengiriman(
                aktor=orang,
                surat=surat,
                penerima=[{"jabatan": persona.a.j_camat, "cara": "aplikasi"}],
            )


def test_dalam_aplikasi_pemangku_diberi_tahu_dan_membuka_menjadi_tanda_terima(
    persona, org, client, sinyal, django_capture_on_commit_callbacks
):
    a = persona.a
    _instansi, j_kabag, kabag = org
    surat = surat_bertanda_tangan(a)
    with django_capture_on_commit_callbacks(execute=True):
        p = distribusi.mulai_pengiriman(
            aktor=a.staf, surat=surat, penerima=[{"jabatan": j_kabag, "cara": "aplikasi"}]
        )
    surat.refresh_from_db()
    assert surat.status == Surat.Status.DIKIRIM
    penerima = p.penerima.get()
    n = Notifikasi.objects.get(penerima=kabag)
    assert n.tautan == f"/surat/terima/{penerima.pk}/"
    assert "Kecamatan Alpha" in n.judul and surat.perihal in n.judul
    assert p.status == Pengiriman.Status.BERJALAN and sinyal == []

    # The Camat of Alpha does not hold the position: the receipt page does not exist for him.
    client.force_login(a.camat)
    assert client.get(n.tautan).status_code == 404
    client.force_login(persona.b.camat)
    assert client.get(n.tautan).status_code == 404

    client.force_login(kabag)
    with django_capture_on_commit_callbacks(execute=True):
        isi = client.get(n.tautan).content.decode()
    assert surat.perihal in isi and "000.7.2.7/015/KEC-A/2026" in isi
    penerima.refresh_from_db()
    assert penerima.bukti == Penerima.Bukti.DIBACA
    n.refresh_from_db()
    assert n.dibaca_pada is not None  # the notification that pointed here is read
    assert penerima.diterima_oleh == "Kabag Organisasi (Kepala Bagian Organisasi)"
    pertama = penerima.diterima_pada
    p.refresh_from_db()
    assert p.status == Pengiriman.Status.SELESAI and distribusi.pengiriman_lengkap(p)
    assert sinyal == [(Pengiriman, p.pk)]

    # Opening it again changes nothing and announces nothing.
    with django_capture_on_commit_callbacks(execute=True):
        client.get(n.tautan)
    penerima.refresh_from_db()
    assert penerima.diterima_pada == pertama and sinyal == [(Pengiriman, p.pk)]

    unduhan = client.get(f"/surat/terima/{penerima.pk}/unduh/")
    isi_pdf = b"".join(unduhan.streaming_content)
    assert hashlib.sha256(isi_pdf).hexdigest() == surat.sha256_ttd
    kotak = client.get("/surat/diterima/").content.decode()
    assert surat.perihal in kotak and "Kecamatan Alpha" in kotak


def test_surel_dengan_tautan_konfirmasi(persona, client, django_capture_on_commit_callbacks):
    a = persona.a
    surat = surat_bertanda_tangan(a)
    with django_capture_on_commit_callbacks(execute=True):
        p = distribusi.mulai_pengiriman(
            aktor=a.staf,
            surat=surat,
            penerima=[
                {"nama": "Inspektorat Daerah", "email": "irda@contoh.go.id", "cara": "email"}
            ],
        )
    penerima = p.penerima.get()
    assert len(mail.outbox) == 1
    surel = mail.outbox[0]
    assert surel.to == ["irda@contoh.go.id"]
    tautan = f"https://sakip.contoh.go.id/tanda-terima/{penerima.token}/"
    assert tautan in surel.body
    [(nama, isi, jenis)] = surel.attachments
    assert jenis == "application/pdf" and isi == berkas_pdf() and nama.endswith(".pdf")

    alamat = f"/tanda-terima/{penerima.token}/"
    halaman = client.get(alamat).content.decode()
    for teks in (
        "000.7.2.7/015/KEC-A/2026",
        surat.perihal,
        "Kecamatan Alpha",
        "Konfirmasi diterima",
    ):
        assert teks in halaman

    kosong = client.post(alamat, {"nama": "  "})
    assert kosong.status_code == 200 and "Isi nama Anda" in kosong.content.decode()
    penerima.refresh_from_db()
    assert not penerima.sudah_diterima

    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(alamat, {"nama": "Rina, Sekretaris Inspektorat"})
    assert r.status_code == 302
    penerima.refresh_from_db()
    assert penerima.bukti == Penerima.Bukti.TAUTAN
    assert penerima.diterima_oleh == "Rina, Sekretaris Inspektorat"
    waktu = penerima.diterima_pada
    assert "sudah dikonfirmasi oleh Rina" in client.get(alamat).content.decode()

    # A second confirmation is harmless: the first one stands.
    client.post(alamat, {"nama": "Orang Lain"})
    penerima.refresh_from_db()
    assert (penerima.diterima_oleh, penerima.diterima_pada) == (
        "Rina, Sekretaris Inspektorat",
        waktu,
    )
    p.refresh_from_db()
    assert p.status == Pengiriman.Status.SELESAI

    unduh = client.get(alamat + "unduh/")
    assert b"".join(unduh.streaming_content) == berkas_pdf()
    assert client.get("/tanda-terima/00000000-0000-4000-8000-000000000000/").status_code == 404
    with pytest.raises(ValidationError, match="tidak dikenal"):
        distribusi.konfirmasi_tautan(token="00000000-0000-4000-8000-000000000000", nama="X")


def test_surat_besar_tidak_dilampirkan_tetapi_ditautkan(
    persona, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(distribusi, "LAMPIRAN_EMAIL_MAKS", 100)
    surat = surat_bertanda_tangan(persona.a)
    with django_capture_on_commit_callbacks(execute=True):
        distribusi.mulai_pengiriman(
            aktor=persona.a.staf,
            surat=surat,
            penerima=[{"nama": "Dinas Besar", "email": "besar@contoh.go.id", "cara": "email"}],
        )
    [surel] = mail.outbox
    assert surel.attachments == []
    assert "dapat diunduh melalui tautan" in surel.body


def test_tanda_terima_kertas_diunggah(persona, masuk):
    a = persona.a
    surat = surat_bertanda_tangan(a)
    p = distribusi.mulai_pengiriman(
        aktor=a.staf,
        surat=surat,
        penerima=[{"nama": "Camat Gamma", "alamat": "Jl. Gamma 3", "cara": "kertas"}],
    )
    penerima = p.penerima.get()
    c = masuk(a.staf)
    url = f"/surat/penerima/{penerima.pk}/tanda-terima/"

    for berkas, pesan in [
        (SimpleUploadedFile("tanda.txt", b"teks", "text/plain"), "harus PDF, JPG atau PNG"),
        (SimpleUploadedFile("tanda.pdf", b"bukan pdf", "application/pdf"), "bukan PDF yang sah"),
        (SimpleUploadedFile("tanda.docx", b"PK\x03\x04xx", "application/zip"), "harus PDF"),
    ]:
        r = c.post(url, {"diterima_oleh": "Pak Budi", "berkas": berkas}, follow=True)
        assert pesan in r.content.decode()
    r = c.post(url, {"diterima_oleh": "", "berkas": SimpleUploadedFile("t.png", PNG)}, follow=True)
    assert "Isi nama orang yang menerima surat" in r.content.decode()
    penerima.refresh_from_db()
    assert not penerima.sudah_diterima and not penerima.berkas_tanda_terima
    jenis = ContentType.objects.get_for_model(Penerima)
    assert not CatatanAudit.objects.filter(content_type=jenis, object_id=str(penerima.pk)).exists()

    r = c.post(url, {"diterima_oleh": "Pak Budi", "berkas": SimpleUploadedFile("t.png", PNG)})
    assert r.status_code == 302
    penerima.refresh_from_db()
    assert penerima.bukti == Penerima.Bukti.UNGGAH and penerima.diterima_oleh == "Pak Budi"
    assert penerima.dicatat_oleh == a.staf
    assert b"".join(c.get(url).streaming_content) == PNG
    p.refresh_from_db()
    assert p.status == Pengiriman.Status.SELESAI

    # Uploading again keeps the first receipt.
    c.post(url, {"diterima_oleh": "Orang Lain", "berkas": SimpleUploadedFile("u.png", PNG)})
    penerima.refresh_from_db()
    assert penerima.diterima_oleh == "Pak Budi"


def test_selesai_hanya_ketika_semua_tanda_terima_masuk(
    persona, sinyal, django_capture_on_commit_callbacks
):
    a = persona.a
    surat = surat_bertanda_tangan(a)
    p = distribusi.mulai_pengiriman(
        aktor=a.staf,
        surat=surat,
        penerima=[
            {"jabatan": a.j_camat, "cara": "aplikasi"},
            {"nama": "Kantor Gamma", "alamat": "Jl. Gamma", "cara": "kertas"},
        ],
    )
    dibaca, kertas = p.penerima.order_by("id")
    with django_capture_on_commit_callbacks(execute=True):
        distribusi.tandai_dibaca(aktor=a.camat, penerima=dibaca)
    p.refresh_from_db()
    assert p.status == Pengiriman.Status.BERJALAN and not distribusi.pengiriman_lengkap(p)
    assert sinyal == []
    with django_capture_on_commit_callbacks(execute=True):
        distribusi.unggah_tanda_terima(
            aktor=a.staf,
            penerima=kertas,
            berkas=SimpleUploadedFile("t.pdf", berkas_pdf()),
            diterima_oleh="Sekretaris Gamma",
        )
    p.refresh_from_db()
    assert p.status == Pengiriman.Status.SELESAI and sinyal == [(Pengiriman, p.pk)]
    with pytest.raises(ValidationError, match="sudah lengkap"):
        distribusi.tutup_pengiriman(aktor=a.staf, pengiriman=p, alasan="Uji")
    # Only a holder of the position leaves a read receipt.
    with pytest.raises(PermissionDenied):
        distribusi.tandai_dibaca(aktor=a.staf, penerima=dibaca)


def test_ditutup_pengirim_dengan_alasan(persona, masuk, sinyal, django_capture_on_commit_callbacks):
    a = persona.a
    surat = surat_bertanda_tangan(a)
    p = distribusi.mulai_pengiriman(
        aktor=a.staf,
        surat=surat,
        penerima=[{"nama": "Kantor Hilang", "alamat": "Jl. Entah", "cara": "kertas"}],
    )
    with pytest.raises(ValidationError, match="alasan"):
        distribusi.tutup_pengiriman(aktor=a.staf, pengiriman=p, alasan="   ")
    c = masuk(a.kasubag)
    r = c.post(f"/surat/pengiriman/{p.pk}/tutup/", {"alasan": ""}, follow=True)
    assert "Tuliskan alasan menutup pengiriman" in r.content.decode()
    p.refresh_from_db()
    assert p.status == Pengiriman.Status.BERJALAN and sinyal == []

    with django_capture_on_commit_callbacks(execute=True):
        r = c.post(f"/surat/pengiriman/{p.pk}/tutup/", {"alasan": "Alamat tidak ditemukan"})
    assert r.status_code == 302
    p.refresh_from_db()
    assert p.status == Pengiriman.Status.DITUTUP and p.alasan_tutup == "Alamat tidak ditemukan"
    assert p.ditutup_oleh == a.kasubag and distribusi.pengiriman_lengkap(p)
    assert sinyal == [(Pengiriman, p.pk)]
    with django_capture_on_commit_callbacks(execute=True):
        distribusi.tutup_pengiriman(aktor=a.staf, pengiriman=p, alasan="Lagi")
    p.refresh_from_db()
    assert p.alasan_tutup == "Alamat tidak ditemukan" and len(sinyal) == 1
    assert "Alamat tidak ditemukan" in c.get(f"/surat/pengiriman/{p.pk}/").content.decode()


def test_kirim_ganda_mengembalikan_pengiriman_yang_sama(persona, org):
    a = persona.a
    surat = surat_bertanda_tangan(a)
    baris = [
        {"jabatan": org[1], "cara": "aplikasi"},
        {"nama": "Irda", "email": "irda@contoh.go.id", "cara": "email"},
    ]
    pertama = distribusi.mulai_pengiriman(aktor=a.staf, surat=surat, penerima=baris)
    kedua = distribusi.mulai_pengiriman(aktor=a.staf, surat=surat, penerima=list(reversed(baris)))
    assert kedua.pk == pertama.pk and Pengiriman.objects.count() == 1
    assert Notifikasi.objects.filter(penerima=org[2]).count() == 1
    # Another recipient list is a new distribution (a letter may be sent again).
    lain = distribusi.mulai_pengiriman(
        aktor=a.staf, surat=surat, penerima=[{"jabatan": a.j_camat, "cara": "aplikasi"}]
    )
    assert lain.pk != pertama.pk
    assert CatatanAudit.objects.filter(object_repr__startswith="Pengiriman").count() == 2


def test_surat_arsip_yang_dikirim_tetap_diarsipkan(persona):
    surat = surat_bertanda_tangan(
        persona.a,
        status=Surat.Status.DIARSIPKAN,
        klasifikasi=kode(),
        nomor="000.7.2.7/2/KEC-A/2026",
    )
    distribusi.mulai_pengiriman(
        aktor=persona.a.staf,
        surat=surat,
        penerima=[{"jabatan": persona.a.j_camat, "cara": "aplikasi"}],
    )
    surat.refresh_from_db()
    assert surat.status == Surat.Status.DIARSIPKAN


def test_nama_berkas_dari_nomor_surat(persona):
    surat = surat_bertanda_tangan(persona.a)
    assert re.fullmatch(r"000\.7\.2\.7-015-KEC-A-2026\.pdf", distribusi.nama_berkas_ttd(surat))


def test_demo_mengirim_surat_bertanda_tangan_sekali(db):
    pemda = testing.buat_pemda("Kabupaten Siak")
    br = testing.buat_kecamatan(pemda, "Bungaraya", "KEC-BR")
    bagian = pemda.instansi.create(nama="Bagian Adpem", jenis="bagian", kode_unit="BAG-ADPEM")
    kabag = bagian.jabatan.create(nama="Kepala Bagian Administrasi Pembangunan", peran="kepala")
    surat_bertanda_tangan(br, nomor="000.7.2.7/001/KEC-BR/2026")
    Surat.objects.create(instansi=br.instansi, arah="keluar", perihal="Belum ditandatangani")
    admin = testing.buat_pegawai("admin.siak", pemda=pemda, peran="admin_pemda")
    assert distribusi.muat_demo(admin) == 1
    p = Pengiriman.objects.get()
    assert p.penerima.filter(jabatan=kabag, cara="aplikasi").exists()
    assert p.dibuat_oleh == br.camat
    assert distribusi.muat_demo(admin) == 0
