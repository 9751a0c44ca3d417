"""The demo survey: loaded on top of the organisation demo, idempotent, plausible."""

import pytest

from sakip.ikm import demo, services
from sakip.ikm.models import Layanan, PeriodeSurvei, Responden
from sakip.organisasi.demo import muat_demo
from sakip.organisasi.models import Instansi, Pegawai


@pytest.mark.django_db
def test_demo_ikm():
    muat_demo()
    admin = Pegawai.objects.get(username="admin")
    dibuat = demo.muat(admin)
    assert dibuat > 0
    assert demo.muat(admin) == 0  # loading again adds nothing
    br = Instansi.objects.get(kode_unit="KEC-BR")
    assert Layanan.objects.filter(instansi=br).count() == 4
    assert all(services.standar_dari(lay).ditetapkan for lay in Layanan.objects.filter(instansi=br))
    p25 = PeriodeSurvei.objects.get(instansi=br, tahun=2025)
    p26 = PeriodeSurvei.objects.get(instansi=br, tahun=2026)
    assert (p25.status, p26.status) == ("ditutup", "dibuka")
    assert Responden.objects.filter(periode=p25).count() == 120
    assert Responden.objects.filter(periode=p26).count() == 40
    h25, h26 = services.hasil_periode(p25), services.hasil_periode(p26)
    assert 78 <= h25.ikm <= 88.3 and 78 <= h26.ikm <= 90, (float(h25.ikm), float(h26.ikm))
    assert len(services.tren(br)) == 2
    assert Responden.objects.filter(periode=p25).exclude(saran="").exists()
