"""Two people act on the same task at the same moment: exactly one transition happens.

Runs on PostgreSQL with real threads and connections (SQLite serialises writers
for the whole file, which proves nothing about row locks).
"""

import threading

import pytest
from django.db import connection, connections

from sakip.sop import engine
from sakip.sop.engine import KesalahanAlur
from sakip.sop.models import Peristiwa, Tugas

pytestmark = pytest.mark.django_db(transaction=True)


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
        u.join(30)
    return hasil


@pytest.fixture
def postgres():
    if connection.vendor != "postgresql":
        pytest.skip("uji konkurensi dijalankan pada PostgreSQL")


def test_dua_pemeriksa_serentak_satu_keputusan(postgres, persona, laporan_bulanan):
    from sakip import testing

    a = persona.a
    kasubag2 = testing.buat_pegawai("kasubag2.kec-a", instansi=a.instansi)
    # a second holder of the reviewing position, acting (Plh) today
    from datetime import date

    from sakip.organisasi.models import PelaksanaTugas

    PelaksanaTugas.objects.create(
        jabatan=a.j_kasubag, pegawai=kasubag2, jenis="plh", tanggal_mulai=date(2020, 1, 1)
    )
    p = engine.mulai(aktor=a.kasubag, sop=laporan_bulanan, judul="LB serentak")
    engine.selesaikan(aktor=a.kasubag, tugas=p.tugas.get())
    engine.selesaikan(aktor=a.staf, tugas=p.tugas.get(status="terbuka"))
    periksa = p.tugas.get(status="terbuka")
    assert periksa.langkah_no == 3

    hasil = _serentak(
        lambda: engine.putuskan(aktor=a.kasubag, tugas=periksa, setuju=True),
        lambda: engine.putuskan(aktor=kasubag2, tugas=periksa, setuju=False, catatan="Ulang"),
    )
    ok = [h for h in hasil if h[0] == "ok"]
    galat = [h[1] for h in hasil if h[0] == "galat"]
    assert len(ok) == 1 and len(galat) == 1, hasil
    assert isinstance(galat[0], KesalahanAlur)
    assert "sudah diselesaikan oleh" in str(galat[0])
    keputusan = Peristiwa.objects.filter(pelaksanaan=p, langkah_no=3, jenis__in=["setuju", "tolak"])
    assert keputusan.count() == 1
    assert Tugas.objects.filter(pelaksanaan=p, status="terbuka").count() == 1


def test_klik_ganda_serentak_satu_langkah(postgres, persona, laporan_bulanan):
    a = persona.a
    p = engine.mulai(aktor=a.kasubag, sop=laporan_bulanan, judul="LB klik ganda")
    t = p.tugas.get()
    hasil = _serentak(
        *[lambda: engine.selesaikan(aktor=a.kasubag, tugas=t, catatan="klik") for _ in range(4)]
    )
    assert sum(h[0] == "ok" for h in hasil) == 1, hasil
    assert Peristiwa.objects.filter(pelaksanaan=p, jenis="selesai").count() == 1
    assert Tugas.objects.filter(pelaksanaan=p).count() == 2
