"""A run's title reaches email subjects: a line break in it is refused, not saved (issue 14)."""

import pytest

from sakip.sop import engine
from sakip.sop.models import Pelaksanaan


def test_judul_uji_cr_bcc_ditolak_lewat_formulir(persona, laporan_bulanan, masuk):
    # "Uji\rBcc: x@evil" used to be saved, then the mail raised BadHeaderError (500).
    c = masuk(persona.a.kasubag)
    r = c.post(f"/sop/{laporan_bulanan.pk}/mulai/", {"judul": "Uji\rBcc: x@evil", "periode": ""})
    assert r.status_code == 200
    assert "harus satu baris" in r.content.decode()
    assert not Pelaksanaan.objects.exists()


def test_judul_dengan_baris_baru_ditolak_oleh_layanan(persona, laporan_bulanan):
    # The API and the schedule do not pass the form: the service refuses too.
    with pytest.raises(engine.KesalahanAlur, match="satu baris"):
        engine.mulai(aktor=persona.a.kasubag, sop=laporan_bulanan, judul="Uji\r\nBcc: x@evil")
    assert not Pelaksanaan.objects.exists()
