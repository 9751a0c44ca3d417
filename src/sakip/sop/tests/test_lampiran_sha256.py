"""A step's attachment keeps the SHA-256 of the file as uploaded."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sakip.sop import engine
from sakip.sop.lampiran import simpan_lampiran
from sakip.testing import pdf_uji


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_lampiran_menyimpan_hash_berkasnya(persona, laporan_bulanan):
    a = persona.a
    p = engine.mulai(aktor=a.kasubag, sop=laporan_bulanan, judul="LB")
    tugas = p.tugas.get(status="terbuka")
    isi = pdf_uji("lampiran")
    lampiran = simpan_lampiran(
        tugas=tugas, berkas=SimpleUploadedFile("rekap.pdf", isi, "application/pdf"), aktor=a.kasubag
    )
    lampiran.refresh_from_db()
    assert lampiran.sha256 == hashlib.sha256(isi).hexdigest()
    with lampiran.berkas.open("rb") as f:
        assert f.read() == isi  # the hashed bytes are the stored ones
