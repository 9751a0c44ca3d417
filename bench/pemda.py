"""The Pemda capaian recompute at kabupaten size (issue 15).

Goal: the evaluator's roll-up of every agency's capaian (`pemda.capaian_semua` as
`bandingkan` calls it) for 60 agencies × 50 indicators × 12 approved months — 36,000
realisations — in under 300 ms, with the same queries as for 2 agencies. Printed against
two baselines of the same run and data: the computation before issue 15 (every Realisasi
built as an object, then aggregated month by month in Python) and a trivial query.

Run alone (`python bench/pemda.py`, `DATABASE_URL=postgres://… python bench/pemda.py`)
or from `bench/run.py`.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from decimal import Decimal

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sakip.settings")
os.environ.setdefault("SAKIP_DATA_DIR", tempfile.mkdtemp(prefix="sakip-bench-"))

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

INSTANSI, INDIKATOR, TAHUN, SAMPAI = 60, 50, 2025, 12


def bangun(instansi: int = INSTANSI, indikator: int = INDIKATOR):
    """A Pemda of `instansi` agencies, each with a Renstra of `indikator` indicators (every
    polarity and aggregation, one in ten on a scale), a target each and twelve approved
    months. Bulk-created: the services would take minutes for 36,000 realisations, and what
    is measured is the read side, not the entry."""
    from sakip.organisasi.models import Instansi, Pemda
    from sakip.pengukuran.models import Realisasi
    from sakip.perencanaan.models import (
        Indikator,
        Renstra,
        Sasaran,
        Skala,
        TargetTahunan,
        Tujuan,
    )

    tanda = uuid.uuid4().hex[:6]  # reruns on one PostgreSQL database do not collide
    pemda = Pemda.objects.create(nama=f"Kabupaten Bench {tanda}", jenis=Pemda.Jenis.KABUPATEN)
    skala = Skala.objects.create(pemda=pemda, nama="Opini BPK", nilai=["WTP", "WDP", "TW", "TMP"])
    daftar = Instansi.objects.bulk_create(
        Instansi(
            pemda=pemda,
            nama=f"Instansi {n:02d}",
            jenis=Instansi.Jenis.KECAMATAN,
            kode_unit=f"B{tanda}-{n:02d}",
        )  # fmt: skip
        for n in range(instansi)
    )
    renstra = Renstra.objects.bulk_create(
        Renstra(instansi=i, tahun_awal=2021, tahun_akhir=2026) for i in daftar
    )
    tujuan = Tujuan.objects.bulk_create(
        Tujuan(renstra=r, urutan=0, kode="T1", uraian="Tujuan") for r in renstra
    )
    sasaran = Sasaran.objects.bulk_create(
        Sasaran(renstra=t.renstra, tujuan=t, urutan=k, kode=f"S{k + 1}", uraian=f"Sasaran {k}")
        for t in tujuan
        for k in range(5)
    )
    jenis = [
        (p, a)
        for p in ("naik", "turun", "rentang", "stabil")
        for a in ("kumulatif", "rata_rata", "akhir_periode")
    ]
    baru = []
    for s in sasaran:
        for k in range(indikator // 5):
            n = len(baru)
            polaritas, agregasi = jenis[n % len(jenis)]
            baru.append(
                Indikator(
                    renstra_id=s.renstra_id,
                    sasaran=s,
                    urutan=k,
                    kode=f"I{n}",
                    nama=f"Ind {n}",
                    satuan="%",
                    polaritas=polaritas,
                    agregasi=agregasi,
                    skala=skala if n % 10 == 9 else None,
                    toleransi=Decimal(2) if polaritas == "stabil" else None,
                )  # fmt: skip
            )
    semua = Indikator.objects.bulk_create(baru)
    TargetTahunan.objects.bulk_create(
        TargetTahunan(indikator=i, tahun=TAHUN, target_skala="WTP")
        if i.skala_id
        else TargetTahunan(
            indikator=i,
            tahun=TAHUN,
            target=Decimal(80),
            target_atas=Decimal(90) if i.polaritas == "rentang" else None,
        )  # fmt: skip
        for i in semua
    )
    instansi_dari = {r.pk: r.instansi_id for r in renstra}
    Realisasi.objects.bulk_create(
        (
            Realisasi(
                instansi_id=instansi_dari[i.renstra_id],
                tahun=TAHUN,
                bulan=b,
                indikator=i,
                nilai=None if i.skala_id else Decimal(60 + (i.pk * 7 + b * 3) % 40) / 4,
                nilai_skala=["WTP", "WDP"][b % 2] if i.skala_id else "",
                status=Realisasi.Status.DISETUJUI,
            )  # fmt: skip
            for i in semua
            for b in range(1, 13)
        ),
        batch_size=2000,
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as c:  # fresh rows: give the planner their real size
            c.execute(
                "ANALYZE pengukuran_realisasi, perencanaan_indikator, perencanaan_targettahunan,"
                " perencanaan_renstra"
            )
    return list(Instansi.objects.filter(pemda=pemda).order_by("nama"))


def capaian_objek(instansi_list, tahun: int, sampai: int):
    """The computation before issue 15, kept here as the baseline: every approved
    Realisasi of the year as a model object, grouped per indicator in Python."""
    from sakip.pengukuran import penilaian
    from sakip.pengukuran.models import Realisasi
    from sakip.perencanaan.models import Indikator, TargetTahunan

    aturan = {p: penilaian.aturan_pemda(p) for p in {i.pemda_id for i in instansi_list}}
    indikator = list(
        Indikator.objects.filter(
            renstra__instansi__in=instansi_list,
            renstra__tahun_awal__lte=tahun,
            renstra__tahun_akhir__gte=tahun,
        ).select_related("skala", "sasaran", "tujuan", "renstra__instansi")
    )
    target = {t.indikator_id: t for t in TargetTahunan.objects.filter(indikator__in=indikator)}
    per = defaultdict(list)
    for r in Realisasi.objects.disetujui().filter(indikator__in=indikator, tahun=tahun):
        per[r.indikator_id].append(r)
    hasil = []
    for i in indikator:
        bulanan = [None] * 12
        for r in per[i.pk]:
            bulanan[r.bulan - 1] = r.nilai_skala or r.nilai
        a = aturan[i.renstra.instansi.pemda_id]
        hasil.append(penilaian.hitung_indikator(i, target.get(i.pk), bulanan, sampai, a))
    return hasil


def ukur(fungsi, ulang: int = 5) -> tuple[float, int]:
    """Median milliseconds of `ulang` calls after a warm-up, and the queries of one call."""
    fungsi()
    waktu = []
    for _ in range(ulang):
        mulai = time.perf_counter()
        fungsi()
        waktu.append((time.perf_counter() - mulai) * 1000)
    with CaptureQueriesContext(connection) as q:
        fungsi()
    return statistics.median(waktu), len(q.captured_queries)


def pemda_bench() -> None:
    from sakip.pengukuran import pemda
    from sakip.pengukuran.models import Realisasi

    mulai = time.perf_counter()
    semua = bangun()
    dibangun = time.perf_counter() - mulai
    dua = semua[:2]
    n = Realisasi.objects.filter(instansi__in=semua).count()
    baris = [
        ("kueri sepele", lambda: Realisasi.objects.filter(pk=0).exists(), None),
        ("sebelum (objek)", lambda: capaian_objek(semua, TAHUN, SAMPAI), None),
        (
            "bulanan (nilai)",
            lambda: pemda.capaian_semua(semua, TAHUN, SAMPAI),
            lambda: pemda.capaian_semua(dua, TAHUN, SAMPAI),
        ),
        (
            "rekap (SQL)",
            lambda: pemda.capaian_semua(semua, TAHUN, SAMPAI, bulanan=False),
            lambda: pemda.capaian_semua(dua, TAHUN, SAMPAI, bulanan=False),
        ),
        (
            "bandingkan",
            lambda: pemda.bandingkan(semua, TAHUN, SAMPAI),
            lambda: pemda.bandingkan(dua, TAHUN, SAMPAI),
        ),
    ]
    print(
        f"Pemda {len(semua)} instansi x {INDIKATOR} indikator, {n:,} realisasi "
        f"({connection.vendor}, dibangun {dibangun:.1f} s)"
    )
    print(f"{'capaian Pemda':<20}{'waktu':>11}{'q':>4}{'q (2 inst.)':>13}")
    hasil = {}
    for judul, fungsi, kecil in baris:
        t, q = ukur(fungsi)
        q2 = ukur(kecil, ulang=1)[1] if kecil else None
        hasil[judul] = t
        print(f"{judul:<20}{t:>9.1f}ms{q:>4}{'' if q2 is None else q2:>13}")
    t, lama = hasil["rekap (SQL)"], hasil["sebelum (objek)"]
    print(
        f"tujuan: rekap capaian {len(semua)} instansi < 300 ms ({t:.0f} ms, "
        f"{lama / t:.1f}x lebih cepat dari sebelum), query sama untuk 2 dan {len(semua)} instansi"
    )
    print()


if __name__ == "__main__":
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    pemda_bench()
    sys.exit(0)
