"""The survey's free text (saran) refuses NUL and control characters, in Indonesian."""

import pytest

from sakip.ikm.models import Responden
from sakip.ikm.responden import validasi_responden

from .test_publik import _kirim, survei  # noqa: F401 — the fixture, used by name
from .test_publik_bangun import jawaban
from .test_responden import _galat, _periode_lepas

pytestmark = pytest.mark.django_db

PESAN = "Saran memuat karakter kendali yang tidak diizinkan (mis. NUL); hapus lalu kirim ulang."


@pytest.mark.parametrize("saran", ["Bagus\x00", "Antre \x1b[31mlama", "Ramah\x7f", "\x08"])
def test_saran_dengan_nul_atau_kendali_ditolak(saran):
    galat = _galat(validasi_responden, _periode_lepas(), jawaban(saran=saran))
    assert galat == {"saran": PESAN}


def test_saran_bertab_dan_berbaris_diterima():
    bersih = validasi_responden(_periode_lepas(), jawaban(saran="Baik.\n\tCepat\r\nRamah"))
    assert bersih["saran"] == "Baik.\n\tCepat\r\nRamah"


def test_saran_uji_nul_dari_formulir_publik_dijelaskan_dan_tidak_disimpan(client, survei):  # noqa: F811
    _a, layanan, periode = survei
    r = _kirim(client, layanan, periode, jawaban(saran="Uji\x00"))
    assert r.status_code == 200
    assert not Responden.objects.exists()
    assert "karakter kendali yang tidak diizinkan" in r.content.decode()
