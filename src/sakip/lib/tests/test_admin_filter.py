"""The admin's sidebar filters list only what the administrator may reach (its own Pemda)."""

import pytest
from django.urls import reverse

from sakip import testing

CHANGELIST = [
    "admin:ikm_unsursurvei_changelist",
    "admin:pengukuran_kategoricapaian_changelist",
    "admin:perencanaan_skala_changelist",
]


@pytest.mark.parametrize("nama_url", CHANGELIST)
def test_filter_pemda_hanya_pemda_sendiri(persona, masuk, nama_url):
    r = masuk(persona.admin_pemda).get(reverse(nama_url))
    assert r.status_code == 200
    assert persona.pemda_lain.nama not in r.content.decode()


@pytest.mark.parametrize("nama_url", CHANGELIST)
def test_filter_pemda_superuser_melihat_semua(persona, client, nama_url):
    # The same page lists every Pemda for a superuser: the check above can see a leak.
    client.force_login(testing.buat_pegawai("root", is_superuser=True, is_staff=True))
    html = client.get(reverse(nama_url)).content.decode()
    assert f"?pemda__id__exact={persona.pemda_lain.pk}" in html
