"""The monthly control card (kartu kendali, seed 001 step 6): drafted from the DPA, filled
by the Tim, signed by the head through the monitoring SOP run; and the recommendations
each month's card checks (step 10)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sakip.organisasi.models import Instansi
from sakip.perencanaan.models import AnggaranKas, ItemAnggaran
from sakip.sop.dokumen_terikat import Kekurangan

from .. import penilaian, services
from ..models import BarisKartuKendali, KartuKendali, RealisasiAnggaran, Rekomendasi
from ..services import AturanPengukuran, nama_bulan
from .akses import boleh_menandatangani, boleh_mengisi, pastikan
from .umum import SEN, SERATUS, jumlah_per_item, persen, selisih

# ---------------------------------------------------------------- control card: write side


def _item_kartu(dpa) -> list[ItemAnggaran]:
    """The DPA's sub-kegiatan, and the kegiatan that have none: the rows of the card."""
    item = list(
        dpa.item.filter(
            level__in=[ItemAnggaran.Level.KEGIATAN, ItemAnggaran.Level.SUB_KEGIATAN]
        ).order_by("kode")
    )
    berinduk = {i.induk_id for i in item if i.level == ItemAnggaran.Level.SUB_KEGIATAN}
    return [i for i in item if i.level == ItemAnggaran.Level.SUB_KEGIATAN or i.pk not in berinduk]


def _rencana_fisik_awal(item_ids: list[int], bulan: int) -> dict[int, Decimal | None]:
    """A first rencana fisik: the share of the year's cash plan due by this month.

    The DPA plans money, not work; following the cash plan is the usual first guess,
    which the Tim corrects where the work runs differently.
    """
    kas = AnggaranKas.objects.filter(item_id__in=item_ids)
    sampai, setahun = jumlah_per_item(kas, bulan), jumlah_per_item(kas)
    return {i: persen(sampai.get(i, Decimal(0)), setahun.get(i)) for i in item_ids}


def buat_kartu(*, aktor, instansi: Instansi, tahun: int, bulan: int) -> KartuKendali:
    """The month's control card pre-filled from the year's DPA: one row per sub-kegiatan
    with the rencana fisik the cash plan implies and last month's realisasi fisik (both
    cumulative). Asking again returns the existing card unchanged."""
    pastikan(
        boleh_mengisi(aktor, instansi.pk),
        _("Kartu kendali diisi oleh Tim Monitoring atau Kasubag Perencanaan."),
    )
    ada = KartuKendali.objects.filter(instansi=instansi, tahun=tahun, bulan=bulan).first()
    if ada is not None:
        return ada
    dpa = penilaian.dpa_tahun(instansi.pk, tahun)
    if dpa is None:
        raise AturanPengukuran(
            _("DPA %(t)s belum ada: kartu kendali disusun dari kegiatan DPA.") % {"t": tahun}
        )
    item = _item_kartu(dpa)
    rencana = _rencana_fisik_awal([i.pk for i in item], bulan)
    lalu = dict(
        BarisKartuKendali.objects.filter(
            kartu__instansi=instansi, kartu__tahun=tahun, kartu__bulan=bulan - 1
        ).values_list("item_id", "realisasi_fisik")
    )
    try:
        with transaction.atomic():
            kartu = services.simpan(
                aktor=aktor,
                objek=KartuKendali(instansi=instansi, tahun=tahun, bulan=bulan),
                keterangan=f"Menyusun kartu kendali {nama_bulan(tahun, bulan)} dari DPA",
            )
            for i in item:
                baris = BarisKartuKendali(
                    kartu=kartu, item=i, target_fisik=rencana[i.pk], realisasi_fisik=lalu.get(i.pk)
                )
                services.simpan(aktor=aktor, objek=baris, keterangan="Baris dari DPA")
    except IntegrityError:
        # Two people pressed "Susun" at once: the other one's card stands.
        return KartuKendali.objects.get(instansi=instansi, tahun=tahun, bulan=bulan)
    return kartu


@dataclass(frozen=True)
class IsianBaris:
    target_fisik: Decimal | None
    realisasi_fisik: Decimal | None
    kendala: str
    tindak_lanjut: str


def _pastikan_draf(kartu: KartuKendali) -> None:
    if kartu.status == KartuKendali.Status.DITANDATANGANI:
        raise AturanPengukuran(_("Kartu kendali ini sudah ditandatangani dan tidak dapat diubah."))


def _pastikan_persen(nilai: Decimal | None, apa: str) -> None:
    if nilai is not None and not Decimal(0) <= nilai <= SERATUS:
        raise AturanPengukuran(_("%(apa)s harus antara 0 dan 100%%.") % {"apa": apa})


def isi_kartu(
    *, aktor, kartu: KartuKendali, isian: Mapping[int, IsianBaris], catatan: str | None = None
) -> int:
    """Save the rows the Tim changed (by row id), all or none; returns how many changed."""
    pastikan(
        boleh_mengisi(aktor, kartu.instansi_id, kartu),
        _("Kartu kendali diisi oleh Tim Monitoring atau Kasubag Perencanaan."),
    )
    berubah = 0
    with transaction.atomic():
        kartu = KartuKendali.objects.select_for_update(of=("self",)).get(pk=kartu.pk)
        _pastikan_draf(kartu)
        for baris in kartu.baris.select_related("item").filter(pk__in=list(isian)):
            baru = isian[baris.pk]
            lama = IsianBaris(
                baris.target_fisik, baris.realisasi_fisik, baris.kendala, baris.tindak_lanjut
            )
            if lama == baru:
                continue
            _pastikan_persen(baru.target_fisik, _("Rencana fisik %s") % baris.item.kode)
            _pastikan_persen(baru.realisasi_fisik, _("Realisasi fisik %s") % baris.item.kode)
            baris.target_fisik, baris.realisasi_fisik = baru.target_fisik, baru.realisasi_fisik
            baris.kendala, baris.tindak_lanjut = baru.kendala.strip(), baru.tindak_lanjut.strip()
            services.simpan(aktor=aktor, objek=baris, keterangan="Mengisi kartu kendali")
            berubah += 1
        if catatan is not None and catatan.strip() != kartu.catatan:
            kartu.catatan = catatan.strip()
            services.simpan(aktor=aktor, objek=kartu, keterangan="Catatan kartu kendali")
            berubah += 1
    return berubah


def kekurangan_kartu(kartu: KartuKendali) -> list[Kekurangan]:
    """What the card still lacks before it is handed on (to the Sekretaris' paraf, the
    head's signature): a row without realisasi fisik would be read as "nothing done".
    Each named in words, linking to its row on the card page."""
    if kartu.status == KartuKendali.Status.DITANDATANGANI:
        return []
    url = reverse("pengukuran:kartu_kendali", args=[kartu.pk])
    baris = list(kartu.baris.select_related("item"))
    if not baris:
        return [Kekurangan(_("Kartu kendali belum memuat kegiatan dari DPA"), url)]
    return [
        Kekurangan(
            _("Realisasi fisik %(tingkat)s “%(nama)s” (%(kode)s) belum diisi")
            % {
                "tingkat": _("sub kegiatan")
                if b.item.level == ItemAnggaran.Level.SUB_KEGIATAN
                else _("kegiatan"),
                "nama": b.item.nama,
                "kode": b.item.kode,
            },
            f"{url}#baris-{b.pk}",
        )
        for b in baris
        if b.realisasi_fisik is None
    ]


def tandatangani_kartu(*, aktor, kartu: KartuKendali) -> KartuKendali:
    """The head signs the month's card (through the monitoring SOP run); it is then frozen.

    Refused while a row has no realisasi fisik: a signed card with gaps would be read as
    "nothing done". Signing twice is harmless.
    """
    pastikan(
        boleh_menandatangani(aktor, kartu.instansi_id),
        _("Kartu kendali ditandatangani oleh kepala instansi."),
    )
    with transaction.atomic():
        kartu = KartuKendali.objects.select_for_update(of=("self",)).get(pk=kartu.pk)
        if kartu.status == KartuKendali.Status.DITANDATANGANI:
            return kartu
        kurang = kekurangan_kartu(kartu)
        if kurang:
            raise AturanPengukuran(" ".join(f"{k.pesan}." for k in kurang))
        kartu.status = KartuKendali.Status.DITANDATANGANI
        kartu.ditandatangani_pada = timezone.now()
        return services.simpan(aktor=aktor, objek=kartu, keterangan="Kartu kendali ditandatangani")


# ---------------------------------------------------------------- control card: read side


@dataclass
class BarisTampil:
    """One line of the card: a sub-kegiatan row, or a program/kegiatan summing its rows."""

    item: ItemAnggaran
    tingkat: int  # 0 program, 1 kegiatan, 2 sub-kegiatan
    baris: BarisKartuKendali | None  # None on a summary line
    pagu: Decimal
    rencana_keuangan: Decimal
    realisasi_keuangan: Decimal
    target_fisik: Decimal | None
    realisasi_fisik: Decimal | None

    @property
    def persen_rencana_keuangan(self) -> Decimal | None:
        return persen(self.rencana_keuangan, self.pagu)

    @property
    def persen_realisasi_keuangan(self) -> Decimal | None:
        return persen(self.realisasi_keuangan, self.pagu)

    @property
    def deviasi_fisik(self) -> Decimal | None:
        return selisih(self.realisasi_fisik, self.target_fisik)

    @property
    def deviasi_keuangan(self) -> Decimal:
        return self.realisasi_keuangan - self.rencana_keuangan

    @property
    def deviasi_keuangan_persen(self) -> Decimal | None:
        return selisih(self.persen_realisasi_keuangan, self.persen_rencana_keuangan)


def _bobot_fisik(anak: list[BarisTampil], nama: str) -> Decimal | None:
    """A parent's physical progress: its rows' progress weighted by their pagu."""
    terisi = [(b.pagu, getattr(b, nama)) for b in anak if getattr(b, nama) is not None]
    pagu = sum((p for p, _v in terisi), Decimal(0))
    if not pagu:
        return None
    return (sum((p * v for p, v in terisi), Decimal(0)) / pagu).quantize(SEN, ROUND_HALF_UP)


def _ringkas(item: ItemAnggaran, tingkat: int, anak: list[BarisTampil]) -> BarisTampil:
    return BarisTampil(
        item=item,
        tingkat=tingkat,
        baris=None,
        pagu=item.pagu,
        rencana_keuangan=sum((b.rencana_keuangan for b in anak), Decimal(0)),
        realisasi_keuangan=sum((b.realisasi_keuangan for b in anak), Decimal(0)),
        target_fisik=_bobot_fisik(anak, "target_fisik"),
        realisasi_fisik=_bobot_fisik(anak, "realisasi_fisik"),
    )


def susunan_kartu(kartu: KartuKendali) -> tuple[list[BarisTampil], BarisTampil | None]:
    """The card as drawn: program → kegiatan → sub-kegiatan with plan and realisation to
    date — fisik as entered, keuangan from the DPA cash plan (AnggaranKas) and the budget
    realisation (RealisasiAnggaran) up to the card's month — and the card's total line.
    Four queries, whatever the size of the DPA."""
    baris = list(kartu.baris.select_related("item"))
    if not baris:
        return [], None
    semua = {i.pk: i for i in ItemAnggaran.objects.filter(dokumen_id=baris[0].item.dokumen_id)}
    ids = [b.item_id for b in baris]
    rencana = jumlah_per_item(AnggaranKas.objects.filter(item_id__in=ids), kartu.bulan)
    realisasi = jumlah_per_item(RealisasiAnggaran.objects.filter(item_id__in=ids), kartu.bulan)
    daun: dict[int, list[BarisTampil]] = defaultdict(list)  # by kegiatan (or own id)
    for b in baris:
        tampil = BarisTampil(
            item=b.item,
            tingkat=2 if b.item.level == ItemAnggaran.Level.SUB_KEGIATAN else 1,
            baris=b,
            pagu=b.item.pagu,
            rencana_keuangan=rencana.get(b.item_id, Decimal(0)),
            realisasi_keuangan=realisasi.get(b.item_id, Decimal(0)),
            target_fisik=b.target_fisik,
            realisasi_fisik=b.realisasi_fisik,
        )
        daun[b.item.induk_id if tampil.tingkat == 2 else b.item_id].append(tampil)
    per_program: dict[int | None, list[tuple[ItemAnggaran, list[BarisTampil]]]] = defaultdict(list)
    for kegiatan_id, anak in daun.items():
        kegiatan = semua[kegiatan_id]
        per_program[kegiatan.induk_id].append((kegiatan, anak))
    hasil, semua_daun = [], []
    for program_id in sorted(per_program, key=lambda i: semua[i].kode if i else ""):
        kelompok = sorted(per_program[program_id], key=lambda k: k[0].kode)
        isi_program = [d for _k, anak in kelompok for d in anak]
        if program_id is not None:
            hasil.append(_ringkas(semua[program_id], 0, isi_program))
        for kegiatan, anak in kelompok:
            if anak[0].baris is not None and anak[0].item.pk == kegiatan.pk:
                hasil.extend(anak)  # a kegiatan without sub-kegiatan is itself a row
            else:
                hasil.append(_ringkas(kegiatan, 1, anak))
                hasil.extend(anak)
        semua_daun += isi_program
    total = _ringkas(ItemAnggaran(kode="", nama=_("Jumlah"), pagu=Decimal(0)), 0, semua_daun)
    total.pagu = sum((d.pagu for d in semua_daun), Decimal(0))
    return hasil, total


def bulan_pantau(r: Rekomendasi) -> tuple[int, int]:
    """(year, month) a recommendation is first checked. `dipantau_bulan` follows the evaluated
    quarter, so a month before that quarter began is in the next year (TW IV → January)."""
    awal_triwulan = r.evaluasi.triwulan * 3 - 2
    tahun = r.evaluasi.tahun + (1 if r.dipantau_bulan < awal_triwulan else 0)
    return tahun, r.dipantau_bulan


def rekomendasi_kartu(kartu: KartuKendali) -> list[Rekomendasi]:
    """The recommendations this month's monitoring checks (seed 001 step 10): every one due
    by this month and still open, plus those closed that were due this very month (the card
    keeps what it checked). A signed card keeps showing what was open when it was signed."""
    bulan_ini = (kartu.tahun, kartu.bulan)
    calon = Rekomendasi.objects.filter(
        instansi_id=kartu.instansi_id, evaluasi__tahun__in=[kartu.tahun - 1, kartu.tahun]
    ).select_related("evaluasi", "jabatan", "indikator_pk", "ditindaklanjuti_oleh")
    hasil = []
    for r in calon.order_by("evaluasi__tahun", "evaluasi__triwulan", "id"):
        pantau = bulan_pantau(r)
        if pantau > bulan_ini:
            continue
        masih_terbuka = r.status != Rekomendasi.Status.SELESAI or (
            kartu.ditandatangani_pada is not None
            and r.ditutup_pada is not None
            and r.ditutup_pada > kartu.ditandatangani_pada
        )
        if masih_terbuka or pantau == bulan_ini:
            hasil.append(r)
    return hasil
