"""Who applies the signature: a pluggable signer (a local PKCS#12 key or BSrE's service).

Every signer takes the PDF (with its Lembar Pengesahan already appended), the signer's
passphrase — given at every signing, never stored — the visible field's place, and the
text of the stamp; it returns the signed PDF bytes. A wrong passphrase raises
`PassphraseSalah` and nothing is signed.
"""

from __future__ import annotations

import asyncio
import base64
import concurrent.futures
import io
import json
import logging
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from sakip.sop.kesalahan import KesalahanAlur

log = logging.getLogger(__name__)


class TteGagal(ValidationError):
    """Signing failed; nothing was signed (the message says why, in Indonesian)."""


class PassphraseSalah(TteGagal, KesalahanAlur):
    """The signer's passphrase did not open the key (or BSrE refused it): nothing signed,
    no number taken. Distinct from the document's own refusals, so the form can mark
    the passphrase field; also a KesalahanAlur, so the SOP engine passes it on as is."""

    def __init__(self, message=None):
        super().__init__(
            message
            or _(
                "Passphrase salah. Dokumen belum ditandatangani dan tidak ada nomor yang diambil."
            ),
            code="passphrase_salah",
        )

    def __str__(self) -> str:
        return " ".join(self.messages)


@dataclass(frozen=True)
class Bidang:
    """Where the visible signature goes: page index (0-based) and box in PDF points."""

    halaman: int
    kotak: tuple[int, int, int, int]  # lower-left x, y, upper-right x, y
    nama: str = "TTE"


@dataclass(frozen=True)
class Metadata:
    """What the stamp and the signature dictionary say about the signing."""

    nama: str
    jabatan: str = ""
    nip: str = ""
    nomor_surat: str = ""
    waktu: str = ""
    url_verifikasi: str = ""
    alasan: str = ""
    lokasi: str = ""


class Penanda(Protocol):
    penyedia: str

    def tandatangani(
        self, pdf: bytes, *, passphrase: str, bidang: Bidang, metadata: Metadata
    ) -> bytes: ...


TEKS_STEMPEL = (
    "Ditandatangani secara elektronik oleh\n%(signer)s\n%(jabatan)s\n"
    "%(nip)s\n%(waktu)s\nNomor: %(nomor)s"
)


def jalankan_sinkron(fungsi):
    """Run pyHanko's sync API (it calls asyncio.run) even from inside a running loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return fungsi()
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(fungsi).result()


def tandatangani_dengan(signer, pdf: bytes, *, bidang: Bidang, metadata: Metadata) -> bytes:
    """Sign `pdf` with a pyHanko signer: PAdES B-B, visible field with a QR stamp."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import QRStampStyle, TextStampStyle

    meta = signers.PdfSignatureMetadata(
        field_name=bidang.nama,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=metadata.alasan or None,
        location=metadata.lokasi or None,
        name=metadata.nama or None,
    )
    spec = fields.SigFieldSpec(sig_field_name=bidang.nama, on_page=bidang.halaman, box=bidang.kotak)
    parameter = {
        "jabatan": metadata.jabatan,
        "nip": f"NIP {metadata.nip}" if metadata.nip else "",
        "waktu": metadata.waktu,
        "nomor": metadata.nomor_surat or "-",
    }
    if metadata.url_verifikasi:
        gaya = QRStampStyle(stamp_text=TEKS_STEMPEL, border_width=1)
        parameter["url"] = metadata.url_verifikasi
    else:
        gaya = TextStampStyle(stamp_text=TEKS_STEMPEL, border_width=1)

    def tanda():
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        pdf_signer = signers.PdfSigner(meta, signer, stamp_style=gaya, new_field_spec=spec)
        return pdf_signer.sign_pdf(writer, appearance_text_params=parameter).getvalue()

    return jalankan_sinkron(tanda)


class Pkcs12Penanda:
    """A key kept in the database as PKCS#12, opened with the passphrase at each signing."""

    penyedia = "pkcs12"

    def __init__(self, kunci):
        self.kunci = kunci

    def signer(self, passphrase: str):
        from pyhanko.sign import signers

        try:
            return signers.SimpleSigner.load_pkcs12_data(
                bytes(self.kunci.p12), other_certs=[], passphrase=passphrase.encode()
            )
        except ValueError as exc:
            raise PassphraseSalah() from exc

    def periksa_passphrase(self, passphrase: str) -> None:
        """Open the key once before any work: a wrong passphrase fails fast."""
        self.signer(passphrase)

    def tandatangani(
        self, pdf: bytes, *, passphrase: str, bidang: Bidang, metadata: Metadata
    ) -> bytes:
        return tandatangani_dengan(self.signer(passphrase), pdf, bidang=bidang, metadata=metadata)


def _multipart(kolom: dict[str, str], berkas: dict[str, tuple[str, bytes, str]]):
    """(body, content type) of a multipart/form-data request, built with the stdlib."""
    batas = uuid.uuid4().hex
    bagian = []
    for nama, nilai in kolom.items():
        kepala = f'--{batas}\r\nContent-Disposition: form-data; name="{nama}"\r\n\r\n'
        bagian.append(kepala.encode() + str(nilai).encode() + b"\r\n")
    for nama, (nama_berkas, isi, jenis) in berkas.items():
        kepala = (
            f'--{batas}\r\nContent-Disposition: form-data; name="{nama}"; '
            f'filename="{nama_berkas}"\r\nContent-Type: {jenis}\r\n\r\n'
        )
        bagian.append(kepala.encode() + isi + b"\r\n")
    bagian.append(f"--{batas}--\r\n".encode())
    return b"".join(bagian), f"multipart/form-data; boundary={batas}"


def _jumlah_halaman(pdf: bytes) -> int:
    from pyhanko.pdf_utils.reader import PdfFileReader

    return int(PdfFileReader(io.BytesIO(pdf), strict=False).root["/Pages"]["/Count"])


class BsrePenanda:
    """BSrE's TTE service (esign-client `/api/sign/pdf`): NIK + passphrase + PDF → signed PDF.

    The service identifies the signer by NIK and draws its own QR (`linkQR`) in the
    box given by page and xAxis/yAxis/width/height (points from the lower left).
    The answer is the signed PDF, or JSON with `id_dokumen` to download it from.
    """

    penyedia = "bsre"

    def __init__(self, url: str, nik: str, *, pengguna: str = "", sandi: str = "", batas=60):
        self.url = url.rstrip("/")
        self.nik = nik
        self.pengguna = pengguna
        self.sandi = sandi
        self.batas = batas

    @classmethod
    def dari_pengaturan(cls, nik: str) -> BsrePenanda:
        url = getattr(settings, "TTE_BSRE_URL", "")
        if not url:
            raise TteGagal(_("Layanan TTE (BSrE) belum dikonfigurasi. Hubungi administrator."))
        return cls(
            url,
            nik,
            pengguna=getattr(settings, "TTE_BSRE_USER", ""),
            sandi=getattr(settings, "TTE_BSRE_PASSWORD", ""),
            batas=getattr(settings, "TTE_BSRE_TIMEOUT", 60),
        )

    def _permintaan(self, path: str, data: bytes | None = None, jenis: str = ""):
        req = urllib.request.Request(self.url + path, data=data, method="POST" if data else "GET")
        if jenis:
            req.add_header("Content-Type", jenis)
        if self.pengguna:
            token = base64.b64encode(f"{self.pengguna}:{self.sandi}".encode()).decode()
            req.add_header("Authorization", f"Basic {token}")
        return urllib.request.urlopen(req, timeout=self.batas)  # noqa: S310 — configured URL

    def tandatangani(
        self, pdf: bytes, *, passphrase: str, bidang: Bidang, metadata: Metadata
    ) -> bytes:
        if not self.nik:
            raise TteGagal(_("NIK penanda tangan belum terdaftar untuk layanan TTE."))
        halaman = bidang.halaman if bidang.halaman >= 0 else _jumlah_halaman(pdf) + bidang.halaman
        x1, y1, x2, y2 = bidang.kotak
        kolom = {
            "nik": self.nik,
            "passphrase": passphrase,
            "tampilan": "visible",
            "image": "false",
            "linkQR": metadata.url_verifikasi,
            "page": str(halaman + 1),
            "xAxis": str(x1),
            "yAxis": str(y1),
            "width": str(x2 - x1),
            "height": str(y2 - y1),
            "reason": metadata.alasan,
            "location": metadata.lokasi,
        }
        body, jenis = _multipart(kolom, {"file": ("dokumen.pdf", pdf, "application/pdf")})
        try:
            with self._permintaan("/api/sign/pdf", body, jenis) as resp:
                isi = resp.read()
        except urllib.error.HTTPError as exc:
            raise self._galat(exc.code, exc.read()) from exc
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            log.warning("Layanan TTE tidak dapat dihubungi: %s", exc)
            raise TteGagal(
                _("Layanan TTE tidak dapat dihubungi. Dokumen tidak ditandatangani; coba lagi.")
            ) from exc
        if isi.startswith(b"%PDF"):
            return isi
        return self._unduh(isi)

    def _unduh(self, isi: bytes) -> bytes:
        try:
            data = json.loads(isi)
            id_dokumen = str(data["id_dokumen"])
        except (ValueError, KeyError, TypeError) as exc:
            raise TteGagal(_("Jawaban layanan TTE tidak dikenali.")) from exc
        try:
            with self._permintaan(f"/api/sign/download/{id_dokumen}") as resp:
                hasil = resp.read()
        except (urllib.error.URLError, OSError) as exc:
            raise TteGagal(
                _("Dokumen bertanda tangan tidak dapat diunduh dari layanan TTE.")
            ) from exc
        if not hasil.startswith(b"%PDF"):
            raise TteGagal(_("Jawaban layanan TTE tidak dikenali."))
        return hasil

    @staticmethod
    def _galat(status: int, isi: bytes) -> TteGagal:
        try:
            pesan = str(json.loads(isi).get("error", ""))
        except (ValueError, AttributeError):
            pesan = isi[:200].decode(errors="replace")
        if status in (400, 401) and "passphrase" in pesan.lower():
            return PassphraseSalah()
        if status == 401:
            return TteGagal(_("Layanan TTE menolak akses aplikasi (periksa akun layanan TTE)."))
        if "nik" in pesan.lower():
            return TteGagal(
                _("NIK penanda tangan tidak dikenali layanan TTE: %(pesan)s") % {"pesan": pesan}
            )
        log.warning("Layanan TTE menjawab %s: %s", status, pesan)
        return TteGagal(
            _("Layanan TTE menolak permintaan (%(status)s): %(pesan)s")
            % {"status": status, "pesan": pesan or "-"}
        )


def penanda_untuk(pegawai) -> Penanda:
    """The signer of `pegawai`, from their KunciPenanda; TteGagal without an active one."""
    from ..models import KunciPenanda

    kunci = KunciPenanda.objects.filter(pegawai=pegawai, aktif=True).first()
    if kunci is None:
        raise TteGagal(
            _(
                "Anda belum memiliki sertifikat TTE. Minta administrator mendaftarkan "
                "sertifikat elektronik Anda."
            )
        )
    if kunci.penyedia == KunciPenanda.Penyedia.BSRE:
        return BsrePenanda.dari_pengaturan(kunci.nik)
    return Pkcs12Penanda(kunci)
