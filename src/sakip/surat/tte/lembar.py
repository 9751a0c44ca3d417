"""The Lembar Pengesahan: one A4 page appended to the document before it is signed.

It carries the letter's number, date, subject and classification, the reviewers'
paraf (the table a paper letter has in its margin), and an empty box at a fixed place
where the visible signature (QR + text) is drawn. The box is fixed in millimetres in the
template and converted here to PDF points for the signature field.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from sakip.lib.formatting import tanggal_panjang

from .penanda import Bidang

MM = 72 / 25.4  # PDF points per millimetre
A4_MM = (210, 297)


@dataclass(frozen=True)
class Kotak:
    """The signature box on the page, in mm from the top-left corner (as CSS places it)."""

    kiri: int = 100
    atas: int = 196
    lebar: int = 92
    tinggi: int = 40

    def sebagai_pdf(self, tinggi_halaman_pt: float = A4_MM[1] * MM) -> tuple[int, int, int, int]:
        """(ll_x, ll_y, ur_x, ur_y) in points: PDF's origin is the lower-left corner."""
        x1 = self.kiri * MM
        x2 = (self.kiri + self.lebar) * MM
        y_atas = tinggi_halaman_pt - self.atas * MM
        y_bawah = tinggi_halaman_pt - (self.atas + self.tinggi) * MM
        return round(x1), round(y_bawah), round(x2), round(y_atas)


KOTAK = Kotak()
NAMA_BIDANG = "TTE-Pengesahan"


def url_verifikasi(surat) -> str:
    """The absolute public address the QR opens."""
    path = reverse("verifikasi:detail", args=[surat.kode_verifikasi])
    return settings.SITE_URL.rstrip("/") + path


def html_lembar(surat, *, nama: str, nip: str, jabatan: str, paraf: list) -> str:
    instansi = surat.instansi
    return render_to_string(
        "surat/tte_lembar_pdf.html",
        {
            "surat": surat,
            "instansi": instansi,
            "pemda": instansi.pemda,
            "tanggal": tanggal_panjang(surat.tanggal_surat or timezone.localdate()),
            "tempat": instansi.pemda.ibukota,
            "klasifikasi": surat.klasifikasi,
            "paraf": paraf,
            "nama": nama,
            "nip": nip,
            "jabatan": jabatan,
            "url": url_verifikasi(surat),
            "kotak": KOTAK,
        },
    )


def sisipkan_lembar(sumber: bytes, lembar: bytes) -> tuple[bytes, Bidang]:
    """Append the lembar's pages to `sumber` (an incremental update: the source bytes stay
    a prefix of the result) and say where the signature field goes."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.pdf_utils.writer import PageObject

    from .penanda import jalankan_sinkron

    def sisip():
        writer = IncrementalPdfFileWriter(io.BytesIO(sumber), strict=False)
        jumlah_sumber = int(writer.root["/Pages"]["/Count"])
        pembaca = PdfFileReader(io.BytesIO(lembar), strict=False)
        jumlah_lembar = int(pembaca.root["/Pages"]["/Count"])
        for i in range(jumlah_lembar):
            halaman = pembaca.find_page_for_modification(i)[0].get_object()
            kotak_media = [float(v) for v in halaman["/MediaBox"]]
            xobject = writer.import_page_as_xobject(pembaca, i)
            isi = writer.add_object(generic.StreamObject(stream_data=b"q /Lembar Do Q"))
            sumber_daya = generic.DictionaryObject(
                {
                    generic.pdf_name("/XObject"): generic.DictionaryObject(
                        {generic.pdf_name("/Lembar"): xobject}
                    )
                }
            )
            writer.insert_page(PageObject(isi, kotak_media, sumber_daya))
            if i == 0:
                tinggi = kotak_media[3] - kotak_media[1]
        keluaran = io.BytesIO()
        writer.write(keluaran)
        # The box is drawn on the lembar's first page (absolutely placed in the template).
        return keluaran.getvalue(), Bidang(
            halaman=jumlah_sumber, kotak=KOTAK.sebagai_pdf(tinggi), nama=NAMA_BIDANG
        )

    return jalankan_sinkron(sisip)


def dokumen_siap_tanda_tangan(
    surat, sumber: bytes, *, nama: str, nip: str, jabatan: str, paraf: list
) -> tuple[bytes, Bidang]:
    """The source PDF with its Lembar Pengesahan, and the signature field's place."""
    from sakip.dokumen.cetak import pdf_dari_html

    lembar = pdf_dari_html(html_lembar(surat, nama=nama, nip=nip, jabatan=jabatan, paraf=paraf))
    return sisipkan_lembar(sumber, lembar)
