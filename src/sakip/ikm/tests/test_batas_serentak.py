"""Fifty parallel survey posts from one address store at most the hourly limit (issue 14:
they stored 17 against 5 while the count and the insert were two steps).

PostgreSQL with real threads, each on its own connection; SQLite serialises writers for
the whole file, which proves nothing about the lock.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections
from django.test import Client

from sakip.ikm.models import Responden

from .test_publik_bangun import buat_layanan, buat_periode, jawaban, tiket_lama, url_formulir

pytestmark = pytest.mark.django_db(transaction=True)
SERENTAK = 50


@pytest.fixture
def postgres():
    if connection.vendor != "postgresql":
        pytest.skip("uji konkurensi dijalankan pada PostgreSQL")


def test_lima_puluh_kiriman_serentak_dari_satu_alamat_menyimpan_paling_banyak_lima(
    postgres, persona
):
    a = persona.a
    layanan = buat_layanan(a)
    periode = buat_periode(a)
    isian = [{**jawaban(), "tiket": tiket_lama(periode, layanan)} for _ in range(SERENTAK)]
    gerbang = threading.Barrier(SERENTAK)
    status = [0] * SERENTAK

    def kirim(i):
        try:
            klien = Client()
            gerbang.wait()
            status[i] = klien.post(
                url_formulir(layanan), isian[i], REMOTE_ADDR="198.51.100.77"
            ).status_code
        finally:
            connections.close_all()

    utas = [threading.Thread(target=kirim, args=(i,)) for i in range(SERENTAK)]
    for u in utas:
        u.start()
    for u in utas:
        u.join(120)
    assert Responden.objects.count() == 5
    assert status.count(302) == 5 and status.count(429) == SERENTAK - 5, status
