"""Demo letters that went the whole way: typed, signed with TTE by the head (demo key),
sent to the Pemda (in-app and on paper, `distribusi.muat_demo`) — so the verification
page, the bukti pengiriman and the receipts have something to show at `make run`.

Runs after the agenda demo (the numbered letters) and the TTE demo (the keys).
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.formats import date_format

from sakip.dokumen.cetak import kop, pdf_dari_html
from sakip.organisasi.models import Pegawai
from sakip.organisasi.pemangku import tempat_ttd

from . import distribusi, services
from .models import Surat
from .tte import demo as tte_demo
from .tte import services as tte

PERIHAL = "Penyampaian Laporan Kinerja Bulan Oktober 2026"
INSTANSI = ("KEC-BR", "KEC-MPR")


def _pdf(surat: Surat, kepala: Pegawai) -> bytes:
    html = render_to_string(
        "surat/demo_surat_keluar.html",
        {
            "surat": surat,
            "kop": kop(surat.instansi),
            "tempat": tempat_ttd(surat.instansi),
            "tanggal": date_format(surat.tanggal_surat or services.hari_ini(), "j F Y"),
            "jabatan": kepala.jabatan.nama if kepala.jabatan_id else "Kepala",
            "kepala": kepala,
        },
    )
    return pdf_dari_html(html)


def muat(admin: Pegawai) -> int:
    dibuat = 0
    for surat in Surat.objects.filter(
        instansi__kode_unit__in=INSTANSI,
        instansi__pemda__nama=tte_demo.PEMDA_DEMO,
        arah=Surat.Arah.KELUAR,
        perihal=PERIHAL,
        status=Surat.Status.BERNOMOR,
    ).select_related("instansi__pemda"):
        pejabat = surat.instansi.pejabat_kepala(plt=False)
        kepala = pejabat[0] if pejabat else None
        if kepala is None or not tte.punya_kunci(kepala):
            continue
        tte.tandatangani(
            aktor=kepala,
            surat=surat,
            passphrase=tte_demo.passphrase_demo(),
            pdf=_pdf(surat, kepala),
        )
        dibuat += 1
    return dibuat + distribusi.muat_demo(admin)
