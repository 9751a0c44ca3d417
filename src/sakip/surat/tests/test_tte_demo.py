"""The demo gives every head and secretary of Kabupaten Siak a key, quickly and once."""

import time

import pytest

from sakip.organisasi.demo import muat_demo
from sakip.organisasi.models import Pegawai
from sakip.surat.models import KunciPenanda
from sakip.surat.tte import demo, services

pytestmark = pytest.mark.django_db


def test_demo_membuat_kunci_pimpinan_sekali_dan_cepat(settings, tmp_path):
    settings.TTE_CA_DIR = str(tmp_path / "tte")
    muat_demo()
    admin = Pegawai.objects.get(username="admin")
    mulai = time.monotonic()
    dibuat = demo.muat(admin)
    assert time.monotonic() - mulai < 3
    assert dibuat >= 4
    pemilik = Pegawai.objects.filter(kunci_penanda__isnull=False)
    assert {p.jabatan.peran for p in pemilik} == {"kepala", "sekretaris"}
    assert demo.muat(admin) == 0  # idempotent
    kunci = KunciPenanda.objects.first()
    from sakip.surat.tte.penanda import Pkcs12Penanda

    Pkcs12Penanda(kunci).periksa_passphrase("sakip-demo-2026")  # opens with the demo passphrase
    assert services.punya_kunci(kunci.pegawai)
