"""Demo agenda books: for each demo agency the default numbering, incoming letters from
the kabupaten (with a generated scan) disposed down Camat → Sekcam → Kasubag, and a few
numbered outgoing letters, one of them cancelled so "batal" shows in the book.

Idempotent: a letter is found by its agency and subject; only missing ones are made,
through the services (so the demo has its audit trail and its counters too).
"""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string

from sakip.organisasi.models import Instansi, Jabatan, Pegawai
from sakip.organisasi.pemangku import pemangku
from sakip.sop import services as sop_services
from sakip.sop.models import SopInstansi

from . import services
from .models import Disposisi, Surat

INSTANSI_DEMO = ("KEC-BR", "KEC-MPR", "KEC-DY", "BAG-ADPEM")
# Mempura shows the Roman-month variant of the pattern.
POLA_DEMO = {"KEC-MPR": "{kode}/{nomor:03d}/{unit}/{bulan_romawi}/{tahun}"}

MASUK = [
    {
        "asal": "Bupati Siak",
        "nomor_surat": "000.8.3.2/412/ORG/2026",
        "tanggal_surat": datetime.date(2026, 11, 9),
        "diterima_pada": datetime.date(2026, 11, 11),
        "perihal": "Pelaksanaan Survei Kepuasan Masyarakat Tahun 2026",
        "sifat": "segera",
        "lampiran": "1 (satu) berkas",
        "kode_klasifikasi": "000.8.3.2",
        "isi": (
            "Dalam rangka peningkatan kualitas pelayanan publik sesuai Peraturan Menteri "
            "PANRB Nomor 14 Tahun 2017, diminta kepada Saudara untuk melaksanakan Survei "
            "Kepuasan Masyarakat (SKM) pada unit pelayanan di lingkungan instansi Saudara "
            "dan menyampaikan laporan Indeks Kepuasan Masyarakat (IKM) paling lambat "
            "15 Desember 2026."
        ),
        "disposisi": [
            (
                "kepala",
                "sekretaris",
                ["Untuk ditindaklanjuti", "Koordinasikan"],
                "Siapkan pelaksanaan SKM di loket PATEN.",
            ),
            (
                "sekretaris",
                "evapor",
                ["Siapkan bahan/jawaban", "Proses lebih lanjut"],
                "Gandakan kuesioner dan susun jadwal pengisian.",
            ),
        ],
        "sop": "000-spp-ikm",
    },
    {
        "asal": "Bagian Administrasi Pembangunan Setda Kabupaten Siak",
        "nomor_surat": "000.7.5/388/ADPEM/2026",
        "tanggal_surat": datetime.date(2026, 10, 28),
        "diterima_pada": datetime.date(2026, 10, 30),
        "perihal": "Permintaan Data Capaian Kinerja Triwulan III Tahun 2026",
        "sifat": "biasa",
        "lampiran": "1 (satu) lembar format",
        "kode_klasifikasi": "000.7.5",
        "isi": (
            "Sehubungan dengan pemantauan dan evaluasi kinerja perangkat daerah, diminta "
            "kepada Saudara untuk menyampaikan data capaian indikator kinerja Triwulan III "
            "Tahun 2026 sesuai format terlampir."
        ),
        "disposisi": [
            ("kepala", "sekretaris", ["Untuk diketahui", "Proses lebih lanjut"], ""),
        ],
        "sop": None,
    },
]

KELUAR = [
    # perihal, tujuan, code, date, cancelled because
    (
        "Penyampaian Perjanjian Kinerja Tahun 2026",
        "Bupati Siak",
        "000.7.2.7",
        datetime.date(2026, 2, 3),
        "",
    ),
    (
        "Undangan Rapat Koordinasi Evaluasi Rencana Aksi",
        "Seluruh Kepala Seksi dan Kepala Subbagian",
        "000.1.5",
        datetime.date(2026, 10, 5),
        "Salah tanggal rapat; diganti undangan baru.",
    ),
    (
        "Undangan Rapat Koordinasi Evaluasi Rencana Aksi (pengganti)",
        "Seluruh Kepala Seksi dan Kepala Subbagian",
        "000.1.5",
        datetime.date(2026, 10, 6),
        "",
    ),
    (
        "Penyampaian Laporan Kinerja Bulan Oktober 2026",
        "Bupati Siak c.q. Kepala Bagian Organisasi Setda Kabupaten Siak",
        "000.7.2.8",
        datetime.date(2026, 11, 10),
        "",
    ),
]


def _jabatan(instansi: Instansi, kunci: str) -> Jabatan | None:
    """The head, the secretary, or the planning subsection of a demo agency."""
    qs = Jabatan.objects.filter(instansi=instansi)
    if kunci == "kepala":
        return qs.filter(peran=Jabatan.Peran.KEPALA).first()
    if kunci == "sekretaris":
        return (
            qs.filter(peran=Jabatan.Peran.SEKRETARIS).first()
            or qs.filter(nama__icontains="Pengendalian").first()
        )
    return (
        qs.filter(nama__icontains="Perencanaan dan Evaluasi").first()
        or qs.filter(nama__icontains="Subbagian AD").first()
    )


def _pemegang(jabatan: Jabatan | None) -> Pegawai | None:
    orang = pemangku(jabatan) if jabatan is not None else []
    return orang[0] if orang else None


def _pencatat(instansi: Instansi, admin: Pegawai) -> Pegawai:
    """Kasubag Umum keeps the agenda book; else anyone of the agency; else the admin."""
    umum = Jabatan.objects.filter(instansi=instansi, nama__icontains="Umum").first()
    return _pemegang(umum) or Pegawai.objects.filter(instansi=instansi).first() or admin


def _pindaian(instansi: Instansi, data: dict) -> SimpleUploadedFile:
    """A scan-like PDF of the kabupaten's letter, drawn from HTML."""
    from sakip.dokumen.cetak import nama_pemerintah, pdf_dari_html, tanggal_panjang

    html = render_to_string(
        "surat/demo_pindaian.html",
        {
            "pemerintah": nama_pemerintah(instansi.pemda.nama),
            "data": data,
            "tanggal": tanggal_panjang(data["tanggal_surat"]),
            "kepada": instansi.nama,
        },
    )
    return SimpleUploadedFile("pindaian.pdf", pdf_dari_html(html), "application/pdf")


def _masuk(instansi: Instansi, admin: Pegawai) -> int:
    dibuat = 0
    pencatat = _pencatat(instansi, admin)
    for data in MASUK:
        if Surat.objects.filter(instansi=instansi, perihal=data["perihal"]).exists():
            continue
        surat = services.daftarkan_surat_masuk(
            aktor=pencatat,
            instansi=instansi,
            berkas=_pindaian(instansi, data),
            **{k: data[k] for k in ("asal", "nomor_surat", "tanggal_surat", "perihal")},
            **{k: data[k] for k in ("diterima_pada", "sifat", "lampiran", "kode_klasifikasi")},
        )
        dibuat += 1
        dibuat += _disposisi(surat, data)
    return dibuat


def _disposisi(surat: Surat, data: dict) -> int:
    induk: Disposisi | None = None
    dibuat = 0
    for dari, kepada, instruksi, catatan in data["disposisi"]:
        j_dari, j_kepada = _jabatan(surat.instansi, dari), _jabatan(surat.instansi, kepada)
        pelaku = _pemegang(j_dari)
        if pelaku is None or j_kepada is None or j_kepada == j_dari:
            break
        induk = services.disposisikan(
            aktor=pelaku,
            surat=surat,
            kepada=j_kepada,
            instruksi=instruksi,
            catatan=catatan,
            batas_waktu=services.hari_ini() + datetime.timedelta(days=14),
            induk=induk,
        )
        dibuat += 1
        if dibuat == 1 and data["sop"]:
            _mulai_sop(induk, pelaku, data["sop"])
    return dibuat


def _mulai_sop(disposisi: Disposisi, kepala: Pegawai, kode: str) -> None:
    """The head starts the agency's IKM SOP from the kabupaten's letter, if adopted."""
    sop = SopInstansi.objects.filter(instansi=disposisi.surat.instansi, kode=kode).first()
    if sop is None or not sop_services.boleh_memulai(kepala, sop):
        return
    services.mulai_sop_dari_disposisi(
        aktor=kepala,
        disposisi=disposisi,
        sop=sop,
        judul="Pelaporan SPP dan IKM Tahun 2026",
        periode="2026",
    )


def _keluar(instansi: Instansi, admin: Pegawai) -> int:
    dibuat = 0
    pencatat = _pencatat(instansi, admin)
    for perihal, tujuan, kode, tanggal, alasan_batal in KELUAR:
        if Surat.objects.filter(instansi=instansi, perihal=perihal).exists():
            continue
        surat = services.buat_surat_keluar(
            aktor=pencatat,
            instansi=instansi,
            perihal=perihal,
            tujuan=tujuan,
            kode_klasifikasi=kode,
            tanggal=tanggal,
        )
        if alasan_batal:
            services.batalkan(aktor=pencatat, surat=surat, alasan=alasan_batal)
        dibuat += 1
    return dibuat


def muat(admin: Pegawai) -> int:
    """Load the demo agenda books once; returns how many rows were created."""
    dibuat = 0
    for kode_unit in INSTANSI_DEMO:
        instansi = Instansi.objects.filter(kode_unit=kode_unit).select_related("pemda").first()
        if instansi is None:
            continue
        atur = services.pengaturan(instansi)
        pola = POLA_DEMO.get(kode_unit)
        if pola and atur.pola_nomor != pola:
            services.simpan_pengaturan(
                aktor=admin, instansi=instansi, pola_nomor=pola, urut_per_klasifikasi=False
            )
        dibuat += _keluar(instansi, admin)
        dibuat += _masuk(instansi, admin)
    return dibuat
