"""A signed SKM report's files (DokumenBeku.simpan_berkas): stored under their SHA-256
in ikm/ttd/, hashes kept, the same bytes kept again reusing the stored files."""

from __future__ import annotations

import hashlib

import pytest

from sakip.ikm.tests import bangun


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_berkas_laporan_skm_beralamat_hash_dan_dipakai_ulang(persona):
    pdf, docx = b"%PDF-1.7 laporan skm", b"PK\x03\x04 laporan skm"
    p = bangun.periode(persona.a)
    p.simpan_berkas("skm", pdf=pdf, docx=docx)
    p.save()
    p.refresh_from_db()
    for bidang, isi in (("pdf", pdf), ("docx", docx)):
        h = hashlib.sha256(isi).hexdigest()
        assert getattr(p, bidang).name == f"ikm/ttd/{h[:2]}/{h}.{bidang}"
        assert getattr(p, f"sha256_{bidang}") == h

    lain = bangun.periode(persona.a, tahun=2026)
    lain.simpan_berkas("skm", pdf=pdf, docx=docx)
    assert (lain.pdf.name, lain.docx.name) == (p.pdf.name, p.docx.name)
    for berkas in (p.pdf, p.docx):  # one file each at its address: nothing added
        folder, nama = berkas.name.rsplit("/", 1)
        assert berkas.storage.listdir(folder)[1] == [nama]
