"""The SOP app's services: the one door other apps use (and the SOP pages too).

Adopting library SOPs and saving their versions (each save is a new version) live here;
the runs' transitions and the inbox come from the engine (`sop/engine/`, private to this
app) and are re-exported below, so that other apps import only `sakip.sop.services`.

The rest of the SOP app's public surface (docs/architecture.md, "The SOP engine"):
`sakip.sop.models` to read, `sakip.sop.dokumen_terikat` and `sakip.sop.tindakan` for
plug-ins, `sakip.sop.kesalahan` for the engine's refusals, `sakip.sop.lampiran` to check an
uploaded file as a step checks it, `sakip.sop.demo` for the demo loader.
"""

from __future__ import annotations

import copy
import functools

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sakip.audit import services as audit
from sakip.audit.models import CatatanAudit
from sakip.organisasi.access import jabatan_pimpinan_ids
from sakip.organisasi.models import Instansi, Pegawai, PemetaanPelaksana
from sakip.organisasi.pemangku import jabatan_kepala
from sakip.organisasi.services import boleh_kelola_master

from .definisi import Sop, muat_pustaka
from .engine import (
    alihkan,
    batalkan,
    boleh_bertindak,
    boleh_memulai,
    durasi_aktual_menit,
    jalankan_ulang,
    klaim,
    kotak_tugas,
    mulai,
    mulai_atas_nama,
    mulai_terjadwal,
    penerima_tugas,
    perlu_passphrase,
    perubahan_sejak_pemeriksaan,
    putuskan,
    selesaikan,
    siapkan_dokumen,
)
from .kesalahan import KesalahanAlur
from .models import SopInstansi, VersiSop
from .waktu import WaktuTidakDikenal, parse_waktu

__all__ = [
    # runs and tasks (sop/engine/)
    "alihkan",
    "batalkan",
    "boleh_bertindak",
    "boleh_memulai",
    "durasi_aktual_menit",
    "jalankan_ulang",
    "klaim",
    "kotak_tugas",
    "mulai",
    "mulai_atas_nama",
    "mulai_terjadwal",
    "penerima_tugas",
    "perlu_passphrase",
    "perubahan_sejak_pemeriksaan",
    "putuskan",
    "selesaikan",
    "siapkan_dokumen",
    # adoption and versions (this module)
    "KesalahanAlur",
    "adopsi",
    "adopsi_sistem",
    "atur_aktif",
    "boleh_kelola_sop",
    "definisi_dari_pustaka",
    "identitas_awal",
    "pelaksana_belum_dipetakan",
    "pustaka",
    "simpan_versi",
    "sop_instansi",
    "validasi_definisi",
]

# PermenPAN-RB 35/2012 identity fields, in the order the document prints them.
FIELD_IDENTITAS = [
    "nomor_sop",
    "tanggal_pembuatan",
    "tanggal_revisi",
    "tanggal_efektif",
    "disahkan_oleh",
    "dasar_hukum",
    "kualifikasi_pelaksana",
    "keterkaitan",
    "peralatan_perlengkapan",
    "peringatan",
    "pencatatan_pendataan",
]
# Step texts an administrator may edit; the step structure (order, decisions) is the SOP's.
FIELD_LANGKAH_EDIT = ["kegiatan", "pelaksana", "kelengkapan", "waktu", "output", "keterangan"]


@functools.cache
def pustaka() -> dict[str, Sop]:
    """The built-in library, parsed once per process (it ships with the package)."""
    return muat_pustaka()


def definisi_dari_pustaka(sop: Sop) -> dict:
    """The library SOP as the JSON the engine stores per version (`sakip sop show` shape)."""
    return {
        "kode": sop.kode,
        "nama": sop.nama,
        "sumber": sop.sumber,
        "dokumen": sop.dokumen,
        "dokumen_terikat": sop.dokumen_terikat,
        "kode_klasifikasi": sop.kode_klasifikasi,
        "jadwal": {"frekuensi": sop.jadwal.frekuensi, "offset_hari": sop.jadwal.offset_hari},
        "pelaksana": list(sop.pelaksana),
        "identitas": dict.fromkeys(FIELD_IDENTITAS, "")
        | {f: [] for f in ("dasar_hukum", "kualifikasi_pelaksana", "keterkaitan")}
        | {"peralatan_perlengkapan": [], "disahkan_oleh": {"jabatan": "", "nama": "", "nip": ""}},
        "langkah": [
            {
                "no": i,
                "no_seed": lg.no_seed,
                "kegiatan": lg.kegiatan,
                "pelaksana": lg.pelaksana,
                "kelengkapan": lg.kelengkapan,
                "waktu": lg.waktu,
                "output": lg.output,
                "keterangan": lg.keterangan,
                "keputusan": (
                    {"ya": lg.keputusan.ya, "tidak": lg.keputusan.tidak} if lg.keputusan else None
                ),
                "subproses": lg.subproses,
                "bentuk_tim": lg.bentuk_tim,
                "tindakan": lg.tindakan,
            }
            for i, lg in enumerate(sop.langkah, start=1)
        ],
    }


def boleh_kelola_sop(user, instansi: Instansi) -> bool:
    """The agency's head and secretary, and the Pemda's administrators, manage its SOPs."""
    return boleh_kelola_master(user, instansi.pemda_id) or instansi.pk in jabatan_pimpinan_ids(user)


def pelaksana_belum_dipetakan(instansi: Instansi, definisi: dict) -> list[str]:
    """Actor names of the SOP with no position in this agency (teams excepted)."""
    dipetakan = {
        n.lower()
        for n in PemetaanPelaksana.objects.filter(instansi=instansi).values_list(
            "nama_pelaksana", flat=True
        )
    }
    hasil = []
    for langkah in definisi["langkah"]:
        nama = langkah["pelaksana"].strip()
        if nama.lower().startswith("tim") or nama.lower() in dipetakan or nama in hasil:
            continue
        hasil.append(nama)
    return hasil


def identitas_awal(instansi: Instansi, definisi: dict) -> dict:
    """Pre-fill "Disahkan oleh" with the agency's head, as the SOP document needs it."""
    identitas = copy.deepcopy(definisi["identitas"])
    kepala = jabatan_kepala(instansi.pk)
    if kepala is not None:
        pejabat = Pegawai.objects.filter(jabatan=kepala, is_active=True).first()
        jabatan = kepala.nama
        if instansi.jenis == Instansi.Jenis.KECAMATAN:
            jabatan = f"{kepala.nama} {instansi.nama.removeprefix('Kecamatan ')}"
        identitas["disahkan_oleh"] = {
            "jabatan": jabatan,
            "nama": pejabat.nama_lengkap if pejabat else "",
            "nip": pejabat.nip_tampil if pejabat else "",
        }
    identitas["tanggal_pembuatan"] = timezone.localdate().isoformat()
    return identitas


def adopsi(*, aktor, instansi: Instansi, kode: str, _dalam: set | None = None) -> SopInstansi:
    """The agency adopts a library SOP (and the sub-procedures it references).

    Every actor of the SOP must be mapped to one of the agency's positions first.
    Adopting an SOP already adopted returns it unchanged (a double click is harmless).
    """
    if not boleh_kelola_sop(aktor, instansi):
        raise PermissionDenied(_("Anda tidak berwenang mengelola SOP instansi ini."))
    with transaction.atomic():
        ada, definisi, kurang = _dari_pustaka(instansi, kode)
        if ada is not None:
            return ada
        if kurang:
            raise KesalahanAlur(
                _(
                    "SOP “%(nama)s” belum dapat diadopsi: pelaksana %(kurang)s belum dipetakan "
                    "ke jabatan %(instansi)s."
                )
                % {"nama": definisi["nama"], "kurang": ", ".join(kurang), "instansi": instansi}
            )
        sop, versi = _buat_sop(
            instansi, definisi, dibuat_oleh=aktor, catatan="Diadopsi dari pustaka"
        )
        audit.catat(
            aktor=aktor,
            aksi=CatatanAudit.Aksi.TAMBAH,
            objek=sop,
            sesudah={"kode": kode, "nama": sop.nama, "versi": versi.nomor},
            keterangan="Mengadopsi SOP dari pustaka",
        )
        _dalam = (_dalam or set()) | {kode}
        for sub in {lg["subproses"] for lg in definisi["langkah"] if lg.get("subproses")}:
            if sub not in _dalam:
                adopsi(aktor=aktor, instansi=instansi, kode=sub, _dalam=_dalam)
    return sop


def _dari_pustaka(instansi: Instansi, kode: str) -> tuple[SopInstansi | None, dict, list[str]]:
    """(the agency's adoption, {}, []) if it exists, else (None, the library SOP as stored,
    its actors the agency has not mapped); an unknown `kode` is refused."""
    semua = pustaka()
    if kode not in semua:
        raise KesalahanAlur(_("SOP “%(kode)s” tidak ada di pustaka.") % {"kode": kode})
    ada = SopInstansi.objects.filter(instansi=instansi, kode=kode).first()
    if ada is not None:
        return ada, {}, []
    definisi = definisi_dari_pustaka(semua[kode])
    return None, definisi, pelaksana_belum_dipetakan(instansi, definisi)


def _buat_sop(instansi: Instansi, definisi: dict, *, dibuat_oleh, catatan: str):
    """The adopted SOP and its first version, with "Disahkan oleh" pre-filled."""
    definisi["identitas"] = identitas_awal(instansi, definisi)
    sop = SopInstansi.objects.create(
        instansi=instansi, kode=definisi["kode"], nama=definisi["nama"]
    )
    versi = VersiSop.objects.create(
        sop=sop, nomor=1, definisi=definisi, dibuat_oleh=dibuat_oleh, catatan=catatan
    )
    return sop, versi


def adopsi_sistem(*, instansi: Instansi, kode: str, atas_permintaan: Pegawai) -> SopInstansi:
    """Adoption as a system step, on the request of someone who may not manage the agency's
    SOPs (a Pemda evaluator sending a data request).

    The same checks and data as `adopsi` (whose permission check is for people), recorded
    as done by the system on the request of `atas_permintaan`; sub-procedures are not
    adopted with it. An SOP already adopted is returned unchanged.
    """
    with transaction.atomic():
        ada, definisi, kurang = _dari_pustaka(instansi, kode)
        if ada is not None:
            return ada
        if kurang:
            raise KesalahanAlur(
                _("pelaksana %(kurang)s belum dipetakan ke jabatan %(instansi)s.")
                % {"kurang": ", ".join(kurang), "instansi": instansi.nama}
            )
        sop, versi = _buat_sop(
            instansi,
            definisi,
            dibuat_oleh=None,
            catatan="Diadopsi otomatis oleh sistem untuk permintaan data Pemda",
        )
        audit.catat(
            aktor=None,
            aksi=CatatanAudit.Aksi.TAMBAH,
            objek=sop,
            sesudah={
                "kode": kode,
                "nama": sop.nama,
                "versi": versi.nomor,
                "atas_permintaan": atas_permintaan.pk,
            },
            keterangan="Diadopsi otomatis oleh sistem atas permintaan data dari "
            f"{atas_permintaan.nama_lengkap}",
        )
    return sop


def sop_instansi(instansi: Instansi, kode: str) -> SopInstansi | None:
    """The agency's adoption of library SOP `kode`, or None."""
    return SopInstansi.objects.filter(instansi=instansi, kode=kode).first()


def validasi_definisi(instansi: Instansi, definisi: dict) -> list[str]:
    """Problems that would stop a run: unmapped actors and unreadable time standards."""
    masalah = [
        _("Pelaksana “%(nama)s” belum dipetakan ke jabatan instansi ini.") % {"nama": n}
        for n in pelaksana_belum_dipetakan(instansi, definisi)
    ]
    for langkah in definisi["langkah"]:
        try:
            parse_waktu(langkah.get("waktu"))
        except WaktuTidakDikenal:
            masalah.append(
                _("Langkah %(no)s: waktu “%(waktu)s” tidak dapat dibaca (mis. 15 menit, 1 hari).")
                % {"no": langkah["no"], "waktu": langkah["waktu"]}
            )
    return masalah


def simpan_versi(*, aktor, sop: SopInstansi, definisi: dict, catatan: str = "") -> VersiSop:
    """Save an edited SOP as a new version; running instances keep theirs."""
    if not boleh_kelola_sop(aktor, sop.instansi):
        raise PermissionDenied(_("Anda tidak berwenang mengelola SOP instansi ini."))
    masalah = validasi_definisi(sop.instansi, definisi)
    if masalah:
        raise KesalahanAlur(" ".join(masalah))
    with transaction.atomic():
        sop = SopInstansi.objects.select_for_update(of=("self",)).get(pk=sop.pk)
        lama = sop.versi_terbaru()
        if lama is not None and lama.definisi == definisi:
            return lama  # nothing changed: no new version
        versi = VersiSop.objects.create(
            sop=sop,
            nomor=(lama.nomor if lama else 0) + 1,
            definisi=definisi,
            catatan=catatan.strip()[:300],
            dibuat_oleh=aktor,
        )
        if sop.nama != definisi["nama"]:
            sop.nama = definisi["nama"]
            sop.save(update_fields=["nama"])
        audit.catat(
            aktor=aktor,
            aksi=CatatanAudit.Aksi.UBAH,
            objek=sop,
            sebelum={"versi": lama.nomor if lama else None},
            sesudah={
                "versi": versi.nomor,
                **_beda_definisi(lama.definisi if lama else {}, definisi),
            },
            keterangan=catatan or "Menyimpan versi baru SOP",
        )
    return versi


def _beda_definisi(lama: dict, baru: dict) -> dict:
    """A short, readable summary of what an edit changed, for the audit record."""
    beda = {}
    for f in FIELD_IDENTITAS:
        if lama.get("identitas", {}).get(f) != baru.get("identitas", {}).get(f):
            beda[f"identitas.{f}"] = baru["identitas"].get(f)
    for a, b in zip(lama.get("langkah", []), baru.get("langkah", []), strict=False):
        for f in FIELD_LANGKAH_EDIT:
            if a.get(f) != b.get(f):
                beda[f"langkah {b['no']}.{f}"] = b.get(f)
    return beda


def atur_aktif(*, aktor, sop: SopInstansi, aktif: bool) -> SopInstansi:
    """Switch an adopted SOP on or off (off: no new runs, no schedule)."""
    if not boleh_kelola_sop(aktor, sop.instansi):
        raise PermissionDenied(_("Anda tidak berwenang mengelola SOP instansi ini."))
    with transaction.atomic():
        sop = SopInstansi.objects.select_for_update(of=("self",)).get(pk=sop.pk)
        if sop.aktif != aktif:
            audit.catat(
                aktor=aktor,
                aksi=CatatanAudit.Aksi.UBAH,
                objek=sop,
                sebelum={"aktif": sop.aktif},
                sesudah={"aktif": aktif},
            )
            sop.aktif = aktif
            sop.save(update_fields=["aktif"])
    return sop
