"""Halaman alir: langkah per halaman, diapit segi lima bila alir menyeberang batas halaman."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from .langkah import (
    Baris,
    Halaman,
    Kolom,
    alur_berikut,
    cabang_penghubung,
    jenis_simbol,
    kunci_aktor,
    label_sambungan,
    potong_halaman,
)
from .svg import Simpul, gambar_baris

# --- Halaman alir ------------------------------------------------------------------------------


def _simpul_langkah(
    langkah: dict, kolom: int, jumlah: int, dituju: Mapping[int, list[int]]
) -> Simpul:
    return Simpul(
        kolom=kolom,
        simbol=jenis_simbol(langkah, jumlah),
        langkah=langkah,
        ke_berikut=alur_berikut(langkah, jumlah),
        cabang=cabang_penghubung(langkah),
        tujuan=langkah["posisi"] in dituju,
    )


def _simpul_halaman(
    potongan: Sequence[dict],
    kolom_posisi: Mapping[int, int],
    jumlah: int,
    dituju: Mapping[int, list[int]],
    label_atas: str | None,
    label_bawah: Iterator[str],
    terakhir: bool,
) -> list[Simpul]:
    """Simpul satu halaman, diapit segi lima bila alir menyeberang batas halaman."""
    simpul = [
        _simpul_langkah(item, kolom_posisi[item["posisi"]], jumlah, dituju) for item in potongan
    ]
    if label_atas and simpul:
        simpul.insert(
            0,
            Simpul(
                kolom=simpul[0].kolom,
                simbol="penghubung-halaman",
                ke_berikut="",
                label=label_atas,
                posisi="atas",
            ),
        )
    if not terakhir and simpul and simpul[-1].ke_berikut is not None:
        simpul.append(
            Simpul(
                kolom=simpul[-1].kolom,
                simbol="penghubung-halaman",
                label=next(label_bawah),
                posisi="bawah",
            )
        )
    return simpul


def _baris_halaman(
    simpul: Sequence[Simpul],
    kolom: Sequence[Kolom],
    lebar: float,
    kolom_posisi: Mapping[int, int],
    dituju: Mapping[int, list[int]],
) -> list[Baris]:
    baris = []
    for i, s in enumerate(simpul):
        masuk = i > 0 and simpul[i - 1].ke_berikut is not None
        kolom_berikut = simpul[i + 1].kolom if i + 1 < len(simpul) else None
        sel = gambar_baris(s, masuk, kolom_berikut, kolom, lebar, kolom_posisi, dituju)
        if s.langkah is not None:
            baris.append(Baris(jenis="langkah", langkah=s.langkah, sel=sel))
            continue
        catatan = (
            f"Bersambung ke halaman berikutnya ({s.label})"
            if s.posisi == "bawah"
            else f"Sambungan dari halaman sebelumnya ({s.label})"
        )
        baris.append(
            Baris(
                jenis="sambungan",
                langkah=None,
                sel=sel,
                catatan=catatan,
                posisi_sambungan=s.posisi,
                label_sambungan=s.label,
            )
        )
    return baris


def halaman_alir(
    langkah: Sequence[dict],
    kolom: Sequence[Kolom],
    lebar: Mapping[str, float],
    baris_per_halaman: int | None,
) -> list[Halaman]:
    """Tabel alir per halaman dengan simbol, panah, dan penghubung (PermenPAN-RB 35/2012)."""
    indeks = {k.kunci: i for i, k in enumerate(kolom)}
    kolom_posisi = {item["posisi"]: indeks[kunci_aktor(item["pelaksana"])] for item in langkah}
    dituju: dict[int, list[int]] = {}
    for item in langkah:
        for _, tujuan in cabang_penghubung(item):
            if tujuan in kolom_posisi:
                dituju.setdefault(tujuan, []).append(item["posisi"])
    potongan = potong_halaman(langkah, lebar, baris_per_halaman)
    label = label_sambungan()
    halaman = []
    label_atas = None
    for nomor, isi in enumerate(potongan, start=1):
        simpul = _simpul_halaman(
            isi, kolom_posisi, len(langkah), dituju, label_atas, label, nomor == len(potongan)
        )
        label_atas = simpul[-1].label if simpul and simpul[-1].posisi == "bawah" else None
        baris = _baris_halaman(simpul, kolom, lebar["pelaksana"], kolom_posisi, dituju)
        halaman.append(Halaman(nomor=nomor, baris=baris))
    return halaman
