"""PK monitoring of eselon III and IV (seed 001 step 11) and the year-end archive of the
agency's performance data, assembled and signed by the head (steps 12–16)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sakip.organisasi.models import Instansi
from sakip.perencanaan.models import IndikatorItem, ItemAnggaran, PerjanjianKinerja

from .. import capaian as rumus
from .. import penilaian, services
from ..models import ArsipKinerja, RealisasiAnggaran, Rekomendasi
from ..services import AturanPengukuran
from .akses import boleh_menandatangani, pastikan
from .umum import SEN, jumlah_per_item, pk_tahun

# ---------------------------------------------------------------- PK monitoring (step 11)


@dataclass
class PemantauanPK:
    pk: PerjanjianKinerja
    baris: list[penilaian.CapaianIndikator]

    @property
    def rata(self) -> Decimal | None:
        return penilaian.rata_capaian(self.baris)


def monitoring_pk(instansi: Instansi, tahun: int, sampai_bulan: int) -> list[PemantauanPK]:
    """Eselon III and IV officials with their PK indicators: target, realisation and capaian
    to date (seed 001 step 11)."""
    return [
        PemantauanPK(pk, penilaian.capaian_pk(pk, sampai_bulan))
        for pk in pk_tahun(instansi.pk, tahun, eselon=("III", "IV"))
    ]


# ---------------------------------------------------------------- year-end archive (12–16)


def _teks(nilai) -> str | None:
    """JSON-safe and exact: Decimal → '97.5', scale values as they are."""
    if nilai is None:
        return None
    if isinstance(nilai, Decimal):
        return format(nilai.normalize(), "f")
    return str(nilai)


def _capaian_json(c: penilaian.CapaianIndikator) -> dict:
    return {
        "kode": c.kode,
        "nama": c.nama,
        "satuan": c.satuan,
        "target": c.target,
        "realisasi": _teks(c.realisasi),
        "capaian": _teks(c.nilai.quantize(SEN, ROUND_HALF_UP) if c.nilai is not None else None),
        "rumus": c.hasil.rumus,
        "kategori": c.kategori,
    }


def _realisasi_per_item(dpa) -> tuple[dict[int, ItemAnggaran], dict[int, Decimal]]:
    """Every DPA item and its budget realisation for the year, summed up the tree."""
    item = {i.pk: i for i in dpa.item.all()}
    realisasi: dict[int, Decimal] = defaultdict(Decimal)
    for item_id, jumlah in jumlah_per_item(
        RealisasiAnggaran.objects.filter(item__dokumen=dpa)
    ).items():
        i = item.get(item_id)
        while i is not None:
            realisasi[i.pk] += jumlah
            i = item.get(i.induk_id)
    return item, realisasi


def _anggaran_json(pagu: Decimal, realisasi: Decimal) -> dict:
    serapan = rumus.serapan(realisasi, pagu)
    return {
        "pagu": _teks(pagu),
        "realisasi": _teks(realisasi),
        "serapan": _teks(serapan.nilai.quantize(SEN) if serapan.nilai is not None else None),
        "rumus": serapan.rumus,
    }


def _anggaran_indikator(dpa, item, realisasi) -> dict[int, dict]:
    """Budget behind each Renstra indicator: the DPA programs/kegiatan measured by it
    (an item under another one already counted is not counted twice)."""
    per_indikator: dict[int, set[int]] = defaultdict(set)
    for ind_id, item_id in IndikatorItem.objects.filter(
        item__dokumen=dpa, indikator_renstra__isnull=False
    ).values_list("indikator_renstra_id", "item_id"):
        per_indikator[ind_id].add(item_id)
    hasil = {}
    for ind_id, ids in per_indikator.items():
        teratas = [i for i in ids if not _leluhur(item, i) & ids]
        pagu = sum((item[i].pagu for i in teratas), Decimal(0))
        hasil[ind_id] = _anggaran_json(pagu, sum((realisasi[i] for i in teratas), Decimal(0)))
    return hasil


def _leluhur(item: dict[int, ItemAnggaran], item_id: int) -> set[int]:
    hasil, i = set(), item[item_id].induk_id
    while i is not None:
        hasil.add(i)
        i = item[i].induk_id
    return hasil


def isi_arsip(instansi: Instansi, tahun: int) -> dict:
    """The agency's performance data of the year as plain JSON (seed 001 steps 12–13):
    Renstra indicators and every PK with target, realisation, capaian and its formula;
    budget per program and per indicator; the recommendations' tally."""
    renstra = penilaian.capaian_renstra(instansi, tahun, 12)
    dpa = penilaian.dpa_tahun(instansi.pk, tahun)
    program, anggaran_ind, total = [], {}, None
    if dpa is not None:
        item, realisasi = _realisasi_per_item(dpa)
        anggaran_ind = _anggaran_indikator(dpa, item, realisasi)
        for p in sorted(item.values(), key=lambda i: i.kode):
            if p.level == ItemAnggaran.Level.PROGRAM:
                program.append(
                    {"kode": p.kode, "nama": p.nama, **_anggaran_json(p.pagu, realisasi[p.pk])}
                )
        total = _anggaran_json(
            sum((Decimal(p["pagu"]) for p in program), Decimal(0)),
            sum((Decimal(p["realisasi"]) for p in program), Decimal(0)),
        )
    rekomendasi = Rekomendasi.objects.filter(instansi=instansi, evaluasi__tahun=tahun)
    return {
        "instansi": instansi.nama,
        "tahun": tahun,
        "disusun_pada": timezone.now().isoformat(),
        "indikator": [
            {**_capaian_json(c), "anggaran": anggaran_ind.get(c.indikator_id)} for c in renstra
        ],
        "rata_capaian": _teks(_bulat(penilaian.rata_capaian(renstra))),
        "pk": [_pk_json(pk) for pk in pk_tahun(instansi.pk, tahun)],
        "program": program,
        "anggaran": total,
        "rekomendasi": {
            "diterbitkan": rekomendasi.count(),
            "selesai": rekomendasi.filter(status=Rekomendasi.Status.SELESAI).count(),
        },
    }


def _bulat(nilai: Decimal | None) -> Decimal | None:
    return nilai.quantize(SEN, ROUND_HALF_UP) if nilai is not None else None


def _pk_json(pk: PerjanjianKinerja) -> dict:
    baris = penilaian.capaian_pk(pk, 12)
    return {
        "jabatan": pk.jabatan.nama,
        "eselon": pk.jabatan.eselon,
        "pejabat": pk.pihak_pertama.nama_lengkap,
        "status": pk.get_status_display(),
        "indikator": [_capaian_json(c) for c in baris],
        "rata_capaian": _teks(_bulat(penilaian.rata_capaian(baris))),
        "anggaran": _teks(pk.total_anggaran()),
    }


def susun_arsip(*, aktor, instansi: Instansi, tahun: int) -> ArsipKinerja:
    """Assemble (or assemble again) the year's archive from today's data (seed 001 step 12);
    a signed archive is never changed."""
    pastikan(
        services.boleh_memeriksa(aktor, instansi.pk),
        _("Arsip data kinerja disusun oleh Kasubag Perencanaan."),
    )
    with transaction.atomic():
        arsip = (
            ArsipKinerja.objects.select_for_update(of=("self",))
            .filter(instansi=instansi, tahun=tahun)
            .first()
        )
        if arsip is not None and arsip.ditandatangani_pada is not None:
            raise AturanPengukuran(
                _("Arsip %(t)s sudah ditandatangani: tidak dapat disusun ulang.") % {"t": tahun}
            )
        arsip = arsip or ArsipKinerja(instansi=instansi, tahun=tahun)
        arsip.isi, arsip.dibuat_pada = isi_arsip(instansi, tahun), timezone.now()
        return services.simpan(
            aktor=aktor, objek=arsip, keterangan=f"Menyusun arsip data kinerja {tahun}"
        )


def tandatangani_arsip(*, aktor, arsip: ArsipKinerja) -> ArsipKinerja:
    """The head signs the archive (seed 001 step 13); from then on it is read-only."""
    pastikan(
        boleh_menandatangani(aktor, arsip.instansi_id),
        _("Arsip data kinerja ditandatangani oleh kepala instansi."),
    )
    with transaction.atomic():
        arsip = ArsipKinerja.objects.select_for_update(of=("self",)).get(pk=arsip.pk)
        if arsip.ditandatangani_pada is not None:
            return arsip
        arsip.ditandatangani_oleh, arsip.ditandatangani_pada = aktor, timezone.now()
        return services.simpan(
            aktor=aktor, objek=arsip, keterangan=f"Arsip data kinerja {arsip.tahun} ditandatangani"
        )
