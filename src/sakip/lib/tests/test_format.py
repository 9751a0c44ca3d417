"""Indonesian formats: 21 November 2026; 1.234,56; Rp 1.500.000."""

import datetime
import subprocess
import sys
from decimal import Decimal

from django.template import Context, Template
from django.utils import formats, translation
from hypothesis import given
from hypothesis import strategies as st

from sakip.lib.formatting import angka, rupiah


def render(teks: str, **ctx) -> str:
    with translation.override("id"):
        return Template(teks).render(Context(ctx))


def test_tanggal_gaya_surat_dinas():
    tanggal = datetime.date(2026, 11, 21)
    assert render("{{ t|date }}", t=tanggal) == "21 November 2026"
    assert render("{{ t }}", t=tanggal) == "21 November 2026"
    with translation.override("id"):
        assert formats.date_format(datetime.date(2026, 8, 17)) == "17 Agustus 2026"


def test_angka_dan_rupiah_di_templat():
    assert render("{{ n|angka:2 }}", n=1234.56) == "1.234,56"
    assert render("{{ n|rupiah }}", n=1500000) == "Rp 1.500.000"
    # Django's own localisation agrees (USE_THOUSAND_SEPARATOR, our format module)
    assert render("{{ n }}", n=Decimal("1234.56")) == "1.234,56"


def test_angka_kasus_tepi():
    assert angka(0) == "0"
    assert angka(-1234567.891, 2) == "-1.234.567,89"
    assert angka(0.005, 2) == "0,01"  # half up, as people round by hand
    assert rupiah(-2500) == "-Rp 2.500"
    assert angka(None) == "" and rupiah("") == ""


@given(st.decimals(min_value=-(10**12), max_value=10**12, places=2, allow_nan=False))
def test_angka_bolak_balik(n):
    teks = angka(n, 2)
    kembali = Decimal(teks.replace(".", "").replace(",", "."))
    assert kembali == n
    bulat = teks.lstrip("-").split(",")[0]
    assert all(len(k) == 3 for k in bulat.split(".")[1:])


def test_perintah_sakip_terpasang():
    hasil = subprocess.run(
        [sys.executable, "-m", "sakip", "help"], capture_output=True, text=True, check=True
    )
    assert "demo" in hasil.stdout and "migrate" in hasil.stdout


def test_tanggal_tetap_indonesia_walau_peramban_berbahasa_inggris(persona, client):
    """A browser asking for English still gets Indonesian dates (the interface is Indonesian)."""
    import datetime as dt

    from sakip.organisasi.models import PelaksanaTugas

    PelaksanaTugas.objects.create(
        jabatan=persona.a.j_sekcam,
        pegawai=persona.a.kasubag,
        jenis="plt",
        tanggal_mulai=dt.date(2026, 8, 17),
    )
    client.force_login(persona.a.camat)
    isi = client.get(
        f"/jabatan/{persona.a.j_sekcam.pk}/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9"
    ).content.decode()
    assert "17 Agustus 2026" in isi and "Aug" not in isi
