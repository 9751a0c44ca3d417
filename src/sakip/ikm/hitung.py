"""The SKM arithmetic of PermenPAN-RB 14/2017 (docs/domain.md §9), exact and free of Django.

NRR per unsur = sum of its answers / number of questionnaires that answered it;
NRR tertimbang = NRR × 1/9; IKM = Σ NRR tertimbang × 25. Everything is a `Fraction`:
the commonly printed weight 0.111 would make a perfect survey score 99,9, and a decimal
rounded too early can move a result across a grade boundary. Values are rounded only
when shown (`bulat`), half up as people round by hand.

The CLI (`sakip ikm hitung`) and the web pages both come here, so they always agree.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import IO

KODE_UNSUR = tuple(f"U{i}" for i in range(1, 10))
BOBOT = Fraction(1, 9)  # each of the nine elements weighs exactly one ninth
SKALA_IKM = 25  # the 1–4 scale × 25 gives the 25–100 index

# (lowest IKM of the grade, mutu, kinerja), best first: docs/domain.md §9 conversion table.
KONVERSI = (
    (Fraction("88.31"), "A", "Sangat Baik"),
    (Fraction("76.61"), "B", "Baik"),
    (Fraction("65.00"), "C", "Kurang Baik"),
    (Fraction(25), "D", "Tidak Baik"),
)
# The same table as the regulation prints it on the 1–4 scale of an NRR.
KONVERSI_SKALA_4 = (
    (Fraction("3.5324"), "A", "Sangat Baik"),
    (Fraction("3.0644"), "B", "Baik"),
    (Fraction("2.60"), "C", "Kurang Baik"),
    (Fraction(1), "D", "Tidak Baik"),
)

# Krejcie & Morgan (1970): chi-square for 1 degree of freedom at 95%, P = 0.5, d = 0.05.
CHI_KUADRAT = Fraction("3.841")
PROPORSI = Fraction(1, 2)
GALAT = Fraction(5, 100)


class DataTidakSah(ValueError):
    """Input the computation cannot use; `baris`/`kolom` say where (for the CLI and imports)."""

    def __init__(self, pesan: str, *, baris: int | None = None, kolom: str | None = None):
        super().__init__(pesan)
        self.baris = baris
        self.kolom = kolom


# ---------------------------------------------------------------- grades and rounding


def mutu(ikm: Fraction | Decimal | int | float | str) -> tuple[str, str]:
    """(mutu, kinerja) of an IKM on the 25–100 scale, compared exactly."""
    nilai = Fraction(str(ikm)) if isinstance(ikm, float | str) else Fraction(ikm)
    for batas, huruf, kinerja in KONVERSI:
        if nilai >= batas:
            return huruf, kinerja
    return KONVERSI[-1][1], KONVERSI[-1][2]


def mutu_skala_4(nilai: Fraction | Decimal | int | float | str) -> tuple[str, str]:
    """(mutu, kinerja) of a value on the 1–4 scale (an NRR, or IKM ÷ 25)."""
    nilai = Fraction(str(nilai)) if isinstance(nilai, float | str) else Fraction(nilai)
    for batas, huruf, kinerja in KONVERSI_SKALA_4:
        if nilai >= batas:
            return huruf, kinerja
    return KONVERSI_SKALA_4[-1][1], KONVERSI_SKALA_4[-1][2]


def bulat(nilai: Fraction | int | None, desimal: int = 2) -> Decimal | None:
    """An exact value rounded half up for display: Fraction(8009, 90) → Decimal('88.99').

    Rounded on the exact fraction, once: no float or early-decimal double rounding.
    """
    if nilai is None:
        return None
    kali = Fraction(nilai) * 10**desimal
    bawah = math.floor(kali)
    hasil = bawah + (1 if kali - bawah >= Fraction(1, 2) else 0)
    return (Decimal(hasil).scaleb(-desimal)).quantize(Decimal(1).scaleb(-desimal))


# ---------------------------------------------------------------- the index


@dataclass(frozen=True)
class HasilIkm:
    """The result of a set of questionnaires; exact values, round with `bulat` to show."""

    responden: int
    nrr: dict[str, Fraction | None]
    nrr_tertimbang: dict[str, Fraction | None]
    ikm: Fraction | None
    mutu: str | None
    kinerja: str | None
    jumlah: dict[str, int] = field(default_factory=dict)  # sum of answers per element

    @property
    def ada(self) -> bool:
        return self.ikm is not None

    @property
    def nilai_skala_4(self) -> Fraction | None:
        """The IKM on the 1–4 scale (Σ NRR tertimbang)."""
        return None if self.ikm is None else self.ikm / SKALA_IKM

    @property
    def ikm_tampil(self) -> Decimal | None:
        return bulat(self.ikm, 2)

    def mutu_unsur(self, kode: str) -> tuple[str, str] | None:
        nilai = self.nrr.get(kode)
        return None if nilai is None else mutu_skala_4(nilai)

    def sebagai_json(self) -> dict:
        """The CLI's --json contract: {responden, nrr{U1..U9}, ikm, mutu, kinerja}."""
        return {
            "responden": self.responden,
            "nrr": {k: (None if v is None else float(v)) for k, v in self.nrr.items()},
            "ikm": None if self.ikm is None else float(bulat(self.ikm, 2)),
            "mutu": self.mutu,
            "kinerja": self.kinerja,
        }


def nrr(jumlah: int, terisi: int) -> Fraction | None:
    """Nilai rata-rata of one element: sum of answers / questionnaires that answered it."""
    return Fraction(jumlah, terisi) if terisi else None


def dari_jumlah(
    responden: int, jumlah: Mapping[str, int | None], terisi: Mapping[str, int] | None = None
) -> HasilIkm:
    """The result from per-element sums (what a database SUM/COUNT gives).

    `terisi` is how many questionnaires answered each element; by default all of them.
    The index exists only when every element has at least one answer.
    """
    nilai = {}
    for kode in KODE_UNSUR:
        n = responden if terisi is None else int(terisi.get(kode) or 0)
        nilai[kode] = nrr(int(jumlah.get(kode) or 0), n)
    tertimbang = {k: (None if v is None else v * BOBOT) for k, v in nilai.items()}
    if responden and all(v is not None for v in tertimbang.values()):
        ikm = sum(tertimbang.values(), Fraction(0)) * SKALA_IKM
        huruf, kinerja = mutu(ikm)
    else:
        ikm = huruf = kinerja = None
    return HasilIkm(
        responden=responden,
        nrr=nilai,
        nrr_tertimbang=tertimbang,
        ikm=ikm,
        mutu=huruf,
        kinerja=kinerja,
        jumlah={k: int(jumlah.get(k) or 0) for k in KODE_UNSUR},
    )


def hitung_ikm(baris: Iterable[Mapping[str, int | None]]) -> HasilIkm:
    """The result of questionnaires given as {"U1": 1–4, …, "U9": 1–4} (other keys ignored).

    An element left out of a questionnaire (missing or None) does not count for that
    element's NRR. An answer outside 1–4 raises `DataTidakSah` naming the row (1-based).
    """
    jumlah = dict.fromkeys(KODE_UNSUR, 0)
    terisi = dict.fromkeys(KODE_UNSUR, 0)
    responden = 0
    for nomor, jawaban in enumerate(baris, start=1):
        responden += 1
        for kode in KODE_UNSUR:
            nilai = jawaban.get(kode)
            if nilai is None:
                continue
            if isinstance(nilai, bool) or not isinstance(nilai, int) or not 1 <= nilai <= 4:
                raise DataTidakSah(
                    f"baris {nomor}, kolom {kode}: nilai “{nilai}” harus bilangan bulat 1–4.",
                    baris=nomor,
                    kolom=kode,
                )
            jumlah[kode] += nilai
            terisi[kode] += 1
    return dari_jumlah(responden, jumlah, terisi)


# ---------------------------------------------------------------- sample size


def ukuran_sampel(populasi: int) -> int:
    """Krejcie & Morgan: s = χ²NP(1−P) / (d²(N−1) + χ²P(1−P)), to the nearest whole person.

    Rounded to the nearest (half up), not up: that is what reproduces every entry of the
    published table (N=15 → 14, 100 → 80, 500 → 217, 1.000 → 278, 10.000 → 370,
    1.000.000 → 384); rounding up misses about half of them (15 → 15, 500 → 218).
    0 for no population.
    """
    if populasi <= 0:
        return 0
    return min(populasi, math.floor(_sampel(populasi) + Fraction(1, 2)))


def _sampel(populasi: int) -> Fraction:
    pq = PROPORSI * (1 - PROPORSI)
    return CHI_KUADRAT * populasi * pq / (GALAT**2 * (populasi - 1) + CHI_KUADRAT * pq)


def ukuran_sampel_desimal(populasi: int) -> Decimal:
    """The unrounded sample size to two decimals (to show how it was computed)."""
    return bulat(_sampel(populasi)) if populasi > 0 else Decimal(0)


# ---------------------------------------------------------------- CSV input


def _buka(sumber: str | Path | IO) -> tuple[IO[str], bool]:
    if isinstance(sumber, str | Path):
        return open(sumber, encoding="utf-8-sig", newline=""), True
    if isinstance(sumber, io.TextIOBase) or hasattr(sumber, "encoding"):
        return sumber, False
    isi = sumber.read()
    if isinstance(isi, bytes):
        isi = isi.decode("utf-8-sig")
    return io.StringIO(isi, newline=""), False


def _dialek(contoh: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(contoh, delimiters=",;\t")
    except csv.Error:
        return csv.excel


def baca_csv(sumber: str | Path | IO) -> list[dict[str, int]]:
    """Questionnaires from a CSV with a header row holding U1 … U9 (other columns ignored).

    Returns one {"U1": …, "U9": …} per non-empty data row. Errors name the data row
    (1-based, the header not counted), its line in the file, and the column:
    `DataTidakSah("baris 3 (baris ke-4 berkas), kolom U5: …")`.
    """
    berkas, tutup = _buka(sumber)
    try:
        isi = berkas.read()
    finally:
        if tutup:
            berkas.close()
    isi = isi.removeprefix("\ufeff")
    if not isi.strip():
        raise DataTidakSah("Berkas kosong: baris kepala kolom U1–U9 tidak ada.", baris=0)
    pembaca = csv.reader(io.StringIO(isi, newline=""), _dialek(isi[:4096]))
    kepala = [k.strip().upper() for k in next(pembaca)]
    kolom = {}
    for kode in KODE_UNSUR:
        if kode not in kepala:
            raise DataTidakSah(
                f"kolom {kode} tidak ada di baris kepala (baris ke-1 berkas).", baris=0, kolom=kode
            )
        kolom[kode] = kepala.index(kode)
    hasil = []
    nomor = 0
    for sel in pembaca:
        baris_berkas = pembaca.line_num
        if not any(s.strip() for s in sel):
            continue  # a blank line between rows, or the spreadsheet's trailing ones
        nomor += 1
        hasil.append(_baris_csv(sel, kolom, nomor, baris_berkas))
    return hasil


def _baris_csv(sel: list[str], kolom: dict[str, int], nomor: int, baris_berkas: int) -> dict:
    jawaban = {}
    for kode, i in kolom.items():
        teks = sel[i].strip() if i < len(sel) else ""
        letak = f"baris {nomor} (baris ke-{baris_berkas} berkas), kolom {kode}"
        if not teks:
            raise DataTidakSah(f"{letak}: kosong; isi 1–4.", baris=nomor, kolom=kode)
        try:
            nilai = int(teks)
        except ValueError:
            raise DataTidakSah(
                f"{letak}: “{teks}” bukan bilangan bulat 1–4.", baris=nomor, kolom=kode
            ) from None
        if not 1 <= nilai <= 4:
            raise DataTidakSah(f"{letak}: nilai {nilai} di luar 1–4.", baris=nomor, kolom=kode)
        jawaban[kode] = nilai
    return jawaban
