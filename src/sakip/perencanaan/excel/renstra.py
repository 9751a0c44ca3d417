"""The Renstra matrix: tujuan → sasaran → indicators, baseline, yearly and end targets.

One row per indicator; a tujuan or sasaran is written on every row of its indicators (or
merged over them), and matched on its code, so a re-import updates instead of duplicating.
Year columns may be fewer than the period (a partial sheet), never outside it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from django.utils.translation import gettext as _

from sakip.dokumen.excel import (
    BentukTarget,
    GalatBaris,
    Kolom,
    Lembar,
    Nilai,
    Penulis,
    galat_judul,
    kunci,
    label_pilihan,
    sel_angka,
)

from .. import services
from ..models import Agregasi, Indikator, Polaritas, Renstra, Sasaran, Skala, Tujuan
from .umum import (
    AGREGASI,
    POLARITAS,
    Matriks,
    catatan_jabatan,
    nama_instansi,
    periode,
    peta_jabatan,
    simpan_baris,
    tulis_butir,
)


@dataclass
class _Bagian:
    """A tujuan or sasaran read from the sheet (`induk`: the sasaran's tujuan code)."""

    kode: str
    uraian: str
    baris: int
    urutan: int
    induk: str = ""


@dataclass
class _IndikatorBaca:
    kode: str
    baris: int
    tujuan: str
    sasaran: str
    nilai: dict[str, Any]
    target: dict[int, Nilai]


@dataclass
class _RencanaRenstra:
    tujuan: dict[str, _Bagian] = field(default_factory=dict)
    sasaran: dict[str, _Bagian] = field(default_factory=dict)
    indikator: list[_IndikatorBaca] = field(default_factory=list)


class MatriksRenstra(Matriks):
    """Tujuan → sasaran → indicators with baseline, a target per year and the end target."""

    AWAL = [
        Kolom("Kode Tujuan", 9, "kode", "Kode tujuan, mis. T1. Wajib di setiap baris."),
        Kolom("Tujuan", 34, keterangan="Uraian tujuan (cukup sekali per kode)."),
        Kolom("Kode Sasaran", 9, "kode", "Kosongkan untuk indikator tujuan."),
        Kolom("Sasaran", 34, keterangan="Uraian sasaran strategis (cukup sekali per kode)."),
        Kolom("Kode Indikator", 10, "kode", "Kode indikator, unik dalam Renstra."),
        Kolom("Indikator", 40, keterangan="Nama indikator kinerja."),
        Kolom("Satuan", 12, keterangan="Mis. %, dokumen, hari; atau nama skala (Opini BPK)."),
        Kolom("Polaritas", 11, keterangan="Naik, Turun, Rentang atau Stabil."),
        Kolom("Agregasi", 13, keterangan="Kumulatif, Rata-rata atau Akhir periode."),
        Kolom("Toleransi", 10, "angka", "Hanya polaritas Stabil: batas simpangan (satuan)."),
        Kolom("Kondisi Awal", 12, "angka", "Nilai tahun sebelum periode (baseline)."),
    ]
    AKHIR = [
        Kolom("Target Akhir Periode", 12, "angka", "Target pada akhir periode Renstra."),
        Kolom("Definisi", 40, keterangan="Definisi operasional."),
        Kolom("Formula", 30, keterangan="Cara menghitung."),
        Kolom("Sumber Data", 20, keterangan="Asal data realisasi."),
        Kolom("Penanggung Jawab", 22, keterangan="Nama jabatan di instansi ini."),
    ]
    PETA_KOLOM = {
        "kode": "Kode Indikator",
        "nama": "Indikator",
        "satuan": "Satuan",
        "polaritas": "Polaritas",
        "agregasi": "Agregasi",
        "toleransi": "Toleransi",
        "baseline": "Kondisi Awal",
        "baseline_skala": "Kondisi Awal",
        "target_akhir": "Target Akhir Periode",
        "target_akhir_atas": "Target Akhir Periode",
        "target_akhir_skala": "Target Akhir Periode",
        "definisi": "Definisi",
        "formula": "Formula",
        "sumber_data": "Sumber Data",
        "penanggung_jawab": "Penanggung Jawab",
    }

    def kolom(self, renstra: Renstra) -> list[Kolom]:
        tahun = [Kolom(f"Target {t}", 11, "angka", f"Target tahun {t}.") for t in renstra.tahun]
        return self.AWAL + tahun + self.AKHIR

    def lembar(self, renstra: Renstra, *, isi: bool) -> list[Lembar]:
        judul = [
            [f"MATRIKS RENCANA STRATEGIS (RENSTRA) {periode(renstra)}"],
            [nama_instansi(renstra.instansi)],
            [f"Periode {periode(renstra)}"],
        ]
        baris = list(self._baris(renstra)) if isi else []
        return [Lembar("Renstra", judul, self.kolom(renstra), baris)]

    def _baris(self, renstra: Renstra) -> Iterable[list]:
        indikator = renstra.indikator.select_related("skala", "penanggung_jawab")
        per_tujuan: dict[int, list] = {}
        per_sasaran: dict[int, list] = {}
        for ind in indikator.prefetch_related("target"):
            if ind.sasaran_id:
                per_sasaran.setdefault(ind.sasaran_id, []).append(ind)
            else:
                per_tujuan.setdefault(ind.tujuan_id, []).append(ind)
        kosong = [None] * (len(self.kolom(renstra)) - 4)
        for tujuan in renstra.tujuan.prefetch_related("sasaran"):
            kepala = [tujuan.kode, tujuan.uraian]
            milik = per_tujuan.get(tujuan.id, [])
            for ind in milik:
                yield kepala + [None, None] + self._sel_indikator(renstra, ind)
            for sasaran in tujuan.sasaran.all():
                ind_sasaran = per_sasaran.get(sasaran.id, [])
                for ind in ind_sasaran:
                    yield (
                        kepala + [sasaran.kode, sasaran.uraian] + self._sel_indikator(renstra, ind)
                    )
                if not ind_sasaran:
                    yield kepala + [sasaran.kode, sasaran.uraian] + kosong
            if not milik and not tujuan.sasaran.all():
                yield kepala + [None, None] + kosong

    def _sel_indikator(self, renstra: Renstra, ind: Indikator) -> list:
        target = {t.tahun: Nilai.dari(t).ke_sel() for t in ind.target.all()}
        return [
            ind.kode,
            ind.nama,
            ind.skala.nama if ind.skala else ind.satuan,
            label_pilihan(Polaritas, ind.polaritas),
            label_pilihan(Agregasi, ind.agregasi),
            sel_angka(ind.toleransi),
            Nilai.dari(ind, "baseline").ke_sel(),
            *[target.get(t) for t in renstra.tahun],
            Nilai.dari(ind, "target_akhir").ke_sel(),
            ind.definisi,
            ind.formula,
            ind.sumber_data,
            ind.penanggung_jawab.nama if ind.penanggung_jawab else None,
        ]

    def catatan(self, renstra: Renstra) -> list[tuple[str, str]]:
        skala = "; ".join(
            f"{s.nama}: {', '.join(map(str, s.nilai))}"
            for s in Skala.objects.filter(pemda=renstra.instansi.pemda_id)
        )
        return [
            ("Polaritas", "; ".join(str(label) for _v, label in Polaritas.choices) + "."),
            ("Agregasi", "; ".join(str(label) for _v, label in Agregasi.choices) + "."),
            ("Skala", (skala or "Belum ada skala.") + " Tulis nama skala di kolom Satuan."),
            catatan_jabatan(renstra.instansi),
            (
                "Susunan",
                "Satu baris per indikator; kode dan uraian tujuan/sasaran diulang atau cukup "
                "kodenya. Indikator tujuan: kosongkan Kode Sasaran dan Sasaran. Tujuan atau "
                "sasaran tanpa indikator: satu baris tanpa kolom indikator.",
            ),
            ("Kolom tahun", f"Satu kolom Target per tahun periode {periode(renstra)}."),
        ]

    def periksa_judul(self, renstra, lembar, judul, nomor):
        """Year columns may be fewer than the period, never outside it."""
        galat, kolom, tetap = [], [], []
        for teks in judul:
            cocok = re.fullmatch(r"target (\d{4})", kunci(teks))
            if cocok is None:
                tetap.append(teks)
                kolom.append(teks)
                continue
            nama = f"Target {cocok[1]}"
            if not renstra.memuat_tahun(int(cocok[1])):
                pesan = _("Kolom %(k)s di luar periode Renstra %(p)s.")
                galat.append(GalatBaris(nomor, teks, pesan % {"k": nama, "p": periode(renstra)}))
            elif nama in kolom:
                galat.append(GalatBaris(nomor, teks, _("Kolom %(k)s ganda.") % {"k": nama}))
            kolom.append(nama)
        harapan = [k.judul for k in lembar.kolom if not re.fullmatch(r"Target \d{4}", k.judul)]
        if [kunci(t) for t in tetap] != [kunci(h) for h in harapan]:
            return None, [galat_judul(nomor, lembar, [k.judul for k in lembar.kolom])]
        kanonik = iter(harapan)  # the expected spelling, whatever case the sheet used
        kolom = [k if k.startswith("Target ") and k[7:].isdigit() else next(kanonik) for k in kolom]
        return kolom, galat

    def baca(self, renstra, tabel, galat) -> _RencanaRenstra:
        data = tabel["Renstra"]
        konteks = {
            "tahun": [t for t in renstra.tahun if f"Target {t}" in data.kolom],
            "jabatan": peta_jabatan(renstra.instansi),
            "skala": {
                kunci(s.nama): s for s in Skala.objects.filter(pemda=renstra.instansi.pemda_id)
            },
            "tujuan": {t.kode: t for t in renstra.tujuan.all()},
            "sasaran": {s.kode: s for s in renstra.sasaran.all()},
            "dilihat": {},
        }
        rencana = _RencanaRenstra()
        kolom_indikator = data.kolom[data.kolom.index("Kode Indikator") :]
        for b in data.baris:
            kode_tujuan = b.teks("Kode Tujuan", wajib=True, maks=30)
            if kode_tujuan:
                self._bagian(b, rencana.tujuan, kode_tujuan, "Tujuan", konteks["tujuan"])
            kode_sasaran = b.teks("Kode Sasaran", maks=30)
            if kode_sasaran and kode_tujuan:
                self._bagian(
                    b, rencana.sasaran, kode_sasaran, "Sasaran", konteks["sasaran"], kode_tujuan
                )
            elif b.ada("Sasaran") and not kode_sasaran:
                b.wajib("Kode Sasaran")
            if b.ada(*kolom_indikator):
                self._indikator(b, renstra, rencana, konteks, kode_tujuan, kode_sasaran)
        return rencana

    def _bagian(self, b, peta, kode, label, tersimpan, induk: str = "") -> None:
        uraian = b.teks(label)
        ada = peta.get(kode)
        if ada is not None:
            if uraian and kunci(uraian) != kunci(ada.uraian):
                pesan = _("%(l)s %(k)s ditulis berbeda dengan baris %(n)s.")
                b.salah(label, pesan % {"l": label, "k": kode, "n": ada.baris})
            if induk and induk != ada.induk:
                pesan = _("Sasaran %(k)s sudah di bawah tujuan %(t)s (baris %(n)s).")
                b.salah("Kode Tujuan", pesan % {"k": kode, "t": ada.induk, "n": ada.baris})
            return
        if not uraian and kode in tersimpan:
            uraian = tersimpan[kode].uraian
        if not uraian:
            b.wajib(label)
        peta[kode] = _Bagian(kode, uraian, b.nomor, len(peta), induk)

    def _indikator(self, b, renstra, rencana, konteks, kode_tujuan, kode_sasaran) -> None:
        kode = b.teks("Kode Indikator", wajib=True, maks=30)
        if kode in konteks["dilihat"]:
            pesan = _("Kode indikator %(k)s sudah dipakai di baris %(n)s.")
            b.salah("Kode Indikator", pesan % {"k": kode, "n": konteks["dilihat"][kode]})
            return
        konteks["dilihat"][kode] = b.nomor
        satuan = b.teks("Satuan", wajib=True, maks=50)
        skala = konteks["skala"].get(kunci(satuan))
        polaritas = b.pilihan("Polaritas", POLARITAS, "Naik, Turun, Rentang atau Stabil")
        toleransi = b.angka("Toleransi")
        if polaritas == Polaritas.STABIL and toleransi is None and skala is None:
            b.salah("Toleransi", _("Indikator berpolaritas Stabil memerlukan toleransi."))
        bentuk = BentukTarget(skala=skala, rentang=polaritas == Polaritas.RENTANG)
        awal = b.target("Kondisi Awal", replace(bentuk, rentang=False))
        akhir = b.target("Target Akhir Periode", bentuk)
        target = {t: b.target(f"Target {t}", bentuk) for t in konteks["tahun"]}
        nilai = {
            "nama": b.teks("Indikator", wajib=True, maks=500),
            "satuan": satuan,
            "skala": skala,
            "polaritas": polaritas,
            "agregasi": b.pilihan("Agregasi", AGREGASI, "Kumulatif, Rata-rata atau Akhir periode"),
            "toleransi": toleransi,
            **(awal or Nilai()).sebagai_field("baseline", dengan_atas=False),
            **(akhir or Nilai()).sebagai_field("target_akhir"),
            "definisi": b.teks("Definisi"),
            "formula": b.teks("Formula"),
            "sumber_data": b.teks("Sumber Data", maks=300),
            "penanggung_jawab": b.jabatan("Penanggung Jawab", konteks["jabatan"], renstra.instansi),
            "urutan": len(rencana.indikator),
        }
        target = {t: n for t, n in target.items() if n is not None and not n.kosong}
        rencana.indikator.append(
            _IndikatorBaca(kode, b.nomor, kode_tujuan, kode_sasaran, nilai, target)
        )

    def tulis(self, renstra, rencana: _RencanaRenstra, penulis: Penulis) -> None:
        tujuan = self._tulis_bagian(
            penulis, rencana.tujuan, renstra.tujuan.all(), Tujuan, renstra, {}, "Tujuan"
        )
        sasaran = self._tulis_bagian(
            penulis, rencana.sasaran, renstra.sasaran.all(), Sasaran, renstra, tujuan, "Sasaran"
        )
        tersimpan = {i.kode: i for i in renstra.indikator.prefetch_related("target")}
        for r in rencana.indikator:
            induk = sasaran.get(r.sasaran) if r.sasaran else tujuan.get(r.tujuan)
            if induk is None:
                continue  # its tujuan/sasaran failed and was reported
            objek = tersimpan.get(r.kode) or Indikator(renstra=renstra, kode=r.kode)
            nilai = {
                "tujuan": None if r.sasaran else induk,
                "sasaran": induk if r.sasaran else None,
                **r.nilai,
            }
            if tulis_butir(
                penulis, objek, nilai, baris=r.baris, kolom="Indikator", peta_kolom=self.PETA_KOLOM
            ):
                self._tulis_target(penulis, objek, r)

    def _tulis_bagian(self, penulis, rencana, tersimpan, model, renstra, tujuan, label):
        ada = {b.kode: b for b in tersimpan}
        hasil = {}
        for r in rencana.values():
            nilai = {"uraian": r.uraian, "urutan": r.urutan}
            if r.induk:
                nilai["tujuan"] = tujuan.get(r.induk)
                if nilai["tujuan"] is None:
                    continue
            objek = ada.get(r.kode) or model(renstra=renstra, kode=r.kode)
            peta = {"uraian": label, "kode": f"Kode {label}"}
            if tulis_butir(
                penulis, objek, nilai, baris=r.baris, kolom=f"Kode {label}", peta_kolom=peta
            ):
                hasil[r.kode] = objek
        return hasil

    def _tulis_target(self, penulis, indikator: Indikator, r: _IndikatorBaca) -> None:
        ada = {t.tahun: t for t in indikator.target.all()}
        for tahun, nilai in r.target.items():
            simpan_baris(
                penulis,
                services.simpan_target_indikator,
                indikator=indikator,
                tahun=tahun,
                lama=ada.get(tahun),
                **nilai.sebagai_field(),
                baris=r.baris,
                kolom=f"Target {tahun}",
            )
