"""Printed planning documents: the Perjanjian Kinerja (Word and PDF) and the matrices of the
Renstra, the Renja/RKA/DPA and the IKU (PDF, A4 landscape).

The PK follows the format in the Lampiran of PermenPAN-RB 53/2014 (Petunjuk Teknis
Perjanjian Kinerja): a statement page naming PIHAK PERTAMA and PIHAK KEDUA with the
standard commitment, then the form page with Sasaran Strategis | Indikator Kinerja |
Target, the Program (eselon III) or Kegiatan/Sub Kegiatan (eselon IV) budget with its
total, and both signatures. Every value reaches the templates as display-ready text.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone

from sakip.dokumen.cetak import kop, pdf_dari_html, tanggal_panjang
from sakip.dokumen.templat import render_docx
from sakip.lib.formatting import angka, rupiah
from sakip.organisasi.models import Jabatan
from sakip.organisasi.pemangku import jabatan_lengkap, nama_singkat

from .models import (
    IKU,
    DokumenAnggaran,
    IndikatorItem,
    IndikatorPK,
    ItemAnggaran,
    NilaiTarget,
    PerjanjianKinerja,
    Renstra,
    SasaranPK,
    TargetTahunan,
)

KOSONG = "—"
# Room to write by hand: the date of an undated draft, a superior not yet named.
ISIAN_KOSONG = "…………………"


# ---------------------------------------------------------------- shared formatting


def target_dengan_satuan(nilai: NilaiTarget, satuan: str) -> str:
    """'90 %', '80 – 90 %', or the scale value ('WTP'), as printed in the PK table."""
    if nilai.target_skala:
        return nilai.target_skala
    if nilai.target is None:
        return KOSONG
    teks = nilai.target_tampil()
    return f"{teks} {satuan}".strip() if satuan else teks


def _nilai(target, atas=None, skala: str = "") -> str:
    """A Renstra number (baseline, final target) in the same form as yearly targets."""
    return TargetTahunan(target=target, target_atas=atas, target_skala=skala).target_tampil()


# ---------------------------------------------------------------- Perjanjian Kinerja


def _muat_pk(pk: PerjanjianKinerja) -> PerjanjianKinerja:
    """The PK with everything the document prints, in a fixed number of queries."""
    return (
        PerjanjianKinerja.objects.select_related(
            "instansi__pemda", "jabatan", "pihak_pertama", "pihak_kedua"
        )
        .prefetch_related(
            Prefetch(
                "sasaran",
                queryset=SasaranPK.objects.prefetch_related(
                    Prefetch("indikator", queryset=IndikatorPK.objects.order_by("urutan", "id"))
                ).order_by("urutan", "id"),
            ),
            "anggaran__item",
        )
        .get(pk=pk.pk)
    )


def _pejabat(nama: str, nip: str, jabatan: str) -> dict:
    return {
        "nama": nama or ISIAN_KOSONG,
        "nip": nip,
        "jabatan": jabatan,
        "jabatan_ttd": jabatan.upper(),
    }


def _pihak_pertama(pk: PerjanjianKinerja) -> dict:
    orang = pk.pihak_pertama
    return _pejabat(
        orang.nama_lengkap, orang.nip_tampil, jabatan_lengkap(pk.jabatan.nama, pk.instansi)
    )


def _pihak_kedua(pk: PerjanjianKinerja) -> dict:
    """The superior: a user of the system, or the regional head named by text only."""
    orang = pk.pihak_kedua
    if orang is None:
        return _pejabat(pk.pihak_kedua_nama, "", pk.pihak_kedua_jabatan)
    jabatan = jabatan_lengkap(pk.pihak_kedua_jabatan, pk.instansi)
    return _pejabat(orang.nama_lengkap, orang.nip_tampil, jabatan)


def label_anggaran(pk: PerjanjianKinerja) -> str:
    """Column title of the budget table: Program for eselon III (and II), Kegiatan/Sub
    Kegiatan for eselon IV (PermenPAN-RB 53/2014); read from the linked DPA items first."""
    nama = {"program": "Program", "kegiatan": "Kegiatan", "sub": "Sub Kegiatan"}
    tingkat = [
        lvl for lvl in nama if any(a.item and a.item.level == lvl for a in pk.anggaran.all())
    ]
    if tingkat:
        return "/".join(nama[lvl] for lvl in tingkat)
    if pk.jabatan.eselon.startswith("IV"):
        return "Kegiatan/Sub Kegiatan"
    return "Program"


def _judul_unit(pk: PerjanjianKinerja) -> str:
    # The head's PK speaks for the whole agency; a subordinate's for the position.
    if pk.jabatan.peran == Jabatan.Peran.KEPALA:
        return pk.instansi.nama.upper()
    return jabatan_lengkap(pk.jabatan.nama, pk.instansi).upper()


def _data_pk(pk: PerjanjianKinerja) -> dict:
    tempat = pk.tempat or pk.instansi.pemda.ibukota or nama_singkat(pk.instansi)
    tanggal = tanggal_panjang(pk.tanggal) or f"{ISIAN_KOSONG} {pk.tahun}"
    revisi = pk.nomor_revisi > 0
    return {
        "tahun": pk.tahun,
        "judul": f"PERJANJIAN KINERJA TAHUN {pk.tahun}",
        "instansi": pk.instansi.nama,
        "unit": _judul_unit(pk),
        "draf": pk.status == PerjanjianKinerja.Status.DRAF,
        "status": pk.get_status_display(),
        "nomor_revisi": pk.nomor_revisi,
        "revisi": f"Revisi ke-{pk.nomor_revisi}" if revisi else "",
        "alasan_revisi": pk.get_alasan_revisi_display() if revisi and pk.alasan_revisi else "",
        "keterangan_revisi": pk.keterangan_revisi if revisi else "",
        "tempat": tempat,
        "tanggal": tanggal,
        "tempat_tanggal": f"{tempat}, {tanggal}",
        "label_anggaran": label_anggaran(pk),
        "total_anggaran": rupiah(pk.total_anggaran()),
    }


def _sasaran(pk: PerjanjianKinerja) -> list[dict]:
    hasil = []
    for no, s in enumerate(pk.sasaran.all(), start=1):
        indikator = [
            {
                "no": n,
                "nama": i.nama,
                "satuan": i.satuan,
                "target": target_dengan_satuan(i, i.satuan),
            }
            for n, i in enumerate(s.indikator.all(), start=1)
        ]
        # A sasaran without indicators still shows, so the gap is visible on paper.
        indikator = indikator or [{"no": "", "nama": KOSONG, "satuan": "", "target": KOSONG}]
        hasil.append({"no": no, "uraian": s.uraian, "indikator": indikator})
    return hasil


def pk_konteks(pk: PerjanjianKinerja) -> dict:
    """Everything the PK prints; the variables of document kind "pk" (sakip.dokumen.jenis)."""
    pk = _muat_pk(pk)
    return {
        "kop": kop(pk.instansi),
        "pk": _data_pk(pk),
        "pihak_pertama": _pihak_pertama(pk),
        "pihak_kedua": _pihak_kedua(pk),
        "sasaran": _sasaran(pk),
        "anggaran": [
            {"no": no, "uraian": a.uraian, "anggaran": rupiah(a.anggaran)}
            for no, a in enumerate(pk.anggaran.all(), start=1)
        ],
    }


def pk_docx(pk: PerjanjianKinerja) -> bytes:
    """The PK as .docx from the agency's template (or the built-in one)."""
    return render_docx(pk.instansi, "pk", pk_konteks(pk))


def pk_pdf(pk: PerjanjianKinerja) -> bytes:
    """The PK as PDF, A4 portrait, in the PermenPAN-RB 53/2014 layout."""
    return pdf_dari_html(render_to_string("perencanaan/dokumen/pk.html", pk_konteks(pk)))


# ---------------------------------------------------------------- matrices


def _sel(teks, *, rowspan: int = 1, kelas: str = "") -> dict:
    return {"teks": "" if teks is None else str(teks), "rowspan": rowspan, "kelas": kelas}


def _kepala(*judul, rowspan: int = 1, colspan: int = 1, kelas: str = "") -> list[dict]:
    return [{"teks": j, "rowspan": rowspan, "colspan": colspan, "kelas": kelas} for j in judul]


def _sel_indikator(ind, tahun: list[int]) -> list[dict]:
    """Indikator | Satuan | Kondisi Awal | target of each year | Target Akhir."""
    if ind is None:
        return [_sel(KOSONG), *(_sel(KOSONG, kelas="tengah") for _ in range(len(tahun) + 3))]
    target = {t.tahun: t for t in ind.target.all()}
    return [
        _sel(f"{ind.kode} {ind.nama}"),
        _sel(ind.satuan, kelas="tengah"),
        _sel(_nilai(ind.baseline, skala=ind.baseline_skala), kelas="target"),
        *(
            _sel(target[t].target_tampil() if t in target else KOSONG, kelas="target")
            for t in tahun
        ),
        _sel(
            _nilai(ind.target_akhir, ind.target_akhir_atas, ind.target_akhir_skala), kelas="target"
        ),
    ]


def _kelompok_tujuan(tujuan) -> list[tuple[dict, list]]:
    """(sasaran cell, its indicators) under a tujuan; the tujuan's own indicators first."""
    kelompok = []
    if tujuan.indikator.all():
        kelompok.append((_sel("(indikator tujuan)", kelas="catatan"), list(tujuan.indikator.all())))
    for s in tujuan.sasaran.all():
        kelompok.append((_sel(f"{s.kode} {s.uraian}"), list(s.indikator.all())))
    return kelompok or [(_sel(KOSONG), [])]


def _baris_renstra(renstra: Renstra) -> list[list[dict]]:
    """One row per indicator; tujuan and sasaran cells span the rows of their indicators."""
    baris, no = [], 0
    for tujuan in renstra.tujuan.all():
        kelompok = _kelompok_tujuan(tujuan)
        sel_tujuan = _sel(
            f"{tujuan.kode} {tujuan.uraian}",
            rowspan=sum(max(len(indikator), 1) for _, indikator in kelompok),
        )
        for sel_sasaran, indikator in kelompok:
            sel_sasaran["rowspan"] = max(len(indikator), 1)
            for i, ind in enumerate(indikator or [None]):
                no += ind is not None
                sel = [_sel(no if ind else "", kelas="tengah")]
                if sel_tujuan is not None:
                    sel.append(sel_tujuan)
                    sel_tujuan = None
                if i == 0:
                    sel.append(sel_sasaran)
                baris.append(sel + _sel_indikator(ind, renstra.tahun))
    return baris


def _matriks_renstra(renstra: Renstra) -> dict:
    renstra = (
        Renstra.objects.select_related("instansi__pemda")
        .prefetch_related(
            "tujuan__indikator__target",
            "tujuan__sasaran__indikator__target",
        )
        .get(pk=renstra.pk)
    )
    tahun = renstra.tahun
    kepala = [
        _kepala("No", "Tujuan", "Sasaran", "Indikator", "Satuan", "Kondisi Awal", rowspan=2)
        + _kepala("Target", colspan=len(tahun))
        + _kepala("Target Akhir Periode", rowspan=2),
        _kepala(*(str(t) for t in tahun)),
    ]
    lebar = ["7mm", "38mm", "40mm", "50mm", "16mm", "17mm", *["15mm"] * len(tahun), "18mm"]
    return {
        "instansi": renstra.instansi,
        "judul": [
            "MATRIKS RENCANA STRATEGIS (RENSTRA)",
            renstra.instansi.nama.upper(),
            f"TAHUN {renstra.tahun_awal}–{renstra.tahun_akhir}",
        ],
        "kepala": kepala,
        "lebar": lebar,
        "baris": _baris_renstra(renstra),
        "keterangan": [f"Visi: {renstra.visi}"] if renstra.visi else [],
    }


JUDUL_ANGGARAN = {
    DokumenAnggaran.Jenis.RENJA: "RENCANA KERJA (RENJA)",
    DokumenAnggaran.Jenis.RKA: "RENCANA KERJA DAN ANGGARAN (RKA)",
    DokumenAnggaran.Jenis.DPA: "DOKUMEN PELAKSANAAN ANGGARAN (DPA)",
}


def _urut_pohon(item: list[ItemAnggaran]) -> list[ItemAnggaran]:
    """Programs, each followed by its kegiatan, each by its sub-kegiatan."""
    anak: dict[int | None, list[ItemAnggaran]] = {}
    for i in sorted(item, key=lambda i: (i.urutan, i.kode)):
        anak.setdefault(i.induk_id, []).append(i)
    hasil: list[ItemAnggaran] = []

    def turun(induk_id):
        for i in anak.get(induk_id, []):
            hasil.append(i)
            turun(i.pk)

    turun(None)
    return hasil


def _baris_item(item: ItemAnggaran) -> list[list[dict]]:
    indikator: list[IndikatorItem | None] = list(item.indikator.all()) or [None]
    tinggi = len(indikator)
    baris = []
    for n, ind in enumerate(indikator):
        sel = []
        if n == 0:
            sel = [
                _sel(item.kode, rowspan=tinggi, kelas=f"kode tingkat-{item.level}"),
                _sel(item.nama, rowspan=tinggi, kelas=f"tingkat-{item.level}"),
            ]
        if ind is None:
            sel += [_sel(KOSONG), _sel(KOSONG, kelas="target"), _sel("", kelas="tengah")]
        else:
            sel += [
                _sel(ind.nama),
                _sel(ind.target_skala or ind.target_tampil(), kelas="target"),
                _sel(ind.satuan, kelas="tengah"),
            ]
        if n == 0:
            sel.append(_sel(angka(item.pagu), rowspan=tinggi, kelas=f"angka tingkat-{item.level}"))
        baris.append(sel)
    return baris


def _matriks_anggaran(dokumen: DokumenAnggaran) -> dict:
    dokumen = DokumenAnggaran.objects.select_related("instansi__pemda").get(pk=dokumen.pk)
    item = list(dokumen.item.prefetch_related("indikator"))
    baris = [b for i in _urut_pohon(item) for b in _baris_item(i)]
    total = dokumen.total_pagu()
    pengesahan = []
    if dokumen.nomor:
        pengesahan.append(f"Nomor: {dokumen.nomor}")
    if dokumen.tanggal_pengesahan:
        pengesahan.append(f"Tanggal pengesahan: {tanggal_panjang(dokumen.tanggal_pengesahan)}")
    return {
        "instansi": dokumen.instansi,
        "judul": [
            JUDUL_ANGGARAN[dokumen.jenis],
            dokumen.instansi.nama.upper(),
            f"TAHUN ANGGARAN {dokumen.tahun}",
        ],
        "kepala": [
            _kepala("Kode", "Program / Kegiatan / Sub Kegiatan", "Indikator Kinerja", "Target")
            + _kepala("Satuan", "Pagu (Rp)")
        ],
        "lebar": ["32mm", "75mm", "75mm", "22mm", "22mm", "31mm"],
        "baris": baris,
        "jumlah": {"label": "Jumlah", "colspan": 5, "nilai": rupiah(total)},
        "keterangan": [" · ".join(pengesahan)] if pengesahan else [],
    }


def _matriks_iku(renstra: Renstra) -> dict:
    renstra = Renstra.objects.select_related("instansi__pemda").get(pk=renstra.pk)
    semua = IKU.objects.filter(renstra=renstra).select_related(
        "indikator", "penanggung_jawab", "indikator__sasaran"
    )
    baris = [
        [
            _sel(no, kelas="tengah"),
            _sel(iku.indikator.nama),
            _sel(iku.indikator.satuan, kelas="tengah"),
            _sel(iku.alasan),
            _sel(iku.definisi),
            _sel(iku.formula),
            _sel(iku.sumber_data),
            _sel(jabatan_lengkap(iku.penanggung_jawab.nama, renstra.instansi)),
        ]
        for no, iku in enumerate(semua, start=1)
    ]
    return {
        "instansi": renstra.instansi,
        "judul": [
            "INDIKATOR KINERJA UTAMA (IKU)",
            renstra.instansi.nama.upper(),
            f"TAHUN {renstra.tahun_awal}–{renstra.tahun_akhir}",
        ],
        "kepala": [
            _kepala(
                "No",
                "Indikator Kinerja Utama",
                "Satuan",
                "Alasan Pemilihan",
                "Definisi Operasional",
                "Formulasi",
                "Sumber Data",
                "Penanggung Jawab",
            )
        ],
        "lebar": ["8mm", "42mm", "16mm", "40mm", "42mm", "40mm", "34mm", "35mm"],
        "baris": baris,
        "keterangan": [],
    }


MATRIKS = {"renstra": _matriks_renstra, "renja": _matriks_anggaran, "iku": _matriks_iku}


def matriks_konteks(jenis: str, objek) -> dict:
    try:
        buat = MATRIKS[jenis]
    except KeyError:
        raise ValueError(
            f"Matriks tidak dikenal: {jenis} (pilihan: {', '.join(MATRIKS)})"
        ) from None
    konteks = buat(objek)
    konteks["kop"] = kop(konteks.pop("instansi"))
    konteks["dicetak"] = tanggal_panjang(timezone.localdate())
    konteks["jumlah_kolom"] = sum(k["colspan"] for k in konteks["kepala"][0])
    return konteks


def matriks_pdf(jenis: str, objek) -> bytes:
    """A planning matrix as PDF, A4 landscape with the header row repeated on every page.

    `jenis` "renstra" (a Renstra: tujuan/sasaran/indikator, baseline, yearly and final
    targets), "renja" (a Renja, RKA or DPA: program/kegiatan/sub kegiatan with indicators,
    targets and pagu) or "iku" (a Renstra's IKU: definition, formula, data source, owner).
    """
    return pdf_dari_html(
        render_to_string("perencanaan/dokumen/matriks.html", matriks_konteks(jenis, objek))
    )
