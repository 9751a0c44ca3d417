"""Standar waktu SOP: isi kolom Mutu Baku "Waktu" (PermenPAN-RB 35/2012).

Seed menulis waktu dengan ejaan yang beragam ("5 menit", "60 Menit", "1hari", "2 Hari",
"1 Minggu"). Semuanya dibaca menjadi satu `WaktuBaku`, lalu diubah menjadi menit kerja:
satu hari berarti satu hari kerja (jam kantor instansi), satu minggu berarti satu minggu
kerja, sebab standar waktu pemerintah dihitung dalam waktu kerja, bukan waktu kalender.
"""

import re
from dataclasses import dataclass
from typing import Literal, get_args

Satuan = Literal["menit", "jam", "hari", "minggu"]
SATUAN: tuple[str, ...] = get_args(Satuan)

# Angka, spasi boleh tidak ada ("1hari"), satuan tanpa peduli huruf besar, titik penutup boleh.
_POLA_WAKTU = re.compile(r"^\s*([0-9]+)\s*(menit|jam|hari|minggu)\s*\.?\s*$", re.IGNORECASE)


class WaktuTidakDikenal(ValueError):
    """Teks di kolom Waktu yang bukan standar waktu."""

    def __init__(self, teks: str) -> None:
        self.teks = teks
        super().__init__(
            f"Waktu tidak dikenal: {teks!r} (yang sah misalnya '15 menit', '2 jam', '1 hari', "
            "'1 minggu')"
        )


@dataclass(frozen=True)
class WaktuBaku:
    """Satu standar waktu: jumlah dan satuannya."""

    jumlah: int
    satuan: Satuan

    def menit_kerja(self, menit_per_hari: int, hari_per_minggu: int = 5) -> int:
        """Lama dalam menit kerja.

        `menit_per_hari` adalah panjang satu hari kerja instansi (mis. 07:30–16:00 dikurangi
        istirahat); `hari_per_minggu` 5 untuk Senin–Jumat, 6 bila instansi bekerja Sabtu.
        """
        if menit_per_hari <= 0:
            raise ValueError("menit_per_hari harus lebih dari 0")
        if not 1 <= hari_per_minggu <= 7:
            raise ValueError("hari_per_minggu harus antara 1 dan 7")
        menit_per_satuan = {
            "menit": 1,
            "jam": 60,
            "hari": menit_per_hari,
            "minggu": menit_per_hari * hari_per_minggu,
        }
        return self.jumlah * menit_per_satuan[self.satuan]

    def __str__(self) -> str:
        return f"{self.jumlah} {self.satuan}"


def parse_waktu(teks: str | None) -> WaktuBaku | None:
    """Membaca teks kolom Waktu; None bila sel kosong, `WaktuTidakDikenal` bila bukan waktu."""
    if teks is None or not teks.strip():
        return None
    cocok = _POLA_WAKTU.match(teks)
    if cocok is None:
        raise WaktuTidakDikenal(teks)
    jumlah = int(cocok.group(1))
    if jumlah <= 0:
        raise WaktuTidakDikenal(teks)
    return WaktuBaku(jumlah=jumlah, satuan=cocok.group(2).lower())
