"""Realisation evidence keeps the SHA-256 of its file (set on save, `HashBerkasMixin`)."""

from __future__ import annotations

import hashlib
from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sakip.pengukuran import services
from sakip.pengukuran.models import BuktiRealisasi, Realisasi
from sakip.perencanaan.tests import bangun
from sakip.testing import pdf_uji


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_bukti_berkas_menyimpan_hash_tautan_tidak(persona):
    a = persona.a
    renstra = bangun.renstra(a)
    r = services.simpan_realisasi(
        aktor=a.camat,
        realisasi=Realisasi(
            instansi=a.instansi,
            tahun=2025,
            bulan=3,
            indikator=renstra.indikator.get(kode="IT1"),
            nilai=D(80),
        ),
    )
    isi = pdf_uji("bukti")
    bukti = services.tambah_bukti(
        aktor=a.camat, realisasi=r, berkas=SimpleUploadedFile("foto.pdf", isi)
    )
    bukti.refresh_from_db()
    assert bukti.sha256 == hashlib.sha256(isi).hexdigest()
    bukti.keterangan = "Foto kegiatan"
    bukti.save()  # the file unchanged: not read again, hash kept
    assert BuktiRealisasi.objects.get(pk=bukti.pk).sha256 == bukti.sha256

    tautan = services.tambah_bukti(aktor=a.camat, realisasi=r, tautan="https://drive.example.id/x")
    assert BuktiRealisasi.objects.get(pk=tautan.pk).sha256 == ""
