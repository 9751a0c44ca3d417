"""The Perjanjian Kinerja tables and its Rencana Aksi (the PK targets by quarter).

The PK layout carries no codes: sasaran and indicators are matched by their text, so both
matrices share how a sheet is grouped into sasaran (`DaftarSasaran`) and matched against
the stored PK (`KonteksPK`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from sakip.dokumen.excel import TRIWULAN, Baris, Kolom, Lembar, Nilai, Penulis, kunci, sel_angka

from .. import services
from ..models import (
    AnggaranPK,
    Indikator,
    IndikatorPK,
    PerjanjianKinerja,
    RencanaAksi,
    Renstra,
    Sasaran,
)
from .umum import KETERANGAN, Matriks, bentuk_target, nama_instansi, simpan_baris, tulis_butir


@dataclass
class _IndikatorPKBaca:
    nama: str
    satuan: str
    target: Nilai
    acuan: Indikator | None
    baris: int
    urutan: int
    triwulan: dict[int, tuple[Nilai, str, Decimal]] = field(default_factory=dict)


@dataclass
class _SasaranPKBaca:
    uraian: str
    baris: int
    urutan: int
    indikator: dict[str, _IndikatorPKBaca] = field(default_factory=dict)


class KonteksPK:
    """What rows of a PK sheet are matched against: the PK's own rows and the Renstra's.

    The PK layout carries no codes, so sasaran and indicators are matched by their text;
    a new indicator is linked to the Renstra indicator of the same name (for its polarity
    and scale), a new budget row to the DPA item of the same name.
    """

    def __init__(self, pk: PerjanjianKinerja):
        self.pk = pk
        self.renstra = Renstra.objects.filter(
            instansi=pk.instansi_id, tahun_awal__lte=pk.tahun, tahun_akhir__gte=pk.tahun
        ).first()
        self.sasaran = {
            kunci(s.uraian): s
            for s in pk.sasaran.prefetch_related("indikator__indikator_renstra__skala")
        }
        self.indikator_renstra: dict[str, Indikator] = {}
        self.sasaran_renstra: dict[str, Sasaran] = {}
        if self.renstra is not None:
            for i in self.renstra.indikator.select_related("skala"):
                self.indikator_renstra.setdefault(kunci(i.nama), i)
            for s in self.renstra.sasaran.all():
                self.sasaran_renstra.setdefault(kunci(s.uraian), s)

    def indikator_tersimpan(self, uraian: str, nama: str) -> IndikatorPK | None:
        sasaran = self.sasaran.get(kunci(uraian))
        if sasaran is None:
            return None
        return next((i for i in sasaran.indikator.all() if kunci(i.nama) == kunci(nama)), None)

    def acuan(self, uraian: str, nama: str) -> Indikator | None:
        tersimpan = self.indikator_tersimpan(uraian, nama)
        if tersimpan is not None:
            return tersimpan.indikator_renstra
        return self.indikator_renstra.get(kunci(nama))


class DaftarSasaran:
    """Sasaran in sheet order: a filled Sasaran cell opens a group, an empty one continues it."""

    def __init__(self, kolom: str, kolom_indikator: str, kolom_target: str):
        self.kolom = kolom
        self.kolom_indikator = kolom_indikator
        self.kolom_target = kolom_target
        self.sasaran: dict[str, _SasaranPKBaca] = {}
        self.aktif: _SasaranPKBaca | None = None

    def untuk(self, b: Baris) -> _SasaranPKBaca | None:
        uraian = b.teks(self.kolom)
        if not uraian:
            if self.aktif is None:
                b.salah(self.kolom, _("Baris pertama harus berisi sasaran."))
            return self.aktif
        kunci_teks = kunci(uraian)
        if self.aktif is not None and kunci_teks == kunci(self.aktif.uraian):
            return self.aktif
        if kunci_teks in self.sasaran:
            pesan = _("Sasaran ini sudah ditulis di baris %(n)s; tulis indikatornya di bawahnya.")
            b.salah(self.kolom, pesan % {"n": self.sasaran[kunci_teks].baris})
            return None
        self.aktif = _SasaranPKBaca(uraian, b.nomor, len(self.sasaran))
        self.sasaran[kunci_teks] = self.aktif
        return self.aktif


def _baca_indikator_pk(
    b: Baris, sasaran: _SasaranPKBaca, konteks: KonteksPK, daftar: DaftarSasaran
) -> _IndikatorPKBaca | None:
    kolom_nama = daftar.kolom_indikator
    nama = b.teks(kolom_nama, wajib=True, maks=500)
    satuan = b.teks("Satuan", wajib=True, maks=50)
    kunci_teks = kunci(nama)
    if nama and kunci_teks in sasaran.indikator:
        pesan = _("Indikator ini sudah ditulis di baris %(n)s untuk sasaran yang sama.")
        b.salah(kolom_nama, pesan % {"n": sasaran.indikator[kunci_teks].baris})
        return None
    acuan = konteks.acuan(sasaran.uraian, nama)
    target = b.target(daftar.kolom_target, bentuk_target(acuan))
    hasil = _IndikatorPKBaca(
        nama, satuan, target or Nilai(), acuan, b.nomor, len(sasaran.indikator)
    )
    sasaran.indikator[kunci_teks] = hasil
    return hasil


def _tulis_sasaran_pk(
    penulis: Penulis,
    konteks: KonteksPK,
    daftar: DaftarSasaran,
    r: _SasaranPKBaca,
    *,
    atur_urutan: bool,
) -> dict[str, IndikatorPK]:
    """Save one sasaran and its indicators; `atur_urutan` False keeps the stored order."""
    objek = konteks.sasaran.get(kunci(r.uraian))
    baru = objek is None
    if objek is None:
        objek = penulis.jalankan(
            lambda: services.tambah_sasaran_pk(
                aktor=penulis.aktor,
                pk=konteks.pk,
                uraian=r.uraian,
                sasaran_renstra=konteks.sasaran_renstra.get(kunci(r.uraian)),
                urutan=r.urutan,
                keterangan=KETERANGAN,
            ),
            baris=r.baris,
            kolom=daftar.kolom,
        )
        if objek is None:
            return {}
        penulis.hitung(services.Perubahan.DIBUAT)
    else:
        nilai: dict[str, Any] = {"uraian": r.uraian}
        if atur_urutan:
            nilai["urutan"] = r.urutan
        if not tulis_butir(penulis, objek, nilai, baris=r.baris, kolom=daftar.kolom):
            return {}
    tersimpan = {kunci(i.nama): i for i in objek.indikator.all()} if not baru else {}
    hasil = {}
    for kunci_teks, ind in r.indikator.items():
        lama = tersimpan.get(kunci_teks)
        nilai = {"nama": ind.nama, "satuan": ind.satuan, **ind.target.sebagai_field()}
        if lama is None:
            nilai["indikator_renstra"] = ind.acuan
        if atur_urutan or lama is None:
            nilai["urutan"] = ind.urutan
        disimpan = simpan_baris(
            penulis,
            services.simpan_indikator_pk,
            sasaran=objek,
            nilai=nilai,
            lama=lama,
            baris=ind.baris,
            kolom=daftar.kolom_target,
            peta_kolom={"nama": daftar.kolom_indikator, "satuan": "Satuan"},
        )
        if disimpan is not None:
            hasil[kunci_teks] = disimpan.objek
    return hasil


class MatriksPK(Matriks):
    """The PK tables (PermenPAN-RB 53/2014): sasaran–indikator–target, then programs and budget."""

    KOLOM_SASARAN = [
        Kolom("No", 5, "no", "Nomor sasaran (tidak dibaca saat impor)."),
        Kolom("Sasaran Strategis", 40, keterangan="Isi pada baris pertama tiap sasaran."),
        Kolom("Indikator Kinerja", 40, keterangan="Satu indikator per baris."),
        Kolom("Satuan", 12, keterangan="Satuan indikator."),
        Kolom("Target", 12, "angka", "Target tahun PK."),
    ]
    KOLOM_ANGGARAN = [
        Kolom("No", 5, "no", "Nomor urut (tidak dibaca saat impor)."),
        Kolom("Program/Kegiatan", 60, keterangan="Program (eselon III) atau kegiatan/sub."),
        Kolom("Anggaran (Rp)", 18, "uang", "Anggaran dalam rupiah."),
    ]

    def judul(self, pk: PerjanjianKinerja, awal: str) -> list[list[Any]]:
        revisi = f" (REVISI {pk.nomor_revisi})" if pk.nomor_revisi else ""
        kedua = " ".join(filter(None, [pk.pihak_kedua_nama, f"({pk.pihak_kedua_jabatan})"]))
        return [
            [f"{awal} TAHUN {pk.tahun}{revisi}"],
            [f"{pk.jabatan.nama} — {nama_instansi(pk.instansi)}"],
            [f"Pihak pertama: {pk.pihak_pertama.nama_lengkap} · Pihak kedua: {kedua}"],
        ]

    def lembar(self, pk: PerjanjianKinerja, *, isi: bool) -> list[Lembar]:
        judul = self.judul(pk, "PERJANJIAN KINERJA")
        sasaran = Lembar("Sasaran", judul, self.KOLOM_SASARAN)
        anggaran = Lembar("Anggaran", judul, self.KOLOM_ANGGARAN)
        if isi:
            sasaran.baris = list(self._baris_sasaran(pk))
            daftar = list(pk.anggaran.all())
            anggaran.baris = [
                [no, a.uraian, sel_angka(a.anggaran)] for no, a in enumerate(daftar, 1)
            ]
            total = sum((a.anggaran for a in daftar), Decimal("0"))
            anggaran.penutup = [[None, "Jumlah", sel_angka(total)]]
        return [sasaran, anggaran]

    def _baris_sasaran(self, pk: PerjanjianKinerja) -> Iterable[list]:
        for no, s in enumerate(pk.sasaran.prefetch_related("indikator"), 1):
            for n, ind in enumerate(list(s.indikator.all()) or [None]):
                kepala = [no, s.uraian] if n == 0 else [None, None]
                if ind is None:
                    yield kepala
                else:
                    yield kepala + [ind.nama, ind.satuan, Nilai.dari(ind).ke_sel()]

    def catatan(self, pk) -> list[tuple[str, str]]:
        return [
            (
                "Sasaran",
                "Tulis sasaran pada baris indikator pertamanya; baris berikutnya dengan kolom "
                "Sasaran kosong adalah indikator sasaran yang sama.",
            ),
            (
                "Pencocokan",
                "Sasaran dan indikator dicocokkan dengan teksnya; indikator baru dikaitkan ke "
                "indikator Renstra yang bernama sama (polaritas dan skalanya ikut).",
            ),
            ("Jumlah", "Baris Jumlah di lembar Anggaran dihitung ulang, tidak dibaca."),
            ("PK ditandatangani", "PK yang sudah ditandatangani tidak dapat diimpor; buat revisi."),
        ]

    def baca(self, pk, tabel, galat):
        konteks = KonteksPK(pk)
        daftar = DaftarSasaran("Sasaran Strategis", "Indikator Kinerja", "Target")
        for b in tabel["Sasaran"].baris:
            sasaran = daftar.untuk(b)
            if sasaran is not None and b.ada("Indikator Kinerja", "Satuan", "Target"):
                _baca_indikator_pk(b, sasaran, konteks, daftar)
        anggaran: dict[str, tuple[Baris, str, Decimal | None]] = {}
        for b in tabel["Anggaran"].baris:
            uraian = b.teks("Program/Kegiatan", maks=500)
            if not b.ada("No") and kunci(uraian) in ("jumlah", "total", "jumlah total"):
                continue  # the total row is recomputed on export
            if not uraian:
                b.wajib("Program/Kegiatan")
            elif kunci(uraian) in anggaran:
                pesan = _("Program/kegiatan ini sudah ditulis di baris %(n)s.")
                b.salah("Program/Kegiatan", pesan % {"n": anggaran[kunci(uraian)][0].nomor})
                continue
            anggaran[kunci(uraian)] = (b, uraian, b.uang("Anggaran (Rp)", wajib=True))
        return konteks, daftar, anggaran

    def tulis(self, pk, rencana, penulis: Penulis) -> None:
        konteks, daftar, anggaran = rencana
        for sasaran in daftar.sasaran.values():
            _tulis_sasaran_pk(penulis, konteks, daftar, sasaran, atur_urutan=True)
        tersimpan = {kunci(a.uraian): a for a in pk.anggaran.all()}
        dpa = services.dpa_tahun(pk.instansi_id, pk.tahun)
        item = {kunci(i.nama): i for i in dpa.item.all()} if dpa else {}
        for urutan, (kunci_teks, (b, uraian, jumlah)) in enumerate(anggaran.items()):
            objek = tersimpan.get(kunci_teks) or AnggaranPK(
                pk_dokumen=pk, item=item.get(kunci_teks)
            )
            nilai = {"uraian": uraian, "anggaran": jumlah, "urutan": urutan}
            tulis_butir(penulis, objek, nilai, baris=b.nomor, kolom="Anggaran (Rp)")


class MatriksRencanaAksi(Matriks):
    """PK targets broken into quarters, with the actions and budget of each quarter."""

    def kolom(self) -> list[Kolom]:
        return [
            Kolom("Sasaran", 34, keterangan="Isi pada baris indikator pertamanya."),
            Kolom("Indikator", 36, keterangan="Indikator kinerja PK."),
            Kolom("Satuan", 11, keterangan="Satuan indikator."),
            Kolom("Target Tahunan", 11, "angka", "Target PK setahun."),
            *[Kolom(f"TW {t}", 10, "angka", f"Target triwulan {t}.") for t in TRIWULAN],
            *[Kolom(f"Rencana Aksi TW {t}", 30, keterangan="Kegiatan triwulan.") for t in TRIWULAN],
            *[Kolom(f"Anggaran TW {t}", 15, "uang", "Rupiah.") for t in TRIWULAN],
        ]

    def lembar(self, pk: PerjanjianKinerja, *, isi: bool) -> list[Lembar]:
        judul = MatriksPK().judul(pk, "RENCANA AKSI")
        return [Lembar("Rencana Aksi", judul, self.kolom(), list(self._baris(pk)) if isi else [])]

    def _baris(self, pk: PerjanjianKinerja) -> Iterable[list]:
        for s in pk.sasaran.prefetch_related("indikator__aksi"):
            for n, ind in enumerate(list(s.indikator.all()) or [None]):
                kepala = [s.uraian if n == 0 else None]
                if ind is None:
                    yield kepala
                    continue
                aksi = {
                    a.periode: a
                    for a in ind.aksi.all()
                    if a.jenis_periode == RencanaAksi.Periode.TRIWULAN
                }
                tw = [aksi.get(k) for k in range(1, 5)]
                yield [
                    *kepala,
                    ind.nama,
                    ind.satuan,
                    Nilai.dari(ind).ke_sel(),
                    *[Nilai.dari(a).ke_sel() if a else None for a in tw],
                    *[a.aksi or None if a else None for a in tw],
                    *[sel_angka(a.anggaran) if a else None for a in tw],
                ]

    def catatan(self, pk) -> list[tuple[str, str]]:
        return MatriksPK().catatan(pk)[:2] + [
            (
                "Triwulan",
                "Target, rencana aksi dan anggaran per triwulan; triwulan yang ketiganya kosong "
                "dilewati.",
            ),
        ]

    def baca(self, pk, tabel, galat):
        konteks = KonteksPK(pk)
        daftar = DaftarSasaran("Sasaran", "Indikator", "Target Tahunan")
        for b in tabel["Rencana Aksi"].baris:
            sasaran = daftar.untuk(b)
            if sasaran is None or not b.ada(*[k.judul for k in self.kolom()[1:]]):
                continue
            ind = _baca_indikator_pk(b, sasaran, konteks, daftar)
            if ind is None:
                continue
            bentuk = bentuk_target(ind.acuan)
            for k, tw in enumerate(TRIWULAN, 1):
                kolom = (f"TW {tw}", f"Rencana Aksi TW {tw}", f"Anggaran TW {tw}")
                target = b.target(kolom[0], bentuk)
                aksi = b.teks(kolom[1])
                anggaran = b.uang(kolom[2])
                if b.ada(*kolom):
                    ind.triwulan[k] = (target or Nilai(), aksi, anggaran or Decimal("0"))
        return konteks, daftar

    def tulis(self, pk, rencana, penulis: Penulis) -> None:
        konteks, daftar = rencana
        for sasaran in daftar.sasaran.values():
            # Rencana aksi does not reorder the PK; only new rows take the sheet's order.
            tersimpan = _tulis_sasaran_pk(penulis, konteks, daftar, sasaran, atur_urutan=False)
            for kunci_teks, ind in sasaran.indikator.items():
                if kunci_teks in tersimpan:
                    self._tulis_triwulan(penulis, tersimpan[kunci_teks], ind)

    def _tulis_triwulan(self, penulis: Penulis, indikator: IndikatorPK, r: _IndikatorPKBaca):
        ada = {
            a.periode: a
            for a in indikator.aksi.all()
            if a.jenis_periode == RencanaAksi.Periode.TRIWULAN
        }
        for k, (target, aksi, anggaran) in r.triwulan.items():
            simpan_baris(
                penulis,
                services.simpan_rencana_aksi,
                indikator=indikator,
                periode=k,
                jenis_periode=RencanaAksi.Periode.TRIWULAN,
                aksi=aksi,
                anggaran=anggaran,
                lama=ada.get(k),
                **target.sebagai_field(),
                baris=r.baris,
                kolom=f"TW {TRIWULAN[k - 1]}",
            )
