"""The Excel import of a month's realisasi at kabupaten size (issue 15).

Goal: one sheet of 10,000 realisasi rows imported in under 5 s, all or nothing, with one
audit record for the import. The agency is one kecamatan whose Renstra has 10,000
indicators — the same rows as ~840 indicators × 12 months, in the one sheet a single
import reads (the import is per month). Printed against baselines of the same run and
data: `bulk_create` of the same 10,000 rows (the floor of any write) and the bare reading
of the sheet with the Excel kit (the floor of any import).

Three imports are measured: a new month (every row created), the same month with every
value changed (every row updated), and the same sheet again (nothing changes, nothing is
written). Then one bad row among the 10,000: nothing written, that row listed.

Run alone (`python bench/impor.py [rows]`, `DATABASE_URL=postgres://… python bench/impor.py`).
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
import time
import uuid
from decimal import Decimal

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sakip.settings")
os.environ.setdefault("SAKIP_DATA_DIR", tempfile.mkdtemp(prefix="sakip-bench-"))

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402

TAHUN, BULAN_DASAR, BULAN = 2025, 1, 3
BARIS = 10_000
TUJUAN_DETIK = 5.0


def bangun(jumlah: int):
    """A kecamatan (the test personas) whose Renstra 2021–2026 has `jumlah` indicators
    under 20 sasaran, one in ten on a scale, each with a 2025 target. Bulk-created: the
    planning services would take minutes for 10,000 indicators, and what is measured is
    the import, not the planning."""
    from sakip import testing
    from sakip.perencanaan.models import (
        Indikator,
        Renstra,
        Sasaran,
        Skala,
        TargetTahunan,
        Tujuan,
    )

    tanda = uuid.uuid4().hex[:6]  # reruns on one PostgreSQL database do not collide
    pemda = testing.buat_pemda(f"Kabupaten Impor {tanda}")
    a = testing.buat_kecamatan(pemda, f"Impor {tanda}", f"IMP-{tanda}")
    skala = Skala.objects.create(pemda=pemda, nama="Opini BPK", nilai=["WTP", "WDP", "TW", "TMP"])
    renstra = Renstra.objects.create(instansi=a.instansi, tahun_awal=2021, tahun_akhir=2026)
    tujuan = Tujuan.objects.create(renstra=renstra, urutan=0, kode="T1", uraian="Tujuan")
    sasaran = Sasaran.objects.bulk_create(
        Sasaran(renstra=renstra, tujuan=tujuan, urutan=k, kode=f"S{k + 1}", uraian=f"Sasaran {k}")
        for k in range(20)
    )
    semua = Indikator.objects.bulk_create(
        (
            Indikator(
                renstra=renstra,
                sasaran=sasaran[n % 20],
                urutan=n,
                kode=f"I{n:05d}",
                nama=f"Indikator kinerja nomor {n}",
                satuan="%",
                skala=skala if n % 10 == 9 else None,
                penanggung_jawab=a.j_staf if n % 2 else a.j_kasubag,
            )  # fmt: skip
            for n in range(jumlah)
        ),
        batch_size=2000,
    )
    TargetTahunan.objects.bulk_create(
        (
            TargetTahunan(indikator=i, tahun=TAHUN, target_skala="WTP")
            if i.skala_id
            else TargetTahunan(indikator=i, tahun=TAHUN, target=Decimal(80))
            for i in semua
        ),
        batch_size=2000,
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as c:  # fresh rows: give the planner their real size
            c.execute("ANALYZE perencanaan_indikator, perencanaan_targettahunan")
    return a


def lembar(a, bulan: int, geser: int = 0) -> bytes:
    """The month's sheet as the page offers it (`templat_realisasi`), every Realisasi cell
    filled as staff would (a number, or a scale value), shifted by `geser`."""
    from openpyxl import load_workbook

    from sakip.pengukuran import excel
    from sakip.pengukuran.forms import daftar_acuan

    daftar = daftar_acuan(a.instansi, TAHUN)
    buku = load_workbook(io.BytesIO(excel.templat_realisasi(a.instansi, TAHUN, bulan, daftar)))
    ws = buku["Realisasi"]
    nilai = {d.kode: d for d in daftar}
    skala = ["WTP", "WDP", "TW", "TMP"]
    for r in range(7, ws.max_row + 1):
        d = nilai[ws.cell(r, 1).value]
        n = r + geser
        ws.cell(r, 5, skala[n % 4] if d.skala else 50 + (n * 7) % 50 + 0.25)
    keluar = io.BytesIO()
    buku.save(keluar)
    return keluar.getvalue()


def kali(fungsi):
    """(seconds, statements, result) of one call; statements counted by a wrapper, as the
    query log keeps only the last 9,000."""
    jumlah = 0

    def hitung(execute, sql, params, many, context):
        nonlocal jumlah
        jumlah += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(hitung):
        mulai = time.perf_counter()
        hasil = fungsi()
        waktu = time.perf_counter() - mulai
    return waktu, jumlah, hasil


def dasar_bulk_create(a) -> tuple[float, int]:
    """The floor: the same rows written by one bulk_create, in a transaction rolled back."""
    from sakip.pengukuran.models import Realisasi
    from sakip.perencanaan.models import Indikator

    indikator = list(Indikator.objects.filter(renstra__instansi=a.instansi))

    def tulis():
        with transaction.atomic():
            Realisasi.objects.bulk_create(
                (
                    Realisasi(
                        instansi=a.instansi,
                        tahun=TAHUN,
                        bulan=BULAN_DASAR,
                        indikator=i,
                        nilai=None if i.skala_id else Decimal("75.25"),
                        nilai_skala="WTP" if i.skala_id else "",
                        diisi_oleh=a.kasubag,
                    )  # fmt: skip
                    for i in indikator
                ),
                batch_size=2000,
            )
            transaction.set_rollback(True)

    waktu, q, _hasil = kali(tulis)
    return waktu, q


def dasar_baca(berkas: bytes) -> float:
    """The floor of reading: the kit's checks and openpyxl's parse of the sheet's rows."""
    from sakip.dokumen.excel import baris_terisi, buka_buku

    def baca():
        buku = buka_buku(berkas)
        try:
            return sum(1 for _b in baris_terisi(buku.worksheets[0]))
        finally:
            buku.close()

    return kali(baca)[0]


def impor_bench(jumlah: int = BARIS) -> None:
    from sakip.audit.models import CatatanAudit
    from sakip.pengukuran import excel
    from sakip.pengukuran.models import Realisasi

    mulai = time.perf_counter()
    a = bangun(jumlah)
    baru, ubah = lembar(a, BULAN), lembar(a, BULAN, geser=1)
    salah_satu = _satu_baris_salah(baru, jumlah)
    print(
        f"Impor realisasi: {jumlah:,} baris dalam satu lembar ({connection.vendor}, "
        f"{len(baru) // 1024} KB, dibangun {time.perf_counter() - mulai:.1f} s)"
    )

    def impor(berkas):
        return lambda: excel.impor_realisasi(
            aktor=a.kasubag, instansi=a.instansi, tahun=TAHUN, bulan=BULAN, berkas=berkas
        )

    def audit() -> int:
        return CatatanAudit.objects.filter(instansi_id=a.instansi.pk).count()

    t_bulk, q_bulk = dasar_bulk_create(a)
    t_baca = dasar_baca(baru)
    print(f"{'impor':<34}{'waktu':>9}{'q':>8}{'dibuat':>8}{'diubah':>8}{'audit':>7}")
    print(f"{'dasar: bulk_create':<34}{t_bulk:>8.2f}s{q_bulk:>8}")
    print(f"{'dasar: baca lembar (openpyxl)':<34}{t_baca:>8.2f}s{'':>8}")
    hasil = {}
    for judul, berkas in (
        ("bulan baru (semua dibuat)", baru),
        ("semua nilai diubah", ubah),
        ("lembar yang sama lagi", ubah),
        ("satu baris salah", salah_satu),
    ):
        sebelum = audit()
        t, q, h = kali(impor(berkas))
        hasil[judul] = t
        keterangan = f"galat baris {[g.baris for g in h.galat][:3]}" if h.galat else ""
        print(
            f"{judul:<34}{t:>8.2f}s{q:>8}{h.dibuat:>8}{h.diubah:>8}{audit() - sebelum:>7}"
            f"  {keterangan}"
        )
    n = Realisasi.objects.filter(instansi=a.instansi, bulan=BULAN).count()
    t = hasil["bulan baru (semua dibuat)"]
    print(
        f"tujuan: impor {jumlah:,} baris < {TUJUAN_DETIK:.0f} s ({t:.2f} s, "
        f"{t / t_bulk:.1f}x bulk_create, {t / t_baca:.1f}x baca lembar), semua atau tidak "
        f"({n:,} tersimpan), satu catatan audit per impor"
    )
    print()


def _satu_baris_salah(berkas: bytes, jumlah: int) -> bytes:
    """The new month's sheet with one value, in the middle, that is not a number."""
    from openpyxl import load_workbook

    buku = load_workbook(io.BytesIO(berkas))
    ws = buku["Realisasi"]
    r = 7 + jumlah // 2
    if ws.cell(r, 5).value in ("WTP", "WDP", "TW", "TMP"):
        r += 1
    ws.cell(r, 5, "tiga hari")
    keluar = io.BytesIO()
    buku.save(keluar)
    return keluar.getvalue()


if __name__ == "__main__":
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    impor_bench(int(sys.argv[1]) if len(sys.argv) > 1 else BARIS)
    sys.exit(0)
