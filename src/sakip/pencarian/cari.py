"""One search box over what a Kasubag looks for: SOP runs, planning documents, reports,
letters and IKM survey periods — within what the user may see (`for_user` of each model,
so an evaluator reads every agency of the Pemda and staff only their own).

Every word of the query must match (AND). A word matches a row when it occurs in one of
the row's text fields, when it is a year the row covers, or when it names the row's kind
("dpa", "lkjip", "renstra", "surat" …). Each group costs one query (planning documents
three) and is capped at `BATAS` rows, whatever the size of the data.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import reduce
from operator import and_, or_

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from sakip.ikm.models import PeriodeSurvei
from sakip.laporan.models import Laporan
from sakip.perencanaan.models import DokumenAnggaran, PerjanjianKinerja, Renstra
from sakip.sop.models import Pelaksanaan
from sakip.surat.models import Surat

BATAS = 10  # rows shown per group
PANJANG_MAKS = 100  # characters in a query
KATA_MAKS = 8  # words in a query
_TAHUN = re.compile(r"^(19|20|21)\d\d$")


@dataclass(frozen=True)
class Hasil:
    judul: str
    keterangan: str
    url: str
    instansi: str


@dataclass
class Kelompok:
    kunci: str
    label: str
    hasil: list[Hasil] = field(default_factory=list)
    lebih: bool = False  # more rows matched than are shown


def kata_kunci(q: str | None) -> list[str]:
    """The query's words; refuses what is not a search (a NUL byte, a very long text)."""
    q = (q or "").strip()
    if "\x00" in q:
        raise ValidationError(_("Kata kunci memuat karakter yang tidak sah (NUL)."))
    if len(q) > PANJANG_MAKS:
        raise ValidationError(
            _("Kata kunci terlalu panjang: paling banyak %(n)s karakter.") % {"n": PANJANG_MAKS}
        )
    kata = list(dict.fromkeys(k.casefold() for k in q.split()))
    if kata and max(len(k) for k in kata) < 2:
        raise ValidationError(_("Ketik paling sedikit dua huruf."))
    return kata[:KATA_MAKS]


@dataclass(frozen=True)
class _Sumber:
    """How one model is searched: its text fields, its years, and the words naming it."""

    teks: tuple[str, ...]
    tahun: Callable[[int], Q] | None = None
    jenis: dict[str, Q] = field(default_factory=dict)

    def saring(self, kata: list[str]) -> Q | None:
        syarat = []
        for k in kata:
            if k in self.jenis:
                syarat.append(self.jenis[k])
                continue
            atau = [Q(**{f"{f}__icontains": k}) for f in self.teks]
            if self.tahun is not None and _TAHUN.match(k):
                atau.append(self.tahun(int(k)))
            syarat.append(reduce(or_, atau))
        return reduce(and_, syarat) if syarat else None


SEMUA = Q()

PELAKSANAAN = _Sumber(
    teks=("judul", "periode", "sop__nama", "sop__kode", "instansi__nama"),
    jenis={"sop": SEMUA, "pelaksanaan": SEMUA},
)
RENSTRA = _Sumber(
    teks=("visi", "instansi__nama"),
    tahun=lambda t: Q(tahun_awal__lte=t, tahun_akhir__gte=t),
    jenis={"renstra": SEMUA, "rencana": SEMUA, "strategis": SEMUA},
)
PK = _Sumber(
    teks=(
        "jabatan__nama",
        "pihak_pertama__nama",
        "pihak_kedua_nama",
        "pihak_kedua_jabatan",
        "instansi__nama",
    ),
    tahun=lambda t: Q(tahun=t),
    jenis={"pk": SEMUA, "perjanjian": SEMUA, "kinerja": SEMUA},
)
ANGGARAN = _Sumber(
    teks=("nomor", "instansi__nama"),
    tahun=lambda t: Q(tahun=t),
    jenis={j.value: Q(jenis=j.value) for j in DokumenAnggaran.Jenis},
)
LAPORAN = _Sumber(
    teks=("instansi__nama",),
    tahun=lambda t: Q(tahun=t),
    jenis={
        "laporan": SEMUA,
        "bulanan": Q(jenis=Laporan.Jenis.BULANAN),
        "semesteran": Q(jenis=Laporan.Jenis.SEMESTERAN),
        "tahunan": Q(jenis=Laporan.Jenis.TAHUNAN),
        "lkjip": Q(jenis=Laporan.Jenis.LKJIP),
        "lkj": Q(jenis=Laporan.Jenis.LKJIP),
        "lakip": Q(jenis=Laporan.Jenis.LKJIP),
        "sakip": Q(jenis=Laporan.Jenis.SAKIP),
    },
)
SURAT = _Sumber(
    teks=("nomor_surat", "perihal", "asal", "tujuan", "instansi__nama"),
    tahun=lambda t: Q(tanggal_surat__year=t) | Q(tanggal_agenda__year=t),
    jenis={"surat": SEMUA},
)
IKM = _Sumber(
    teks=("instansi__nama",),
    tahun=lambda t: Q(tahun=t),
    jenis={"ikm": SEMUA, "skm": SEMUA, "survei": SEMUA, "kepuasan": SEMUA},
)


def _ambil(qs, sumber: _Sumber, kata: list[str]) -> tuple[list, bool]:
    """At most BATAS rows (one query), and whether there were more."""
    syarat = sumber.saring(kata)
    baris = list(qs.filter(syarat)[: BATAS + 1]) if syarat is not None else []
    return baris[:BATAS], len(baris) > BATAS


def _pelaksanaan(user, kata) -> Kelompok:
    qs = (
        Pelaksanaan.objects.for_user(user)
        .select_related("sop", "instansi")
        .order_by("-dimulai_pada", "-id")
    )
    baris, lebih = _ambil(qs, PELAKSANAAN, kata)
    return Kelompok(
        "pelaksanaan",
        _("Pelaksanaan SOP"),
        [
            Hasil(
                p.judul,
                " · ".join(x for x in (p.sop.nama, p.periode, p.get_status_display()) if x),
                reverse("sop:pelaksanaan_detail", args=[p.pk]),
                p.instansi.nama,
            )
            for p in baris
        ],
        lebih,
    )


def _perencanaan(user, kata) -> Kelompok:
    renstra, lebih_r = _ambil(
        Renstra.objects.for_user(user).select_related("instansi").order_by("-tahun_awal", "id"),
        RENSTRA,
        kata,
    )
    pk, lebih_p = _ambil(
        PerjanjianKinerja.objects.for_user(user)
        .select_related("instansi", "jabatan", "pihak_pertama")
        .order_by("-tahun", "jabatan__urutan", "-nomor_revisi"),
        PK,
        kata,
    )
    anggaran, lebih_a = _ambil(
        DokumenAnggaran.objects.for_user(user).select_related("instansi").order_by("-tahun", "id"),
        ANGGARAN,
        kata,
    )
    hasil = [
        Hasil(
            f"Renstra {r.tahun_awal}–{r.tahun_akhir}",
            r.get_status_display(),
            reverse("perencanaan:renstra", args=[r.pk]),
            r.instansi.nama,
        )
        for r in renstra
    ]
    hasil += [
        Hasil(
            f"{d.get_jenis_display()} {d.tahun}",
            d.nomor or _("belum bernomor"),
            reverse("perencanaan:anggaran", args=[d.pk]),
            d.instansi.nama,
        )
        for d in anggaran
    ]
    hasil += [
        Hasil(
            f"PK {p.tahun} {p.jabatan.nama}"
            + (f" (revisi {p.nomor_revisi})" if p.nomor_revisi else ""),
            f"{p.pihak_pertama.nama} · {p.get_status_display()}",
            reverse("perencanaan:pk", args=[p.pk]),
            p.instansi.nama,
        )
        for p in pk
    ]
    return Kelompok(
        "perencanaan",
        _("Dokumen perencanaan"),
        hasil[:BATAS],
        lebih_r or lebih_p or lebih_a or len(hasil) > BATAS,
    )


def _laporan(user, kata) -> Kelompok:
    qs = Laporan.objects.for_user(user).select_related("instansi").order_by("-tahun", "-id")
    baris, lebih = _ambil(qs, LAPORAN, kata)
    return Kelompok(
        "laporan",
        _("Laporan"),
        [
            Hasil(
                f"{lap.get_jenis_display()} {lap.label_periode() if lap.periode else lap.tahun}",
                lap.get_status_display(),
                reverse("laporan:detail", args=[lap.pk]),
                lap.instansi.nama,
            )
            for lap in baris
        ],
        lebih,
    )


def _surat(user, kata) -> Kelompok:
    qs = Surat.objects.for_user(user).select_related("instansi").order_by("-dibuat_pada", "-id")
    baris, lebih = _ambil(qs, SURAT, kata)
    return Kelompok(
        "surat",
        _("Surat"),
        [
            Hasil(
                s.perihal,
                " · ".join(
                    x
                    for x in (
                        s.nomor_surat or _("belum bernomor"),
                        s.get_arah_display(),
                        s.get_status_display(),
                    )
                    if x
                ),
                reverse("surat:detail", args=[s.pk]),
                s.instansi.nama,
            )
            for s in baris
        ],
        lebih,
    )


def _ikm(user, kata) -> Kelompok:
    qs = (
        PeriodeSurvei.objects.for_user(user)
        .select_related("instansi")
        .order_by("-tahun", "-semester", "id")
    )
    baris, lebih = _ambil(qs, IKM, kata)
    return Kelompok(
        "ikm",
        _("Periode survei IKM"),
        [
            Hasil(
                f"SKM {p.label}",
                p.get_status_display(),
                reverse("ikm:periode_detail", args=[p.pk]),
                p.instansi.nama,
            )
            for p in baris
        ],
        lebih,
    )


def cari(user, kata: list[str]) -> list[Kelompok]:
    """Every group in a fixed order (empty ones included), for the words of `kata_kunci`."""
    if not kata:
        return []
    return [f(user, kata) for f in (_pelaksanaan, _perencanaan, _laporan, _surat, _ikm)]
