"""Linter SOP: melaporkan cacat yang lazim pada dokumen SOP nyata, tanpa memperbaikinya.

PermenPAN-RB 35/2012 meminta SOP dimonitor dan dievaluasi berkala; pemeriksaan di sini
adalah bagian yang dapat dilakukan mesin: penomoran, langkah ganda, asal-usul kelengkapan,
keputusan (belah ketupat Ya/Tidak), pelaksana, rujukan ke SOP lain, standar waktu, output
yang menyebut dokumen lain, sel mutu baku kosong, dan kejanggalan tabel sumber.
"""

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import asdict, dataclass

from sakip.sop import kosakata
from sakip.sop.definisi import Langkah, Sop
from sakip.sop.waktu import WaktuTidakDikenal, parse_waktu

# Urutan jenis juga urutan laporan untuk langkah yang sama.
JENIS_TEMUAN: tuple[str, ...] = (
    "kolom_sumber",
    "penomoran",
    "langkah_ganda",
    "pelaksana_tak_dikenal",
    "mutu_baku_kosong",
    "waktu",
    "kelengkapan_tak_berasal",
    "output_lain",
    "keputusan",
    "subproses_tak_dikenal",
    "dokumen_terikat",
)


@dataclass(frozen=True)
class Temuan:
    """Satu temuan: SOP, posisi langkah (1-based, None untuk SOP secara utuh), jenis, pesan."""

    kode: str
    langkah: int | None
    jenis: str
    pesan: str

    def sebagai_dict(self) -> dict:
        return asdict(self)


Pemeriksa = Callable[[Sop, Mapping[str, Sop]], Iterator[Temuan]]


def periksa(sop: Sop, pustaka: Mapping[str, Sop]) -> list[Temuan]:
    """Semua temuan untuk satu SOP; `pustaka` dipakai untuk rujukan antar-SOP."""
    temuan = [t for pemeriksa in PEMERIKSA for t in pemeriksa(sop, pustaka)]
    return sorted(temuan, key=lambda t: (t.langkah or 0, JENIS_TEMUAN.index(t.jenis)))


def periksa_pustaka(pustaka: Mapping[str, Sop]) -> list[Temuan]:
    """Temuan seluruh pustaka, urut kode SOP."""
    return [t for kode in sorted(pustaka) for t in periksa(pustaka[kode], pustaka)]


# --- kejanggalan tabel sumber -------------------------------------------------------------


def _kolom_sumber(sop: Sop, pustaka: Mapping[str, Sop]) -> Iterator[Temuan]:
    for catatan in sop.catatan_sumber:
        yield Temuan(sop.kode, None, "kolom_sumber", f"Tabel sumber: {catatan}")


# --- penomoran ----------------------------------------------------------------------------


def _penomoran(sop: Sop, pustaka: Mapping[str, Sop]) -> Iterator[Temuan]:
    """Nomor hilang, melompat, berulang atau mundur.

    Langkah tak bernomor dihitung sebagai satu nomor yang hilang, sehingga 1, 2, –, 4 hanya
    melaporkan langkah tak bernomor itu, bukan juga lompatan dari 2 ke 4.
    """
    sebelumnya: int | None = None
    tak_bernomor = 0
    for posisi, langkah in enumerate(sop.langkah, 1):
        if langkah.no_seed is None:
            tak_bernomor += 1
            yield Temuan(sop.kode, posisi, "penomoran", "langkah tidak bernomor di sumber")
            continue
        nomor = _angka(langkah.no_seed)
        if nomor is None:
            yield Temuan(sop.kode, posisi, "penomoran", f"nomor {langkah.no_seed!r} bukan angka")
            continue
        pesan = _salah_urut(sebelumnya, tak_bernomor, nomor)
        if pesan:
            yield Temuan(sop.kode, posisi, "penomoran", pesan)
        sebelumnya, tak_bernomor = nomor, 0


def _angka(no_seed: str) -> int | None:
    teks = no_seed.strip().rstrip(".")
    return int(teks) if teks.isdigit() else None


def _salah_urut(sebelumnya: int | None, tak_bernomor: int, nomor: int) -> str | None:
    dasar = sebelumnya or 0
    terendah, tertinggi = dasar + 1, dasar + 1 + tak_bernomor
    if terendah <= nomor <= tertinggi:
        return None
    if sebelumnya is None:
        return f"penomoran dimulai dari {nomor}, bukan 1"
    if nomor == sebelumnya:
        return f"nomor {nomor} berulang"
    if nomor < sebelumnya:
        return f"nomor {nomor} muncul setelah nomor {sebelumnya}"
    hilang = f"{tertinggi}" if nomor - 1 == tertinggi else f"{tertinggi}–{nomor - 1}"
    return f"nomor melompat dari {sebelumnya} ke {nomor} (nomor {hilang} tidak ada)"


# --- langkah ganda ------------------------------------------------------------------------


def _langkah_ganda(sop: Sop, pustaka: Mapping[str, Sop]) -> Iterator[Temuan]:
    for posisi in range(2, len(sop.langkah) + 1):
        kini, lalu = sop.langkah_ke(posisi), sop.langkah_ke(posisi - 1)
        if _ringkas(kini.kegiatan) == _ringkas(lalu.kegiatan):
            yield Temuan(
                sop.kode,
                posisi,
                "langkah_ganda",
                f"kegiatan sama persis dengan langkah {posisi - 1}: {kini.kegiatan!r}",
            )


def _ringkas(teks: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", teks.lower()).split())


# --- pelaksana ----------------------------------------------------------------------------


def _pelaksana(sop: Sop, pustaka: Mapping[str, Sop]) -> Iterator[Temuan]:
    """Kolom pelaksana di luar kosakata, langkah tanpa kolomnya, dan jabatan asing di teks."""
    dikenal = {p.lower() for p in kosakata.PELAKSANA_DIKENAL}
    for nama in sop.pelaksana:
        if nama.lower() not in dikenal:
            yield Temuan(
                sop.kode, None, "pelaksana_tak_dikenal", f"kolom pelaksana {nama!r} tidak dikenal"
            )
    for posisi, langkah in enumerate(sop.langkah, 1):
        if langkah.pelaksana not in sop.pelaksana:
            yield Temuan(
                sop.kode,
                posisi,
                "pelaksana_tak_dikenal",
                f"pelaksana {langkah.pelaksana!r} bukan salah satu kolom pelaksana SOP ini",
            )
        for sebutan in _jabatan_tak_dikenal(langkah.kegiatan):
            yield Temuan(
                sop.kode,
                posisi,
                "pelaksana_tak_dikenal",
                f"kegiatan menyebut {sebutan!r}, jabatan yang tidak ada di instansi ini",
            )


def _jabatan_tak_dikenal(teks: str) -> list[str]:
    """Jabatan instansi lain (mis. "Kaban") dan salah ketik jabatan (mis. "kasubang")."""
    kata_kata = _kata(teks)
    kalimat = " ".join(kata_kata)
    temuan = [j for j in kosakata.JABATAN_ASING if re.search(rf"\b{j}\b", kalimat)]
    for kata in kata_kata:
        if kata in kosakata.KATA_JABATAN_DIKENAL or kata in temuan:
            continue
        if len(kata) >= 5 and any(_beda_satu(kata, b) for b in kosakata.KATA_JABATAN_BAKU):
            temuan.append(kata)
    return [_ejaan_asli(teks, t) for t in temuan]


def _ejaan_asli(teks: str, sebutan: str) -> str:
    """Sebutan seperti tertulis di teks (mis. "Kaban", bukan "kaban")."""
    pola = r"\s+".join(re.escape(k) for k in sebutan.split())
    cocok = re.search(rf"\b{pola}\b", teks, re.IGNORECASE)
    return cocok.group(0) if cocok else sebutan


# --- mutu baku ----------------------------------------------------------------------------


def _mutu_baku_kosong(sop: Sop, pustaka: Mapping[str, Sop]) -> Iterator[Temuan]:
    for posisi, langkah in enumerate(sop.langkah, 1):
        kosong = [k for k in ("kelengkapan", "waktu", "output") if not getattr(langkah, k).strip()]
        if kosong:
            yield Temuan(
                sop.kode, posisi, "mutu_baku_kosong", f"mutu baku kosong: {', '.join(kosong)}"
            )


def _dokumen_terikat(sop: Sop, pustaka: Mapping[str, Sop]) -> Iterator[Temuan]:
    """Langkah tanda tangan tanpa `dokumen_terikat`: yang ditandatangani tidak dinyatakan,
    mesin hanya menebak dari nama dokumen (atau memakai lampiran PDF terakhir)."""
    if sop.dokumen_terikat:
        return
    for posisi, langkah in enumerate(sop.langkah, 1):
        if langkah.tindakan == "tanda_tangan":
            yield Temuan(
                sop.kode,
                posisi,
                "dokumen_terikat",
                "langkah tanda tangan, tetapi SOP tidak menyatakan dokumen_terikat "
                "(mis. 'pk', 'laporan', 'kartu_kendali', atau 'lampiran' untuk surat biasa)",
            )


def _waktu(sop: Sop, pustaka: Mapping[str, Sop]) -> Iterator[Temuan]:
    for posisi, langkah in enumerate(sop.langkah, 1):
        try:
            parse_waktu(langkah.waktu)
        except WaktuTidakDikenal:
            yield Temuan(sop.kode, posisi, "waktu", f"waktu {langkah.waktu!r} tidak dikenal")


# --- asal-usul kelengkapan ----------------------------------------------------------------


_BUKAN_ISI = kosakata.KATA_UMUM | kosakata.KATA_JABATAN_DIKENAL


@dataclass(frozen=True)
class _Dokumen:
    """Sebutan dokumen yang siap dibandingkan secara longgar."""

    pokok: frozenset[str]  # kata isi (tanpa kata tugas, jabatan dan kata keadaan)
    keadaan: frozenset[str]  # tahap yang sudah dilalui: periksa, paraf, tandatangan, ...
    # Huruf saja, apa adanya dan tanpa kata tugas, untuk kata yang di sumber tersambung
    # ("RenjaInstansi", "Dokumenevaluasi").
    rapat: tuple[str, str]

    @classmethod
    def dari(cls, teks: str) -> "_Dokumen":
        isi = [k for k in _kata(teks, ejaan=True, singkatan=True) if k not in _BUKAN_ISI]
        return cls(
            pokok=frozenset(k for k in isi if k not in kosakata.KEADAAN_DOKUMEN),
            keadaan=frozenset(
                kosakata.KEADAAN_DOKUMEN[k] for k in isi if k in kosakata.KEADAAN_DOKUMEN
            ),
            rapat=(
                "".join(_kata(teks)),
                "".join(k for k in _kata(teks, ejaan=True) if k not in _BUKAN_ISI),
            ),
        )

    def berasal_dari(self, sumber: "_Dokumen") -> bool:
        """Dokumen ini dapat berasal dari `sumber`: keadaannya tercapai dan sebagian besar
        kata isinya sama (ejaan dan nama yang sedikit berbeda tetap cocok)."""
        if any(a and a in b for a, b in zip(self.rapat, sumber.rapat, strict=True)):
            return True
        if self.keadaan - sumber.keadaan:
            return False
        if not self.pokok:
            return True
        sama = sum(1 for k in self.pokok if any(_mirip(k, s) for s in sumber.pokok))
        return sama * 2 >= len(self.pokok)

    @property
    def peralatan(self) -> bool:
        return bool(self.pokok) and not self.keadaan and self.pokok <= kosakata.PERALATAN


def _kelengkapan_tak_berasal(sop: Sop, pustaka: Mapping[str, Sop]) -> Iterator[Temuan]:
    """Kelengkapan yang tidak dihasilkan langkah sebelumnya dan bukan dokumen dari luar.

    Langkah sesudah langkah yang output-nya kosong dilewati: masukannya mungkin justru
    output yang tidak ditulis itu, dan sel kosongnya sudah dilaporkan sebagai mutu baku.
    """
    tersedia = [_Dokumen.dari(t) for t in _dokumen_luar(sop, pustaka)]
    output_lalu = "-"
    for posisi, langkah in enumerate(sop.langkah, 1):
        if output_lalu.strip():
            asing = [
                butir
                for butir in _butir(langkah.kelengkapan)
                if not _terlacak(_Dokumen.dari(butir), tersedia)
            ]
            if asing:
                daftar = ", ".join(repr(b) for b in asing)
                yield Temuan(
                    sop.kode,
                    posisi,
                    "kelengkapan_tak_berasal",
                    f"kelengkapan {daftar} tidak dihasilkan langkah sebelumnya dan bukan dokumen "
                    "dari luar prosedur",
                )
        tersedia += [_Dokumen.dari(langkah.kelengkapan), _Dokumen.dari(langkah.output)]
        output_lalu = langkah.output


def _dokumen_luar(sop: Sop, pustaka: Mapping[str, Sop]) -> list[str]:
    # Dokumen yang dihasilkan SOP lain juga datang dari luar prosedur ini.
    lain = [s.dokumen for s in pustaka.values() if s.kode != sop.kode and s.dokumen != sop.dokumen]
    return [*kosakata.DOKUMEN_LUAR, *lain, *sop.masukan]


def _butir(kelengkapan: str) -> list[str]:
    """Satu sel kelengkapan dipecah per dokumen: dipisah koma, titik koma atau "dan"."""
    bagian = re.split(r"[,;]|\s+dan\s+", kelengkapan, flags=re.IGNORECASE)
    return [b.strip() for b in bagian if b.strip()]


def _terlacak(dokumen: _Dokumen, tersedia: list[_Dokumen]) -> bool:
    return dokumen.peralatan or any(dokumen.berasal_dari(s) for s in tersedia)


# --- output menyebut dokumen lain ---------------------------------------------------------


def _output_lain(sop: Sop, pustaka: Mapping[str, Sop]) -> Iterator[Temuan]:
    """Output yang menyebut jenis dokumen lain daripada dokumen SOP-nya.

    Hanya untuk SOP yang dokumennya salah satu jenis dokumen SAKIP; dokumen yang juga
    disebut di kegiatan atau kelengkapan langkah yang sama dianggap disengaja.
    """
    jenis_sop = _jenis_dokumen(sop.dokumen) | _jenis_dokumen(sop.nama)
    if not jenis_sop:
        return
    for posisi, langkah in enumerate(sop.langkah, 1):
        disengaja = _jenis_dokumen(langkah.kegiatan) | _jenis_dokumen(langkah.kelengkapan)
        for jenis in sorted(_jenis_dokumen(langkah.output) - jenis_sop - disengaja):
            yield Temuan(
                sop.kode,
                posisi,
                "output_lain",
                f"output {langkah.output!r} menyebut {jenis}, padahal SOP ini tentang "
                f"{sop.dokumen}",
            )


def _jenis_dokumen(teks: str) -> set[str]:
    """Jenis dokumen SAKIP yang disebut teks; sebutan terpanjang didahulukan, sehingga
    "rencana kerja dan anggaran" terbaca RKA, bukan Renja."""
    sisa = " " + " ".join(_kata(teks)) + " "
    sebutan = sorted(
        ((s, j) for j, daftar in kosakata.JENIS_DOKUMEN.items() for s in daftar),
        key=lambda sj: -len(sj[0]),
    )
    ditemukan = set()
    for frasa, jenis in sebutan:
        if f" {frasa} " in sisa:
            ditemukan.add(jenis)
            sisa = sisa.replace(f" {frasa} ", " | ")
    return ditemukan


# --- keputusan ----------------------------------------------------------------------------


def _keputusan(sop: Sop, pustaka: Mapping[str, Sop]) -> Iterator[Temuan]:
    """Belah ketupat: dua cabang, ke langkah yang ada; Ya maju, Tidak kembali."""
    jumlah = len(sop.langkah)
    for posisi, langkah in enumerate(sop.langkah, 1):
        if langkah.keputusan is None:
            continue
        for cabang in ("ya", "tidak"):
            tujuan = getattr(langkah.keputusan, cabang)
            pesan = _salah_cabang(cabang, tujuan, posisi, jumlah)
            if pesan:
                yield Temuan(sop.kode, posisi, "keputusan", pesan)


def _salah_cabang(cabang: str, tujuan: int | None, posisi: int, jumlah: int) -> str | None:
    if tujuan is None:
        return f"keputusan tanpa cabang '{cabang}': sumber tidak menulis ke mana pekerjaan dibawa"
    if not 1 <= tujuan <= jumlah:
        return f"cabang '{cabang}' menuju langkah {tujuan}, padahal SOP hanya {jumlah} langkah"
    if cabang == "ya" and tujuan <= posisi:
        return f"cabang 'ya' kembali ke langkah {tujuan}; persetujuan seharusnya maju"
    if cabang == "tidak" and tujuan >= posisi:
        return f"cabang 'tidak' maju ke langkah {tujuan}; penolakan seharusnya kembali"
    return None


# --- rujukan ke SOP lain ------------------------------------------------------------------


def _subproses(sop: Sop, pustaka: Mapping[str, Sop]) -> Iterator[Temuan]:
    sebutan = _sebutan_pustaka(pustaka)
    for posisi, langkah in enumerate(sop.langkah, 1):
        if langkah.subproses and langkah.subproses not in pustaka:
            yield Temuan(
                sop.kode,
                posisi,
                "subproses_tak_dikenal",
                f"subproses {langkah.subproses!r} tidak ada di pustaka",
            )
            continue
        for rujukan in _rujukan_sop(langkah):
            if _normal_nama(rujukan) not in sebutan:
                yield Temuan(
                    sop.kode,
                    posisi,
                    "subproses_tak_dikenal",
                    f"keterangan merujuk 'SOP {rujukan}' yang tidak ada di pustaka",
                )


def _rujukan_sop(langkah: Langkah) -> list[str]:
    """Nama SOP yang disebut kolom Keterangan, mis. "SOP Perjalanan Dinas, SOP Surat Tugas"."""
    return re.findall(r"\bSOP\s+(.+?)\s*(?=[,;.]|\bSOP\b|$)", langkah.keterangan)


def _sebutan_pustaka(pustaka: Mapping[str, Sop]) -> set[str]:
    return {_normal_nama(re.sub(r"^SOP\s+", "", s)) for p in pustaka.values() for s in p.sebutan()}


def _normal_nama(nama: str) -> str:
    return " ".join(_kata(nama))


# --- teks ---------------------------------------------------------------------------------


def _kata(teks: str, *, ejaan: bool = False, singkatan: bool = False) -> list[str]:
    """Kata-kata huruf kecil; ejaan terpisah seperti "di paraf" disatukan dahulu, singkatan
    dibuka bila diminta."""
    teks = teks.lower()
    teks = re.sub(r"\bdi\s+paraf\b", "diparaf", teks)
    teks = re.sub(r"\bdi\s*tanda\s*tangani\b", "ditandatangani", teks)
    kata_kata = re.sub(r"[^0-9a-z]+", " ", teks).split()
    if ejaan:
        kata_kata = [kosakata.EJAAN.get(k, k) for k in kata_kata]
    if singkatan:
        kata_kata = " ".join(kosakata.SINGKATAN.get(k, k) for k in kata_kata).split()
    return kata_kata


def _mirip(a: str, b: str) -> bool:
    return a == b or (min(len(a), len(b)) >= 5 and _beda_satu(a, b))


def _beda_satu(a: str, b: str) -> bool:
    """Jarak edit tepat satu (satu huruf diganti, disisipkan atau dihapus)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    pendek, panjang = sorted((a, b), key=len)
    return any(panjang[:i] + panjang[i + 1 :] == pendek for i in range(len(panjang)))


PEMERIKSA: tuple[Pemeriksa, ...] = (
    _kolom_sumber,
    _penomoran,
    _langkah_ganda,
    _pelaksana,
    _mutu_baku_kosong,
    _waktu,
    _kelengkapan_tak_berasal,
    _output_lain,
    _keputusan,
    _subproses,
    _dokumen_terikat,
)
