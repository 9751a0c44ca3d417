"""The budget matrices Renja, RKA and DPA: program → kegiatan → sub kegiatan with pagu.

The level of a row comes from its Kepmendagri 050 code; RKA and DPA add the monthly cash
plan of each sub kegiatan, and the DPA its approval date in the title block.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from sakip.dokumen.excel import (
    BULAN,
    BULAN_PANJANG,
    Baris,
    GalatBaris,
    Kolom,
    Lembar,
    Nilai,
    Penulis,
    Tabel,
    ke_tanggal,
    kunci,
    sel_angka,
    teks,
)
from sakip.lib.formatting import rupiah

from .. import services
from ..models import DokumenAnggaran, Indikator, IndikatorItem, ItemAnggaran, Renstra
from .umum import (
    Matriks,
    bentuk_target,
    kunci_kode,
    nama_instansi,
    periode,
    simpan_baris,
    tulis_butir,
)


@dataclass
class _IndikatorItemBaca:
    nama: str
    satuan: str
    nilai: Nilai
    acuan: Indikator | None
    baris: int


@dataclass
class _ItemBaca:
    kode: str
    nama: str
    level: str | None
    induk: str
    pagu: Decimal | None
    kas: dict[int, Decimal]
    baris: int
    sel: dict[str, Any]  # the item's own cells as typed on its first row
    indikator: list[_IndikatorItemBaca] = field(default_factory=list)


@dataclass
class _RencanaAnggaran:
    item: dict[str, _ItemBaca]
    tanggal: tuple[int, datetime.date] | None  # (row, date) of the DPA approval, if given


Level = ItemAnggaran.Level
TINGKAT_KODE = {3: Level.PROGRAM, 5: Level.KEGIATAN, 6: Level.SUB_KEGIATAN}  # parts → level
PANJANG_INDUK = {Level.KEGIATAN: 3, Level.SUB_KEGIATAN: 5}  # a parent's code: the leading parts


def tingkat_dari_kode(kode: str) -> tuple[str, str] | None:
    """(level, parent code) from a Kepmendagri 050 code, or None if it is not one.

    Program a.bb.cc (3 parts), kegiatan a.bb.cc.d.ee (5), sub kegiatan a.bb.cc.d.ee.ffff (6);
    the parent code is the child's leading parts.
    """
    bagian = kode.split(".")
    if not all(b.isalnum() for b in bagian) or len(bagian) not in TINGKAT_KODE:
        return None
    level = str(TINGKAT_KODE[len(bagian)])
    panjang_induk = PANJANG_INDUK.get(level)
    return level, ".".join(bagian[:panjang_induk]) if panjang_induk else ""


class MatriksAnggaran(Matriks):
    """Program → kegiatan → sub kegiatan with indicators and pagu (+ monthly cash for RKA/DPA).

    Level comes from the code depth (see `tingkat_dari_kode`). Several indicators of one item:
    repeat its code on the following rows with name, pagu and cash left empty.
    """

    JUDUL = {
        "renja": "RENCANA KERJA (RENJA)",
        "rka": "RENCANA KERJA DAN ANGGARAN (RKA)",
        "dpa": "DOKUMEN PELAKSANAAN ANGGARAN (DPA)",
    }
    NAMA = "Program/Kegiatan/Sub Kegiatan"
    KOLOM = [
        Kolom("Kode", 18, "kode", "Program a.bb.cc, kegiatan a.bb.cc.d.ee, sub a.bb.cc.d.ee.ffff."),
        Kolom(NAMA, 44, keterangan="Nama; kosongkan pada baris indikator tambahan."),
        Kolom("Indikator", 40, keterangan="Indikator program/kegiatan/sub kegiatan."),
        Kolom("Satuan", 12, keterangan="Satuan indikator."),
        Kolom("Target", 11, "angka", "Target tahun ini."),
        Kolom("Pagu (Rp)", 17, "uang", "Pagu; kosongkan pada baris indikator tambahan."),
        Kolom("Kode Indikator Renstra", 12, "kode", "Bila indikator menurunkan indikator Renstra."),
    ]
    KOLOM_INDIKATOR = ("Indikator", "Satuan", "Target", "Kode Indikator Renstra")

    def __init__(self, jenis: str):
        self.jenis = jenis
        self.dengan_kas = jenis in ("rka", "dpa")

    def lembar(self, dokumen: DokumenAnggaran, *, isi: bool) -> list[Lembar]:
        kolom = list(self.KOLOM)
        if self.dengan_kas:
            bulan = zip(BULAN, BULAN_PANJANG, strict=True)
            kolom += [Kolom(b, 13, "uang", f"Anggaran kas bulan {p}.") for b, p in bulan]
        judul = [
            [f"{self.JUDUL[self.jenis]} TAHUN {dokumen.tahun}"],
            [nama_instansi(dokumen.instansi)],
        ]
        if self.jenis == "dpa":
            judul.append(["Tanggal Pengesahan", dokumen.tanggal_pengesahan])
        else:
            judul.append([f"Renstra {periode(dokumen.renstra)}"])
        baris = list(self._baris(dokumen)) if isi else []
        return [Lembar(self.jenis.upper(), judul, kolom, baris)]

    def _baris(self, dokumen: DokumenAnggaran) -> Iterable[list]:
        item = dokumen.item.prefetch_related("indikator__indikator_renstra", "kas")
        for i in sorted(item, key=lambda i: kunci_kode(i.kode)):
            kas = {k.bulan: sel_angka(k.jumlah) for k in i.kas.all()}
            for n, ind in enumerate(list(i.indikator.all()) or [None]):
                pertama = n == 0
                baris = [i.kode, i.nama if pertama else None]
                if ind is None:
                    baris += [None, None, None, sel_angka(i.pagu), None]
                else:
                    baris += [ind.nama, ind.satuan, Nilai.dari(ind).ke_sel()]
                    baris += [sel_angka(i.pagu) if pertama else None]
                    baris += [ind.indikator_renstra.kode if ind.indikator_renstra else None]
                if self.dengan_kas:
                    baris += [kas.get(b) if pertama else None for b in range(1, 13)]
                yield baris

    def catatan(self, dokumen) -> list[tuple[str, str]]:
        hasil = [
            (
                "Tingkat",
                "Ditentukan dari kode (kodefikasi Kepmendagri 050): 3 bagian = program "
                "(7.01.01), 5 bagian = kegiatan (7.01.01.2.01), 6 bagian = sub kegiatan "
                "(7.01.01.2.01.0001). Program induk kegiatan dan kegiatan induk sub kegiatan "
                "harus ada di lembar atau sudah tersimpan.",
            ),
            (
                "Indikator",
                "Beberapa indikator untuk satu kode: ulangi kodenya pada baris berikutnya dengan "
                "nama, pagu dan anggaran kas dikosongkan.",
            ),
            (
                "Kode Indikator Renstra",
                f"Kode indikator Renstra {periode(dokumen.renstra)}; target mengikuti "
                "polaritas dan skala indikator itu.",
            ),
        ]
        if self.dengan_kas:
            hasil.append(
                (
                    "Anggaran kas",
                    "Hanya pada baris sub kegiatan; bila diisi, jumlah Jan–Des harus sama "
                    "dengan pagu.",
                )
            )
        if self.jenis == "dpa":
            hasil.append(("Tanggal Pengesahan", "Di blok judul (baris 3), format dd/mm/yyyy."))
        return hasil

    def baca(self, dokumen, tabel, galat) -> _RencanaAnggaran:
        data = tabel[self.jenis.upper()]
        acuan = {i.kode: i for i in dokumen.renstra.indikator.select_related("skala")}
        tersimpan = set(dokumen.item.values_list("kode", flat=True))
        item: dict[str, _ItemBaca] = {}
        for b in data.baris:
            kode = b.teks("Kode", wajib=True, maks=40)
            if not kode:
                continue
            if kode not in item:
                item[kode] = self._item(b, kode)
            elif not self._baris_lanjutan(b, item[kode]):
                pesan = _(
                    "Kode %(k)s sudah dipakai di baris %(n)s; baris indikator tambahan "
                    "mengosongkan nama, pagu dan anggaran kas."
                )
                b.salah("Kode", pesan % {"k": kode, "n": item[kode].baris})
                continue
            if b.ada(*self.KOLOM_INDIKATOR):
                self._indikator(b, item[kode], acuan, dokumen.renstra)
        for i in item.values():
            if i.induk and i.induk not in item and i.induk not in tersimpan:
                galat.append(GalatBaris(i.baris, "Kode", self._pesan_tanpa_induk(i)))
        tanggal = self._tanggal(data, galat) if self.jenis == "dpa" else None
        return _RencanaAnggaran(item, tanggal)

    def _baris_lanjutan(self, b: Baris, item: _ItemBaca) -> bool:
        """A repeated code adds an indicator if the item's cells are empty (or merged: equal)."""
        return all(b.mentah(k) in (None, v) for k, v in item.sel.items())

    def _pesan_tanpa_induk(self, item: _ItemBaca) -> str:
        induk = "program" if item.level == Level.KEGIATAN else "kegiatan"
        label = Level(item.level).label
        return _("%(l)s %(k)s: kode %(i)s %(n)s tidak ada di lembar maupun di dokumen.") % {
            "l": label,
            "k": item.kode,
            "i": induk,
            "n": item.induk,
        }

    def _item(self, b: Baris, kode: str) -> _ItemBaca:
        tingkat = tingkat_dari_kode(kode)
        if tingkat is None:
            b.salah(
                "Kode",
                _(
                    "Kode %(k)s bukan kode program (a.bb.cc), kegiatan (a.bb.cc.d.ee) atau sub "
                    "kegiatan (a.bb.cc.d.ee.ffff)."
                )
                % {"k": kode},
            )
        level, induk = tingkat or (None, "")
        item = _ItemBaca(
            kode=kode,
            nama=b.teks(self.NAMA, wajib=True, maks=500),
            level=level,
            induk=induk,
            pagu=b.uang("Pagu (Rp)", wajib=True),
            kas={},
            baris=b.nomor,
            sel={k: b.mentah(k) for k in (self.NAMA, "Pagu (Rp)", *BULAN)},
        )
        if self.dengan_kas:
            self._kas(b, item)
        return item

    def _kas(self, b: Baris, item: _ItemBaca) -> None:
        for bulan, nama in enumerate(BULAN, 1):
            jumlah = b.uang(nama)
            if jumlah is not None:
                item.kas[bulan] = jumlah
        if not item.kas or item.level is None:
            return
        if item.level != Level.SUB_KEGIATAN:
            b.salah(BULAN[min(item.kas) - 1], _("Anggaran kas hanya diisi pada sub kegiatan."))
        elif item.pagu is not None and sum(item.kas.values()) != item.pagu:
            pesan = _("Jumlah anggaran kas %(k)s tidak sama dengan pagu %(p)s.")
            b.salah(
                "Pagu (Rp)", pesan % {"k": rupiah(sum(item.kas.values())), "p": rupiah(item.pagu)}
            )

    def _indikator(self, b: Baris, item: _ItemBaca, acuan: dict, renstra: Renstra) -> None:
        nama = b.teks("Indikator", wajib=True, maks=500)
        kode_renstra = b.teks("Kode Indikator Renstra")
        indikator_renstra = acuan.get(kode_renstra) if kode_renstra else None
        if kode_renstra and indikator_renstra is None:
            pesan = _("Kode indikator %(k)s tidak ada di Renstra %(p)s.")
            b.salah("Kode Indikator Renstra", pesan % {"k": kode_renstra, "p": periode(renstra)})
        for lain in item.indikator:
            if nama and kunci(lain.nama) == kunci(nama):
                pesan = _("Indikator “%(i)s” sudah ada pada kode %(k)s (baris %(n)s).")
                b.salah("Indikator", pesan % {"i": nama, "k": item.kode, "n": lain.baris})
        nilai = b.target("Target", bentuk_target(indikator_renstra))
        satuan = b.teks("Satuan", wajib=True, maks=50)
        item.indikator.append(
            _IndikatorItemBaca(nama, satuan, nilai or Nilai(), indikator_renstra, b.nomor)
        )

    def _tanggal(self, data: Tabel, galat) -> tuple[int, datetime.date] | None:
        for nomor, nilai in data.atas:
            if nilai and kunci(nilai[0]) == "tanggal pengesahan":
                isi = nilai[1] if len(nilai) > 1 else None
                if isi is None or teks(isi) == "":
                    return None
                try:
                    return nomor, ke_tanggal(isi)
                except (ValueError, OverflowError):
                    pesan = _("“%(v)s” bukan tanggal (tulis dd/mm/yyyy).") % {"v": isi}
                    galat.append(GalatBaris(nomor, "Tanggal Pengesahan", pesan))
        return None

    def tulis(self, dokumen, rencana: _RencanaAnggaran, penulis: Penulis) -> None:
        if rencana.tanggal is not None:
            # A fresh copy: the caller's object must not change if the import is rolled back.
            salinan = DokumenAnggaran.objects.get(pk=dokumen.pk)
            baris, tanggal = rencana.tanggal
            tulis_butir(
                penulis,
                salinan,
                {"tanggal_pengesahan": tanggal},
                baris=baris,
                kolom="Tanggal Pengesahan",
            )
        tersimpan = {i.kode: i for i in dokumen.item.prefetch_related("indikator", "kas")}
        disimpan: dict[str, ItemAnggaran] = {}
        for r in sorted(rencana.item.values(), key=lambda i: kunci_kode(i.kode)):
            induk = None
            if r.induk:
                induk = disimpan.get(r.induk)
                if induk is None and r.induk not in rencana.item:
                    induk = tersimpan.get(r.induk)
                if induk is None:
                    continue  # the parent row failed and was reported
            objek = tersimpan.get(r.kode) or ItemAnggaran(dokumen=dokumen, kode=r.kode)
            nilai = {"induk": induk, "level": r.level, "nama": r.nama, "pagu": r.pagu}
            peta = {"nama": self.NAMA, "pagu": "Pagu (Rp)"}
            if tulis_butir(penulis, objek, nilai, baris=r.baris, kolom="Kode", peta_kolom=peta):
                disimpan[r.kode] = objek
                self._tulis_isi(penulis, objek, r)

    def _tulis_isi(self, penulis: Penulis, item: ItemAnggaran, r: _ItemBaca) -> None:
        indikator = {kunci(i.nama): i for i in item.indikator.all()}
        for urutan, ind in enumerate(r.indikator):
            objek = indikator.get(kunci(ind.nama)) or IndikatorItem(item=item)
            nilai = {
                "nama": ind.nama,
                "satuan": ind.satuan,
                "indikator_renstra": ind.acuan,
                "urutan": urutan,
                **ind.nilai.sebagai_field(),
            }
            tulis_butir(penulis, objek, nilai, baris=ind.baris, kolom="Target")
        kas = {k.bulan: k for k in item.kas.all()}
        for bulan, jumlah in r.kas.items():
            simpan_baris(
                penulis,
                services.simpan_kas,
                item=item,
                bulan=bulan,
                jumlah=jumlah,
                lama=kas.get(bulan),
                baris=r.baris,
                kolom=BULAN[bulan - 1],
            )
