"""The demo certificate authority and the officials' PKCS#12 keys (TTE without BSrE).

A real deployment signs through BSrE (BSSN's TTE service) or keys the administrator
imports; the demo needs signatures that verify end to end without the internet, so it
runs a small CA of its own. Its key lives under DATA_DIR, encrypted with a password
derived from SECRET_KEY; its certificate is one of the trust roots the verification
page accepts. Old CA certificates are kept as roots so earlier signatures still verify.
"""

from __future__ import annotations

import datetime
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.conf import settings

NAMA_CA = "SAKIP Demo Certificate Authority"
MASA_CA = datetime.timedelta(days=3650)
MASA_PENANDA = datetime.timedelta(days=730)


@dataclass(frozen=True)
class Otoritas:
    sertifikat: x509.Certificate
    kunci: ec.EllipticCurvePrivateKey


@dataclass(frozen=True)
class Bundel:
    """A signer's PKCS#12 bytes (encrypted with their passphrase) and its certificate."""

    p12: bytes
    sertifikat_pem: str
    berlaku_sampai: datetime.datetime
    serial: int


def folder_ca() -> Path:
    return Path(getattr(settings, "TTE_CA_DIR", "") or Path(settings.DATA_DIR) / "tte")


def _sandi_ca() -> bytes:
    # The CA key never sits in clear on disk; SECRET_KEY already guards sessions.
    return hashlib.sha256(b"sakip-tte-ca:" + settings.SECRET_KEY.encode()).hexdigest().encode()


def _kunci_baru() -> ec.EllipticCurvePrivateKey:
    # EC P-256: PAdES-compliant and ~1000× faster to generate than RSA 2048.
    return ec.generate_private_key(ec.SECP256R1())


def buat_otoritas(nama_ca: str = NAMA_CA, organisasi: str = "SAKIP (demo)") -> Otoritas:
    """A new self-signed CA in memory (the demo's, or a stand-in for BSrE's in tests)."""
    kunci = _kunci_baru()
    nama = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisasi),
            x509.NameAttribute(NameOID.COMMON_NAME, nama_ca),
        ]
    )
    sekarang = datetime.datetime.now(datetime.UTC)
    sertifikat = (
        x509.CertificateBuilder()
        .subject_name(nama)
        .issuer_name(nama)
        .public_key(kunci.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(sekarang - datetime.timedelta(minutes=5))
        .not_valid_after(sekarang + MASA_CA)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(kunci.public_key()), False)
        .sign(kunci, hashes.SHA256())
    )
    return Otoritas(sertifikat, kunci)


def _tulis(path: Path, isi: bytes) -> None:
    # Write-then-rename: a reader never sees half a PEM file.
    sementara = path.with_suffix(path.suffix + f".{os.getpid()}.tmp")
    sementara.write_bytes(isi)
    sementara.chmod(0o600)
    os.replace(sementara, path)


def otoritas_demo() -> Otoritas:
    """The demo CA, created on first use; a CA whose key no longer opens is retired."""
    folder = folder_ca()
    folder.mkdir(parents=True, exist_ok=True)
    path_crt, path_key = folder / "ca-demo.crt.pem", folder / "ca-demo.key.pem"
    if path_crt.exists() and path_key.exists():
        sertifikat = x509.load_pem_x509_certificate(path_crt.read_bytes())
        try:
            kunci = serialization.load_pem_private_key(path_key.read_bytes(), _sandi_ca())
            return Otoritas(sertifikat, kunci)
        except ValueError:
            # SECRET_KEY changed: keep the old certificate as a trust root, start anew.
            os.replace(path_crt, folder / f"ca-demo-{sertifikat.serial_number:x}.crt.pem")
    ca = buat_otoritas()
    _tulis(
        path_key,
        ca.kunci.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(_sandi_ca()),
        ),
    )
    _tulis(path_crt, ca.sertifikat.public_bytes(serialization.Encoding.PEM))
    return ca


def sertifikat_akar() -> list[x509.Certificate]:
    """Every trust root: the demo CAs (current and retired) and TTE_AKAR_TEPERCAYA files.

    TTE_AKAR_TEPERCAYA lists PEM files, e.g. BSrE's root and intermediate certificates.
    """
    hasil = []
    folder = folder_ca()
    paths = sorted(folder.glob("ca-demo*.crt.pem")) if folder.exists() else []
    paths += [Path(p) for p in getattr(settings, "TTE_AKAR_TEPERCAYA", []) or []]
    for path in paths:
        try:
            hasil += x509.load_pem_x509_certificates(path.read_bytes())
        except (OSError, ValueError):
            continue
    return hasil


def buat_bundel(
    *,
    nama: str,
    passphrase: str,
    nip: str = "",
    instansi: str = "",
    email: str = "",
    ca: Otoritas | None = None,
) -> Bundel:
    """A new key and certificate for one official, as PKCS#12 under `passphrase`.

    Subject as BSrE issues them: CN = the official's name, serialNumber = NIP,
    O = the agency; key usage digitalSignature + nonRepudiation (a signing key only).
    """
    ca = ca or otoritas_demo()
    kunci = _kunci_baru()
    atribut = [
        x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, (instansi or "SAKIP")[:64]),
        x509.NameAttribute(NameOID.COMMON_NAME, nama[:64]),
    ]
    if nip:
        atribut.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, nip[:64]))
    sekarang = datetime.datetime.now(datetime.UTC)
    sampai = min(sekarang + MASA_PENANDA, ca.sertifikat.not_valid_after_utc)
    builder = (
        x509.CertificateBuilder()
        .subject_name(x509.Name(atribut))
        .issuer_name(ca.sertifikat.subject)
        .public_key(kunci.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(sekarang - datetime.timedelta(minutes=5))
        .not_valid_after(sampai)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,  # nonRepudiation
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(kunci.public_key()), False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.kunci.public_key()), False
        )
    )
    if email:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.RFC822Name(email)]), critical=False
        )
    sertifikat = builder.sign(ca.kunci, hashes.SHA256())
    p12 = pkcs12.serialize_key_and_certificates(
        name=nama.encode()[:64],
        key=kunci,
        cert=sertifikat,
        cas=[ca.sertifikat],
        encryption_algorithm=serialization.BestAvailableEncryption(passphrase.encode()),
    )
    return Bundel(
        p12=p12,
        sertifikat_pem=sertifikat.public_bytes(serialization.Encoding.PEM).decode(),
        berlaku_sampai=sampai,
        serial=sertifikat.serial_number,
    )
