"""The loader: the Pemda's settings, then per agency and year the realisations (entered by
the holder, approved by the Kasubag), budget realisation and the closed months —
through `services`, creating only the rows that are missing."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from sakip.organisasi.demo import jabatan_demo
from sakip.organisasi.models import Instansi, Jabatan, Pegawai, Pemda
from sakip.organisasi.pemangku import pemangku
from sakip.perencanaan.demo import PEMDA
from sakip.perencanaan.models import (
    AnggaranKas,
    Indikator,
    IndikatorPK,
    ItemAnggaran,
    PerjanjianKinerja,
)

from .. import services
from ..models import (
    AturanCapaian,
    BuktiRealisasi,
    KategoriCapaian,
    PenutupanBulan,
    Realisasi,
    RealisasiAnggaran,
)
from .bentuk import ARSIP, BATAS_ATAS, KATEGORI, SERAPAN, Pengukuran, Periode
from .data_agensi import PENGUKURAN
from .hitungan import _persen, _waktu, belanja_bulanan, bulan_berikut
from .pemantauan import _Monitoring

# ---------------------------------------------------------------- loader


class _Pemuat:
    def __init__(self, aktor):
        self.aktor = aktor
        self.dibuat = 0

    def muat(self) -> int:
        pemda = Pemda.objects.filter(nama=PEMDA).first()
        if pemda is None:  # the demo organisation is not loaded: nothing to measure
            return 0
        with transaction.atomic():
            self._aturan(pemda)
            for data in PENGUKURAN:
                instansi = Instansi.objects.filter(pemda=pemda, kode_unit=data.kode_unit).first()
                if instansi is not None:
                    _Agensi(self, data, instansi).muat()
        return self.dibuat

    def _aturan(self, pemda: Pemda) -> None:
        """Pemda-level settings, kept by the Pemda's administrators."""
        if not AturanCapaian.objects.filter(pemda=pemda).exists():
            aturan = AturanCapaian(pemda=pemda, batas_atas=BATAS_ATAS, lantai_nol=True)
            services.simpan_pengaturan_pemda(aktor=self.aktor, objek=aturan)
            self.dibuat += 1
        for batas, nama, warna in KATEGORI:
            if not KategoriCapaian.objects.filter(pemda=pemda, batas_bawah=batas).exists():
                kategori = KategoriCapaian(pemda=pemda, batas_bawah=batas, nama=nama, warna=warna)
                services.simpan_pengaturan_pemda(aktor=self.aktor, objek=kategori)
                self.dibuat += 1


class _Agensi:
    """Loads one agency's measurements; `p` is the shared loader (counter)."""

    def __init__(self, p: _Pemuat, data: Pengukuran, instansi: Instansi):
        self.p, self.data, self.instansi = p, data, instansi
        self.jabatan = jabatan_demo(instansi)
        self.indikator = {
            i.kode: i
            for i in Indikator.objects.filter(renstra__instansi=instansi).select_related(
                "penanggung_jawab"
            )
        }
        self.kasubag = self._pemegang(services.jabatan_pemeriksa_ids(instansi.pk))
        pimpinan = Jabatan.objects.filter(instansi=instansi).order_by("-peran")
        self.pimpinan = self._pemegang(
            [j.pk for j in pimpinan if j.peran in (Jabatan.Peran.SEKRETARIS, Jabatan.Peran.KEPALA)]
        )
        self.kepala = self._pemegang([j.pk for j in pimpinan if j.peran == Jabatan.Peran.KEPALA])

    def _pemegang(self, jabatan_ids) -> Pegawai:
        """The first person holding one of these positions today (definitive, then acting)."""
        for jabatan in Jabatan.objects.filter(pk__in=jabatan_ids).order_by("-peran", "pk"):
            orang = pemangku(jabatan)
            if orang:
                return orang[0]
        raise LookupError(f"Tidak ada pemangku untuk jabatan {list(jabatan_ids)}")

    def _pemeriksa(self, pengisi: Pegawai) -> Pegawai:
        # Four eyes: the Kasubag's own entries are reviewed by the secretary (or head).
        return self.kasubag if pengisi != self.kasubag else self.pimpinan

    def muat(self) -> None:
        self.tahunan = {p.tahun: _Tahun(self, p) for p in self.data.periode}
        for tahunan in self.tahunan.values():
            tahunan.muat()
        if self.data.monitoring:
            _Monitoring(self).muat()


class _Tahun:
    """One agency-year: month by month, enter, review, spend, close (a closed month is
    locked, so everything of the month is written before closing it)."""

    def __init__(self, a: _Agensi, periode: Periode):
        self.a, self.periode, self.tahun = a, periode, periode.tahun
        self.sub = list(
            ItemAnggaran.objects.select_related("dokumen")
            .filter(
                dokumen__instansi=a.instansi,
                dokumen__jenis="dpa",
                dokumen__tahun=self.tahun,
                level=ItemAnggaran.Level.SUB_KEGIATAN,
            )
            .order_by("kode")
        )
        self.kas = {s.pk: [Decimal(0)] * 12 for s in self.sub}
        for k in AnggaranKas.objects.filter(item__in=self.sub):
            self.kas[k.item_id][k.bulan - 1] = k.jumlah
        self.belanja = {s.pk: belanja_bulanan(s.kode, self.tahun, self.kas[s.pk]) for s in self.sub}
        self.total_pagu = sum((s.pagu for s in self.sub), Decimal(0))
        self.acuan = self._acuan()

    def _acuan(self) -> list[tuple[str, Indikator | IndikatorPK, Pegawai, tuple]]:
        """(code, indicator, who enters, monthly values) for what is measured this year."""
        hasil = []
        for kode, per_tahun in self.a.data.nilai.items():
            if self.tahun in per_tahun:
                ind = self.a.indikator[kode]
                pengisi = self.a._pemegang([ind.penanggung_jawab_id])
                hasil.append((kode, ind, pengisi, per_tahun[self.tahun]))
        for (kunci, nama), per_tahun in self.a.data.nilai_pk.items():
            pk = PerjanjianKinerja.objects.filter(
                jabatan=self.a.jabatan[kunci],
                tahun=self.tahun,
                status=PerjanjianKinerja.Status.DITANDATANGANI,
            ).first()
            if pk is None or self.tahun not in per_tahun:
                continue  # only a signed PK is measured against
            ind = IndikatorPK.objects.get(sasaran__pk_dokumen=pk, nama=nama)
            hasil.append((nama, ind, self.a._pemegang([pk.jabatan_id]), per_tahun[self.tahun]))
        return hasil

    def muat(self) -> None:
        # What is already there, read once: only the missing rows are written.
        self.ada_realisasi = set(
            Realisasi.objects.filter(instansi=self.a.instansi, tahun=self.tahun).values_list(
                "indikator_id", "indikator_pk_id", "bulan"
            )
        )
        self.ada_anggaran = set(
            RealisasiAnggaran.objects.filter(item__in=self.sub).values_list("item_id", "bulan")
        )
        penutupan = dict(
            PenutupanBulan.objects.filter(instansi=self.a.instansi, tahun=self.tahun).values_list(
                "bulan", "tertutup"
            )
        )
        for bulan in range(1, self.periode.sampai + 1):
            if penutupan.get(bulan):
                continue  # closed (by this loader before, or by a user): leave it alone
            self.stempel: list[Realisasi] = []
            self._anggaran(bulan)
            for kode, ind, pengisi, nilai in self.acuan:
                if (kode, bulan) not in self.periode.kosong:
                    self._realisasi(bulan, kode, ind, pengisi, nilai[bulan - 1])
            # The services stamp the load time; the demo's history needs the day it
            # happened (the audit trail keeps the real load time).
            Realisasi.objects.bulk_update(self.stempel, ["diisi_pada", "diperiksa_pada"])
            # A month the loader finds reopened by a user stays open: their decision.
            if bulan <= self.periode.tutup and bulan not in penutupan:
                self._tutup(bulan)

    # ------------------------------------------------------------ one month

    def _anggaran(self, bulan: int) -> None:
        for s in self.sub:
            jumlah = self.belanja[s.pk][bulan - 1]
            if jumlah and (s.pk, bulan) not in self.ada_anggaran:
                services.simpan_realisasi_anggaran(
                    aktor=self.a.kasubag, item=s, bulan=bulan, jumlah=jumlah
                )
                self.a.p.dibuat += 1

    def serapan_sampai(self, bulan: int) -> Decimal:
        belanja = sum((sum(b[:bulan], Decimal(0)) for b in self.belanja.values()), Decimal(0))
        return _persen(belanja, self.total_pagu)

    def _realisasi(self, bulan: int, kode: str, ind, pengisi: Pegawai, nilai) -> None:
        milik_pk = isinstance(ind, IndikatorPK)
        if (None if milik_pk else ind.pk, ind.pk if milik_pk else None, bulan) in (
            self.ada_realisasi
        ):
            return
        if nilai == SERAPAN:
            nilai = self.serapan_sampai(bulan)
        r = Realisasi(
            instansi=self.a.instansi,
            tahun=self.tahun,
            bulan=bulan,
            catatan=self.a.data.catatan.get((kode, self.tahun, bulan), ""),
            **({"indikator_pk": ind} if milik_pk else {"indikator": ind}),
        )
        if isinstance(nilai, str):
            r.nilai_skala = nilai
        else:
            r.nilai = nilai
        r = services.simpan_realisasi(aktor=pengisi, realisasi=r, ajukan=True)
        self.a.p.dibuat += 1
        t, b = bulan_berikut(self.tahun, bulan)
        r.diisi_pada = _waktu(t, b, 2 + r.pk % 4)
        bukti = self.a.data.bukti.get((kode, self.tahun, bulan))
        if bukti:
            alamat, keterangan = bukti
            services.tambah_bukti(
                aktor=pengisi, realisasi=r, tautan=f"{ARSIP}/{alamat}", keterangan=keterangan
            )
            self.a.p.dibuat += 1
            BuktiRealisasi.objects.filter(realisasi=r).update(diunggah_pada=r.diisi_pada)
        r.diperiksa_pada = _waktu(t, b, 8, 14) if self._periksa(r, bulan, kode, pengisi) else None
        self.stempel.append(r)

    def _periksa(self, r: Realisasi, bulan: int, kode: str, pengisi: Pegawai) -> bool:
        """Review as the period says; True when reviewed."""
        terakhir = bulan == self.periode.sampai and bulan > self.periode.tutup
        pemeriksa = self.a._pemeriksa(pengisi)
        if terakhir and kode in self.periode.dikembalikan:
            catatan = self.periode.dikembalikan[kode]
            services.periksa_realisasi(aktor=pemeriksa, realisasi=r, setuju=False, catatan=catatan)
            return True
        if terakhir and kode not in self.periode.disetujui:
            return False  # still waiting for the Kasubag
        services.periksa_realisasi(aktor=pemeriksa, realisasi=r, setuju=True)
        return True

    def _tutup(self, bulan: int) -> None:
        p = services.tutup_bulan(
            aktor=self.a.kasubag, instansi=self.a.instansi, tahun=self.tahun, bulan=bulan
        )
        self.a.p.dibuat += 1
        PenutupanBulan.objects.filter(pk=p.pk).update(
            ditutup_pada=_waktu(*bulan_berikut(self.tahun, bulan), 10, 15)
        )


def muat(aktor) -> int:
    """Load the demo measurement data; returns how many rows were created (0 when complete)."""
    return _Pemuat(aktor).muat()
