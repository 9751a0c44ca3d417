"""A stand-in for BSrE's TTE service, on 127.0.0.1 in a thread, for tests only.

It speaks the esign-client interface the HTTP signer uses: POST /api/sign/pdf with a
multipart form (file, nik, passphrase, tampilan, linkQR, page, xAxis, yAxis, width,
height, …) and HTTP basic auth; it answers the signed PDF, or a JSON error
(`{"error": …, "status_code": …}`) with 400/401 as the real service does. Its keys come
from its own CA ("BSrE Palsu"), which the tests add to TTE_AKAR_TEPERCAYA.
"""

from __future__ import annotations

import base64
import json
import threading
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from cryptography.hazmat.primitives import serialization

from sakip.surat.tte import ca
from sakip.surat.tte.penanda import Bidang, Metadata, tandatangani_dengan


class BsrePalsu:
    def __init__(self, pengguna: dict[str, tuple[str, str]], *, auth=("esign", "qwerty")):
        """`pengguna`: NIK → (name on the certificate, passphrase)."""
        self.pengguna = pengguna
        self.auth = auth
        self.otoritas = ca.buat_otoritas("BSrE Palsu Root CA", "Balai Sertifikasi Palsu")
        self.permintaan: list[dict[str, str]] = []  # the form fields received (no file)
        self._signer = {}
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def simpan_akar(self, folder: Path) -> Path:
        path = Path(folder) / "bsre-palsu-root.pem"
        path.write_bytes(self.otoritas.sertifikat.public_bytes(serialization.Encoding.PEM))
        return path

    def __enter__(self) -> BsrePalsu:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def signer(self, nik: str):
        from pyhanko.sign import signers

        if nik not in self._signer:
            nama, passphrase = self.pengguna[nik]
            bundel = ca.buat_bundel(
                nama=nama, passphrase=passphrase, instansi="Uji", ca=self.otoritas
            )
            self._signer[nik] = signers.SimpleSigner.load_pkcs12_data(
                bundel.p12, other_certs=[], passphrase=passphrase.encode()
            )
        return self._signer[nik]

    def _handler(self):
        palsu = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output quiet
                pass

            def _json(self, status: int, data: dict) -> None:
                isi = json.dumps(data).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(isi)))
                self.end_headers()
                self.wfile.write(isi)

            def do_POST(self):  # noqa: N802 — http.server's naming
                if self.path != "/api/sign/pdf":
                    return self._json(404, {"error": "Not found"})
                if palsu.auth:
                    harap = "Basic " + base64.b64encode(":".join(palsu.auth).encode()).decode()
                    if self.headers.get("Authorization") != harap:
                        return self._json(401, {"error": "Unauthorized", "status_code": 401})
                panjang = int(self.headers.get("Content-Length", 0))
                badan = self.rfile.read(panjang)
                kolom, berkas = _urai(self.headers.get("Content-Type", ""), badan)
                palsu.permintaan.append(kolom)
                nik = kolom.get("nik", "")
                if nik not in palsu.pengguna:
                    return self._json(400, {"error": "NIK tidak terdaftar", "status_code": 2021})
                if kolom.get("passphrase") != palsu.pengguna[nik][1]:
                    return self._json(400, {"error": "Passphrase anda salah", "status_code": 2031})
                x, y = int(float(kolom["xAxis"])), int(float(kolom["yAxis"]))
                lebar, tinggi = int(float(kolom["width"])), int(float(kolom["height"]))
                hasil = tandatangani_dengan(
                    palsu.signer(nik),
                    berkas["file"],
                    bidang=Bidang(int(kolom["page"]) - 1, (x, y, x + lebar, y + tinggi)),
                    metadata=Metadata(
                        nama=palsu.pengguna[nik][0],
                        url_verifikasi=kolom.get("linkQR", ""),
                        alasan=kolom.get("reason", ""),
                        lokasi=kolom.get("location", ""),
                    ),
                )
                self.send_response(200)
                self.send_header("Content-Type", "application/pdf")
                self.send_header("Content-Length", str(len(hasil)))
                self.end_headers()
                self.wfile.write(hasil)

        return Handler


def _urai(jenis: str, badan: bytes) -> tuple[dict[str, str], dict[str, bytes]]:
    """(text fields, files) of a multipart/form-data body, with the stdlib email parser."""
    pesan = BytesParser(policy=HTTP).parsebytes(
        b"Content-Type: " + jenis.encode() + b"\r\n\r\n" + badan
    )
    kolom, berkas = {}, {}
    for bagian in pesan.iter_parts():
        nama = bagian.get_param("name", header="content-disposition")
        isi = bagian.get_payload(decode=True) or b""
        if bagian.get_filename():
            berkas[nama] = isi
        else:
            kolom[nama] = isi.decode()
    return kolom, berkas
