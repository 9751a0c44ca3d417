"""The Pemda roll-up computed in the database (issue 15) gives the figures the object-by-
object computation gave: random indicators of every polarity, aggregation and kind, months
missing or not approved, Pemda caps and floors — compared with that computation, kept here
as the oracle. And the roll-up costs the same queries for 2 agencies as for 20.
"""

import datetime
from collections import defaultdict
from decimal import Decimal as D

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sakip import testing
from sakip.pengukuran import capaian as rumus
from sakip.pengukuran import pemda, penilaian
from sakip.pengukuran.models import AturanCapaian, Realisasi
from sakip.pengukuran.tests.test_pemda import TAHUN, URL, isi_agensi
from sakip.perencanaan.models import Indikator, Renstra, Sasaran, TargetTahunan, Tujuan
from sakip.perencanaan.tests.bangun import OPINI_BPK, skala_opini

# ---------------------------------------------------------------- the oracle


def _hitung_lama(indikator, nilai_target, bulanan, sampai, aturan):
    """`penilaian.hitung_indikator` as it was before issue 15."""
    polaritas = indikator.polaritas if indikator else "naik"
    agregasi = indikator.agregasi if indikator else "akhir_periode"
    skala = indikator.skala if indikator else None
    sampai_ini = bulanan[:sampai]
    if skala is not None:
        terisi = [v for v in sampai_ini if v]
        realisasi = terisi[-1] if terisi else None
        hasil = rumus.hitung_skala(
            skala.nilai,
            realisasi or "",
            nilai_target.target_skala,
            batas_atas=aturan.batas_atas,
            lantai_nol=aturan.lantai_nol,
        )
        return realisasi, hasil
    realisasi = rumus.agregasi(agregasi, [(i + 1, v) for i, v in enumerate(sampai_ini)])
    hasil = rumus.hitung(
        polaritas,
        realisasi,
        nilai_target.target if nilai_target else None,
        target_atas=nilai_target.target_atas if nilai_target else None,
        toleransi=indikator.toleransi if indikator else None,
        batas_atas=aturan.batas_atas,
        lantai_nol=aturan.lantai_nol,
    )
    return realisasi, hasil


def capaian_lama(instansi_list, tahun: int, sampai: int) -> dict:
    """`pemda.capaian_semua` before issue 15: every approved Realisasi built as an object,
    grouped per indicator, its months aggregated in Python."""
    aturan = {p: penilaian.aturan_pemda(p) for p in {i.pemda_id for i in instansi_list}}
    indikator = list(
        Indikator.objects.filter(
            renstra__instansi__in=instansi_list,
            renstra__tahun_awal__lte=tahun,
            renstra__tahun_akhir__gte=tahun,
        )
        .select_related("skala", "sasaran", "tujuan", "renstra__instansi")
        .order_by("renstra__instansi_id", "urutan", "kode", "id")
    )
    target = {
        t.indikator_id: t
        for t in TargetTahunan.objects.filter(indikator__in=indikator, tahun=tahun)
    }
    per = defaultdict(list)
    for r in Realisasi.objects.disetujui().filter(indikator__in=indikator, tahun=tahun):
        per[r.indikator_id].append(r)
    hasil = {i.pk: {"indikator": [], "label": []} for i in instansi_list}
    for i in indikator:
        bulanan = [None] * 12
        for r in per[i.pk]:
            bulanan[r.bulan - 1] = r.nilai_skala or r.nilai
        a = aturan[i.renstra.instansi.pemda_id]
        t = target.get(i.pk)
        realisasi, h = _hitung_lama(i, t, bulanan, sampai, a)
        baris = hasil[i.renstra.instansi_id]
        baris["indikator"].append(
            (i.pk, t.target_tampil() if t else "—", realisasi, bulanan, h, a.kategori_dari(h.nilai))
        )
        induk = i.sasaran if i.sasaran_id else i.tujuan
        baris["label"].append(f"{induk.kode} {induk.uraian}")
    for pk, baris in hasil.items():
        a = aturan[next(i.pemda_id for i in instansi_list if i.pk == pk)]
        nilai = [x[4].nilai for x in baris["indikator"] if x[4].nilai is not None]
        baris["rata"] = sum(nilai, D(0)) / len(nilai) if nilai else None
        baris["kategori"] = a.kategori_dari(baris["rata"])
    return hasil


# ---------------------------------------------------------------- random data

ANGKA = st.one_of(
    st.none(),
    st.decimals(min_value=-500, max_value=100_000, places=2, allow_nan=False),
    st.decimals(min_value=0, max_value=100, places=4, allow_nan=False),
)
STATUS = st.sampled_from(list(Realisasi.Status))
BULAN = st.dictionaries(st.integers(1, 12), st.tuples(ANGKA, STATUS), max_size=12)
TARGET = st.one_of(st.none(), st.decimals(min_value=0, max_value=1000, places=2))
INDIKATOR = st.fixed_dictionaries(
    {
        "pemilik": st.integers(0, 1),
        "di_tujuan": st.booleans(),
        "skala": st.booleans(),
        "polaritas": st.sampled_from(["naik", "turun", "rentang", "stabil"]),
        "agregasi": st.sampled_from(["kumulatif", "rata_rata", "akhir_periode"]),
        "toleransi": st.one_of(st.none(), st.decimals(min_value=0, max_value=20, places=1)),
        "target": st.one_of(st.none(), st.tuples(TARGET, TARGET)),
        "target_skala": st.sampled_from(OPINI_BPK),
        "bulan": BULAN,
        "bulan_skala": st.dictionaries(
            st.integers(1, 12), st.tuples(st.sampled_from(["", *OPINI_BPK]), STATUS), max_size=12
        ),
    }
)
ATURAN = st.one_of(
    st.none(),
    st.tuples(st.sampled_from([None, D(100), D(120)]), st.booleans()),
)


def _bangun(persona, daftar: list[dict], aturan) -> None:
    """Indicators with their target and months, for Alpha (0) and Beta (1)."""
    skala = skala_opini(persona.pemda)
    if aturan is not None:
        AturanCapaian.objects.create(
            pemda=persona.pemda, batas_atas=aturan[0], lantai_nol=aturan[1]
        )
    induk = {}
    for n, agensi in enumerate((persona.a, persona.b)):
        r = Renstra.objects.create(instansi=agensi.instansi, tahun_awal=2021, tahun_akhir=2026)
        t = Tujuan.objects.create(renstra=r, urutan=0, kode="T1", uraian="Tujuan satu")
        s = Sasaran.objects.create(renstra=r, tujuan=t, urutan=0, kode="S1", uraian="Sasaran")
        induk[n] = (r, t, s)
    for k, x in enumerate(daftar):
        r, t, s = induk[x["pemilik"]]
        ind = Indikator.objects.create(
            renstra=r, tujuan=t if x["di_tujuan"] else None, sasaran=None if x["di_tujuan"] else s,
            urutan=k % 3, kode=f"I{k}", nama=f"Indikator {k}", satuan="%",
            polaritas=x["polaritas"], agregasi=x["agregasi"], toleransi=x["toleransi"],
            skala=skala if x["skala"] else None,
        )  # fmt: skip
        if x["skala"]:
            # A scale indicator always has a target: without one both computations fail.
            TargetTahunan.objects.create(indikator=ind, tahun=TAHUN, target_skala=x["target_skala"])
            bulan = {b: (None, v, st_) for b, (v, st_) in x["bulan_skala"].items()}
        else:
            if x["target"] is not None:
                bawah, atas = x["target"]
                TargetTahunan.objects.create(
                    indikator=ind, tahun=TAHUN, target=bawah, target_atas=atas
                )
            bulan = {b: (v, "", st_) for b, (v, st_) in x["bulan"].items()}
        Realisasi.objects.bulk_create(
            Realisasi(
                instansi=ind.renstra.instansi,
                tahun=TAHUN,
                bulan=b,
                indikator=ind,
                nilai=nilai,
                nilai_skala=skala_,
                status=status,
            )  # fmt: skip
            for b, (nilai, skala_, status) in bulan.items()
        )


def _baris_baru(c: penilaian.CapaianIndikator, dengan_bulanan: bool) -> tuple:
    bulanan = c.bulanan if dengan_bulanan else None
    return (c.indikator_id, c.target, c.realisasi, bulanan, c.hasil, c.kategori)


def _baris_lama(x: tuple, dengan_bulanan: bool) -> tuple:
    pk, target, realisasi, bulanan, h, kategori = x
    return (pk, target, realisasi, bulanan if dengan_bulanan else None, h, kategori)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(daftar=st.lists(INDIKATOR, min_size=1, max_size=6), aturan=ATURAN, sampai=st.integers(1, 12))
def test_rekap_sql_sama_dengan_objek(persona, daftar, aturan, sampai):
    with transaction.atomic():
        _bangun(persona, daftar, aturan)
        instansi = [persona.a.instansi, persona.b.instansi]
        lama = capaian_lama(instansi, TAHUN, sampai)
        for dengan_bulanan in (False, True):
            baru = pemda.capaian_semua(instansi, TAHUN, sampai, bulanan=dengan_bulanan)
            for i in instansi:
                c, o = baru[i.pk], lama[i.pk]
                assert [_baris_baru(x, dengan_bulanan) for x in c.indikator] == [
                    _baris_lama(x, dengan_bulanan) for x in o["indikator"]
                ]
                assert c.label_sasaran == o["label"]
                assert (c.rata, c.kategori) == (o["rata"], o["kategori"])
        # The agency's own capaian page (months from values, not objects) agrees too.
        for i in instansi:
            sendiri = {
                c.indikator_id: _baris_baru(c, True)
                for c in penilaian.capaian_renstra(i, TAHUN, sampai)
            }
            assert sendiri == {x[0]: _baris_lama(x, True) for x in lama[i.pk]["indikator"]}
        transaction.set_rollback(True)


def test_ringkas_mengabaikan_yang_belum_disetujui(persona):
    """Only approved months count: a submitted December does not move the sum or the latest."""
    _bangun(
        persona,
        [
            {
                "pemilik": 0,
                "di_tujuan": False,
                "skala": False,
                "polaritas": "naik",
                "agregasi": agregasi,
                "toleransi": None,
                "target": (D(10), None),
                "target_skala": "WTP",
                "bulan_skala": {},
                "bulan": {
                    1: (D(2), Realisasi.Status.DISETUJUI),
                    3: (D(4), Realisasi.Status.DISETUJUI),
                    4: (None, Realisasi.Status.DISETUJUI),
                    12: (D(99), Realisasi.Status.DIAJUKAN),
                },
            }  # fmt: skip
            for agregasi in ("kumulatif", "rata_rata", "akhir_periode")
        ],
        None,
    )
    indikator = Indikator.objects.filter(renstra__instansi=persona.a.instansi).order_by("kode")
    ringkas = penilaian.ringkas_realisasi(indikator, TAHUN, 12)
    assert [ringkas[i.pk].realisasi(i) for i in indikator] == [D(6), D(3), D(4)]


# ---------------------------------------------------------------- queries: 2 agencies or 20


def _kueri(fungsi) -> int:
    with CaptureQueriesContext(connection) as q:
        fungsi()
    return len(q.captured_queries)


def test_jumlah_query_sama_untuk_2_dan_20_instansi(persona, masuk):
    isi_agensi(persona.a, ("IT1", 3, 42), ("IS2", 3, "WTP"), belanja=30_000_000)
    isi_agensi(persona.b, ("IT1", 1, 84), ("IS3", 1, 90))
    klien = masuk(persona.evaluator)
    halaman = {"tahun": TAHUN, "bulan": 3}

    def ukur() -> tuple[int, ...]:
        semua = list(persona.pemda.instansi.order_by("nama"))
        sekarang = timezone.now() - datetime.timedelta(hours=1)
        return (
            _kueri(lambda: klien.get(URL, halaman)),
            _kueri(lambda: pemda.bandingkan(semua, TAHUN, 3, sekarang)),
            _kueri(lambda: pemda.capaian_semua(semua, TAHUN, 3)),
            _kueri(lambda: penilaian.capaian_renstra(persona.a.instansi, TAHUN, 3)),
        )

    dua = ukur()
    for n in range(18):
        agensi = testing.buat_kecamatan(persona.pemda, f"Tambahan {n}", f"KEC-T{n}")
        isi_agensi(agensi, ("IT1", 2, 80), ("IS3", 3, 88), ("IS2", 1, "WDP"), belanja=5_000_000)
    assert persona.pemda.instansi.count() == 20
    assert ukur() == dua, dua
