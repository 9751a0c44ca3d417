"""The document the SOP "penyampaian-data-kinerja" carries: the agency's JawabanData.

A run started by a data request is bound to its answer when it starts (see
`permintaan.kirim_permintaan`); a run the agency's head starts by hand binds the oldest
answer still waiting without a live run. Reviewers see what the answer would say today
(`ringkasan`, so the next reviewer sees what changed); the Camat's signature
(`tindakan: tanda_tangan`) freezes and sends it through `permintaan.kirim_jawaban`.

Registered at start-up by the SOP app (`daftarkan_sop`, through `sop_plugin`), in every
process — the web server and the worker alike.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType

from sakip.lib.formatting import angka
from sakip.sop.dokumen_terikat import PengikatDokumen, daftarkan
from sakip.sop.models import Pelaksanaan

from .. import permintaan
from ..models import JawabanData


def _ikat(pelaksanaan, aktor) -> JawabanData | None:
    """The agency's oldest waiting answer that no live run carries yet."""
    terikat = Pelaksanaan.objects.filter(
        dokumen_ct=ContentType.objects.get_for_model(JawabanData),
        instansi_id=pelaksanaan.instansi_id,
    ).exclude(status=Pelaksanaan.Status.DIBATALKAN)
    return (
        JawabanData.objects.filter(
            instansi_id=pelaksanaan.instansi_id, status=JawabanData.Status.MENUNGGU
        )
        .exclude(pk__in=terikat.values("dokumen_id"))
        .order_by("permintaan__dibuat_pada", "id")
        .first()
    )


def _persen(nilai: str | None) -> str:
    return f"{angka(nilai, 2)}%" if nilai is not None else "—"


def ringkasan(jawaban: JawabanData) -> dict[str, str]:
    """One line per indicator and the totals; the time it was taken is left out so that
    two summaries of the same data compare equal."""
    isi = permintaan.potret_jawaban(jawaban)
    baris = {
        "Data": f"tahun {isi['tahun']} sampai bulan {isi['sampai_bulan']}",
        "Status": jawaban.get_status_display(),
    }
    for i in isi["indikator"]:
        baris[f"{i['kode']} {i['nama']} ({i['satuan']})"] = (
            f"target {i['target']}, realisasi {i['realisasi'] or '—'}, "
            f"capaian {_persen(i['capaian'])}"
        )
    baris["Rata-rata capaian"] = f"{_persen(isi['rata_capaian'])} {isi['kategori']}".strip()
    k = isi["kelengkapan"]
    baris["Kelengkapan data"] = f"{k['terisi']} dari {k['diharapkan']} realisasi"
    baris["Serapan anggaran"] = _persen(isi["serapan"])
    return baris


def _tanda_tangan(jawaban: JawabanData, aktor, tanggal) -> None:
    # A rerun on an answer already sent has nothing left to send.
    if jawaban.status == JawabanData.Status.MENUNGGU:
        permintaan.kirim_jawaban(aktor=aktor, jawaban=jawaban)


PENGIKAT = PengikatDokumen(
    nama="jawaban-data-kinerja",
    cocok=lambda d: d.get("kode") == permintaan.KODE_SOP,
    ikat=_ikat,
    ringkasan=ringkasan,
    tanda_tangan=_tanda_tangan,
    url=lambda j: permintaan.url_jawaban(j),
    memegang=lambda d: isinstance(d, JawabanData),
    nama_dokumen=("Jawaban Permintaan Data Kinerja", "Jawaban Permintaan Data", "Data Kinerja"),
)


def daftarkan_sop() -> None:
    daftarkan(PENGIKAT)
