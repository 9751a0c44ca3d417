"""The loader: writes an agency's plan (Renstra, IKU, Renja/RKA/DPA, the PK cascade, the
Rencana Aksi) through `services`, creating only the rows that are missing."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import models, transaction

from sakip.organisasi.demo import jabatan_demo
from sakip.organisasi.models import Instansi, Pemda

from .. import services
from ..models import (
    IKU,
    AnggaranKas,
    AnggaranPK,
    DokumenAnggaran,
    Indikator,
    IndikatorItem,
    IndikatorPK,
    ItemAnggaran,
    Kebijakan,
    Misi,
    PerjanjianKinerja,
    ProgramRenstra,
    RencanaAksi,
    Renstra,
    Sasaran,
    SasaranPK,
    Skala,
    Strategi,
    TargetTahunan,
    Tujuan,
)
from .bentuk import PEMDA, SKALA, TAHUN_RENSTRA, Agensi, Dok, Ind, PosisiPK, Sas, Sub
from .data_agensi_lain import AGENSI
from .data_bersama import KEGIATAN, PROGRAM
from .data_bungaraya import TANGGAL_TTD, TETAP_DRAF, TIDAK_DITURUNKAN
from .hitungan import (
    _cocok,
    _pj,
    _semua_indikator,
    _semua_sasaran,
    nilai_target,
    rencana_kas,
    target_triwulan,
)

# ---------------------------------------------------------------- loader


class _Pemuat:
    def __init__(self, aktor):
        self.aktor = aktor
        self.dibuat = 0

    def pastikan(self, model: type[models.Model], kunci: dict, isian: dict | None = None):
        """The row with these natural keys; created through `services.simpan` when missing."""
        obj = model.objects.filter(**kunci).first()
        if obj is None:
            obj = services.simpan(aktor=self.aktor, objek=model(**kunci, **(isian or {})))
            self.dibuat += 1
        return obj

    def _skala(self, pemda: Pemda, nama: str, nilai: list[str]) -> Skala:
        skala = Skala.objects.filter(pemda=pemda, nama=nama).first()
        if skala is None:
            # A scale is Pemda master data, kept by the Pemda's administrators.
            skala = services.simpan_skala(
                aktor=self.aktor, skala=Skala(pemda=pemda, nama=nama, nilai=nilai)
            )
            self.dibuat += 1
        return skala

    def muat(self) -> int:
        pemda = Pemda.objects.filter(nama=PEMDA).first()
        if pemda is None:  # the demo organisation is not loaded: nothing to plan for
            return 0
        with transaction.atomic():
            self.skala = {nama: self._skala(pemda, nama, nilai) for nama, nilai in SKALA.items()}
            for data in AGENSI:
                instansi = Instansi.objects.filter(pemda=pemda, kode_unit=data.kode_unit).first()
                if instansi is not None:
                    _Agensi(self, data, instansi).muat()
        return self.dibuat


class _Agensi:
    """Loads one agency's plan; `p` is the shared loader (actor, counter, scales)."""

    def __init__(self, p: _Pemuat, data: Agensi, instansi: Instansi):
        self.p, self.data, self.instansi = p, data, instansi
        self.spek_indikator = _semua_indikator(data)
        self.spek_sasaran = _semua_sasaran(data)
        self.jabatan = jabatan_demo(instansi)

    def muat(self) -> None:
        self._renstra()
        for tahun, jenis_dokumen in self.data.dokumen:
            item = {jenis: self._dokumen(tahun, jenis) for jenis in jenis_dokumen}
            self._kaskade(tahun, item[Dok.DPA])

    # ------------------------------------------------------------ Renstra

    def _renstra(self) -> None:
        p, data = self.p, self.data
        sebelum = p.dibuat
        self.renstra = r = p.pastikan(
            Renstra,
            {"instansi": self.instansi, "tahun_awal": TAHUN_RENSTRA[0]},
            {"tahun_akhir": TAHUN_RENSTRA[-1], "visi": data.visi},
        )
        baru = p.dibuat > sebelum
        misi = {
            kode: p.pastikan(Misi, {"renstra": r, "kode": kode}, {"uraian": uraian, "urutan": i})
            for i, (kode, uraian) in enumerate(data.misi)
        }
        self.indikator: dict[str, Indikator] = {}
        self.sasaran: dict[str, Sasaran] = {}
        for i, t in enumerate(data.tujuan):
            tujuan = p.pastikan(
                Tujuan,
                {"renstra": r, "kode": t.kode},
                {"uraian": t.uraian, "misi": misi[t.misi], "urutan": i},
            )
            for ind in t.indikator:
                self._indikator(ind, tujuan=tujuan)
            for s in t.sasaran:
                self._sasaran(s, tujuan, urutan=len(self.sasaran))
        for ind in self.spek_indikator.values():
            if ind.iku:
                self._iku(ind)
        if baru:
            # Adopted once complete, as the Renstra SOP does on signature: saving a part of
            # an adopted Renstra would reopen it as a revision. A Renstra found in draft
            # (reopened by a user) is left to its revision.
            r.status = Renstra.Status.DITETAPKAN
            services.simpan(aktor=p.aktor, objek=r, keterangan="Renstra ditetapkan (demo)")

    def _sasaran(self, s: Sas, tujuan: Tujuan, urutan: int) -> None:
        p, r = self.p, self.renstra
        sasaran = p.pastikan(
            Sasaran,
            {"renstra": r, "kode": s.kode},
            {"tujuan": tujuan, "uraian": s.uraian, "urutan": urutan},
        )
        self.sasaran[s.kode] = sasaran
        for ind in s.indikator:
            self._indikator(ind, sasaran=sasaran)
        nomor = s.kode.removeprefix("S")
        strategi = p.pastikan(
            Strategi,
            {"renstra": r, "kode": f"ST{nomor}"},
            {"sasaran": sasaran, "uraian": s.strategi, "urutan": urutan},
        )
        for i, uraian in enumerate(s.kebijakan, start=1):
            p.pastikan(
                Kebijakan,
                {"renstra": r, "kode": f"KB{nomor}.{i}"},
                {"strategi": strategi, "uraian": uraian, "urutan": i},
            )
        for i, kode in enumerate(s.program):
            p.pastikan(
                ProgramRenstra,
                {"renstra": r, "sasaran": sasaran, "kode": kode},
                {"uraian": PROGRAM[kode], "urutan": i},
            )

    def _indikator(self, ind: Ind, **induk) -> None:
        awal = nilai_target(ind.baseline)
        akhir = nilai_target(ind.target[-1])
        obj = self.p.pastikan(
            Indikator,
            {"renstra": self.renstra, "kode": ind.kode},
            {
                **induk,
                "nama": ind.nama,
                "satuan": ind.satuan,
                "skala": self.p.skala[ind.skala] if ind.skala else None,
                "polaritas": ind.polaritas,
                "agregasi": ind.agregasi,
                "baseline": awal.get("target"),
                "baseline_skala": awal.get("target_skala", ""),
                "target_akhir": akhir.get("target"),
                "target_akhir_atas": akhir.get("target_atas"),
                "target_akhir_skala": akhir.get("target_skala", ""),
                "definisi": ind.definisi,
                "formula": ind.formula,
                "sumber_data": ind.sumber,
                "penanggung_jawab": self.jabatan[ind.pj],
                "urutan": len(self.indikator),
            },
        )
        self.indikator[ind.kode] = obj
        for tahun, v in zip(TAHUN_RENSTRA, ind.target, strict=True):
            self.p.pastikan(TargetTahunan, {"indikator": obj, "tahun": tahun}, nilai_target(v))

    def _iku(self, ind: Ind) -> None:
        self.p.pastikan(
            IKU,
            {"renstra": self.renstra, "indikator": self.indikator[ind.kode]},
            {
                "tahun_mulai": TAHUN_RENSTRA[0],
                "alasan": ind.iku,
                "definisi": ind.definisi,
                "formula": ind.formula,
                "sumber_data": ind.sumber,
                "penanggung_jawab": self.jabatan[ind.pj],
            },
        )

    def _target_renstra(self, kode: str, tahun: int):
        return self.spek_indikator[kode].target[tahun - TAHUN_RENSTRA[0]]

    # ------------------------------------------------------------ Renja / RKA / DPA

    def _dokumen(self, tahun: int, jenis: str) -> dict[str, ItemAnggaran]:
        """One budget document with its program → kegiatan → sub-kegiatan tree."""
        tanggal = {
            Dok.RENJA: datetime.date(tahun - 1, 7, 15),
            Dok.RKA: datetime.date(tahun - 1, 10, 21),
            Dok.DPA: datetime.date(tahun - 1, 12, 30),
        }[jenis]
        nomor = {
            Dok.RENJA: f"000.7.2.4/{tahun - 2000:03d}/{self.data.kode_unit}/{tahun - 1}",
            Dok.RKA: f"RKA/A.1/{self.data.kode_skpd}/001/{tahun}",
            Dok.DPA: f"DPA/A.1/{self.data.kode_skpd}/001/{tahun}",
        }[jenis]
        dok = self.p.pastikan(
            DokumenAnggaran,
            {"instansi": self.instansi, "jenis": jenis, "tahun": tahun},
            {"renstra": self.renstra, "nomor": nomor, "tanggal_pengesahan": tanggal},
        )
        subs = [s for s in self.data.sub if tahun in s.pagu]
        item: dict[str, ItemAnggaran] = {}
        for sub in subs:
            program, kegiatan = sub.kode[:7], sub.kode[:12]
            if program not in item:
                item[program] = self._item(
                    dok, program, PROGRAM[program], None, subs, tahun, len(item)
                )
                self._indikator_program(item[program], tahun)
            if kegiatan not in item:
                nama, keluaran = KEGIATAN[kegiatan]
                item[kegiatan] = self._item(
                    dok, kegiatan, nama, item[program], subs, tahun, len(item)
                )
                self._indikator_item(item[kegiatan], keluaran)
            item[sub.kode] = self._item(
                dok, sub.kode, sub.nama, item[kegiatan], subs, tahun, len(item)
            )
            self._indikator_item(item[sub.kode], sub.keluaran)
            if jenis != Dok.RENJA:
                for bulan, jumlah in enumerate(rencana_kas(sub.pagu[tahun], sub.pola), start=1):
                    self.p.pastikan(
                        AnggaranKas, {"item": item[sub.kode], "bulan": bulan}, {"jumlah": jumlah}
                    )
        return item

    def _item(self, dok, kode: str, nama: str, induk, subs: list[Sub], tahun: int, urutan: int):
        level = {7: "program", 12: "kegiatan"}.get(len(kode), "sub")
        program = None
        if level == "program":
            program = ProgramRenstra.objects.filter(renstra=self.renstra, kode=kode).first()
        return self.p.pastikan(
            ItemAnggaran,
            {"dokumen": dok, "kode": kode},
            {
                "induk": induk,
                "level": level,
                "nama": nama,
                # A program's or kegiatan's pagu is the sum of its sub-kegiatan.
                "pagu": sum(s.pagu[tahun] for s in subs if s.kode.startswith(kode)),
                "program_renstra": program,
                "penanggung_jawab": self.jabatan[_pj(self.data.pj, kode)],
                "urutan": urutan,
            },
        )

    def _indikator_program(self, item: ItemAnggaran, tahun: int) -> None:
        """A program is measured by the Renstra indicators of the sasaran it serves."""
        kode_ind = [
            ind.kode
            for s in self.spek_sasaran.values()
            if item.kode in s.program
            for ind in s.indikator
        ]
        for urutan, kode in enumerate(kode_ind):
            ind = self.indikator[kode]
            self.p.pastikan(
                IndikatorItem,
                {"item": item, "nama": ind.nama},
                {
                    "satuan": ind.satuan,
                    "indikator_renstra": ind,
                    "urutan": urutan,
                    **nilai_target(self._target_renstra(kode, tahun)),
                },
            )

    def _indikator_item(self, item: ItemAnggaran, keluaran: tuple) -> None:
        nama, satuan, target = keluaran
        self.p.pastikan(
            IndikatorItem, {"item": item, "nama": nama}, {"satuan": satuan, **nilai_target(target)}
        )

    # ------------------------------------------------------------ PK cascade

    def _kaskade(self, tahun: int, item_dpa: dict[str, ItemAnggaran]) -> None:
        pk: dict[str, PerjanjianKinerja] = {}
        kedalaman: dict[str, int] = {}
        for pos in self.data.kaskade:
            kedalaman[pos.jabatan] = kedalaman[pos.atasan] + 1 if pos.atasan else 0
            pk[pos.jabatan] = self._pk(pos, tahun, pk.get(pos.atasan), item_dpa)
        # Signed last: a signed PK is frozen, and every row above had to be in it first.
        for pos in self.data.kaskade:
            if (tahun, pos.jabatan) in TETAP_DRAF:
                continue
            dokumen = PerjanjianKinerja.objects.get(pk=pk[pos.jabatan].pk)
            if dokumen.status == PerjanjianKinerja.Status.DRAF:
                services.tandatangani_pk(
                    aktor=self.p.aktor,
                    pk=dokumen,
                    tanggal=TANGGAL_TTD[tahun][kedalaman[pos.jabatan]],
                )

    def _pk(self, pos: PosisiPK, tahun: int, atasan, item_dpa) -> PerjanjianKinerja:
        jabatan = self.jabatan[pos.jabatan]
        dibawa = [s for s in pos.sasaran if (tahun, pos.jabatan, s) not in TIDAK_DITURUNKAN]
        pk = (
            PerjanjianKinerja.objects.filter(jabatan=jabatan, tahun=tahun)
            .exclude(status=PerjanjianKinerja.Status.DIGANTI)
            .first()
        )
        if pk is None:
            pk = services.buat_pk(
                aktor=self.p.aktor, jabatan=jabatan, tahun=tahun, pk_atasan=atasan
            )
            self.p.dibuat += 1
            self._pangkas(pk, dibawa)
        elif pk.terkunci:
            return pk  # signed: frozen as it was signed, even if the demo data grew since
        for urutan, kode in enumerate(dibawa):
            self._sasaran_pk(pk, pos, kode, urutan, atasan, tahun)
        level, awalan = pos.anggaran
        baris = [i for k, i in sorted(item_dpa.items()) if i.level == level and _cocok(k, awalan)]
        for urutan, i in enumerate(baris):
            self.p.pastikan(
                AnggaranPK,
                {"pk_dokumen": pk, "item": i},
                {"uraian": f"{i.kode} {i.nama}", "anggaran": i.pagu, "urutan": urutan},
            )
        if tahun in self.data.rencana_aksi and atasan is None:
            self._rencana_aksi(pk, tahun, item_dpa)
        return pk

    def _pangkas(self, pk: PerjanjianKinerja, dibawa: list[str]) -> None:
        """`buat_pk` copies every sasaran of the superior: keep those this official serves."""
        for s in pk.sasaran.select_related("sasaran_renstra"):
            if s.sasaran_renstra.kode in dibawa:
                self.p.dibuat += 1
            else:
                services.hapus(aktor=self.p.aktor, objek=s)

    def _sasaran_pk(self, pk, pos: PosisiPK, kode: str, urutan: int, atasan, tahun: int) -> None:
        sasaran = self.sasaran[kode]
        s_atasan = atasan.sasaran.filter(sasaran_renstra=sasaran).first() if atasan else None
        s = self.p.pastikan(
            SasaranPK,
            {"pk_dokumen": pk, "sasaran_renstra": sasaran},
            {"uraian": sasaran.uraian, "sasaran_atasan": s_atasan, "urutan": urutan},
        )
        spek = self.spek_sasaran[kode]
        renstra = [
            i.kode
            for i in spek.indikator
            if pos.indikator_renstra is None or i.kode in pos.indikator_renstra
        ]
        for n, k in enumerate(renstra):
            ind = self.indikator[k]
            self.p.pastikan(
                IndikatorPK,
                {"sasaran": s, "nama": ind.nama},
                {
                    "satuan": ind.satuan,
                    "indikator_renstra": ind,
                    "urutan": n,
                    **nilai_target(self._target_renstra(k, tahun)),
                },
            )
        sendiri = [x for x in pos.indikator_sendiri if x[0] == kode]
        for n, (_, nama, satuan, target) in enumerate(sendiri, start=len(renstra)):
            self.p.pastikan(
                IndikatorPK,
                {"sasaran": s, "nama": nama},
                {"satuan": satuan, "urutan": n, **nilai_target(target)},
            )

    # ------------------------------------------------------------ Rencana Aksi

    def _rencana_aksi(self, pk, tahun: int, item_dpa: dict[str, ItemAnggaran]) -> None:
        """Quarterly targets, actions and budget of the head's PK indicators.

        The budget of a quarter is the anggaran kas, in that quarter, of the DPA
        sub-kegiatan that fund the indicator, so the plan adds up to the PK's total.
        """
        sub = [i for i in item_dpa.values() if i.level == "sub"]
        kas = list(AnggaranKas.objects.filter(item__in=sub).select_related("item"))
        indikator = IndikatorPK.objects.filter(
            sasaran__pk_dokumen=pk, indikator_renstra__isnull=False
        ).select_related("indikator_renstra")
        for ind_pk in indikator:
            spek = self.spek_indikator[ind_pk.indikator_renstra.kode]
            tahunan = self._target_renstra(spek.kode, tahun)
            sebelumnya = (
                self._target_renstra(spek.kode, tahun - 1)
                if tahun > TAHUN_RENSTRA[0]
                else spek.baseline
            )
            dana = [k for k in kas if _cocok(k.item.kode, spek.dana)]
            for q, target in enumerate(target_triwulan(spek, tahunan, sebelumnya), start=1):
                self.p.pastikan(
                    RencanaAksi,
                    {"indikator": ind_pk, "jenis_periode": "triwulan", "periode": q},
                    {
                        "aksi": spek.aksi[q - 1] if spek.aksi else "",
                        "anggaran": sum(
                            (k.jumlah for k in dana if (k.bulan - 1) // 3 + 1 == q), Decimal(0)
                        ),
                        **nilai_target(target),
                    },
                )


def muat(aktor) -> int:
    """Load the demo planning data; returns how many rows were created (0 when complete)."""
    return _Pemuat(aktor).muat()
