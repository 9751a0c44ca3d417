"""Fifty people take a number at the same moment: fifty distinct, consecutive numbers.

Runs on PostgreSQL with real threads, each on its own connection (SQLite serialises
writers for the whole file, which proves nothing about row locks).
"""

import datetime
import threading

import pytest
from django.db import connection, connections

from sakip.surat import services
from sakip.surat.models import Surat, Urutan

from .bantu import surat_masuk

pytestmark = pytest.mark.django_db(transaction=True)
SERENTAK = 50


def _serentak(*fungsi):
    """Run the callables in threads released together; return their results or errors."""
    gerbang = threading.Barrier(len(fungsi))
    hasil = [None] * len(fungsi)

    def jalan(i, f):
        try:
            gerbang.wait()
            hasil[i] = ("ok", f())
        except Exception as exc:  # noqa: BLE001 — the test inspects what happened
            hasil[i] = ("galat", exc)
        finally:
            connections.close_all()

    utas = [threading.Thread(target=jalan, args=(i, f)) for i, f in enumerate(fungsi)]
    for u in utas:
        u.start()
    for u in utas:
        u.join(60)
    return hasil


@pytest.fixture
def postgres():
    if connection.vendor != "postgresql":
        pytest.skip("uji konkurensi dijalankan pada PostgreSQL")


def test_lima_puluh_permintaan_nomor_serentak(postgres, persona):
    a = persona.a
    # No counter and no settings row yet: the first requests also race to create them.
    assert not Urutan.objects.exists()
    draf = [
        services.naskah_keluar(
            aktor=a.staf, instansi=a.instansi, perihal=f"Surat {i}", kode_klasifikasi="000.1.5"
        )
        for i in range(SERENTAK)
    ]
    tanggal = datetime.date(2026, 6, 1)
    hasil = _serentak(
        *[(lambda s=s: services.beri_nomor(aktor=a.staf, surat=s, tanggal=tanggal)) for s in draf]
    )
    assert all(h[0] == "ok" for h in hasil), [h for h in hasil if h[0] != "ok"]
    surat = Surat.objects.filter(instansi=a.instansi, arah="keluar")
    assert sorted(surat.values_list("nomor_urut", flat=True)) == list(range(1, SERENTAK + 1))
    assert sorted(surat.values_list("nomor_agenda", flat=True)) == list(range(1, SERENTAK + 1))
    assert len(set(surat.values_list("nomor_surat", flat=True))) == SERENTAK
    assert Urutan.objects.get(jenis="nomor_surat").terakhir == SERENTAK


def test_klik_ganda_serentak_satu_nomor(postgres, persona):
    a = persona.a
    s = services.naskah_keluar(
        aktor=a.staf, instansi=a.instansi, perihal="Klik ganda", kode_klasifikasi="000.1.5"
    )
    hasil = _serentak(*[lambda: services.beri_nomor(aktor=a.staf, surat=s) for _ in range(8)])
    nomor = {h[1].nomor_surat for h in hasil if h[0] == "ok"}
    assert len(nomor) == 1 and all(h[0] == "ok" for h in hasil)
    assert Urutan.objects.get(jenis="nomor_surat").terakhir == 1


def test_pendaftaran_surat_masuk_serentak(postgres, persona):
    a = persona.a
    hasil = _serentak(*[(lambda n=n: surat_masuk(a, n, berkas=None)) for n in range(1, 21)])
    assert all(h[0] == "ok" for h in hasil), hasil
    nomor = Surat.objects.filter(arah="masuk").values_list("nomor_agenda", flat=True)
    assert sorted(nomor) == list(range(1, 21))


def test_naskah_dokumen_serentak_satu_surat(postgres, persona):
    a = persona.a
    dokumen = a.j_camat  # any model instance stands for the document
    hasil = _serentak(
        *[
            lambda: services.naskah_keluar(
                aktor=a.staf,
                instansi=a.instansi,
                perihal="PK",
                kode_klasifikasi="000.7.2.7",
                dokumen=dokumen,
            )
            for _ in range(6)
        ]
    )
    assert all(h[0] == "ok" for h in hasil), hasil
    assert len({h[1].pk for h in hasil}) == 1
    assert Surat.objects.count() == 1
