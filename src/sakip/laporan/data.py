"""Everything a report shows, assembled from the agency's planning and measurement data.

`data_laporan(laporan)` returns plain JSON-ready data (numbers as strings formatted the
Indonesian way, plus raw values where documents compute), used by the page, the PDF, the
DOCX and — frozen at signing — the archive. docs/domain.md §7–8: the LKjIP's Bab III shows, per
sasaran and indicator, target against realisation this year, against previous years,
against the Renstra end target and a national standard, causes and solutions, efficiency
and the programs that supported the result; 3.2 shows the budget realisation.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from sakip.lib.formatting import angka, rupiah
from sakip.organisasi.models import Pegawai
from sakip.organisasi.pemangku import penandatangan
from sakip.pengukuran import capaian as rumus
from sakip.pengukuran import penilaian
from sakip.pengukuran.models import BarisKartuKendali, Rekomendasi
from sakip.perencanaan.models import IKU, IndikatorItem, PerjanjianKinerja, Renstra

from .models import Laporan


def _persen(nilai: Decimal | None) -> str:
    return "—" if nilai is None else f"{angka(nilai, 2)}%"


def _nilai(nilai) -> str:
    if nilai is None or nilai == "":
        return "—"
    if isinstance(nilai, str):
        return nilai
    return angka(nilai, 0 if nilai == nilai.to_integral() else 2)


def _renstra(laporan: Laporan) -> Renstra | None:
    return (
        Renstra.objects.filter(
            instansi=laporan.instansi,
            tahun_awal__lte=laporan.tahun,
            tahun_akhir__gte=laporan.tahun,
        )
        .prefetch_related("misi", "tujuan", "sasaran")
        .first()
    )


def _kepala(laporan: Laporan) -> dict:
    ttd = penandatangan(laporan.instansi, plt=False)
    return {"nama": ttd.nama, "nip": ttd.nip, "jabatan": ttd.nama_jabatan}


def _organisasi(laporan: Laporan) -> dict:
    """Structural positions and their holders (Bab I), frozen with the report at signing."""
    from sakip.organisasi.models import Jabatan

    jabatan = (
        Jabatan.objects.filter(instansi=laporan.instansi)
        .exclude(eselon="")
        .with_pemangku()
        .order_by("urutan", "eselon", "nama")
    )
    return {
        "jumlah_pegawai": Pegawai.objects.filter(instansi=laporan.instansi, is_active=True).count(),
        "jabatan": [
            {
                "no": n,
                "jabatan": j.nama,
                "eselon": j.eselon,
                "pemangku": ", ".join(p.nama_lengkap for p in j.pemangku_list) or "—",
            }
            for n, j in enumerate(jabatan, start=1)
        ],
    }


def _pk_kepala(laporan: Laporan) -> PerjanjianKinerja | None:
    return (
        PerjanjianKinerja.objects.filter(
            instansi=laporan.instansi, tahun=laporan.tahun, jabatan__peran="kepala"
        )
        .exclude(status=PerjanjianKinerja.Status.DIGANTI)
        .select_related("jabatan", "pihak_pertama")
        .first()
    )


def _pk(pk: PerjanjianKinerja | None) -> dict | None:
    if pk is None:
        return None
    sasaran = [
        {
            "uraian": s.uraian,
            "indikator": [
                {"nama": i.nama, "satuan": i.satuan, "target": i.target_tampil()}
                for i in s.indikator.all()
            ],
        }
        for s in pk.sasaran.prefetch_related("indikator")
    ]
    anggaran = [{"uraian": a.uraian, "anggaran": rupiah(a.anggaran)} for a in pk.anggaran.all()]
    return {
        "tahun": pk.tahun,
        "status": pk.get_status_display(),
        "pihak_pertama": pk.pihak_pertama.nama_lengkap,
        "jabatan": pk.jabatan.nama,
        "pihak_kedua": pk.pihak_kedua.nama_lengkap if pk.pihak_kedua_id else pk.pihak_kedua_nama,
        "jabatan_pihak_kedua": pk.pihak_kedua_jabatan,
        "sasaran": sasaran,
        "anggaran": anggaran,
        "total": rupiah(pk.total_anggaran()),
    }


def _iku(renstra: Renstra | None) -> list[dict]:
    if renstra is None:
        return []
    return [
        {
            "kode": i.indikator.kode,
            "indikator": i.indikator.nama,
            "satuan": i.indikator.satuan,
            "definisi": i.definisi,
            "formula": i.formula,
            "sumber_data": i.sumber_data,
            "penanggung_jawab": i.penanggung_jawab.nama,
        }
        for i in IKU.objects.filter(renstra=renstra).select_related("indikator", "penanggung_jawab")
    ]


def _tahun_lalu(laporan: Laporan, renstra: Renstra | None) -> dict[int, dict[int, object]]:
    """indikator id → {year: CapaianIndikator} for up to two previous years in the Renstra."""
    hasil: dict[int, dict[int, object]] = defaultdict(dict)
    if renstra is None:
        return hasil
    for tahun in (laporan.tahun - 2, laporan.tahun - 1):
        if tahun < renstra.tahun_awal:
            continue
        for b in penilaian.capaian_renstra(laporan.instansi, tahun, 12):
            hasil[b.indikator_id][tahun] = b
    return hasil


def _program_pendukung(laporan: Laporan) -> dict[int, list[dict]]:
    """Renstra indicator id → the DPA programs/kegiatan whose indicators point at it."""
    dpa = penilaian.dpa_tahun(laporan.instansi_id, laporan.tahun)
    if dpa is None:
        return {}
    baris, _total = penilaian.serapan_dpa(dpa, laporan.sampai_bulan)
    serapan_sub = {b.item.pk: b for b in baris}
    hasil = defaultdict(list)
    for ii in IndikatorItem.objects.filter(
        item__dokumen=dpa, indikator_renstra__isnull=False
    ).select_related("item"):
        item = ii.item
        sub = [b for b in baris if b.item.kode.startswith(item.kode + ".")] or (
            [serapan_sub[item.pk]] if item.pk in serapan_sub else []
        )
        realisasi = sum((b.realisasi for b in sub), Decimal(0))
        serapan = rumus.serapan(realisasi, item.pagu).nilai
        hasil[ii.indikator_renstra_id].append(
            {
                "kode": item.kode,
                "nama": item.nama,
                "pagu": rupiah(item.pagu),
                "realisasi": rupiah(realisasi),
                "serapan": _persen(serapan),
                "serapan_angka": str(serapan) if serapan is not None else None,
            }
        )
    return hasil


def _monitoring(laporan: Laporan) -> tuple[list[str], list[str], dict[int, list[dict]]]:
    """Problems and follow-ups from the period's control cards; recommendations per indicator."""
    baris = (
        BarisKartuKendali.objects.filter(
            kartu__instansi=laporan.instansi,
            kartu__tahun=laporan.tahun,
            kartu__bulan__lte=laporan.sampai_bulan,
        )
        .exclude(kendala="")
        .select_related("item", "kartu")
    )
    kendala = list(dict.fromkeys(f"{b.item.nama}: {b.kendala}" for b in baris))
    tindak = list(
        dict.fromkeys(f"{b.item.nama}: {b.tindak_lanjut}" for b in baris if b.tindak_lanjut)
    )
    rek = defaultdict(list)
    for r in Rekomendasi.objects.filter(
        instansi=laporan.instansi, evaluasi__tahun=laporan.tahun
    ).select_related("indikator_pk", "jabatan"):
        kunci = r.indikator_pk.indikator_renstra_id if r.indikator_pk_id else None
        rek[kunci].append(
            {
                "uraian": r.uraian,
                "kepada": r.jabatan.nama,
                "status": r.get_status_display(),
                "tindak_lanjut": r.tindak_lanjut,
            }
        )
    return kendala, tindak, rek


def _analisis_awal(b, rekomendasi: list[dict]) -> str:
    """A first draft of the causes and solutions, for the Kasubag to rewrite."""
    if b.hasil.nilai is None:
        return "Realisasi belum lengkap sehingga capaian belum dapat dianalisis."
    if b.hasil.nilai >= 100:
        teks = (
            f"Target {b.nama} tercapai ({_persen(b.hasil.nilai)}). Faktor pendukung: "
            "pelaksanaan kegiatan sesuai rencana aksi dan pemantauan bulanan."
        )
    else:
        teks = f"Target {b.nama} belum tercapai ({_persen(b.hasil.nilai)})."
    for r in rekomendasi:
        teks += f" Rekomendasi: {r['uraian']}"
        if r["tindak_lanjut"]:
            teks += f" Tindak lanjut: {r['tindak_lanjut']}"
    return teks


def data_laporan(laporan: Laporan) -> dict:
    """All the data of a report, JSON-ready (see the module docstring)."""
    instansi = laporan.instansi
    renstra = _renstra(laporan)
    sampai = laporan.sampai_bulan
    baris = penilaian.capaian_renstra(instansi, laporan.tahun, sampai)
    lalu = _tahun_lalu(laporan, renstra)
    program = _program_pendukung(laporan)
    kendala, tindak, rek = _monitoring(laporan)
    aturan = penilaian.aturan_pemda(instansi.pemda_id)
    akhir = {}
    if renstra is not None:
        akhir = {i.pk: i for i in renstra.indikator.select_related("sasaran", "tujuan", "skala")}

    per_sasaran: dict[str, dict] = {}
    for b in baris:
        ind = akhir.get(b.indikator_id)
        induk = (ind.sasaran or ind.tujuan) if ind else None
        kunci = f"{induk.kode} {induk.uraian}" if induk else "—"
        label = "Sasaran" if ind is not None and ind.sasaran_id else "Tujuan"
        grup = per_sasaran.setdefault(kunci, {"sasaran": kunci, "jenis": label, "indikator": []})
        hasil_akhir = rumus.Hasil(None, "")
        if ind is not None and b.realisasi is not None and not isinstance(b.realisasi, str):
            hasil_akhir = rumus.hitung(
                ind.polaritas,
                b.realisasi,
                ind.target_akhir,
                target_atas=ind.target_akhir_atas,
                toleransi=ind.toleransi,
                batas_atas=aturan.batas_atas,
                lantai_nol=aturan.lantai_nol,
            )
        kunci_narasi = f"analisis:{b.kode}"
        grup["indikator"].append(
            {
                "kode": b.kode,
                "nama": b.nama,
                "satuan": b.satuan,
                "target": b.target,
                "realisasi": _nilai(b.realisasi),
                "capaian": _persen(b.hasil.nilai),
                "capaian_angka": str(b.hasil.nilai) if b.hasil.nilai is not None else None,
                "rumus": b.hasil.rumus,
                "kategori": b.kategori,
                "tahun_lalu": [
                    {
                        "tahun": t,
                        "realisasi": _nilai(x.realisasi),
                        "capaian": _persen(x.hasil.nilai),
                    }
                    for t, x in sorted(lalu.get(b.indikator_id, {}).items())
                ],
                "target_akhir": ind.target_akhir_skala or _nilai(ind.target_akhir) if ind else "—",
                "capaian_akhir": _persen(hasil_akhir.nilai),
                "standar_nasional": (ind.standar_nasional if ind else "") or "—",
                "program": program.get(b.indikator_id, []),
                "rekomendasi": rek.get(b.indikator_id, []),
                "kunci_narasi": kunci_narasi,
                "analisis": laporan.narasi.get(kunci_narasi)
                or _analisis_awal(b, rek.get(b.indikator_id, [])),
            }
        )
    rata = penilaian.rata_capaian(baris)
    dpa = penilaian.dpa_tahun(instansi.pk, laporan.tahun)
    anggaran = {"ada": False}
    if dpa is not None:
        rincian, total = penilaian.serapan_dpa(dpa, sampai)
        pagu = sum((r.pagu for r in rincian), Decimal(0))
        realisasi = sum((r.realisasi for r in rincian), Decimal(0))
        efisiensi = rumus.efisiensi(rata, total.nilai)
        anggaran = {
            "ada": True,
            "pagu": rupiah(pagu),
            "realisasi": rupiah(realisasi),
            "serapan": _persen(total.nilai),
            "serapan_angka": str(total.nilai) if total.nilai is not None else None,
            "efisiensi": _nilai(efisiensi.nilai.quantize(Decimal("0.01")))
            if efisiensi.nilai
            else "—",
            "rumus_efisiensi": efisiensi.rumus,
            "rincian": [
                {
                    "kode": r.item.kode,
                    "nama": r.item.nama,
                    "pagu": rupiah(r.pagu),
                    "realisasi": rupiah(r.realisasi),
                    "serapan": _persen(r.hasil.nilai),
                }
                for r in rincian
            ],
        }
    return {
        "laporan": {
            "jenis": laporan.jenis,
            "judul": laporan.get_jenis_display(),
            "periode": laporan.label_periode(),
            "tahun": laporan.tahun,
            "sampai_bulan": sampai,
            "status": laporan.get_status_display(),
        },
        "instansi": {
            "nama": instansi.nama,
            "pemda": instansi.pemda.nama,
            "alamat": instansi.alamat,
            "kepala": _kepala(laporan),
        },
        "renstra": {
            "periode": f"{renstra.tahun_awal}–{renstra.tahun_akhir}" if renstra else "—",
            "visi": renstra.visi if renstra else "",
            "misi": [m.uraian for m in renstra.misi.all()] if renstra else [],
            "tujuan": [f"{t.kode} {t.uraian}" for t in renstra.tujuan.all()] if renstra else [],
            "sasaran": [f"{s.kode} {s.uraian}" for s in renstra.sasaran.all()] if renstra else [],
        },
        "iku": _iku(renstra),
        "pk": _pk(_pk_kepala(laporan)),
        "capaian": list(per_sasaran.values()),
        "rata_capaian": _persen(rata),
        "rata_capaian_angka": str(rata) if rata is not None else None,
        "kategori": aturan.kategori_dari(rata),
        "skala_kategori": [{"batas_bawah": _nilai(b), "nama": n} for b, n in aturan.kategori],
        "organisasi": _organisasi(laporan),
        "jumlah_indikator": len(baris),
        "jumlah_tercapai": sum(
            1 for b in baris if b.hasil.nilai is not None and b.hasil.nilai >= 100
        ),
        "anggaran": anggaran,
        "kendala": kendala,
        "tindak_lanjut": tindak,
        "narasi": {k: v for k, v in laporan.narasi.items() if not k.startswith("analisis:")},
    }
