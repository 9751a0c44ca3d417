"""Pustaka SOP: satu berkas YAML per SOP, dimuat menjadi objek beku.

Tabel SOP mengikuti PermenPAN-RB 35/2012: No | Kegiatan | Pelaksana (satu kolom per aktor)
| Mutu Baku (Kelengkapan, Waktu, Output) | Keterangan. Berkas dimuat apa adanya, termasuk
cacatnya (nomor hilang, langkah ganda, sel kosong); yang ditolak hanya berkas yang bentuknya
rusak (YAML tidak sah atau melanggar `library/schema.json`). Menilai isi adalah tugas
`sakip.sop.linter`.
"""

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator, ValidationError
from jsonschema.exceptions import best_match

PUSTAKA_BAWAAN = Path(__file__).resolve().parent / "library"
BERKAS_SKEMA = PUSTAKA_BAWAAN / "schema.json"


class PustakaError(Exception):
    """Berkas pustaka yang tidak dapat dimuat; `berkas` dan `baris` (1-based) menunjuk letaknya."""

    def __init__(self, alasan: str, *, berkas: Path | str, baris: int | None = None) -> None:
        self.alasan = alasan
        self.berkas = Path(berkas)
        self.baris = baris
        letak = self.berkas.name + (f" baris {baris}" if baris else "")
        super().__init__(f"Berkas rusak: {letak}: {alasan}")


@dataclass(frozen=True)
class Jadwal:
    """Kapan SOP dijalankan: tiap periode `frekuensi`, `offset_hari` hari setelah awal periode."""

    frekuensi: str
    offset_hari: int


@dataclass(frozen=True)
class Keputusan:
    """Langkah keputusan: posisi (1-based) langkah tujuan bila disetujui dan bila ditolak.

    Salah satu cabang boleh kosong karena sumbernya memang tidak menuliskannya; linter
    melaporkannya.
    """

    ya: int | None
    tidak: int | None


@dataclass(frozen=True)
class Langkah:
    """Satu baris tabel SOP, dengan teks sel persis seperti sumbernya."""

    no_seed: str | None
    kegiatan: str
    pelaksana: str
    kelengkapan: str
    waktu: str
    output: str
    keterangan: str
    keputusan: Keputusan | None = None
    subproses: str | None = None
    bentuk_tim: bool = False
    # What the step does to the SOP's document: paraf, tanda_tangan, … (None: plain work).
    tindakan: str | None = None
    # Baris di berkas YAML, untuk pesan galat; tidak ikut dibandingkan.
    baris: int | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Sop:
    """Satu SOP: identitas, kolom pelaksana, jadwal dan langkah-langkahnya."""

    kode: str
    nama: str
    sumber: str | None
    dokumen: str
    kode_klasifikasi: str | None
    jadwal: Jadwal
    pelaksana: tuple[str, ...]
    langkah: tuple[Langkah, ...]
    alias: tuple[str, ...] = ()
    masukan: tuple[str, ...] = ()
    catatan_sumber: tuple[str, ...] = ()
    # Pengikat dokumen yang dibawa pelaksanaannya ('pk', 'kartu_kendali', …, 'lampiran').
    dokumen_terikat: str | None = None

    @property
    def dari_seed(self) -> bool:
        return self.sumber is not None

    def langkah_ke(self, posisi: int) -> Langkah:
        """Langkah pada posisi 1-based (posisi, bukan nomor yang tercetak di sumber)."""
        if not 1 <= posisi <= len(self.langkah):
            raise IndexError(f"{self.kode} tidak punya langkah ke-{posisi}")
        return self.langkah[posisi - 1]

    def sebutan(self) -> tuple[str, ...]:
        """Nama-nama yang dipakai SOP lain untuk merujuk SOP ini."""
        return (self.nama, *self.alias)


def muat_pustaka(folder: Path | str | None = None) -> dict[str, Sop]:
    """Semua SOP dalam folder (bawaan: `library/`), urut nama berkas, berkunci kode."""
    folder = Path(folder) if folder is not None else PUSTAKA_BAWAAN
    if not folder.is_dir():
        raise PustakaError("folder pustaka tidak ditemukan", berkas=folder)
    pustaka: dict[str, Sop] = {}
    for path in sorted(folder.glob("*.yaml")):
        sop = muat_sop(path)
        pustaka[sop.kode] = sop
    return pustaka


def muat_sop(path: Path | str) -> Sop:
    """Satu berkas SOP; `PustakaError` bila YAML-nya rusak atau melanggar skema."""
    path = Path(path)
    try:
        teks = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise PustakaError(f"tidak dapat dibaca ({e})", berkas=path) from e
    simpul, data = _urai_yaml(teks, path)
    _validasi(data, simpul, path)
    if data["kode"] != path.stem:
        raise PustakaError(
            f"kode '{data['kode']}' harus sama dengan nama berkas '{path.stem}'",
            berkas=path,
            baris=_baris_simpul(simpul, ["kode"]),
        )
    return _bangun_sop(data, simpul)


def _urai_yaml(teks: str, path: Path) -> tuple[yaml.Node, Any]:
    """Pohon simpul (untuk nomor baris) dan datanya, dari satu kali parse."""
    loader = yaml.SafeLoader(teks)
    try:
        simpul = loader.get_single_node()
        if simpul is None:
            raise PustakaError("berkas kosong", berkas=path)
        return simpul, loader.construct_document(simpul)
    except yaml.MarkedYAMLError as e:
        tanda = e.problem_mark or e.context_mark
        alasan = f"YAML tidak sah: {e.problem or e.context}"
        raise PustakaError(alasan, berkas=path, baris=tanda.line + 1 if tanda else None) from e
    except yaml.YAMLError as e:
        raise PustakaError(f"YAML tidak sah: {e}", berkas=path) from e
    finally:
        loader.dispose()


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    skema = json.loads(BERKAS_SKEMA.read_text(encoding="utf-8"))
    return Draft202012Validator(skema)


def _validasi(data: Any, simpul: yaml.Node, path: Path) -> None:
    galat = best_match(_validator().iter_errors(data))
    if galat is None:
        return
    jalur = _jalur_galat(galat)
    raise PustakaError(_pesan_galat(galat), berkas=path, baris=_baris_simpul(simpul, jalur))


def _jalur_galat(galat: ValidationError) -> list:
    """Jalur ke simpul yang salah; untuk kolom tak dikenal, sampai ke kunci kolom itu."""
    jalur = list(galat.absolute_path)
    if galat.validator == "additionalProperties" and isinstance(galat.instance, dict):
        lebih = _kolom_tak_dikenal(galat)
        if lebih:
            jalur.append(lebih[0])
    return jalur


def _kolom_tak_dikenal(galat: ValidationError) -> list[str]:
    dikenal = set(galat.schema.get("properties", {}))
    return sorted(str(k) for k in galat.instance if k not in dikenal)


def _pesan_galat(galat: ValidationError) -> str:
    """Pesan skema dalam bahasa Indonesia; jalur ditulis seperti 'langkah ke-3, waktu'."""
    letak = _nama_jalur(galat.absolute_path)
    di = f" pada {letak}" if letak else ""
    jenis = galat.validator
    if jenis == "required":
        hilang = [k for k in galat.validator_value if k not in galat.instance]
        return f"kolom wajib {', '.join(repr(k) for k in hilang)} tidak ada{di}"
    if jenis == "additionalProperties":
        lebih = ", ".join(repr(k) for k in _kolom_tak_dikenal(galat))
        return f"kolom {lebih} tidak dikenal{di}"
    if jenis == "type":
        return f"{letak or 'berkas'} harus bertipe {galat.validator_value}"
    if jenis == "enum":
        pilihan = ", ".join(str(p) for p in galat.validator_value)
        return f"{letak} harus salah satu dari: {pilihan}"
    if jenis in {"minItems", "minLength", "minProperties"}:
        return f"{letak} tidak boleh kosong"
    if jenis == "uniqueItems":
        return f"{letak} memuat nama ganda"
    if jenis == "pattern":
        return f"{letak} bernilai {galat.instance!r}, tidak sesuai pola {galat.validator_value}"
    if jenis in {"minimum", "maximum"}:
        return f"{letak} bernilai {galat.instance!r}, di luar batas"
    return f"{letak or 'berkas'} tidak sah: {galat.message}"


def _nama_jalur(jalur: Iterable) -> str:
    bagian = []
    for kunci in jalur:
        if isinstance(kunci, int):
            bagian[-1] = f"{bagian[-1]} ke-{kunci + 1}" if bagian else f"butir ke-{kunci + 1}"
        else:
            bagian.append(str(kunci))
    return ", ".join(bagian)


def _baris_simpul(simpul: yaml.Node, jalur: Iterable) -> int:
    """Baris (1-based) simpul terdalam yang masih dapat ditelusuri sepanjang jalur."""
    for kunci in jalur:
        anak = _anak(simpul, kunci)
        if anak is None:
            break
        simpul = anak
    return simpul.start_mark.line + 1


def _anak(simpul: yaml.Node, kunci: Any) -> yaml.Node | None:
    if isinstance(simpul, yaml.SequenceNode) and isinstance(kunci, int):
        return simpul.value[kunci] if kunci < len(simpul.value) else None
    if isinstance(simpul, yaml.MappingNode):
        for simpul_kunci, simpul_nilai in simpul.value:
            if simpul_kunci.value == str(kunci):
                return simpul_nilai
    return None


def _bangun_sop(data: dict, simpul: yaml.Node) -> Sop:
    baris_langkah = [s.start_mark.line + 1 for s in _anak(simpul, "langkah").value]
    return Sop(
        kode=data["kode"],
        nama=data["nama"],
        sumber=data["sumber"],
        dokumen=data["dokumen"],
        kode_klasifikasi=data["kode_klasifikasi"],
        jadwal=Jadwal(**data["jadwal"]),
        pelaksana=tuple(data["pelaksana"]),
        langkah=tuple(
            _bangun_langkah(d, baris)
            for d, baris in zip(data["langkah"], baris_langkah, strict=True)
        ),
        alias=tuple(data.get("alias", ())),
        masukan=tuple(data.get("masukan", ())),
        catatan_sumber=tuple(data.get("catatan_sumber", ())),
        dokumen_terikat=data.get("dokumen_terikat"),
    )


def _bangun_langkah(data: dict, baris: int) -> Langkah:
    keputusan = data.get("keputusan")
    return Langkah(
        no_seed=data["no_seed"],
        kegiatan=data["kegiatan"],
        pelaksana=data["pelaksana"],
        kelengkapan=data["kelengkapan"],
        waktu=data["waktu"],
        output=data["output"],
        keterangan=data["keterangan"],
        keputusan=Keputusan(keputusan.get("ya"), keputusan.get("tidak")) if keputusan else None,
        subproses=data.get("subproses"),
        bentuk_tim=data.get("bentuk_tim", False),
        tindakan=data.get("tindakan"),
        baris=baris,
    )
