"""Letter numbers at 20 concurrent clients (issue 15).

Goal: at least 200 numbers a second with 20 clients numbering letters of one agency at
once, and no gap: 600 numbers 1..600, 600 agenda entries 1..600, checked in SQL. Printed
against a baseline of the same run: 20 clients doing only the bare locked counter update
(`UPDATE … SET terakhir = terakhir + 1 RETURNING terakhir`, one transaction each) — the
floor that any gap-free number pays, since every number of an agency waits for the one
before it to commit.

Also printed: the share of `beri_nomor` spent appending the audit record
(`audit.rantai.sambung`, which locks the agency's chain head), and a second baseline of
the bare counter update plus one audit record, to show what the chain costs by itself.

PostgreSQL only (SQLite serialises every writer on the file; that proves nothing about
row locks): `DATABASE_URL=postgres://postgres@127.0.0.1:5432/sakip_nomor python
bench/nomor.py`. Each client is a thread with its own connection; the draft letters are
bulk-created beforehand (their creation is not what is measured).
"""

from __future__ import annotations

import itertools
import os
import sys
import tempfile
import threading
import time
import uuid

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sakip.settings")
os.environ.setdefault("SAKIP_DATA_DIR", tempfile.mkdtemp(prefix="sakip-bench-"))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, connections, transaction  # noqa: E402

KLIEN, PER_KLIEN = 20, 30
TUJUAN = 200.0  # numbers a second


def serentak(kerja, klien: int = KLIEN) -> float:
    """Run `kerja(i)` in `klien` threads released together; seconds until the last ends."""
    gerbang = threading.Barrier(klien + 1)
    galat: list[BaseException] = []

    def jalan(i: int) -> None:
        try:
            connection.ensure_connection()  # connect before the clock starts
            gerbang.wait()
            kerja(i)
        except BaseException as exc:  # noqa: BLE001 — reported after the run
            galat.append(exc)
        finally:
            connections.close_all()

    utas = [threading.Thread(target=jalan, args=(i,)) for i in range(klien)]
    for u in utas:
        u.start()
    gerbang.wait()
    mulai = time.perf_counter()
    for u in utas:
        u.join()
    lama = time.perf_counter() - mulai
    if galat:
        raise galat[0]
    return lama


def siapkan(pemda, jumlah: int):
    """An agency and `jumlah` draft letters with a classification, bulk-created."""
    from sakip import testing
    from sakip.organisasi.models import Pegawai
    from sakip.surat.models import KodeKlasifikasi, Surat

    tanda = uuid.uuid4().hex[:6]  # reruns on one database do not collide
    # The builders' NIPs count from 1 in every process: go on after the earlier runs'.
    testing._nomor = itertools.count(Pegawai.objects.count() + 1)
    a = testing.buat_kecamatan(pemda, f"Nomor {tanda}", f"KEC-N{tanda}")
    k = KodeKlasifikasi.objects.get(kode="000.1.5")
    draf = Surat.objects.bulk_create(
        Surat(
            instansi=a.instansi,
            arah=Surat.Arah.KELUAR,
            status=Surat.Status.DRAF,
            perihal=f"Surat {n}",
            klasifikasi=k,
            dibuat_oleh=a.staf,
        )
        for n in range(jumlah)
    )
    return a, draf


def tanpa_celah(instansi_id: int, jumlah: int) -> tuple[bool, str]:
    """Numbers and agenda entries are exactly 1..jumlah, each once (checked in SQL)."""
    with connection.cursor() as c:
        c.execute(
            "SELECT count(*), count(DISTINCT nomor_urut), min(nomor_urut), max(nomor_urut),"
            " count(DISTINCT nomor_agenda), min(nomor_agenda), max(nomor_agenda),"
            " count(DISTINCT nomor_surat)"
            " FROM surat_surat WHERE instansi_id = %s AND arah = 'keluar'",
            [instansi_id],
        )
        n, nu, nu_min, nu_max, na, na_min, na_max, ns = c.fetchone()
    benar = (n, nu, nu_min, nu_max, na, na_min, na_max, ns) == (
        jumlah,
        jumlah,
        1,
        jumlah,
        jumlah,
        1,
        jumlah,
        jumlah,
    )
    rinci = (
        f"{n} surat, nomor {nu_min}..{nu_max} ({nu} beda), agenda {na_min}..{na_max} ({na} beda)"
    )
    return benar, rinci


def ukur_beri_nomor(pemda) -> tuple[float, bool, str, float]:
    """(numbers/s, gap-free, detail, share of the wall time spent appending the audit
    record) of 20 clients × 30 letters."""
    import datetime

    from sakip.audit import rantai
    from sakip.surat import services

    jumlah = KLIEN * PER_KLIEN
    a, draf = siapkan(pemda, jumlah)
    tanggal = datetime.date.today()
    waktu_audit = [0.0] * KLIEN
    asli = rantai.sambung
    lokal = threading.local()

    def sambung_diukur(catatan):
        mulai = time.perf_counter()
        try:
            return asli(catatan)
        finally:
            waktu_audit[lokal.i] += time.perf_counter() - mulai

    def kerja(i: int) -> None:
        lokal.i = i
        for s in draf[i * PER_KLIEN : (i + 1) * PER_KLIEN]:
            services.beri_nomor(aktor=a.staf, surat=s, tanggal=tanggal)

    rantai.sambung = sambung_diukur
    try:
        lama = serentak(kerja)
    finally:
        rantai.sambung = asli
    benar, rinci = tanpa_celah(a.instansi.pk, jumlah)
    # Numbers are taken one after another (the counter's lock): the run's wall time is
    # the sum of the locked sections, and the audit append lies inside each of them.
    return jumlah / lama, benar, rinci, sum(waktu_audit) / lama


def ukur_penghitung(pemda, dengan_audit: bool = False) -> float:
    """Numbers/s of the bare locked counter update, each in its own transaction like
    `beri_nomor`; `dengan_audit`: plus one audit record on the agency's chain."""
    from sakip.audit import services as audit
    from sakip.audit.models import CatatanAudit
    from sakip.surat.models import Urutan

    a, _draf = siapkan(pemda, 0)
    u = Urutan.objects.create(instansi=a.instansi, jenis=Urutan.Jenis.NOMOR_SURAT, tahun=1)

    def kerja(_i: int) -> None:
        for _ in range(PER_KLIEN):
            with transaction.atomic(), connection.cursor() as c:
                c.execute(
                    "UPDATE surat_urutan SET terakhir = terakhir + 1 WHERE id = %s"
                    " RETURNING terakhir",
                    [u.pk],
                )
                c.fetchone()
                if dengan_audit:
                    audit.catat(
                        aktor=a.staf, aksi=CatatanAudit.Aksi.UBAH, objek=u, keterangan="bench"
                    )

    lama = serentak(kerja)
    u.refresh_from_db()
    assert u.terakhir == KLIEN * PER_KLIEN, u.terakhir
    return KLIEN * PER_KLIEN / lama


def nomor_bench() -> int:
    if connection.vendor != "postgresql":
        print("nomor surat serentak: dilewati (hanya PostgreSQL; set DATABASE_URL=postgres://…)")
        return 0
    from sakip import testing

    call_command("migrate", verbosity=0)
    pemda = testing.buat_pemda(f"Kabupaten Nomor {uuid.uuid4().hex[:6]}")
    ukur_penghitung(pemda)  # warm up: connections, caches
    kosong = ukur_penghitung(pemda)
    dengan_audit = ukur_penghitung(pemda, dengan_audit=True)
    laju, benar, rinci, bagian_audit = ukur_beri_nomor(pemda)
    print(f"nomor surat, {KLIEN} klien serentak × {PER_KLIEN} surat satu instansi:")
    print(f"  beri_nomor                       {laju:>8.1f}/s  ({rinci})")
    print(f"  penghitung terkunci saja         {kosong:>8.1f}/s  (rasio {laju / kosong:.2f}x)")
    print(f"  penghitung + satu catatan audit  {dengan_audit:>8.1f}/s")
    print(f"  bagian waktu di catatan audit (rantai.sambung): {bagian_audit:.0%}")
    print(
        f"tujuan: ≥ {TUJUAN:.0f}/s tanpa celah — {'OK' if laju >= TUJUAN and benar else 'GAGAL'}"
        f"{'' if benar else ' (ADA CELAH)'}"
    )
    return 0 if benar else 1


if __name__ == "__main__":
    sys.exit(nomor_bench())
