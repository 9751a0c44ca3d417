"""Data requests from the Pemda to its agencies (seed 003: SOP Pengumpulan Data Kinerja).

A Bagian of the Setda (an evaluator) or the Pemda admin sends a request; every agency of
the Pemda gets a `JawabanData` and, in its own inbox, a run of our library SOP
"penyampaian-data-kinerja" carrying that answer (Kasubag Evapor gathers, Staf types,
Sekretaris checks, Camat signs, Staf sends the cover letter). The Camat's signature
freezes the agency's realisations and capaian up to the requested month into the answer
and sends it (`kirim_jawaban`, called by the SOP's document binder in sop_plugin/permintaan.py).
`rekap` compiles the answers indicator × agency, `rekap_excel` exports the compilation.

Evaluators only read agency data; sending a request is a Pemda-level write of their own
(seed 003 is their procedure), so it is allowed to them and audited like any write.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sakip.audit import services as audit
from sakip.audit.models import CatatanAudit
from sakip.lib.formatting import angka
from sakip.notifikasi import services as notifikasi
from sakip.organisasi.access import jabatan_pimpinan_ids, peran_pemda
from sakip.organisasi.models import Instansi, Pemda
from sakip.organisasi.pemangku import jabatan_kepala, pemangku
from sakip.sop import services as sop_services
from sakip.sop.kesalahan import KesalahanAlur
from sakip.sop.models import Pelaksanaan, SopInstansi, Tugas

from . import pemda as perbandingan
from .models import JawabanData, PermintaanData

KODE_SOP = "penyampaian-data-kinerja"


def boleh_meminta(user, pemda: Pemda) -> bool:
    """Evaluators and administrators of this Pemda (and the superuser) send requests."""
    if not peran_pemda(user):
        return False
    return user.is_superuser or user.pemda_id == pemda.pk


def url_jawaban(jawaban: JawabanData) -> str:
    return reverse("pengukuran:pemda_jawaban", args=[jawaban.pk])


# ---------------------------------------------------------------- sending a request


def _periksa_permintaan(judul: str, tahun: int, sampai_bulan: int, batas_waktu) -> None:
    galat = []
    if not judul:
        galat.append(_("Isi judul permintaan, mis. “Data kinerja triwulan II 2026”."))
    if not 1 <= sampai_bulan <= 12:
        galat.append(_("Bulan harus 1–12."))
    if not 2000 <= tahun <= 2100:
        galat.append(_("Tahun data tidak masuk akal."))
    if batas_waktu < timezone.localdate():
        galat.append(_("Batas waktu sudah lewat."))
    if galat:
        raise ValidationError(galat)


def kirim_permintaan(
    *,
    aktor,
    pemda: Pemda,
    judul: str,
    uraian: str = "",
    tahun: int,
    sampai_bulan: int,
    batas_waktu: datetime.date,
) -> PermintaanData:
    """Send a data request to every agency of the Pemda (seed 003 SOP Pengumpulan Data).

    Each agency gets one JawabanData and a run of "penyampaian-data-kinerja" bound to it,
    whose first task lands in the inbox of the position mapped to "Kasubag Evapor". An
    agency that cannot run the SOP (an actor not mapped, the SOP switched off) gets its
    JawabanData with a note saying why; the other agencies are not held up by it.
    """
    if not boleh_meminta(aktor, pemda):
        raise PermissionDenied(_("Hanya evaluator atau admin Pemda ini yang dapat meminta data."))
    judul = (judul or "").strip()
    _periksa_permintaan(judul, tahun, sampai_bulan, batas_waktu)
    with transaction.atomic():
        permintaan = PermintaanData.objects.create(
            pemda=pemda,
            judul=judul[:300],
            uraian=(uraian or "").strip(),
            tahun=tahun,
            sampai_bulan=sampai_bulan,
            batas_waktu=batas_waktu,
            dibuat_oleh=aktor,
        )
        jawaban = [
            _minta_ke(permintaan, i, aktor)
            for i in Instansi.objects.filter(pemda=pemda).order_by("nama")
        ]
        audit.catat(
            aktor=aktor,
            aksi=CatatanAudit.Aksi.TAMBAH,
            objek=permintaan,
            sesudah={
                "judul": permintaan.judul,
                "tahun": tahun,
                "sampai_bulan": sampai_bulan,
                "batas_waktu": batas_waktu.isoformat(),
                "instansi": [j.instansi.nama for j in jawaban],
                "belum_bertugas": {j.instansi.nama: j.catatan for j in jawaban if j.catatan},
            },
            keterangan="Mengirim permintaan data kinerja",
        )
    return permintaan


def _minta_ke(permintaan: PermintaanData, instansi: Instansi, aktor) -> JawabanData:
    """The agency's JawabanData and its SOP run; a refusal becomes the answer's note."""
    jawaban = JawabanData.objects.create(permintaan=permintaan, instansi=instansi)
    try:
        # A savepoint: one agency's missing mapping rolls back only its own adoption/run.
        with transaction.atomic():
            sop = _sop_instansi(instansi, aktor)
            _mulai_run(sop, jawaban, aktor)
    except (KesalahanAlur, PermissionDenied, ValidationError) as exc:
        jawaban.catatan = _(
            "Tugas belum dapat dibuat di instansi ini: %(alasan)s Setelah diperbaiki, "
            "kepala instansi dapat memulai SOP Penyampaian Data Kinerja; jawaban ini "
            "akan terhubung dengan sendirinya."
        ) % {"alasan": _pesan(exc)}
        jawaban.save(update_fields=["catatan"])
        _beri_tahu_kepala(jawaban)
    return jawaban


def _pesan(exc: Exception) -> str:
    teks = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
    return teks if teks.endswith(".") else f"{teks}."


def _sop_instansi(instansi: Instansi, aktor) -> SopInstansi:
    """The agency's adopted SOP; adopted now when it has none — by the sender when they
    may manage the agency's SOPs, else as a system step on their request (an evaluator)."""
    sop = sop_services.sop_instansi(instansi, KODE_SOP)
    if sop is not None:
        if not sop.aktif:
            raise KesalahanAlur(_("SOP Penyampaian Data Kinerja dinonaktifkan instansi ini."))
        return sop
    if sop_services.boleh_kelola_sop(aktor, instansi):
        return sop_services.adopsi(aktor=aktor, instansi=instansi, kode=KODE_SOP)
    return sop_services.adopsi_sistem(instansi=instansi, kode=KODE_SOP, atas_permintaan=aktor)


def _mulai_run(sop: SopInstansi, jawaban: JawabanData, aktor) -> Pelaksanaan:
    """Start the agency's run on the system's behalf (the sender holds no position there)
    and name the sender in its log."""
    p = jawaban.permintaan
    return sop_services.mulai_atas_nama(
        atas_nama=aktor,
        sop=sop,
        judul=f"{p.judul} — {jawaban.instansi.nama}",
        periode=f"{p.tahun}-{p.sampai_bulan:02d}",
        dokumen=jawaban,
        catatan=_("Permintaan data dari %(nama)s (%(pemda)s), batas waktu %(batas)s.")
        % {
            "nama": aktor.nama_lengkap,
            "pemda": p.pemda.nama,
            "batas": p.batas_waktu.strftime("%d-%m-%Y"),
        },
    )


def _beri_tahu_kepala(jawaban: JawabanData) -> None:
    kepala = jabatan_kepala(jawaban.instansi_id)
    for orang in pemangku(kepala) if kepala else []:
        notifikasi.kirim(
            penerima=orang,
            judul=_("Permintaan data: %(judul)s") % {"judul": jawaban.permintaan.judul},
            isi=jawaban.catatan,
            tautan=url_jawaban(jawaban),
            kunci=f"jawaban:{jawaban.pk}:catatan",
        )


# ---------------------------------------------------------------- the agency's answer


def potret(instansi: Instansi, tahun: int, sampai_bulan: int) -> dict:
    """The agency's data up to the month as JSON: what an answer carries once signed."""
    c = perbandingan.capaian_semua([instansi], tahun, sampai_bulan)[instansi.pk]
    sel = perbandingan.kelengkapan_semua([instansi], tahun, sampai_bulan)[instansi.pk]
    serapan = perbandingan.serapan_semua([instansi], tahun, sampai_bulan)[instansi.pk]
    jatuh_tempo = [s for s in sel if s.jatuh_tempo]
    return {
        "tahun": tahun,
        "sampai_bulan": sampai_bulan,
        "diambil_pada": timezone.localtime().isoformat(timespec="seconds"),
        "indikator": [
            {
                "kode": i.kode,
                "nama": i.nama,
                "satuan": i.satuan,
                "sasaran": label,
                "target": i.target,
                "realisasi": _teks(i.realisasi),
                "bulanan": [_teks(v) for v in i.bulanan[:sampai_bulan]],
                "capaian": _teks(i.nilai),
                "rumus": i.hasil.rumus,
                "kategori": i.kategori,
            }
            for i, label in zip(c.indikator, c.label_sasaran, strict=True)
        ],
        "rata_capaian": _teks(c.rata),
        "kategori": c.kategori,
        "kelengkapan": {
            "terisi": sum(min(s.terisi, s.diharapkan) for s in jatuh_tempo),
            "diharapkan": sum(s.diharapkan for s in jatuh_tempo),
        },
        "serapan": _teks(serapan.nilai) if serapan else None,
    }


def _teks(nilai) -> str | None:
    """Decimals as plain strings in JSON ("96.4705…" keeps every digit; rounding is display)."""
    if nilai is None or nilai == "":
        return None
    return str(nilai)


def potret_jawaban(jawaban: JawabanData) -> dict:
    """What the answer says: the signed snapshot once sent, today's data before that."""
    if jawaban.status == JawabanData.Status.DIKIRIM:
        return jawaban.isi
    p = jawaban.permintaan
    return potret(jawaban.instansi, p.tahun, p.sampai_bulan)


def boleh_mengirim(user, jawaban: JawabanData) -> bool:
    """The agency's head or secretary (definitive, Plt or Plh) signs and sends."""
    if not JawabanData.objects.for_user(user, ubah=True).filter(pk=jawaban.pk).exists():
        return False
    return jawaban.instansi_id in jabatan_pimpinan_ids(user)


def kirim_jawaban(*, aktor, jawaban: JawabanData) -> JawabanData:
    """Freeze the agency's realisations and capaian up to the requested month into `isi`
    and mark the answer sent. The SOP's signing step calls it with the Camat as `aktor`."""
    if not boleh_mengirim(aktor, jawaban):
        raise PermissionDenied(_("Jawaban dikirim oleh kepala atau sekretaris instansi."))
    with transaction.atomic():
        jawaban = JawabanData.objects.select_for_update().get(pk=jawaban.pk)
        if jawaban.status == JawabanData.Status.DIKIRIM:
            raise ValidationError(_("Jawaban ini sudah dikirim."))
        p = jawaban.permintaan
        jawaban.isi = potret(jawaban.instansi, p.tahun, p.sampai_bulan)
        jawaban.status = JawabanData.Status.DIKIRIM
        jawaban.dikirim_oleh = aktor
        jawaban.dikirim_pada = timezone.now()
        jawaban.save(update_fields=["isi", "status", "dikirim_oleh", "dikirim_pada"])
        audit.catat(
            aktor=aktor,
            aksi=CatatanAudit.Aksi.UBAH,
            objek=jawaban,
            sebelum={"status": JawabanData.Status.MENUNGGU},
            sesudah={
                "status": jawaban.status,
                "dikirim_pada": jawaban.dikirim_pada.isoformat(),
                "jumlah_indikator": len(jawaban.isi["indikator"]),
                "rata_capaian": jawaban.isi["rata_capaian"],
            },
            keterangan="Mengirim jawaban permintaan data kinerja",
        )
        if p.dibuat_oleh_id:
            notifikasi.kirim(
                penerima=p.dibuat_oleh,
                judul=_("%(instansi)s mengirim data: %(judul)s")
                % {"instansi": jawaban.instansi.nama, "judul": p.judul},
                tautan=reverse("pengukuran:pemda_permintaan_detail", args=[p.pk]),
                kunci=f"jawaban:{jawaban.pk}:dikirim",
            )
    return jawaban


# ---------------------------------------------------------------- status and compilation


@dataclass
class StatusJawaban:
    """One agency's progress on a request: its answer, SOP run and open step."""

    jawaban: JawabanData
    pelaksanaan: Pelaksanaan | None
    tugas: Tugas | None  # the open step, if any
    kondisi: str  # the open step against its due time: tepat / segera / terlambat
    lewat_batas: bool  # not sent and the request's deadline has passed


def status_per_instansi(
    jawaban_list: list[JawabanData], sekarang: datetime.datetime | None = None
) -> list[StatusJawaban]:
    """Status of every answer in three queries (runs, open tasks), whatever their number."""
    sekarang = sekarang or timezone.now()
    runs = {
        r.dokumen_id: r
        for r in Pelaksanaan.objects.filter(
            dokumen_ct=_ct_jawaban(), dokumen_id__in=[j.pk for j in jawaban_list]
        )
        .select_related("sop")
        .order_by("dimulai_pada", "id")  # the latest run of an answer wins
    }
    terbuka = {
        t.pelaksanaan_id: t
        for t in Tugas.objects.filter(
            pelaksanaan__in=runs.values(), status=Tugas.Status.TERBUKA
        ).select_related("jabatan", "diklaim_oleh")
    }
    hasil = []
    for j in jawaban_list:
        run = runs.get(j.pk)
        tugas = terbuka.get(run.pk) if run else None
        belum = j.status == JawabanData.Status.MENUNGGU
        hasil.append(
            StatusJawaban(
                jawaban=j,
                pelaksanaan=run,
                tugas=tugas,
                kondisi=tugas.kondisi_tenggat(sekarang) if tugas else "",
                lewat_batas=belum and timezone.localdate(sekarang) > j.permintaan.batas_waktu,
            )
        )
    return hasil


def _ct_jawaban():
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(JawabanData)


def tampil_angka(nilai: str | None) -> str:
    """A stored value as people read it: "42.0000" → "42", "3.5" → "3,50"; "WTP" stays."""
    if nilai is None:
        return ""
    try:
        d = Decimal(nilai)
    except ArithmeticError:
        return nilai
    return angka(d, 0 if d == d.to_integral() else 2)


@dataclass
class SelRekap:
    target: str
    realisasi: str | None
    capaian: Decimal | None
    kategori: str

    @property
    def realisasi_tampil(self) -> str:
        return tampil_angka(self.realisasi) or "—"


@dataclass
class BarisRekap:
    """One indicator across agencies; agencies without it have None in its column."""

    nama: str
    satuan: str
    sel: list[SelRekap | None]


@dataclass
class Rekap:
    permintaan: PermintaanData
    jawaban: list[JawabanData]  # the columns, by agency name
    baris: list[BarisRekap]

    @property
    def jumlah_dikirim(self) -> int:
        return sum(1 for j in self.jawaban if j.status == JawabanData.Status.DIKIRIM)


def rekap(permintaan: PermintaanData) -> Rekap:
    """The sent answers compiled: one row per indicator (matched on name and unit, the way
    agencies of one Pemda share their indicators), one column per agency. Two queries."""
    jawaban = list(permintaan.jawaban.select_related("instansi").order_by("instansi__nama"))
    baris: dict[tuple[str, str], BarisRekap] = {}
    for kolom, j in enumerate(jawaban):
        if j.status != JawabanData.Status.DIKIRIM:
            continue
        for ind in j.isi.get("indikator", []):
            kunci = (" ".join(ind["nama"].lower().split()), ind["satuan"].strip().lower())
            if kunci not in baris:
                baris[kunci] = BarisRekap(ind["nama"], ind["satuan"], [None] * len(jawaban))
            baris[kunci].sel[kolom] = SelRekap(
                target=ind["target"],
                realisasi=ind["realisasi"],
                capaian=Decimal(ind["capaian"]) if ind["capaian"] is not None else None,
                kategori=ind["kategori"],
            )
    urut = sorted(baris.values(), key=lambda b: (b.nama.lower(), b.satuan.lower()))
    return Rekap(permintaan=permintaan, jawaban=jawaban, baris=urut)


def rekap_excel(r: Rekap) -> bytes:
    """The compilation as a workbook: Rekap (indicator × agency capaian), Rincian (one row
    per agency and indicator, with target, realisation and formula) and Status."""
    from sakip.dokumen.excel import Font, buku_baru, simpan_buku, tambah_baris

    wb = buku_baru()
    ws = wb.create_sheet("Rekap")
    p = r.permintaan
    tambah_baris(ws, [p.judul])
    ws["A1"].font = Font(bold=True, size=13)
    tambah_baris(ws, [f"{p.pemda.nama} — data tahun {p.tahun} sampai bulan {p.sampai_bulan}"])
    tambah_baris(ws, [])
    tambah_baris(
        ws, ["Indikator", "Satuan", *(f"{j.instansi.nama} (capaian %)" for j in r.jawaban)]
    )
    for b in r.baris:
        tambah_baris(
            ws, [b.nama, b.satuan, *(_angka_excel(s.capaian) if s else None for s in b.sel)]
        )
    tambah_baris(ws, ["Rata-rata capaian", "%", *(_rata_excel(j) for j in r.jawaban)])
    ws.cell(ws.max_row, 1).font = Font(bold=True)
    _rapikan(ws, 4, [48, 14] + [22] * len(r.jawaban))

    rinci = wb.create_sheet("Rincian")
    tambah_baris(
        rinci,
        [
            "Instansi",
            "Kode",
            "Indikator",
            "Satuan",
            "Sasaran",
            "Target",
            "Realisasi",
            "Capaian (%)",
            "Kategori",
            "Rumus",
        ],
    )
    for j in r.jawaban:
        for ind in j.isi.get("indikator", []) if j.status == JawabanData.Status.DIKIRIM else []:
            tambah_baris(
                rinci,
                [
                    j.instansi.nama,
                    ind["kode"],
                    ind["nama"],
                    ind["satuan"],
                    ind["sasaran"],
                    ind["target"],
                    ind["realisasi"],
                    _angka_excel(ind["capaian"]),
                    ind["kategori"],
                    ind["rumus"],
                ],
            )
    _rapikan(rinci, 1, [28, 8, 44, 12, 40, 12, 12, 12, 14, 40])

    status = wb.create_sheet("Status")
    tambah_baris(status, ["Instansi", "Status", "Dikirim pada", "Rata-rata capaian (%)", "Catatan"])
    for j in r.jawaban:
        dikirim = j.dikirim_pada and timezone.localtime(j.dikirim_pada).strftime("%d-%m-%Y %H.%M")
        tambah_baris(
            status,
            [
                j.instansi.nama,
                j.get_status_display(),
                dikirim or "",
                _rata_excel(j),
                j.catatan,
            ],
        )
    _rapikan(status, 1, [28, 12, 18, 20, 60])
    return simpan_buku(wb)


def _angka_excel(nilai) -> float | None:
    # Excel cells hold numbers, not "96,47" text, so the evaluator can sort and chart them.
    return round(float(Decimal(nilai)), 2) if nilai is not None else None


def _rata_excel(j: JawabanData) -> float | None:
    if j.status != JawabanData.Status.DIKIRIM:
        return None
    return _angka_excel(j.isi.get("rata_capaian"))


def _rapikan(ws, baris_kepala: int, lebar: list[int]) -> None:
    """Bold shaded header row, column widths, numbers with two decimals, header frozen."""
    from sakip.dokumen.excel import Alignment, Font, PatternFill, get_column_letter

    for sel in ws[baris_kepala]:
        sel.font = Font(bold=True)
        sel.fill = PatternFill("solid", fgColor="DCE8F5")
        sel.alignment = Alignment(wrap_text=True, vertical="top")
    for n, w in enumerate(lebar, 1):
        ws.column_dimensions[get_column_letter(n)].width = w
    for baris in ws.iter_rows(min_row=baris_kepala + 1):
        for sel in baris:
            if isinstance(sel.value, float):
                sel.number_format = "0.00"
    ws.freeze_panes = ws.cell(baris_kepala + 1, 2)
