"""A kabupaten-size dataset on PostgreSQL for the load benchmark (issue 15, bench/beban.py).

Full scale (`--skala 1`): 60 agencies of 20 positions and people each, a Renstra
2022–2026 with 50 indicators each (3,000) and their yearly targets, every month from
January 2022 to the month before today approved (~177k realisasi), ~340 SOP runs
per agency (170 monthly reports, each with its letter sub-procedure: ~20k runs, ~140k
tasks) and one audit row per bulk-written row (~300k). `--skala` scales the number of
agencies (at least 2); each agency keeps its full size, so agency pages are measured at
kabupaten-agency size and the Pemda view over fewer agencies. The default 0.1 (6
agencies) builds in about 2 minutes here; full scale is ~15 minutes, most of it the
engine-driven template runs (~8 s per agency).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sakip_kabupaten \\
        .venv/bin/python bench/kabupaten.py --skala 0.1

It refuses a database holding any Pemda other than its marker (`PENANDA`), so it never
writes into a real or demo database; run it on an empty database (dropdb/createdb to
rebuild). Each section says whether it goes through the services or is bulk-written,
and bulk rows are written as the services would write them: `sakip pemulihan periksa`
passes on the result, the audit hash chains included (computed here in bulk).
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
import time
from decimal import Decimal

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sakip.settings")
# Files (signed reports, letters) must outlive this process: beban.py serves them.
DATA_BENCH = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "var")
os.environ.setdefault("SAKIP_DATA_DIR", os.path.join(DATA_BENCH, "bench-kabupaten"))

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

PENANDA = "Kabupaten Bench Kabupaten"  # the marker Pemda: only this database is ours
SANDI = "sandi-bench-123"  # every generated person's password (beban.py signs in with it)
# 170 monthly-report runs per agency, each with its letter sub-procedure run: ~340 runs.
INSTANSI_PENUH, INDIKATOR, RUN_PER_INSTANSI = 60, 50, 170
TAHUN_AWAL, TAHUN_AKHIR = 2022, 2026
SOP_KODE = "000-laporan-bulanan"
PASSPHRASE = "bench-passphrase"  # the heads' demo TTE keys (signing steps of the SOP)
STAF_PER_INSTANSI = 12  # + 8 structural positions = 20 people per agency


def waktu_bagian(judul: str):
    """Prints a section's duration: the generator says where its minutes go."""

    class _W:
        def __enter__(self):
            self.mulai = time.perf_counter()
            print(f"  {judul} …", end="", flush=True)

        def __exit__(self, *exc):
            print(f" {time.perf_counter() - self.mulai:.1f} s", flush=True)

    return _W()


def periksa_basis_data() -> bool:
    """False when the marker Pemda exists already (nothing to do); exits on foreign data."""
    from sakip.organisasi.models import Pemda

    if connection.vendor != "postgresql":
        sys.exit("kabupaten.py: DATABASE_URL harus menunjuk ke PostgreSQL.")
    lain = Pemda.objects.exclude(nama=PENANDA)
    if lain.exists():
        sys.exit(
            f"kabupaten.py: basis data {connection.settings_dict['NAME']} berisi data lain "
            f"({lain.first().nama}); jalankan pada basis data kosong."
        )
    return not Pemda.objects.filter(nama=PENANDA).exists()


# --- organisation: bulk (a service call per person would hash 1,200 passwords) ---------


def bangun_organisasi(jumlah: int):
    """Pemda, agencies, 20 positions each (tree as the seeds: Camat → Sekcam → Kasubag →
    Staf), one person per position and the SOP actor mapping; Pemda evaluators. Bulk,
    with one password hash computed once and shared (Argon2 per person takes minutes)."""
    from django.contrib.auth.hashers import make_password

    from sakip import testing
    from sakip.organisasi.models import Instansi, Jabatan, Pegawai, Pemda, PemetaanPelaksana

    pemda = Pemda.objects.create(nama=PENANDA, jenis=Pemda.Jenis.KABUPATEN)
    sandi = make_password(SANDI)
    instansi = Instansi.objects.bulk_create(
        Instansi(
            pemda=pemda,
            nama=f"Kecamatan Bench {n:02d}",
            jenis=Instansi.Jenis.KECAMATAN,
            kode_unit=f"KB-{n:02d}",
        )  # fmt: skip
        for n in range(jumlah)
    )

    def jabatan(atasan: dict, nama: str, **kw) -> dict:
        baris = Jabatan.objects.bulk_create(
            Jabatan(instansi=i, nama=nama, atasan=atasan.get(i.pk), **kw) for i in instansi
        )
        return {j.instansi_id: j for j in baris}

    camat = jabatan({}, "Camat", eselon="III.a", peran="kepala")
    sekcam = jabatan(camat, "Sekretaris Camat", eselon="III.b", peran="sekretaris")
    kasubag = jabatan(sekcam, "Kasubag Perencanaan dan Evapor", eselon="IV.b")
    umum = jabatan(sekcam, "Kasubag Umum dan Kepegawaian", eselon="IV.b")
    kasi = [jabatan(camat, f"Kepala Seksi {k}", eselon="IV.a") for k in range(1, 5)]
    staf = [jabatan(kasubag, f"Staf {k}") for k in range(1, STAF_PER_INSTANSI + 1)]
    semua_jabatan = [("camat", camat), ("sekcam", sekcam), ("kasubag", kasubag)]
    semua_jabatan += [("umum", umum)] + [(f"kasi{k}", j) for k, j in enumerate(kasi, 1)]
    semua_jabatan += [(f"staf{k}", j) for k, j in enumerate(staf, 1)]
    orang = []
    for i in instansi:
        for awalan, per in semua_jabatan:
            orang.append(
                Pegawai(
                    username=f"{awalan}.kb{i.kode_unit[-2:]}",
                    nama=f"{awalan.title()} {i.nama[10:]}",
                    nip=testing.nip_unik(),
                    password=sandi,
                    pemda=pemda,
                    instansi=i,
                    jabatan=per[i.pk],
                )  # fmt: skip
            )
    orang += [
        Pegawai(
            username=f"evaluator.kb{n}",
            nama=f"Evaluator Pemda {n}",
            password=sandi,
            pemda=pemda,
            peran=Pegawai.Peran.EVALUATOR,
        )
        for n in range(1, 11)
    ]
    Pegawai.objects.bulk_create(orang)
    PemetaanPelaksana.objects.bulk_create(
        PemetaanPelaksana(instansi=i, nama_pelaksana=nama, jabatan=per[i.pk])
        for i in instansi
        for nama, per in (
            ("Camat", camat),
            ("Sekretaris", sekcam),
            ("Kasubag Evapor", kasubag),
            ("Kasubag Umum", umum),
            ("Staf", staf[0]),
        )
    )
    return pemda, instansi


# --- calendar: through the services (two calls) ----------------------------------------


def bangun_kalender(pemda) -> None:
    from sakip.kalender import services as kalender

    kalender.pastikan_kalender_default(aktor=None, pemda=pemda)  # None: the system
    kalender.muat_libur_nasional(aktor=None, pemda=pemda, tahun=range(TAHUN_AWAL, 2028))


# --- planning: bulk (3,000 indicators through the services take minutes) -------------


def bangun_renstra(pemda, instansi):
    """A Renstra 2022–2026 per agency: 1 goal, 5 objectives, 50 indicators (every polarity
    and aggregation, one in ten on a scale) and a target for each year. Bulk."""
    from sakip.perencanaan.models import (
        Indikator,
        Renstra,
        Sasaran,
        Skala,
        TargetTahunan,
        Tujuan,
    )

    skala = Skala.objects.create(pemda=pemda, nama="Opini BPK", nilai=["WTP", "WDP", "TW", "TMP"])
    renstra = Renstra.objects.bulk_create(
        Renstra(instansi=i, tahun_awal=TAHUN_AWAL, tahun_akhir=TAHUN_AKHIR) for i in instansi
    )
    tujuan = Tujuan.objects.bulk_create(
        Tujuan(renstra=r, urutan=0, kode="T1", uraian="Meningkatnya kualitas pelayanan publik")
        for r in renstra
    )
    sasaran = Sasaran.objects.bulk_create(
        Sasaran(renstra=t.renstra, tujuan=t, urutan=k, kode=f"S{k + 1}", uraian=f"Sasaran {k + 1}")
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
        for k in range(INDIKATOR // 5):
            n = len(baru) % INDIKATOR
            polaritas, agregasi = jenis[n % len(jenis)]
            baru.append(
                Indikator(
                    renstra_id=s.renstra_id,
                    sasaran=s,
                    urutan=k,
                    kode=f"IK{n + 1}",
                    nama=f"Indikator kinerja {n + 1}",
                    satuan="%",
                    polaritas=polaritas,
                    agregasi=agregasi,
                    skala=skala if n % 10 == 9 else None,
                    toleransi=Decimal(2) if polaritas == "stabil" else None,
                )  # fmt: skip
            )
    indikator = Indikator.objects.bulk_create(baru, batch_size=2000)
    TargetTahunan.objects.bulk_create(
        (
            TargetTahunan(indikator=i, tahun=t, target_skala="WTP")
            if i.skala_id
            else TargetTahunan(
                indikator=i,
                tahun=t,
                target=Decimal(80),
                target_atas=Decimal(90) if i.polaritas == "rentang" else None,
            )  # fmt: skip
            for i in indikator
            for t in range(TAHUN_AWAL, TAHUN_AKHIR + 1)
        ),
        batch_size=2000,
    )
    return indikator, {r.pk: r.instansi_id for r in renstra}


# --- realisasi: bulk for the past, the services for the current month of one agency ----


def bulan_lalu() -> list[tuple[int, int]]:
    """Every (year, month) from January of the Renstra's first year to last month."""
    hari_ini = timezone.localdate()
    hasil, t, b = [], TAHUN_AWAL, 1
    while (t, b) < (hari_ini.year, hari_ini.month) and t <= TAHUN_AKHIR:
        hasil.append((t, b))
        t, b = (t + 1, 1) if b == 12 else (t, b + 1)
    return hasil


def bangun_realisasi(indikator, instansi_dari: dict, orang: dict) -> list:
    """Approved monthly realisasi, bulk: filled by the Kasubag, approved by the Camat, as
    `isi_realisasi` + `periksa_realisasi` leave them. Returns the rows for the audit."""
    from sakip.pengukuran.models import Realisasi

    bulan = bulan_lalu()
    sekarang = timezone.now()
    dibuat = []
    for potong in range(0, len(indikator), 500):  # bounded memory at full scale
        baris = [
            Realisasi(
                instansi_id=instansi_dari[i.renstra_id],
                tahun=t,
                bulan=b,
                indikator=i,
                nilai=None if i.skala_id else Decimal(60 + (i.pk * 7 + b * 3 + t) % 40) / 4,
                nilai_skala=["WTP", "WDP"][b % 2] if i.skala_id else "",
                status=Realisasi.Status.DISETUJUI,
                diisi_oleh_id=orang[instansi_dari[i.renstra_id]]["kasubag"],
                diisi_pada=sekarang,
                diperiksa_oleh_id=orang[instansi_dari[i.renstra_id]]["camat"],
                diperiksa_pada=sekarang,
            )  # fmt: skip
            for i in indikator[potong : potong + 500]
            for t, b in bulan
        ]
        dibuat += Realisasi.objects.bulk_create(baris, batch_size=5000)
    return dibuat


def isi_bulan_ini(instansi) -> int:
    """This month's realisasi of the first agency entered and submitted through
    `isi_realisasi` (the entry page and approval queue then show open work)."""
    from sakip.organisasi.models import Pegawai
    from sakip.pengukuran import services
    from sakip.perencanaan.models import Indikator

    hari_ini = timezone.localdate()
    if hari_ini.year > TAHUN_AKHIR:
        return 0
    kasubag = Pegawai.objects.get(username=f"kasubag.kb{instansi.kode_unit[-2:]}")
    n = 0
    for i in Indikator.objects.filter(renstra__instansi=instansi, skala__isnull=True)[:20]:
        services.isi_realisasi(
            aktor=kasubag,
            instansi_id=instansi.pk,
            indikator=i,
            tahun=hari_ini.year,
            bulan=hari_ini.month,
            nilai=Decimal(75),
            ajukan=True,
        )
        n += 1
    return n


# --- SOP runs: templates through the engine, clones in bulk ---------------------------


def pohon(akar) -> list:
    """The run and its sub-procedure runs, parents before children."""
    from sakip.sop.models import Pelaksanaan

    hasil, lapis = [], [akar.pk]
    while lapis:
        runs = list(Pelaksanaan.objects.filter(pk__in=lapis).order_by("id"))
        hasil += runs
        lapis = list(Pelaksanaan.objects.filter(induk_id__in=lapis).values_list("pk", flat=True))
    return hasil


def jalankan_sampai(akar, langkah_maks: int | None = None) -> None:
    """Drive a run (and the sub-procedures it starts) through the engine: each open task
    done or approved by its first recipient, until the run ends or `langkah_maks`
    closings were made."""
    from sakip.sop import engine
    from sakip.sop.models import Tugas

    n = 0
    while langkah_maks is None or n < langkah_maks:
        terbuka = Tugas.objects.filter(pelaksanaan__in=[p.pk for p in pohon(akar)])
        tugas = terbuka.filter(status=Tugas.Status.TERBUKA).select_related("pelaksanaan__versi")
        tugas = tugas.order_by("id").first()
        if tugas is None:
            break
        aktor = engine.penerima_tugas(tugas)[0]
        if tugas.pelaksanaan.versi.langkah_ke(tugas.langkah_no).get("keputusan"):
            engine.putuskan(aktor=aktor, tugas=tugas, setuju=True, passphrase=PASSPHRASE)
        else:
            engine.selesaikan(
                aktor=aktor, tugas=tugas, catatan="Selesai (bench)", passphrase=PASSPHRASE
            )
        n += 1


def bangun_templat_sop(instansi) -> dict:
    """Per agency, through the services: adopt the monthly-report SOP (with its letter
    sub-procedure), one run finished and one left halfway. Returns {instansi_id:
    (finished run, open run)}."""
    from sakip.organisasi.models import Pegawai
    from sakip.sop import engine, services

    templat = {}
    for i in instansi:
        k = i.kode_unit[-2:]
        camat = Pegawai.objects.get(username=f"camat.kb{k}")
        kasubag = Pegawai.objects.get(username=f"kasubag.kb{k}")
        sop = services.adopsi(aktor=camat, instansi=i, kode=SOP_KODE)
        selesai = engine.mulai(aktor=kasubag, sop=sop, judul="Laporan bulanan (templat)")
        jalankan_sampai(selesai)
        terbuka = engine.mulai(aktor=kasubag, sop=sop, judul="Laporan bulanan (berjalan)")
        jalankan_sampai(terbuka, langkah_maks=2)
        templat[i.pk] = (selesai, terbuka)
    return templat


def klon_sop(templat: dict, per_instansi: int) -> list:
    """`per_instansi` copies of each agency's template runs (one in twenty left open, as
    in a working agency), bulk: each run tree (the run and its sub-procedure runs), their
    tasks and their events copied from an engine-made run, times shifted a week per copy,
    so every clone's log agrees with its tasks exactly as the engine wrote it. The clones
    share the template's bound document (the pages read the runs, not the documents).
    Returns the closed cloned tasks for the audit."""
    from sakip.sop.models import Peristiwa, Tugas

    ditutup = []
    for selesai, terbuka in templat.values():
        sumber = {}
        for akar in (selesai, terbuka):
            runs = pohon(akar)
            sumber[akar.pk] = (
                runs,
                list(Tugas.objects.filter(pelaksanaan__in=runs).order_by("id")),
                list(Peristiwa.objects.filter(pelaksanaan__in=runs).order_by("id")),
            )
        salinan = []  # (source root, shift, {old run pk: new run})
        for n in range(per_instansi):
            asal = terbuka.pk if n % 20 == 19 else selesai.pk
            salinan.append((asal, datetime.timedelta(days=7 * (per_instansi - n)), {}))
        _klon_pelaksanaan(sumber, salinan)
        tugas_baru, peta_tugas = [], []
        for asal, geser, peta_run in salinan:
            peta = {}
            for t in sumber[asal][1]:
                t_baru = _salin(
                    t,
                    geser,
                    pelaksanaan_id=peta_run[t.pelaksanaan_id].pk,
                    dikembalikan_dari_id=None,
                )
                tugas_baru.append(t_baru)
                peta[t.pk] = t_baru
            peta_tugas.append(peta)
        Tugas.objects.bulk_create(tugas_baru, batch_size=5000)
        ditutup += [t for t in tugas_baru if t.status == Tugas.Status.SELESAI]
        peristiwa = []
        for (asal, geser, peta_run), peta in zip(salinan, peta_tugas, strict=True):
            for e in sumber[asal][2]:
                peristiwa.append(
                    _salin(
                        e,
                        geser,
                        pelaksanaan_id=peta_run[e.pelaksanaan_id].pk,
                        tugas_id=peta[e.tugas_id].pk if e.tugas_id else None,
                    )
                )
        Peristiwa.objects.bulk_create(peristiwa, batch_size=5000)
    return ditutup


def _klon_pelaksanaan(sumber: dict, salinan: list) -> None:
    """Copy the run trees level by level: a child's `induk` is its parent's new id."""
    from sakip.sop.models import Pelaksanaan

    kedalaman = max(len(s[0]) for s in sumber.values())
    for tingkat in range(kedalaman):
        baru = []
        for asal, geser, peta_run in salinan:
            runs = sumber[asal][0]
            if tingkat >= len(runs):
                continue
            p = runs[tingkat]
            judul = p.judul if p.induk_id else f"Laporan bulanan #{len(baru) + 1}"
            induk = peta_run[p.induk_id].pk if p.induk_id else None
            peta_run[p.pk] = _salin(p, geser, judul=judul, induk_id=induk)
            baru.append(peta_run[p.pk])
        Pelaksanaan.objects.bulk_create(baru, batch_size=2000)


def _salin(obj, geser: datetime.timedelta, **ganti):
    """An unsaved copy of a row, every datetime column moved back by `geser`."""
    baru = type(obj)()
    for f in obj._meta.concrete_fields:
        if f.primary_key:
            continue
        nilai = getattr(obj, f.attname)
        if isinstance(nilai, datetime.datetime):
            nilai = nilai - geser
        setattr(baru, f.attname, nilai)
    for k, v in ganti.items():
        setattr(baru, k, v)
    return baru


# --- audit rows: bulk, with the hash chain computed here --------------------------------


def bangun_audit(objek: list, pemda_id: int, keterangan: str, aktor_dari) -> int:
    """One audit row per bulk-written row, linked into its agency's hash chain exactly as
    `rantai.sambung` links one (same canonical hash, chain continued from its head), then
    written in bulk in id order and the chain heads updated. `pemulihan periksa` checks it."""
    from django.contrib.contenttypes.models import ContentType

    from sakip.audit import rantai
    from sakip.audit.models import CatatanAudit, UjungRantai

    if not objek:
        return 0
    ct = ContentType.objects.get_for_model(type(objek[0]))
    label = rantai.label_konten(ct)
    ujung = {u.kunci: u for u in UjungRantai.objects.all()}
    jumlah = 0
    with transaction.atomic():
        for potong in range(0, len(objek), 20000):
            baris = []
            for o in objek[potong : potong + 20000]:
                aktor_id, aktor_nama = aktor_dari(o)
                c = CatatanAudit(
                    waktu=timezone.now(),
                    aktor_id=aktor_id,
                    aktor_nama=aktor_nama,
                    aksi=CatatanAudit.Aksi.TAMBAH,
                    content_type=ct,
                    object_id=str(o.pk),
                    object_repr=str(o.pk),
                    pemda_id=pemda_id,  # catat() sets both for an agency's row
                    instansi_id=o.instansi_id,
                    perubahan={"status": [None, o.status]},
                    keterangan=keterangan,
                )
                kunci = rantai.kunci_rantai(c.instansi_id, c.pemda_id)
                u = ujung.get(kunci) or ujung.setdefault(
                    kunci, UjungRantai(kunci=kunci, hash_terakhir="", jumlah=0)
                )
                c.hash_sebelumnya = u.hash_terakhir
                c.hash = rantai.hitung_hash(c, label)
                u.hash_terakhir = c.hash
                u.jumlah += 1
                baris.append((c, u))
            CatatanAudit.objects.bulk_create([c for c, _ in baris], batch_size=5000)
            for c, u in baris:
                u.catatan_terakhir_id = c.pk
            jumlah += len(baris)
        UjungRantai.objects.bulk_create(
            ujung.values(),
            update_conflicts=True,
            unique_fields=["kunci"],
            update_fields=["hash_terakhir", "jumlah", "catatan_terakhir_id"],
        )
    return jumlah


def bangun(skala: float) -> None:
    from sakip.organisasi.models import Pegawai

    jumlah = max(2, round(INSTANSI_PENUH * skala))
    print(f"kabupaten: {jumlah} instansi (skala {skala}; skala 1 = {INSTANSI_PENUH})")
    mulai = time.perf_counter()
    with waktu_bagian("organisasi (bulk)"), transaction.atomic():
        pemda, instansi = bangun_organisasi(jumlah)
    orang = {}
    for pk, username, instansi_id in Pegawai.objects.filter(pemda=pemda).values_list(
        "pk", "username", "instansi_id"
    ):
        orang.setdefault(instansi_id, {})[username.split(".")[0]] = pk
    with waktu_bagian("kalender (layanan)"):
        bangun_kalender(pemda)
    with waktu_bagian("renstra dan target (bulk)"), transaction.atomic():
        indikator, instansi_dari = bangun_renstra(pemda, instansi)
    with waktu_bagian(f"realisasi {len(bulan_lalu())} bulan (bulk)"), transaction.atomic():
        realisasi = bangun_realisasi(indikator, instansi_dari, orang)
    with waktu_bagian("realisasi bulan ini, 1 instansi (layanan)"):
        isi_bulan_ini(instansi[0])
    with waktu_bagian("SOP: adopsi dan 2 pelaksanaan per instansi (layanan/mesin)"):
        templat = bangun_templat_sop(instansi)
    judul = f"SOP: {RUN_PER_INSTANSI} pelaksanaan per instansi (bulk)"
    with waktu_bagian(judul), transaction.atomic():
        tugas = klon_sop(templat, RUN_PER_INSTANSI)
    nama = dict(Pegawai.objects.filter(pemda=pemda).values_list("pk", "nama"))
    with waktu_bagian("riwayat audit (bulk, rantai hash dihitung)"):
        bangun_audit(
            realisasi,
            pemda.pk,
            "Realisasi diisi dan disetujui (bench)",
            lambda r: (r.diperiksa_oleh_id, nama[r.diperiksa_oleh_id]),
        )
        bangun_audit(
            tugas,
            pemda.pk,
            "Menyelesaikan langkah (bench)",
            lambda t: (t.selesai_oleh_id, nama.get(t.selesai_oleh_id, "sistem")),
        )
    with waktu_bagian("ANALYZE"), connection.cursor() as c:
        c.execute("ANALYZE")
    ringkas()
    print(f"kabupaten: dibangun dalam {time.perf_counter() - mulai:.0f} s")


def ringkas() -> None:
    from sakip.audit.models import CatatanAudit
    from sakip.organisasi.models import Instansi, Pegawai
    from sakip.pengukuran.models import Realisasi
    from sakip.perencanaan.models import Indikator
    from sakip.sop.models import Pelaksanaan, Peristiwa, Tugas

    with connection.cursor() as c:
        c.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        ukuran = c.fetchone()[0]
    print(
        "  "
        + ", ".join(
            f"{m._meta.verbose_name_plural}: {m._base_manager.count():,}"
            for m in (
                Instansi,
                Pegawai,
                Indikator,
                Realisasi,
                Pelaksanaan,
                Tugas,
                Peristiwa,
                CatatanAudit,
            )
        )
        + f"; basis data {ukuran}"
    )


def main() -> int:
    from django.core.management import call_command

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skala", type=float, default=0.1, help="1 = 60 instansi (penuh)")
    parser.add_argument("--periksa", action="store_true", help="jalankan pemulihan periksa")
    opsi = parser.parse_args()
    call_command("migrate", verbosity=0)
    if periksa_basis_data():
        bangun(opsi.skala)
    else:
        print(f"kabupaten: {PENANDA} sudah ada; dropdb/createdb untuk membangun ulang")
        ringkas()
    if opsi.periksa:
        call_command("pemulihan", "periksa")
    return 0


if __name__ == "__main__":
    sys.exit(main())
