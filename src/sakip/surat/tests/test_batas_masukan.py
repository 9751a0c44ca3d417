"""Limits on what staff and strangers send to the letters app (issue 14): the year in a
letter's number, the public verification page's upload size and hourly count."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sakip.surat import services
from sakip.surat.models import UnggahVerifikasi

from .test_verifikasi import _isi, surat_ttd  # noqa: F401 — the fixture

pytestmark = pytest.mark.django_db


def _naskah(a, perihal="Undangan rapat"):
    return services.naskah_keluar(
        aktor=a.staf, instansi=a.instansi, perihal=perihal, kode_klasifikasi="000.1.5"
    )


# ---------------------------------------------------------------- the year of a number


@pytest.mark.tahun_nyata
def test_nomor_tahun_9999_oleh_staf_ditolak(persona):
    a = persona.a
    surat = _naskah(a)
    with pytest.raises(ValidationError, match="harus dalam tahun"):
        services.beri_nomor(aktor=a.staf, surat=surat, tanggal=datetime.date(9999, 1, 1))
    surat.refresh_from_db()
    assert surat.nomor_surat == "" or surat.nomor_surat is None


@pytest.mark.tahun_nyata
def test_tahun_lalu_oleh_staf_ditolak_oleh_kasubag_umum_boleh(persona):
    a = persona.a
    tahun_lalu = datetime.date(services.hari_ini().year - 1, 12, 30)
    with pytest.raises(ValidationError, match="Kasubag Umum"):
        services.beri_nomor(aktor=a.staf, surat=_naskah(a, "A"), tanggal=tahun_lalu)
    # The Kasubag may number a late letter of last December (boleh_atur).
    s = services.beri_nomor(aktor=a.kasubag, surat=_naskah(a, "B"), tanggal=tahun_lalu)
    assert s.tahun_nomor == tahun_lalu.year and s.nomor_surat.endswith(str(tahun_lalu.year))


@pytest.mark.tahun_nyata
def test_tahun_berjalan_oleh_staf_boleh(persona):
    a = persona.a
    s = services.beri_nomor(aktor=a.staf, surat=_naskah(a), tanggal=services.hari_ini())
    assert s.tahun_nomor == services.hari_ini().year


def test_perihal_dengan_ganti_baris_ditolak(persona):
    a = persona.a
    with pytest.raises(ValidationError, match="satu baris"):
        services.naskah_keluar(
            aktor=a.staf,
            instansi=a.instansi,
            perihal="Undangan\r\nBcc: x@evil",
            kode_klasifikasi="000.1.5",
        )


# ---------------------------------------------------------------- public verification


def _unggah(client, surat, isi: bytes, **kw):
    url = reverse("verifikasi:detail", args=[surat.kode_verifikasi])
    berkas = SimpleUploadedFile("surat.pdf", isi, "application/pdf")
    return client.post(url, {"berkas": berkas}, **kw)


def test_unggahan_anonim_melebihi_batas_ukuran_ditolak(client, surat_ttd, settings):  # noqa: F811
    settings.VERIFIKASI_UNGGAH_MAKS_MB = 1
    r = _unggah(client, surat_ttd, b"%PDF-1.7\n" + b"0" * (2 * 1024 * 1024))
    assert r.status_code == 413
    assert "Berkas lebih dari 1 MB." in r.content.decode()
    assert not UnggahVerifikasi.objects.exists()  # refused before it was counted or parsed


def test_unggahan_ke_n_tambah_1_dalam_sejam_ditolak(client, surat_ttd, settings):  # noqa: F811
    settings.VERIFIKASI_UNGGAH_PER_JAM = 2
    isi = _isi(surat_ttd)
    for _ in range(2):
        r = _unggah(client, surat_ttd, isi, REMOTE_ADDR="203.0.113.7")
        assert r.status_code == 200 and "Dokumen utuh" in r.content.decode()
    r = _unggah(client, surat_ttd, isi, REMOTE_ADDR="203.0.113.7")
    assert r.status_code == 429
    assert "Terlalu banyak pemeriksaan berkas" in r.content.decode()
    # Another address still may; the page itself (GET) is never limited.
    assert _unggah(client, surat_ttd, isi, REMOTE_ADDR="203.0.113.8").status_code == 200
    url = reverse("verifikasi:detail", args=[surat_ttd.kode_verifikasi])
    assert client.get(url, REMOTE_ADDR="203.0.113.7").status_code == 200
