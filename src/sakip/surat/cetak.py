"""The printed lembar disposisi (docs/domain.md §11): letter data, "diteruskan kepada",
the instruction checkboxes and the notes, on the agency's letterhead."""

from __future__ import annotations

from django.template.loader import render_to_string

from sakip.dokumen.cetak import kop, pdf_dari_html, tanggal_panjang
from sakip.organisasi.models import Jabatan

from .models import Surat
from .services import INSTRUKSI_BAKU


def konteks_lembar(surat: Surat) -> dict:
    disposisi = list(
        surat.disposisi.select_related("kepada", "dari_jabatan").order_by("dibuat_pada", "id")
    )
    tujuan = {d.kepada_id for d in disposisi}
    dipilih = {i for d in disposisi for i in d.instruksi}
    # Every position below the head may be ticked; the ones the letter went to are.
    jabatan = Jabatan.objects.filter(instansi_id=surat.instansi_id).exclude(
        peran=Jabatan.Peran.KEPALA
    )
    lain = sorted(dipilih - set(INSTRUKSI_BAKU))
    return {
        "surat": surat,
        "kop": kop(surat.instansi),
        "tanggal_surat": tanggal_panjang(surat.tanggal_surat),
        "diterima": tanggal_panjang(surat.diterima_pada),
        "sifat_pilihan": Surat.Sifat.choices,
        "kepada": [(j.nama, j.pk in tujuan) for j in jabatan],
        "instruksi": [(i, i in dipilih) for i in (*INSTRUKSI_BAKU, *lain)],
        "disposisi": [
            {
                "dari": d.dari_jabatan.nama if d.dari_jabatan else str(d.dari),
                "kepada": d.kepada.nama,
                "catatan": d.catatan,
                "tanggal": tanggal_panjang(d.dibuat_pada.date()),
                "batas": tanggal_panjang(d.batas_waktu),
                "sifat": d.get_sifat_display(),
            }
            for d in disposisi
        ],
    }


def lembar_disposisi_html(surat: Surat) -> str:
    return render_to_string("surat/lembar_disposisi.html", konteks_lembar(surat))


def lembar_disposisi_pdf(surat: Surat) -> bytes:
    return pdf_dari_html(lembar_disposisi_html(surat))
