"""A signed report's PDF and DOCX are stored under their SHA-256 (laporan/ttd/…), keep
that hash, and are downloaded under the report's own name."""

from __future__ import annotations

import hashlib

import pytest

from sakip.laporan import services


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _isi(berkas) -> bytes:
    with berkas.open("rb") as f:
        return f.read()


def test_laporan_bertanda_tangan_disimpan_dengan_nama_hash(persona, masuk):
    a = persona.a
    lap = services.siapkan_laporan(
        aktor=a.kasubag, instansi=a.instansi, jenis="lkjip", tahun=2025, periode=0
    )
    lap = services.tandatangani_laporan(aktor=a.camat, laporan=lap)
    lap.refresh_from_db()
    for bidang in ("pdf", "docx"):
        berkas = getattr(lap, bidang)
        h = hashlib.sha256(_isi(berkas)).hexdigest()
        assert berkas.name == f"laporan/ttd/{h[:2]}/{h}.{bidang}"
        assert getattr(lap, f"sha256_{bidang}") == h

    c = masuk(a.kasubag)
    r = c.get(f"/laporan/{lap.pk}/pdf/")
    assert b"".join(r.streaming_content) == _isi(lap.pdf)
    assert 'filename="LKjIP_Tahun_2025_Kecamatan_Alpha.pdf"' in r["Content-Disposition"]
    assert lap.sha256_pdf not in r["Content-Disposition"]
