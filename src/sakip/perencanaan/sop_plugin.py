"""The planning documents the planning SOPs carry (docs/domain.md §6, issue: wired to the SOPs).

PK SOP → the head's Perjanjian Kinerja of the run's year; Renstra SOP → the Renstra of
the period; IKU SOP → the IKU of the Renstra covering the year; Renja/RKA/DPA SOPs → the
DokumenAnggaran of that kind and year. A run started by a person drafts a missing
document; a scheduled run binds only what exists (the drafting step can create it).
"""

from __future__ import annotations

import re

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sakip.lib.formatting import rupiah
from sakip.organisasi.pemangku import jabatan_kepala
from sakip.sop.dokumen_terikat import Kekurangan, PengikatDokumen, daftarkan

from . import services
from .models import DokumenAnggaran, ItemAnggaran, PerjanjianKinerja, Renstra


def _kata(definisi: dict) -> str:
    return f"{definisi.get('dokumen', '')} | {definisi.get('nama', '')}".lower()


def _tahun(pelaksanaan) -> int:
    cocok = re.match(r"(\d{4})", pelaksanaan.periode or "")
    return int(cocok.group(1)) if cocok else timezone.localdate().year


def _renstra_tahun(instansi_id: int, tahun: int) -> Renstra | None:
    return (
        Renstra.objects.filter(
            instansi_id=instansi_id, tahun_awal__lte=tahun, tahun_akhir__gte=tahun
        )
        .order_by("-tahun_awal")
        .first()
    )


# ---------------------------------------------------------------- PK


def _ikat_pk(pelaksanaan, aktor) -> PerjanjianKinerja | None:
    tahun = _tahun(pelaksanaan)
    kepala = jabatan_kepala(pelaksanaan.instansi_id)
    if kepala is None:
        return None
    pk = (
        PerjanjianKinerja.objects.filter(jabatan=kepala, tahun=tahun)
        .exclude(status=PerjanjianKinerja.Status.DIGANTI)
        .first()
    )
    if pk is None and aktor is not None:
        pk = services.buat_pk(aktor=aktor, jabatan=kepala, tahun=tahun)
    return pk


def ringkasan_pk(pk: PerjanjianKinerja) -> dict[str, str]:
    baris = {
        "Pihak pertama": f"{pk.pihak_pertama.nama_lengkap} — {pk.jabatan.nama}",
        "Pihak kedua": f"{pk.pihak_kedua_nama} — {pk.pihak_kedua_jabatan}",
    }
    for s in pk.sasaran.prefetch_related("indikator"):
        for i in s.indikator.all():
            baris[f"{s.uraian} / {i.nama}"] = f"{i.target_tampil()} {i.satuan}".strip()
    for a in pk.anggaran.all():
        baris[f"Anggaran: {a.uraian}"] = rupiah(a.anggaran)
    baris["Jumlah anggaran"] = rupiah(pk.total_anggaran())
    return baris


def kekurangan_pk(pk: PerjanjianKinerja, langkah: dict) -> list[Kekurangan]:
    """What a draft PK lacks before it is handed on: the rules its signing refuses, said
    where to fix them. Sasaran with indicators at every hand-over (the drafter's work);
    the year's approved DPA at the signing step (a PK is signed after the DPA)."""
    if pk.status != PerjanjianKinerja.Status.DRAF:
        return []
    url_pk = reverse("perencanaan:pk", args=[pk.pk])
    kurang = []
    dpa = services.dpa_tahun(pk.instansi_id, pk.tahun)
    menandatangani = langkah.get("tindakan") == "tanda_tangan"
    if menandatangani and (dpa is None or dpa.tanggal_pengesahan is None):
        url = (
            reverse("perencanaan:anggaran", args=[dpa.pk])
            if dpa is not None
            else reverse("perencanaan:instansi", args=[pk.instansi_id])
        )
        kurang.append(
            Kekurangan(
                _("DPA tahun %(t)s belum disahkan: PK ditandatangani setelah DPA disahkan")
                % {"t": pk.tahun},
                url,
            )
        )
    sasaran = list(pk.sasaran.prefetch_related("indikator"))
    if not sasaran:
        kurang.append(Kekurangan(_("PK belum memuat sasaran dan indikator"), url_pk))
    for s in sasaran:
        if not s.indikator.all():
            kurang.append(
                Kekurangan(
                    _("Sasaran “%(s)s” belum memuat indikator kinerja") % {"s": s.uraian},
                    url_pk,
                )
            )
    return kurang


def _tandatangani_pk(pk, aktor, tanggal) -> None:
    if pk.status == PerjanjianKinerja.Status.DRAF:
        services.tandatangani_pk(aktor=aktor, pk=pk, tanggal=tanggal)


# ---------------------------------------------------------------- Renstra and IKU


def _ikat_renstra(pelaksanaan, aktor) -> Renstra | None:
    cocok = re.match(r"(\d{4})-(\d{4})", pelaksanaan.periode or "")
    if cocok:
        awal, akhir = int(cocok.group(1)), int(cocok.group(2))
    else:
        awal = _tahun(pelaksanaan)
        akhir = awal + 4
    renstra = Renstra.objects.filter(instansi_id=pelaksanaan.instansi_id, tahun_awal=awal).first()
    if renstra is None and aktor is not None:
        renstra = services.simpan(
            aktor=aktor,
            objek=Renstra(instansi_id=pelaksanaan.instansi_id, tahun_awal=awal, tahun_akhir=akhir),
            keterangan="Draf Renstra dari pelaksanaan SOP",
        )
    return renstra


def ringkasan_renstra(renstra: Renstra) -> dict[str, str]:
    baris = {"Periode": f"{renstra.tahun_awal}–{renstra.tahun_akhir}", "Visi": renstra.visi}
    for m in renstra.misi.all():
        baris[f"Misi {m.kode}"] = m.uraian
    for t in renstra.tujuan.all():
        baris[f"Tujuan {t.kode}"] = t.uraian
    for s in renstra.sasaran.all():
        baris[f"Sasaran {s.kode}"] = s.uraian
    for i in renstra.indikator.prefetch_related("target"):
        target = ", ".join(f"{t.tahun}: {t.target_tampil()}" for t in i.target.all())
        baris[f"Indikator {i.kode} {i.nama} ({i.satuan})"] = target
    return baris


def _tetapkan_renstra(renstra: Renstra, aktor, tanggal) -> None:
    if renstra.status != Renstra.Status.DITETAPKAN:
        renstra.status = Renstra.Status.DITETAPKAN
        services.simpan(
            aktor=aktor, objek=renstra, keterangan="Renstra ditetapkan (ditandatangani)"
        )


def _ikat_iku(pelaksanaan, aktor) -> Renstra | None:
    return _renstra_tahun(pelaksanaan.instansi_id, _tahun(pelaksanaan))


def ringkasan_iku(renstra: Renstra) -> dict[str, str]:
    return {
        f"IKU {iku.indikator.kode} {iku.indikator.nama}": (
            f"{iku.formula} | {iku.sumber_data} | {iku.penanggung_jawab.nama}"
        )
        for iku in renstra.iku.select_related("indikator", "penanggung_jawab")
    }


# ---------------------------------------------------------------- Renja, RKA, DPA


def _ikat_anggaran(jenis: str):
    def ikat(pelaksanaan, aktor) -> DokumenAnggaran | None:
        tahun = _tahun(pelaksanaan)
        dok = DokumenAnggaran.objects.filter(
            instansi_id=pelaksanaan.instansi_id, jenis=jenis, tahun=tahun
        ).first()
        renstra = _renstra_tahun(pelaksanaan.instansi_id, tahun)
        if dok is None and aktor is not None and renstra is not None:
            dok = services.simpan(
                aktor=aktor,
                objek=DokumenAnggaran(
                    instansi_id=pelaksanaan.instansi_id, renstra=renstra, jenis=jenis, tahun=tahun
                ),
                keterangan="Draf dari pelaksanaan SOP",
            )
        return dok

    return ikat


def ringkasan_anggaran(dok: DokumenAnggaran) -> dict[str, str]:
    baris = {}
    for item in dok.item.prefetch_related("indikator").order_by("kode"):
        baris[f"{item.kode} {item.nama}"] = rupiah(item.pagu)
        for i in item.indikator.all():
            baris[f"{item.kode} / {i.nama}"] = f"{i.target_tampil()} {i.satuan}".strip()
    baris["Total pagu"] = rupiah(
        sum(i.pagu for i in dok.item.filter(level=ItemAnggaran.Level.PROGRAM))
    )
    return baris


def _tanpa_pembekuan(dokumen, aktor, tanggal) -> None:
    """Signing a Renja/RKA/DPA/IKU freezes it in the run's log (the signed summary)."""


def _pdf_pk(pk: PerjanjianKinerja) -> bytes:
    from .dokumen import pk_pdf

    return pk_pdf(pk)


def _matriks_pdf(jenis: str, objek) -> bytes:
    from .dokumen import matriks_pdf

    return matriks_pdf(jenis, objek)


def daftarkan_sop() -> None:
    daftarkan(
        PengikatDokumen(
            nama="pk",
            cocok=lambda d: "perjanjian kinerja" in _kata(d) or "penetapan kinerja" in _kata(d),
            ikat=_ikat_pk,
            ringkasan=ringkasan_pk,
            tanda_tangan=_tandatangani_pk,
            url=lambda pk: reverse("perencanaan:pk", args=[pk.pk]),
            url_unduh=lambda pk: reverse("perencanaan:pk_pdf", args=[pk.pk]),
            memegang=lambda d: isinstance(d, PerjanjianKinerja),
            pdf=_pdf_pk,
            nama_dokumen=("Perjanjian Kinerja", "Penetapan Kinerja", "PK"),
            kekurangan=kekurangan_pk,
            judul=lambda pk: _("Perjanjian Kinerja %(t)s") % {"t": pk.tahun},
        )
    )
    daftarkan(
        PengikatDokumen(
            nama="iku",
            cocok=lambda d: _kata(d).startswith("iku") or "indikator kinerja utama" in _kata(d),
            ikat=_ikat_iku,
            ringkasan=ringkasan_iku,
            tanda_tangan=_tanpa_pembekuan,
            url=lambda r: reverse("perencanaan:iku", args=[r.pk]),
            pdf=lambda r: _matriks_pdf("iku", r),
            nama_dokumen=("IKU", "Indikator Kinerja Utama"),
            judul=lambda r: _("IKU Renstra %(a)s–%(b)s") % {"a": r.tahun_awal, "b": r.tahun_akhir},
        )
    )
    daftarkan(
        PengikatDokumen(
            nama="renstra",
            cocok=lambda d: "renstra" in _kata(d) or "rencana strategis" in _kata(d),
            ikat=_ikat_renstra,
            ringkasan=ringkasan_renstra,
            tanda_tangan=_tetapkan_renstra,
            url=lambda r: reverse("perencanaan:renstra", args=[r.pk]),
            memegang=lambda d: isinstance(d, Renstra),
            pdf=lambda r: _matriks_pdf("renstra", r),
            nama_dokumen=("Renstra", "Rencana Strategis"),
            judul=lambda r: _("Renstra %(a)s–%(b)s") % {"a": r.tahun_awal, "b": r.tahun_akhir},
        )
    )
    nama_dokumen = {
        "renja": ("Renja", "Rencana Kerja"),
        "rka": ("RKA", "Rencana Kerja dan Anggaran", "Rencana Kegiatan dan Anggaran"),
        "dpa": ("DPA", "Dokumen Pelaksanaan Anggaran"),
    }
    for jenis, kata in (
        ("renja", ("renja", "rencana kerja")),
        ("rka", ("rka", "rencana kegiatan dan anggaran")),
        ("dpa", ("dpa", "dokumen pelaksanaan anggaran")),
    ):
        daftarkan(
            PengikatDokumen(
                nama=jenis,
                cocok=lambda d, kata=kata: (
                    _kata(d).split(" | ")[0].strip() in kata
                    or any(k in _kata(d).split(" | ")[1] for k in kata[1:])
                ),
                ikat=_ikat_anggaran(jenis),
                ringkasan=ringkasan_anggaran,
                tanda_tangan=_tanpa_pembekuan,
                url=lambda d: reverse("perencanaan:anggaran", args=[d.pk]),
                memegang=lambda d, jenis=jenis: isinstance(d, DokumenAnggaran) and d.jenis == jenis,
                pdf=lambda d: _matriks_pdf("renja", d),
                nama_dokumen=nama_dokumen[jenis],
                judul=lambda d: f"{d.get_jenis_display()} {d.tahun}",
            )
        )
