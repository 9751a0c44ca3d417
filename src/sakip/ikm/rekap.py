"""The survey's results, read from the database: per period, per service and per group of
respondents, the trend over periods, the improvement priorities, the sampling progress
and the Pemda's overview. The nine elements' defaults (data/unsur.yaml) live here too.

Results are computed by `hitung` from database sums (one grouped query per table,
whatever the number of questionnaires), so the web pages, the report, the API and the
CLI agree to the last fraction. Nothing here writes; the writes are in services.py.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Sum, Value, When
from django.utils.translation import gettext as _

from sakip.organisasi.models import Instansi

from . import hitung
from .hitung import KODE_UNSUR, HasilIkm
from .models import Layanan, PeriodeSurvei, Responden

DATA_UNSUR = Path(__file__).parent / "data" / "unsur.yaml"
# How many elements the improvement priorities list at least (more when more are below B).
JUMLAH_PRIORITAS = 3


# ---------------------------------------------------------------- the nine elements


@cache
def unsur_bawaan() -> tuple[dict, ...]:
    """The nine elements of PermenPAN-RB 14/2017 as shipped in data/unsur.yaml."""
    data = yaml.safe_load(DATA_UNSUR.read_text(encoding="utf-8"))
    if len(data) != 9 or any(len(u["jawaban"]) != 4 for u in data):
        raise ValueError("data/unsur.yaml harus berisi 9 unsur dengan 4 jawaban masing-masing")
    return tuple(data)


# ---------------------------------------------------------------- results


def _jumlah_kolom() -> dict:
    return {"n": Count("id"), **{f"j{i}": Sum(f"u{i}") for i in range(1, 10)}}


def _hasil_baris(baris: dict) -> HasilIkm:
    jumlah = {f"U{i}": baris[f"j{i}"] or 0 for i in range(1, 10)}
    return hitung.dari_jumlah(baris["n"], jumlah)


def agregat(qs: QuerySet, *kelompok: str) -> dict:
    """HasilIkm per group of `qs` (Responden rows) in ONE query; no group → the whole."""
    if not kelompok:
        return {None: _hasil_baris(qs.aggregate(**_jumlah_kolom()))}
    baris = qs.order_by().values(*kelompok).annotate(**_jumlah_kolom())
    hasil = {}
    for b in baris:
        kunci = b[kelompok[0]] if len(kelompok) == 1 else tuple(b[k] for k in kelompok)
        hasil[kunci] = _hasil_baris(b)
    return hasil


def hasil_periode(periode: PeriodeSurvei, layanan: Layanan | None = None) -> HasilIkm:
    """The period's result (or one service's) from the stored questionnaires."""
    qs = Responden.objects.filter(periode=periode)
    if layanan is not None:
        qs = qs.filter(layanan=layanan)
    return agregat(qs)[None]


@dataclass(frozen=True)
class BarisHasil:
    """One row of a results table: a label, a group key, its result."""

    kunci: object
    label: str
    hasil: HasilIkm


def hasil_per_layanan(periode: PeriodeSurvei) -> list[BarisHasil]:
    """Every active service of the agency (and any inactive one that was answered)."""
    per = agregat(Responden.objects.filter(periode=periode), "layanan")
    layanan = Layanan.objects.filter(instansi_id=periode.instansi_id).filter(
        Q(aktif=True) | Q(pk__in=list(per))
    )
    kosong = hitung.dari_jumlah(0, {})
    return [BarisHasil(lay.pk, lay.nama, per.get(lay.pk, kosong)) for lay in layanan]


# Usia bands commonly reported in SKM profiles.
KELOMPOK_USIA = (
    (0, 19, "< 20 tahun"),
    (20, 29, "20–29 tahun"),
    (30, 39, "30–39 tahun"),
    (40, 49, "40–49 tahun"),
    (50, 59, "50–59 tahun"),
    (60, 200, "≥ 60 tahun"),
)


def _anotasi_usia() -> Case:
    return Case(
        *[
            When(usia__gte=lo, usia__lte=hi, then=Value(i))
            for i, (lo, hi, _l) in enumerate(KELOMPOK_USIA)
        ],
        default=Value(len(KELOMPOK_USIA) - 1),
        output_field=IntegerField(),
    )


def demografi(periode: PeriodeSurvei, layanan: Layanan | None = None) -> dict[str, dict]:
    """The respondent profile with each group's IKM: {dimension: {judul, baris[BarisHasil]}}.

    Every group of the questionnaire is listed (with 0 respondents when none answered),
    so the profile tables always read the same. Four grouped queries in all.
    """
    qs = Responden.objects.filter(periode=periode)
    if layanan is not None:
        qs = qs.filter(layanan=layanan)
    kosong = hitung.dari_jumlah(0, {})
    hasil = {}
    for kolom, judul, pilihan in (
        ("jenis_kelamin", _("Jenis kelamin"), Responden.JenisKelamin.choices),
        ("pendidikan", _("Pendidikan"), Responden.Pendidikan.choices),
        ("pekerjaan", _("Pekerjaan"), Responden.Pekerjaan.choices),
    ):
        per = agregat(qs, kolom)
        hasil[kolom] = {
            "judul": judul,
            "baris": [BarisHasil(k, str(label), per.get(k, kosong)) for k, label in pilihan],
        }
    per = agregat(qs.annotate(kelompok_usia=_anotasi_usia()), "kelompok_usia")
    hasil["usia"] = {
        "judul": _("Usia"),
        "baris": [
            BarisHasil(i, label, per.get(i, kosong))
            for i, (_lo, _hi, label) in enumerate(KELOMPOK_USIA)
        ],
    }
    return {k: hasil[k] for k in ("jenis_kelamin", "usia", "pendidikan", "pekerjaan")}


def tren(instansi: Instansi) -> list[tuple[PeriodeSurvei, HasilIkm]]:
    """The agency's periods, oldest first, each with its IKM (two queries in all)."""
    periode = list(PeriodeSurvei.objects.filter(instansi=instansi).order_by("tahun", "semester"))
    per = agregat(Responden.objects.filter(periode__instansi=instansi), "periode")
    kosong = hitung.dari_jumlah(0, {})
    return [(p, per.get(p.pk, kosong)) for p in periode]


@dataclass(frozen=True)
class Prioritas:
    kode: str
    nama: str
    nrr: object  # Fraction
    mutu: str
    kinerja: str


def prioritas(
    periode: PeriodeSurvei, hasil: HasilIkm, jumlah: int = JUMLAH_PRIORITAS
) -> list[Prioritas]:
    """The improvement priorities: every element graded below B (NRR < 3,0644), and at
    least the `jumlah` lowest; ties keep the questionnaire's order."""
    if not hasil.ada:
        return []
    nama = nama_unsur(periode)
    urut = sorted(KODE_UNSUR, key=lambda k: (hasil.nrr[k], KODE_UNSUR.index(k)))
    batas_b = hitung.KONVERSI_SKALA_4[1][0]
    pilih = [k for k in urut if hasil.nrr[k] < batas_b]
    for k in urut:
        if len(pilih) >= jumlah:
            break
        if k not in pilih:
            pilih.append(k)
    pilih.sort(key=lambda k: (hasil.nrr[k], KODE_UNSUR.index(k)))
    return [Prioritas(k, nama[k], hasil.nrr[k], *hasil.mutu_unsur(k)) for k in pilih]


def nama_unsur(periode: PeriodeSurvei) -> dict[str, str]:
    """U1 … U9 → the element's name as the period asked it."""
    nama = {u.get("kode"): u.get("nama", "") for u in periode.unsur or []}
    bawaan = {f"U{i}": u["nama"] for i, u in enumerate(unsur_bawaan(), start=1)}
    return {k: nama.get(k) or bawaan[k] for k in KODE_UNSUR}


def daftar_saran(periode: PeriodeSurvei) -> QuerySet:
    """The written suggestions, newest first, with their service."""
    return (
        Responden.objects.filter(periode=periode)
        .exclude(saran="")
        .select_related("layanan")
        .only("id", "saran", "waktu", "layanan__nama", "sumber")
        .order_by("-waktu", "-id")
    )


@dataclass(frozen=True)
class Kemajuan:
    responden: int
    sampel: int  # Krejcie & Morgan for the period's population (0: population unknown)

    @property
    def persen(self) -> int | None:
        if not self.sampel:
            return None
        return min(100, round(100 * self.responden / self.sampel))

    @property
    def cukup(self) -> bool:
        return bool(self.sampel) and self.responden >= self.sampel

    @property
    def kurang(self) -> int:
        return max(0, self.sampel - self.responden)


def kemajuan(periode: PeriodeSurvei, responden: int | None = None) -> Kemajuan:
    if responden is None:
        responden = Responden.objects.filter(periode=periode).count()
    return Kemajuan(responden, hitung.ukuran_sampel(periode.populasi))


# ---------------------------------------------------------------- the Pemda's overview


def ringkasan_pemda(user) -> list[dict]:
    """Every agency the user can read with its latest period's IKM (three queries)."""
    instansi = list(Instansi.objects.for_user(user).select_related("pemda").order_by("nama"))
    periode = PeriodeSurvei.objects.filter(instansi__in=instansi).order_by(
        "instansi", "-tahun", "-semester"
    )
    terakhir: dict[int, PeriodeSurvei] = {}
    for p in periode:
        terakhir.setdefault(p.instansi_id, p)
    per = agregat(
        Responden.objects.filter(periode__in=[p.pk for p in terakhir.values()]), "periode"
    )
    kosong = hitung.dari_jumlah(0, {})
    hasil = []
    for i in instansi:
        p = terakhir.get(i.pk)
        hasil.append({"instansi": i, "periode": p, "hasil": per.get(p.pk, kosong) if p else kosong})
    return hasil


def jumlah_responden(periode_ids: list[int]) -> dict[int, int]:
    """Questionnaires per period, one query."""
    baris = (
        Responden.objects.filter(periode_id__in=periode_ids)
        .order_by()
        .values("periode")
        .annotate(n=Count("id"))
    )
    hasil = defaultdict(int)
    for b in baris:
        hasil[b["periode"]] = b["n"]
    return hasil
