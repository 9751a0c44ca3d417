"""Reading one data row of an uploaded sheet, with a galat for every bad cell.

An import reads every row before it writes anything (phase 1), so a reader never raises:
it records a `GalatBaris` (Excel row number, column, reason in Indonesian) and returns an
empty value, and the caller shows every galat of the sheet at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol

from django.utils.translation import gettext as _

from .nilai import BATAS_ANGKA, RENTANG, Nilai, bulatkan, ke_desimal, kunci


@dataclass
class GalatBaris:
    """One bad cell of an uploaded sheet: Excel row number (0 = the whole file), column, reason."""

    baris: int
    kolom: str
    pesan: str


@dataclass
class HasilImpor:
    """What an import did: records created and changed, or why nothing was written."""

    dibuat: int = 0
    diubah: int = 0
    galat: list[GalatBaris] = field(default_factory=list)

    @property
    def berhasil(self) -> bool:
        return not self.galat


class Skala(Protocol):
    """A named scale of allowed values (e.g. "Opini BPK": WTP, WDP, …)."""

    nama: str
    nilai: list


@dataclass(frozen=True)
class BentukTarget:
    """What a target cell may hold: a scale's value, a range "a - b", or a number.

    `rentang` True: only a range; False: only a number; None: nothing to tell, both pass.
    """

    skala: Skala | None = None
    rentang: bool | None = False


class Baris:
    """One data row of an uploaded sheet; every reader records a GalatBaris for a bad cell."""

    def __init__(self, nomor: int, sel: dict[str, Any], galat: list[GalatBaris]):
        self.nomor = nomor
        self.sel = sel
        self.galat = galat

    def salah(self, kolom: str, pesan: str) -> None:
        self.galat.append(GalatBaris(self.nomor, kolom, pesan))

    def mentah(self, kolom: str) -> Any:
        nilai = self.sel.get(kolom)
        if isinstance(nilai, str) and not nilai.strip():
            return None
        return nilai

    def ada(self, *kolom: str) -> bool:
        return any(self.mentah(k) is not None for k in kolom)

    def wajib(self, kolom: str) -> None:
        self.salah(kolom, _("%(k)s wajib diisi.") % {"k": kolom})

    def teks(self, kolom: str, *, wajib: bool = False, maks: int | None = None) -> str:
        nilai = self.mentah(kolom)
        if nilai is None:
            if wajib:
                self.wajib(kolom)
            return ""
        if isinstance(nilai, float) and nilai.is_integer():
            nilai = int(nilai)  # a code typed as a number: "2", not "2.0"
        teks = str(nilai).strip()
        if maks and len(teks) > maks:
            self.salah(kolom, _("Terlalu panjang: paling banyak %(n)s karakter.") % {"n": maks})
        return teks

    def angka(self, kolom: str, *, wajib: bool = False, desimal: int = 4) -> Decimal | None:
        nilai = self.mentah(kolom)
        if nilai is None:
            if wajib:
                self.wajib(kolom)
            return None
        try:
            hasil = ke_desimal(nilai)
        except ValueError:
            self.salah(kolom, _("“%(v)s” bukan angka.") % {"v": nilai})
            return None
        if abs(hasil) >= BATAS_ANGKA:
            self.salah(kolom, _("Angka terlalu besar."))
            return None
        return bulatkan(hasil, desimal)

    def uang(self, kolom: str, *, wajib: bool = False) -> Decimal | None:
        hasil = self.angka(kolom, wajib=wajib, desimal=2)
        if hasil is not None and hasil < 0:
            self.salah(kolom, _("Jumlah rupiah tidak boleh negatif."))
            return None
        return hasil

    def tahun(self, kolom: str, *, wajib: bool = False) -> int | None:
        nilai = self.angka(kolom, wajib=wajib)
        if nilai is None:
            return None
        if nilai != nilai.to_integral_value() or not 2000 <= nilai <= 2100:
            self.salah(kolom, _("“%(v)s” bukan tahun.") % {"v": self.mentah(kolom)})
            return None
        return int(nilai)

    def pilihan(self, kolom: str, peta: dict[str, str], daftar: str) -> str:
        nilai = self.mentah(kolom)
        if nilai is None:
            self.salah(kolom, _("%(k)s wajib diisi: %(d)s.") % {"k": kolom, "d": daftar})
            return ""
        hasil = peta.get(kunci(nilai))
        if hasil is None:
            self.salah(
                kolom,
                _("%(k)s “%(v)s” tidak dikenal; pilih %(d)s.")
                % {"k": kolom, "v": nilai, "d": daftar},
            )
            return ""
        return hasil

    def jabatan(self, kolom: str, peta: dict[str, Any], instansi, *, wajib: bool = False):
        """The position named in `kolom`, looked up in `peta` (kunci of its name → Jabatan)."""
        nama = self.teks(kolom, wajib=wajib)
        if not nama:
            return None
        jabatan = peta.get(kunci(nama))
        if jabatan is None:
            self.salah(
                kolom,
                _("Jabatan “%(j)s” tidak ada di %(i)s.") % {"j": nama, "i": instansi.nama},
            )
        return jabatan

    def target(self, kolom: str, bentuk: BentukTarget) -> Nilai | None:
        """The target in `kolom` in the shape `bentuk` allows; None (and a galat) if it is bad."""
        nilai = self.mentah(kolom)
        if nilai is None:
            return Nilai()
        if bentuk.skala is not None:
            return self._nilai_skala(kolom, nilai, bentuk.skala)
        rentang = RENTANG.fullmatch(nilai) if isinstance(nilai, str) else None
        if rentang and bentuk.rentang is False:
            self.salah(kolom, _("Target “a - b” hanya untuk indikator berpolaritas Rentang."))
            return None
        try:
            if rentang:
                bawah, atas = (bulatkan(ke_desimal(rentang[i]), 4) for i in (1, 2))
                return Nilai(target=bawah, atas=atas)
            if bentuk.rentang:
                self.salah(kolom, _("Target indikator rentang ditulis “a - b”, mis. “80 - 90”."))
                return None
            return Nilai(target=bulatkan(ke_desimal(nilai), 4))
        except (ValueError, InvalidOperation):
            self.salah(kolom, _("“%(v)s” bukan angka.") % {"v": nilai})
            return None

    def _nilai_skala(self, kolom: str, nilai: Any, skala: Skala) -> Nilai | None:
        pilihan = [str(v) for v in skala.nilai]
        cocok = {kunci(p): p for p in pilihan}.get(kunci(nilai))
        if cocok is None:
            self.salah(
                kolom,
                _("“%(v)s” bukan nilai skala %(s)s (pilihan: %(p)s).")
                % {"v": nilai, "s": skala.nama, "p": ", ".join(pilihan)},
            )
            return None
        return Nilai(skala=cocok)
