"""The monitoring part of the loader (seed 001): quarterly evaluations with their
recommendations, the monthly control cards and the signed year-end archive."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from sakip.organisasi.models import Instansi, Jabatan
from sakip.perencanaan.models import IndikatorPK, ItemAnggaran, PerjanjianKinerja, RencanaAksi

from .. import capaian as rumus
from .. import penilaian, services
from ..models import (
    ArsipKinerja,
    BarisKartuKendali,
    EvaluasiTriwulan,
    KartuKendali,
    Realisasi,
    Rekomendasi,
)
from .bentuk import Periode
from .data_monitoring import DITINDAKLANJUTI, KENDALA, REKOMENDASI, TIM_MONITORING
from .hitungan import _persen, _teks, _waktu, bulan_berikut, bulan_pantau

if TYPE_CHECKING:  # pemuat imports this module: the loader's classes for annotations only
    from .pemuat import _Agensi, _Tahun

# ---------------------------------------------------------------- monitoring (seed 001)


class _Monitoring:
    """Quarterly evaluations with recommendations, control cards and the year-end archive."""

    def __init__(self, a: _Agensi):
        self.a = a
        self.p = a.p
        self.camat = a.kepala
        self.tim = a._pemegang([a.jabatan[TIM_MONITORING].pk])

    def dipantau(self) -> list[Periode]:
        return [p for p in self.a.data.periode if p.tahun in self.a.data.monitoring]

    def muat(self) -> None:
        for periode in self.dipantau():
            # A quarter is evaluated once its last month is entered.
            for triwulan in range(1, periode.sampai // 3 + 1):
                self._evaluasi(periode.tahun, triwulan)
        # After the evaluations: a card lists the recommendations checked in its month.
        for periode in self.dipantau():
            for bulan in range(1, periode.sampai + 1):
                self._kartu(periode.tahun, bulan, ditandatangani=bulan <= periode.tutup)
            if periode.sampai == 12:
                self._arsip(periode.tahun)

    def _simpan(self, aktor, objek, keterangan: str = ""):
        return services.simpan(aktor=aktor, objek=objek, keterangan=keterangan)

    # ------------------------------------------------------------ quarterly evaluation

    def _hasil_triwulan(self, tahun: int, triwulan: int) -> list[tuple[IndikatorPK, rumus.Hasil]]:
        """Each PK indicator of the head with a quarterly target, and its capaian."""
        aturan = penilaian.aturan_pemda(self.a.instansi.pemda_id)
        rencana = RencanaAksi.objects.filter(
            indikator__sasaran__pk_dokumen__instansi=self.a.instansi,
            indikator__sasaran__pk_dokumen__tahun=tahun,
            indikator__sasaran__pk_dokumen__jabatan__peran=Jabatan.Peran.KEPALA,
            indikator__sasaran__pk_dokumen__status=PerjanjianKinerja.Status.DITANDATANGANI,
            indikator__indikator_renstra__isnull=False,
            jenis_periode="triwulan",
            periode=triwulan,
        ).select_related("indikator__indikator_renstra")
        hasil = []
        for ra in rencana.order_by("indikator__urutan", "indikator_id"):
            ind = ra.indikator.indikator_renstra
            bulan = range(triwulan * 3 - 2, triwulan * 3 + 1)
            nilai = dict(
                Realisasi.objects.filter(indikator=ind, tahun=tahun, bulan__in=bulan).values_list(
                    "bulan", "nilai"
                )
            )
            realisasi = rumus.agregasi(ind.agregasi, [(b, nilai.get(b)) for b in bulan])
            h = rumus.hitung(
                ind.polaritas,
                realisasi,
                ra.target,
                target_atas=ra.target_atas,
                toleransi=ind.toleransi,
                batas_atas=aturan.batas_atas,
                lantai_nol=aturan.lantai_nol,
            )
            hasil.append((ra.indikator, h))
        return hasil

    def _evaluasi(self, tahun: int, triwulan: int) -> None:
        hasil = self._hasil_triwulan(tahun, triwulan)
        meleset = [(i, h) for i, h in hasil if h.nilai is not None and h.nilai < 100]
        evaluasi = EvaluasiTriwulan.objects.filter(
            instansi=self.a.instansi, tahun=tahun, triwulan=triwulan
        ).first()
        t, b = bulan_berikut(tahun, triwulan * 3)
        if evaluasi is None:
            evaluasi = self._simpan(
                self.a.kasubag,
                EvaluasiTriwulan(
                    instansi=self.a.instansi,
                    tahun=tahun,
                    triwulan=triwulan,
                    kesimpulan=_kesimpulan(hasil, meleset, self._nama_kepala()),
                ),
            )
            evaluasi.ditandatangani_pada = _waktu(t, b, 15, 10)
            self._simpan(self.camat, evaluasi, "Evaluasi triwulan ditandatangani (demo)")
            self.p.dibuat += 1
        for ind, h in meleset:
            self._rekomendasi(evaluasi, ind, h)

    def _nama_kepala(self) -> str:
        return next(j.nama for j in self.a.jabatan.values() if j.peran == Jabatan.Peran.KEPALA)

    def _rekomendasi(self, evaluasi: EvaluasiTriwulan, ind: IndikatorPK, h: rumus.Hasil) -> None:
        if Rekomendasi.objects.filter(evaluasi=evaluasi, indikator_pk=ind).exists():
            return
        tahun, triwulan, kode = evaluasi.tahun, evaluasi.triwulan, ind.indikator_renstra.kode
        jabatan = ind.indikator_renstra.penanggung_jawab
        uraian, tindak_lanjut = REKOMENDASI.get(self.a.data.kode_unit, {}).get(
            (tahun, triwulan, kode),
            (
                f"Capaian {ind.nama} triwulan {triwulan} ({h.rumus}) di bawah target: susun "
                "langkah percepatan dan laporkan pada pemantauan bulan berikutnya.",
                "Langkah percepatan disusun dan dilaporkan pada rapat monitoring.",
            ),
        )
        t, bulan = bulan_pantau(tahun, triwulan)
        r = self._simpan(
            self.a.kasubag,
            Rekomendasi(
                evaluasi=evaluasi,
                instansi=self.a.instansi,
                jabatan=jabatan,
                indikator_pk=ind,
                uraian=uraian,
                dipantau_bulan=bulan,
            ),
        )
        self.p.dibuat += 1
        terakhir = self._triwulan_terakhir()
        kunci = (self.a.data.kode_unit, tahun, triwulan, kode)
        if (tahun, triwulan) == terakhir and kunci not in DITINDAKLANJUTI:
            return  # still open: checked at next month's monitoring
        r.status = Rekomendasi.Status.DITINDAKLANJUTI
        r.tindak_lanjut = tindak_lanjut
        r.ditindaklanjuti_oleh = self.a._pemegang([jabatan.pk])
        r.ditindaklanjuti_pada = _waktu(t, bulan, 6 if (tahun, triwulan) == terakhir else 5)
        self._simpan(r.ditindaklanjuti_oleh, r, "Tindak lanjut dilaporkan (demo)")
        if (tahun, triwulan) == terakhir:
            return
        r.status = Rekomendasi.Status.SELESAI
        r.ditutup_oleh = self.camat
        r.ditutup_pada = _waktu(t, bulan, 20, 10)
        self._simpan(self.camat, r, "Rekomendasi ditutup setelah diperiksa (demo)")

    def _triwulan_terakhir(self) -> tuple[int, int]:
        """The last quarter evaluated: its recommendations are not yet checked."""
        periode = self.dipantau()[-1]
        return periode.tahun, periode.sampai // 3

    # ------------------------------------------------------------ control cards

    def _kartu(self, tahun: int, bulan: int, ditandatangani: bool) -> None:
        kartu = KartuKendali.objects.filter(
            instansi=self.a.instansi, tahun=tahun, bulan=bulan
        ).first()
        baru = kartu is None
        if baru:
            kartu = self._simpan(
                self.tim,
                KartuKendali(
                    instansi=self.a.instansi,
                    tahun=tahun,
                    bulan=bulan,
                    catatan=self._catatan_kartu(tahun, bulan),
                ),
            )
            self.p.dibuat += 1
        tahunan = self.a.tahunan[tahun]
        kegiatan = ItemAnggaran.objects.filter(
            dokumen__instansi=self.a.instansi,
            dokumen__jenis="dpa",
            dokumen__tahun=tahun,
            level=ItemAnggaran.Level.KEGIATAN,
        ).order_by("kode")
        ada = set(kartu.baris.values_list("item_id", flat=True))
        for item in kegiatan.exclude(pk__in=ada):
            self._baris(kartu, item, tahunan, bulan)
        if baru and ditandatangani:
            kartu.status = KartuKendali.Status.DITANDATANGANI
            kartu.ditandatangani_pada = _waktu(*bulan_berikut(tahun, bulan), 9, 11)
            self._simpan(self.camat, kartu, "Kartu kendali ditandatangani (demo)")

    def _baris(self, kartu: KartuKendali, item: ItemAnggaran, tahunan: _Tahun, bulan: int):
        sub = [s for s in tahunan.sub if s.kode.startswith(item.kode)]
        rencana = sum((sum(tahunan.kas[s.pk][:bulan], Decimal(0)) for s in sub), Decimal(0))
        # Physical progress follows the money actually spent against what will be spent.
        setahun = sum((sum(tahunan.belanja[s.pk], Decimal(0)) for s in sub), Decimal(0))
        sudah = sum((sum(tahunan.belanja[s.pk][:bulan], Decimal(0)) for s in sub), Decimal(0))
        baris = BarisKartuKendali(
            kartu=kartu,
            item=item,
            target_fisik=_persen(rencana, item.pagu),
            realisasi_fisik=min(_persen(sudah, setahun), Decimal(100)),
        )
        kendala = KENDALA.get((kartu.tahun, item.kode))
        if baris.target_fisik - baris.realisasi_fisik >= 5 and kendala:
            baris.kendala, baris.tindak_lanjut = kendala
        self._simpan(self.tim, baris)
        self.p.dibuat += 1

    def _catatan_kartu(self, tahun: int, bulan: int) -> str:
        """The recommendations checked this month, so the follow-up shows on the card."""
        dipantau = [
            r
            for r in Rekomendasi.objects.filter(instansi=self.a.instansi).select_related(
                "evaluasi", "jabatan"
            )
            if bulan_pantau(r.evaluasi.tahun, r.evaluasi.triwulan) == (tahun, bulan)
        ]
        if not dipantau:
            return ""
        baris = [
            f"- TW {r.evaluasi.triwulan} {r.evaluasi.tahun}, {r.jabatan.nama}: "
            f"{r.get_status_display()}"
            for r in dipantau
        ]
        return "Rekomendasi yang dipantau bulan ini:\n" + "\n".join(baris)

    # ------------------------------------------------------------ year-end archive

    def _arsip(self, tahun: int) -> None:
        if ArsipKinerja.objects.filter(instansi=self.a.instansi, tahun=tahun).exists():
            return
        arsip = self._simpan(
            self.a.kasubag,
            ArsipKinerja(
                instansi=self.a.instansi,
                tahun=tahun,
                isi=isi_arsip(self.a.instansi, tahun),
                dibuat_pada=_waktu(tahun + 1, 1, 20),
            ),
        )
        arsip.ditandatangani_oleh = self.camat
        arsip.ditandatangani_pada = _waktu(tahun + 1, 1, 27, 10)
        self._simpan(self.camat, arsip, "Data kinerja tahunan ditandatangani (demo)")
        self.p.dibuat += 1


def _kesimpulan(hasil: list, meleset: list, kepala: str = "Camat") -> str:
    teks = (
        f"{len(hasil) - len(meleset)} dari {len(hasil)} indikator Perjanjian Kinerja {kepala} "
        "mencapai target triwulan."
    )
    if meleset:
        rincian = "; ".join(f"{i.nama} ({h.rumus})" for i, h in meleset)
        teks += f" Belum tercapai: {rincian}. Rekomendasi perbaikan disampaikan kepada "
        teks += "pejabat penanggung jawab."
    return teks


def isi_arsip(instansi: Instansi, tahun: int) -> dict:
    """The frozen yearly snapshot: target, realisation and capaian of every Renstra
    indicator, and the budget absorption (seed 001 steps 12–16). Numbers are text so
    the snapshot stays exact in JSON; `target` is as documents show it."""
    baris = penilaian.capaian_renstra(instansi, tahun)
    dpa = penilaian.dpa_tahun(instansi.pk, tahun)
    sub, serapan = penilaian.serapan_dpa(dpa) if dpa else ([], None)
    return {
        "instansi": instansi.nama,
        "tahun": tahun,
        "indikator": [
            {
                "kode": b.kode,
                "nama": b.nama,
                "satuan": b.satuan,
                "target": b.target,
                "realisasi": _teks(b.realisasi),
                "bulanan": [_teks(v) for v in b.bulanan],
                "capaian": _teks(b.nilai, dua_desimal=True),
                "kategori": b.kategori,
                "rumus": b.hasil.rumus,
            }
            for b in baris
        ],
        "rata_capaian": _teks(penilaian.rata_capaian(baris), dua_desimal=True),
        "anggaran": {
            "pagu": _teks(sum((s.pagu for s in sub), Decimal(0))),
            "realisasi": _teks(sum((s.realisasi for s in sub), Decimal(0))),
            "serapan": _teks(serapan.nilai, dua_desimal=True) if serapan else None,
            "rumus": serapan.rumus if serapan else "",
        },
    }
