"""The IKU table: the Renstra indicators chosen as key indicators, with their IKU fields."""

from __future__ import annotations

from django.utils.translation import gettext as _

from sakip.dokumen.excel import Baris, Kolom, Lembar, Penulis

from ..models import IKU, Indikator, Renstra
from .umum import (
    Matriks,
    catatan_jabatan,
    nama_instansi,
    periode,
    peta_jabatan,
    tulis_butir,
)


class MatriksIKU(Matriks):
    """The IKU table: Renstra indicators chosen as key indicators, with their IKU fields."""

    KOLOM = [
        Kolom("No", 5, "no", "Nomor urut (tidak dibaca saat impor)."),
        Kolom("Kode Indikator", 10, "kode", "Kode indikator Renstra yang dijadikan IKU."),
        Kolom("Indikator Kinerja Utama", 40, keterangan="Dari Renstra (tidak dibaca saat impor)."),
        Kolom("Satuan", 12, keterangan="Dari Renstra (tidak dibaca saat impor)."),
        Kolom("Alasan", 30, keterangan="Alasan pemilihan indikator."),
        Kolom("Definisi Operasional", 40, keterangan="Wajib."),
        Kolom("Formulasi", 30, keterangan="Wajib: cara menghitung."),
        Kolom("Sumber Data", 20, keterangan="Wajib."),
        Kolom("Penanggung Jawab", 22, keterangan="Wajib: nama jabatan di instansi ini."),
        Kolom("Berlaku Mulai", 10, "tahun", "Tahun mulai berlaku, dalam periode Renstra."),
    ]
    PETA_KOLOM = {
        "alasan": "Alasan",
        "definisi": "Definisi Operasional",
        "formula": "Formulasi",
        "sumber_data": "Sumber Data",
        "penanggung_jawab": "Penanggung Jawab",
        "tahun_mulai": "Berlaku Mulai",
    }

    def lembar(self, renstra: Renstra, *, isi: bool) -> list[Lembar]:
        judul = [
            ["INDIKATOR KINERJA UTAMA (IKU)"],
            [nama_instansi(renstra.instansi)],
            [f"Renstra {periode(renstra)}"],
        ]
        baris = []
        if isi:
            daftar = renstra.iku.select_related("indikator__skala", "penanggung_jawab").order_by(
                "indikator__urutan", "indikator__kode"
            )
            for no, iku in enumerate(daftar, 1):
                ind = iku.indikator
                baris.append(
                    [
                        no,
                        ind.kode,
                        ind.nama,
                        ind.skala.nama if ind.skala else ind.satuan,
                        iku.alasan,
                        iku.definisi,
                        iku.formula,
                        iku.sumber_data,
                        iku.penanggung_jawab.nama,
                        iku.tahun_mulai,
                    ]
                )
        return [Lembar("IKU", judul, self.KOLOM, baris)]

    def catatan(self, renstra) -> list[tuple[str, str]]:
        kode = ", ".join(renstra.indikator.values_list("kode", flat=True)) or "belum ada"
        return [
            ("Kode Indikator", f"Kode indikator Renstra {periode(renstra)}: {kode}."),
            catatan_jabatan(renstra.instansi),
        ]

    def baca(self, renstra, tabel, galat) -> list[tuple[Baris, Indikator, dict]]:
        indikator = {i.kode: i for i in renstra.indikator.all()}
        jabatan = peta_jabatan(renstra.instansi)
        dilihat: dict[str, int] = {}
        hasil = []
        for b in tabel["IKU"].baris:
            kode = b.teks("Kode Indikator", wajib=True)
            ind = indikator.get(kode)
            if kode and ind is None:
                pesan = _("Kode indikator %(k)s tidak ada di Renstra %(p)s.")
                b.salah("Kode Indikator", pesan % {"k": kode, "p": periode(renstra)})
            elif kode in dilihat:
                pesan = _("Kode indikator %(k)s sudah dipakai di baris %(n)s.")
                b.salah("Kode Indikator", pesan % {"k": kode, "n": dilihat[kode]})
            dilihat.setdefault(kode, b.nomor)
            tahun = b.tahun("Berlaku Mulai", wajib=True)
            if tahun and not renstra.memuat_tahun(tahun):
                pesan = _("Tahun %(t)s di luar periode Renstra %(p)s.")
                b.salah("Berlaku Mulai", pesan % {"t": tahun, "p": periode(renstra)})
            nilai = {
                "alasan": b.teks("Alasan"),
                "definisi": b.teks("Definisi Operasional", wajib=True),
                "formula": b.teks("Formulasi", wajib=True),
                "sumber_data": b.teks("Sumber Data", wajib=True, maks=300),
                "penanggung_jawab": b.jabatan(
                    "Penanggung Jawab", jabatan, renstra.instansi, wajib=True
                ),
                "tahun_mulai": tahun,
            }
            hasil.append((b, ind, nilai))
        return hasil

    def tulis(self, renstra, rencana, penulis: Penulis) -> None:
        tersimpan = {iku.indikator_id: iku for iku in renstra.iku.all()}
        for b, ind, nilai in rencana:
            objek = tersimpan.get(ind.pk) or IKU(renstra=renstra, indikator=ind)
            tulis_butir(
                penulis,
                objek,
                nilai,
                baris=b.nomor,
                kolom="Kode Indikator",
                peta_kolom=self.PETA_KOLOM,
            )
