"""Small planning data for tests: a Renstra, a Renja/RKA/DPA, IKU, a PK with its rencana aksi.

Built with the ORM for speed; the `urutan` values follow the export order, so exporting and
importing the same data back changes nothing.
"""

from __future__ import annotations

import datetime
from decimal import Decimal as D

from sakip.perencanaan import services
from sakip.perencanaan.models import (
    IKU,
    AnggaranKas,
    AnggaranPK,
    DokumenAnggaran,
    Indikator,
    IndikatorItem,
    IndikatorPK,
    ItemAnggaran,
    PerjanjianKinerja,
    RencanaAksi,
    Renstra,
    Sasaran,
    SasaranPK,
    Skala,
    TargetTahunan,
    Tujuan,
)
from sakip.testing import Agensi

OPINI_BPK = ["WTP", "WDP", "TW", "TMP"]
TANGGAL_DPA = datetime.date(2025, 1, 3)


def skala_opini(pemda) -> Skala:
    skala, _baru = Skala.objects.get_or_create(
        pemda=pemda, nama="Opini BPK", defaults={"nilai": OPINI_BPK}
    )
    return skala


def renstra(agensi: Agensi, *, isi: bool = True) -> Renstra:
    """Renstra 2021–2026; with `isi`: three tujuan, three sasaran, five kinds of indicator."""
    r = Renstra.objects.create(instansi=agensi.instansi, tahun_awal=2021, tahun_akhir=2026)
    if isi:
        _isi_renstra(r, agensi)
    return r


def _indikator(r: Renstra, urutan: int, kode: str, nama: str, satuan: str, target, **kw):
    """An indicator with one target per year (`target`: a list of six, numbers or scale values)."""
    ind = Indikator.objects.create(
        renstra=r, urutan=urutan, kode=kode, nama=nama, satuan=satuan, **kw
    )
    for tahun, nilai in zip(r.tahun, target, strict=True):
        if isinstance(nilai, str):
            TargetTahunan.objects.create(indikator=ind, tahun=tahun, target_skala=nilai)
        elif isinstance(nilai, tuple):
            TargetTahunan.objects.create(
                indikator=ind, tahun=tahun, target=D(nilai[0]), target_atas=D(nilai[1])
            )
        else:
            TargetTahunan.objects.create(indikator=ind, tahun=tahun, target=D(nilai))
    return ind


def _isi_renstra(r: Renstra, a: Agensi) -> None:
    skala = skala_opini(a.instansi.pemda)
    t1 = Tujuan.objects.create(
        renstra=r, urutan=0, kode="T1", uraian="Meningkatkan kualitas pelayanan publik"
    )
    t2 = Tujuan.objects.create(
        renstra=r, urutan=1, kode="T2", uraian="Mewujudkan tata kelola yang akuntabel"
    )
    Tujuan.objects.create(renstra=r, urutan=2, kode="T3", uraian="Memperkuat ketenteraman")
    s1 = Sasaran.objects.create(
        renstra=r, tujuan=t1, urutan=0, kode="S1", uraian="Meningkatnya kepuasan masyarakat"
    )
    s2 = Sasaran.objects.create(
        renstra=r, tujuan=t2, urutan=1, kode="S2", uraian="Meningkatnya akuntabilitas kinerja"
    )
    Sasaran.objects.create(
        renstra=r, tujuan=t2, urutan=2, kode="S3", uraian="Tertibnya administrasi umum"
    )
    _indikator(
        r,
        0,
        "IT1",
        "Indeks kepuasan masyarakat",
        "Indeks",
        [80, 81, 82, 83, 84, 85],
        tujuan=t1,
        baseline=D("78.5"),
        target_akhir=D(85),
        penanggung_jawab=a.j_camat,
        definisi="Nilai IKM hasil survei",
        formula="Σ NRR tertimbang × 25",
        sumber_data="SKM",
    )
    _indikator(
        r,
        1,
        "IS1",
        "Waktu penyelesaian layanan",
        "hari",
        [D("4.5"), 4, D("3.5"), 3, 3, 3],
        sasaran=s1,
        polaritas="turun",
        agregasi="rata_rata",
        baseline=D(5),
        target_akhir=D(3),
        penanggung_jawab=a.j_sekcam,
    )
    _indikator(
        r,
        2,
        "IS2",
        "Opini laporan keuangan",
        "Opini BPK",
        ["WDP", "WTP", "WTP", "WTP", "WTP", "WTP"],
        sasaran=s2,
        skala=skala,
        baseline_skala="WDP",
        target_akhir_skala="WTP",
    )
    _indikator(
        r,
        3,
        "IS3",
        "Persentase serapan anggaran",
        "%",
        [(85, 95)] * 6,
        sasaran=s2,
        polaritas="rentang",
        target_akhir=D(90),
        target_akhir_atas=D(95),
        penanggung_jawab=a.j_kasubag,
    )
    _indikator(
        r,
        4,
        "IS4",
        "Jumlah pengaduan tertangani",
        "pengaduan",
        [10] * 6,
        sasaran=s2,
        polaritas="stabil",
        toleransi=D(2),
        agregasi="kumulatif",
        target_akhir=D(10),
    )


def iku(r: Renstra, a: Agensi) -> None:
    for kode, jabatan in (("IT1", a.j_camat), ("IS2", a.j_sekcam)):
        IKU.objects.create(
            renstra=r,
            indikator=r.indikator.get(kode=kode),
            tahun_mulai=2022,
            alasan="Mengukur sasaran strategis",
            definisi=f"Definisi {kode}",
            formula=f"Rumus {kode}",
            sumber_data="Laporan tahunan",
            penanggung_jawab=jabatan,
        )


def dokumen(a: Agensi, r: Renstra, jenis: str, *, isi: bool = True) -> DokumenAnggaran:
    """A 2025 Renja/RKA/DPA: one program, one kegiatan, two sub kegiatan (Kepmendagri codes)."""
    d = DokumenAnggaran.objects.create(
        instansi=a.instansi,
        renstra=r,
        jenis=jenis,
        tahun=2025,
        tanggal_pengesahan=TANGGAL_DPA if jenis == "dpa" else None,
    )
    if not isi:
        return d
    program = _item(d, None, "program", "7.01.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN", 150)
    kegiatan = _item(d, program, "kegiatan", "7.01.01.2.01", "Perencanaan dan Evaluasi", 150)
    sub1 = _item(d, kegiatan, "sub", "7.01.01.2.01.0001", "Penyusunan Dokumen Perencanaan", 60)
    sub2 = _item(d, kegiatan, "sub", "7.01.01.2.01.0006", "Penyusunan Laporan Kinerja", 90)
    opini, serapan = r.indikator.get(kode="IS2"), r.indikator.get(kode="IS3")
    IndikatorItem.objects.create(
        item=program,
        urutan=0,
        nama="Opini laporan keuangan",
        satuan="Opini BPK",
        indikator_renstra=opini,
        target_skala="WTP",
    )
    IndikatorItem.objects.create(
        item=program,
        urutan=1,
        nama="Persentase serapan anggaran",
        satuan="%",
        indikator_renstra=serapan,
        target=D(85),
        target_atas=D(95),
    )
    IndikatorItem.objects.create(
        item=kegiatan, nama="Dokumen perencanaan tepat waktu", satuan="%", target=D("97.5")
    )
    IndikatorItem.objects.create(item=sub1, nama="Dokumen perencanaan", satuan="dokumen", target=3)
    if jenis != "renja":
        for bulan in range(1, 13):
            AnggaranKas.objects.create(item=sub1, bulan=bulan, jumlah=D(5_000_000))
        for bulan in (3, 6, 9, 12):
            AnggaranKas.objects.create(item=sub2, bulan=bulan, jumlah=D("22500000.50"))
        sub2.pagu = D("90000002.00")
        sub2.save()
    return d


def _item(d, induk, level, kode, nama, juta) -> ItemAnggaran:
    return ItemAnggaran.objects.create(
        dokumen=d, induk=induk, level=level, kode=kode, nama=nama, pagu=D(juta) * 1_000_000
    )


def pk(a: Agensi, r: Renstra | None, *, isi: bool = True) -> PerjanjianKinerja:
    """The Camat's 2025 PK drafted by Staf; with `isi`: two sasaran, budget and rencana aksi."""
    hasil = services.buat_pk(aktor=a.staf, jabatan=a.j_camat, tahun=2025)
    if not isi:
        return hasil
    s1 = SasaranPK.objects.create(
        pk_dokumen=hasil, urutan=0, uraian="Meningkatnya kepuasan masyarakat"
    )
    s2 = SasaranPK.objects.create(
        pk_dokumen=hasil, urutan=1, uraian="Meningkatnya akuntabilitas kinerja"
    )
    ikm = IndikatorPK.objects.create(
        sasaran=s1,
        urutan=0,
        nama="Indeks kepuasan masyarakat",
        satuan="Indeks",
        indikator_renstra=r.indikator.get(kode="IT1"),
        target=D(82),
    )
    # Not a Renstra indicator: stays unlinked after an import.
    IndikatorPK.objects.create(
        sasaran=s1, urutan=1, nama="Layanan selesai tepat waktu", satuan="%", target=D("92.5")
    )
    opini = IndikatorPK.objects.create(
        sasaran=s2,
        urutan=0,
        nama="Opini laporan keuangan",
        satuan="Opini BPK",
        indikator_renstra=r.indikator.get(kode="IS2"),
        target_skala="WTP",
    )
    serapan = IndikatorPK.objects.create(
        sasaran=s2,
        urutan=1,
        nama="Persentase serapan anggaran",
        satuan="%",
        indikator_renstra=r.indikator.get(kode="IS3"),
        target=D(85),
        target_atas=D(95),
    )
    AnggaranPK.objects.create(
        pk_dokumen=hasil, urutan=0, uraian="Program Penunjang Urusan", anggaran=D(150_000_000)
    )
    AnggaranPK.objects.create(
        pk_dokumen=hasil, urutan=1, uraian="Program Pelayanan Publik", anggaran=D(75_500_000)
    )
    for tw, target in enumerate(["80", "81", "81.5", "82"], 1):
        _aksi(ikm, tw, target=D(target), aksi=f"Survei kepuasan TW {tw}", anggaran=2_500_000)
    _aksi(opini, 4, target_skala="WTP", aksi="Menyusun laporan keuangan")
    _aksi(serapan, 2, target=D(40), target_atas=D(50), anggaran=0)
    return hasil


def _aksi(indikator, periode, **kw) -> RencanaAksi:
    return RencanaAksi.objects.create(
        indikator=indikator, jenis_periode=RencanaAksi.Periode.TRIWULAN, periode=periode, **kw
    )
