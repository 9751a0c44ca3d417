"""Throttling locks out the guesser, not the real user (issue 14), behind a proxy too."""

import datetime
import threading

import pytest
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from sakip import testing
from sakip.akun import pembatas
from sakip.akun.models import BatasMasuk

URL = "/akun/masuk/"
PENYERANG, KANTOR = "203.0.113.66", "198.51.100.10"


def _tebak(client, kali, identitas="camat.kec-a", ip=PENYERANG):
    for _ in range(kali):
        client.post(URL, {"identitas": identitas, "sandi": "tebakan"}, REMOTE_ADDR=ip)


def _masuk(client, ip, **extra):
    return client.post(
        URL, {"identitas": "camat.kec-a", "sandi": testing.SANDI}, REMOTE_ADDR=ip, **extra
    )


def _akhiri_jeda():
    """As if the current wait ran out (no clock travel needed)."""
    BatasMasuk.objects.filter(diblokir_sampai__isnull=False).update(
        diblokir_sampai=timezone.now() - datetime.timedelta(seconds=1)
    )


def test_sandi_benar_dari_alamat_lain_diterima_setelah_akun_diserang(persona, client):
    _tebak(client, 20)  # 5 guesses, then refused
    assert _masuk(client, PENYERANG).status_code == 429
    r = _masuk(client, KANTOR)
    assert r.status_code == 302
    assert int(client.session["_auth_user_id"]) == persona.a.camat.pk


def test_sandi_benar_dari_alamat_sama_diterima_setelah_jeda(persona, client):
    _tebak(client, 5)
    r = _masuk(client, PENYERANG)
    assert r.status_code == 429
    assert "Tunggu 1 menit" in r.content.decode()
    _akhiri_jeda()
    assert _masuk(client, PENYERANG).status_code == 302


def test_tebakan_setelah_jeda_menggandakan_jeda(persona, client):
    _tebak(client, 5)
    jeda = []
    for _ in range(3):
        _akhiri_jeda()
        _tebak(client, 1)  # one guess is allowed after each wait, and it fails
        b = BatasMasuk.objects.get(kunci__startswith="akun:")
        assert b.diblokir_sampai is not None
        jeda.append(round((b.diblokir_sampai - timezone.now()).total_seconds() / 60))
        assert _masuk(client, PENYERANG).status_code == 429  # the right one waits too
    assert jeda == [2, 4, 8]


def test_tunggu_tidak_diperpanjang_oleh_klik_selama_jeda(persona, client):
    _tebak(client, 5)
    sampai = BatasMasuk.objects.get(kunci__startswith="akun:").diblokir_sampai
    _tebak(client, 10)
    assert BatasMasuk.objects.get(kunci__startswith="akun:").diblokir_sampai == sampai


def test_sandi_benar_menghapus_hitungan_pasangan(persona, client):
    _tebak(client, 4)
    assert _masuk(client, PENYERANG).status_code == 302
    client.logout()
    _tebak(client, 4)  # four fresh tries, not one
    assert _masuk(client, PENYERANG).status_code == 302


def test_xff_diabaikan_tanpa_proxy_tepercaya(persona, client, settings):
    settings.SAKIP_PROXY_TEPERCAYA = 0
    settings.TRUST_X_FORWARDED_FOR = False
    for i in range(5):  # the attacker forges a new X-Forwarded-For each time
        client.post(
            URL,
            {"identitas": "camat.kec-a", "sandi": "x"},
            REMOTE_ADDR=PENYERANG,
            HTTP_X_FORWARDED_FOR=f"192.0.2.{i}",
        )
    r = _masuk(client, PENYERANG, HTTP_X_FORWARDED_FOR="192.0.2.99")
    assert r.status_code == 429
    assert not BatasMasuk.objects.filter(kunci__contains="192.0.2.").exists()


def test_xff_dipakai_dengan_satu_proxy_tepercaya(persona, client, settings):
    settings.SAKIP_PROXY_TEPERCAYA = 1
    proksi = "10.0.0.2"
    for _ in range(5):  # the client's own XFF entry (left) is ignored; the proxy's counts
        client.post(
            URL,
            {"identitas": "camat.kec-a", "sandi": "x"},
            REMOTE_ADDR=proksi,
            HTTP_X_FORWARDED_FOR=f"1.2.3.4, {PENYERANG}",
        )
    assert _masuk(client, proksi, HTTP_X_FORWARDED_FOR=PENYERANG).status_code == 429
    assert _masuk(client, proksi, HTTP_X_FORWARDED_FOR=KANTOR).status_code == 302
    assert BatasMasuk.objects.filter(kunci=f"ip:{PENYERANG}").exists()


@pytest.mark.parametrize(
    "xff,jumlah,hasil",
    [
        ("", 1, "10.0.0.2"),
        ("9.9.9.9", 0, "10.0.0.2"),
        ("9.9.9.9", 1, "9.9.9.9"),
        ("6.6.6.6, 9.9.9.9", 1, "9.9.9.9"),
        ("6.6.6.6, 9.9.9.9, 10.0.0.1", 2, "9.9.9.9"),
        ("bukan-alamat", 1, "10.0.0.2"),
    ],
)
def test_ip_klien_membaca_xff_sejauh_proxy_tepercaya(rf, settings, xff, jumlah, hasil):
    from sakip.lib.middleware_keamanan import ip_klien

    settings.SAKIP_PROXY_TEPERCAYA = jumlah
    settings.TRUST_X_FORWARDED_FOR = False
    meta = {"REMOTE_ADDR": "10.0.0.2"} | ({"HTTP_X_FORWARDED_FOR": xff} if xff else {})
    assert ip_klien(rf.get("/", **meta)) == hasil


@pytest.mark.django_db(transaction=True)
def test_tebakan_paralel_tidak_lolos_melewati_batas():
    """50 parallel guesses on one pair: exactly LOGIN_MAX_GAGAL are let through."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's (SQLite serialises writers anyway)")
    hasil: list[bool] = []
    kunci = threading.Lock()

    def coba():
        try:
            j = pembatas.ambil_jatah("camat.kec-a", PENYERANG)
            with kunci:
                hasil.append(j.boleh)
        finally:
            connection.close()

    with override_settings(LOGIN_MAX_GAGAL=5):
        utas = [threading.Thread(target=coba) for _ in range(50)]
        for t in utas:
            t.start()
        for t in utas:
            t.join()
    assert len(hasil) == 50 and hasil.count(True) == 5
