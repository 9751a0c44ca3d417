"""Builders for tests: a Pemda, agencies with their positions, and the personas."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from sakip.organisasi.models import Instansi, Jabatan, Pegawai, Pemda, PemetaanPelaksana

SANDI = "sandi-uji-123"
_nomor = itertools.count(1)


def nip_unik(perempuan: bool = False) -> str:
    """A valid NIP, different on every call: born 1980, appointed 2005."""
    n = next(_nomor)
    lahir = f"1980{(n % 12) + 1:02d}{(n % 28) + 1:02d}"
    angkat = f"2005{(n % 12) + 1:02d}"
    return f"{lahir}{angkat}{2 if perempuan else 1}{n % 1000:03d}"


def buat_pegawai(username: str, *, nama: str | None = None, **kw) -> Pegawai:
    kw.setdefault("nip", nip_unik())
    if kw.get("instansi") is not None:
        kw.setdefault("pemda", kw["instansi"].pemda)
    p = Pegawai(username=username, nama=nama or username.replace(".", " ").title(), **kw)
    p.set_password(SANDI)
    p.full_clean()
    p.save()
    return p


@dataclass
class Agensi:
    instansi: Instansi
    camat: Pegawai
    sekcam: Pegawai
    kasubag: Pegawai
    staf: Pegawai
    j_camat: Jabatan
    j_sekcam: Jabatan
    j_kasubag: Jabatan
    j_staf: Jabatan


def buat_pemda(nama: str = "Kabupaten Uji") -> Pemda:
    return Pemda.objects.create(nama=nama, jenis=Pemda.Jenis.KABUPATEN)


def buat_kecamatan(pemda: Pemda, nama: str, kode: str) -> Agensi:
    """A kecamatan with Camat → Sekcam → Kasubag → Staf, each filled, actors mapped."""
    i = Instansi.objects.create(
        pemda=pemda, nama=f"Kecamatan {nama}", jenis=Instansi.Jenis.KECAMATAN, kode_unit=kode
    )
    j_camat = Jabatan.objects.create(instansi=i, nama="Camat", eselon="III.a", peran="kepala")
    j_sekcam = Jabatan.objects.create(
        instansi=i, nama="Sekretaris Camat", atasan=j_camat, eselon="III.b", peran="sekretaris"
    )
    j_kasubag = Jabatan.objects.create(
        instansi=i, nama="Kasubag Perencanaan dan Evapor", atasan=j_sekcam, eselon="IV.b"
    )
    j_staf = Jabatan.objects.create(instansi=i, nama="Staf", atasan=j_kasubag, tunggal=False)
    k = kode.lower()
    orang = {
        "camat": buat_pegawai(f"camat.{k}", nama=f"Camat {nama}", instansi=i, jabatan=j_camat),
        "sekcam": buat_pegawai(f"sekcam.{k}", nama=f"Sekcam {nama}", instansi=i, jabatan=j_sekcam),
        "kasubag": buat_pegawai(
            f"kasubag.{k}", nama=f"Kasubag {nama}", instansi=i, jabatan=j_kasubag
        ),
        "staf": buat_pegawai(f"staf.{k}", nama=f"Staf {nama}", instansi=i, jabatan=j_staf),
    }
    for nama_pelaksana, j in [
        ("Camat", j_camat),
        ("Sekretaris", j_sekcam),
        ("Kasubag Evapor", j_kasubag),
        ("Staf", j_staf),
    ]:
        PemetaanPelaksana.objects.create(instansi=i, nama_pelaksana=nama_pelaksana, jabatan=j)
    return Agensi(
        instansi=i,
        j_camat=j_camat,
        j_sekcam=j_sekcam,
        j_kasubag=j_kasubag,
        j_staf=j_staf,
        **orang,
    )


def masuk_peramban(browser, live_server, pegawai, *, ponsel: bool = False):
    """A new Chromium page signed in as `pegawai` through the sign-in form.

    `ponsel`: a phone-sized viewport (the Camat approves on a phone); else a desktop one.
    Downloads are accepted so tests can read the files a page offers.
    """
    ctx = browser.new_context(
        viewport={"width": 390, "height": 844} if ponsel else {"width": 1280, "height": 900},
        locale="id-ID",
        accept_downloads=True,
    )
    page = ctx.new_page()
    page.set_default_timeout(20_000)
    page.goto(live_server.url + "/akun/masuk/")
    page.get_by_label("NIP atau nama pengguna").fill(pegawai.username)
    page.get_by_label("Kata sandi").fill(SANDI)
    page.get_by_role("button", name="Masuk").click()
    page.get_by_role("heading", name=f"Selamat datang, {pegawai.nama}").wait_for()
    return page


def pdf_uji(teks: str = "") -> bytes:
    """A real one-page PDF (uploads are checked by structure, not by their first bytes);
    `teks` in its metadata makes two of them differ."""
    import io

    from pypdf import PdfWriter

    penulis = PdfWriter()
    penulis.add_blank_page(width=595, height=842)
    penulis.add_metadata({"/Subject": teks or "uji"})
    keluaran = io.BytesIO()
    penulis.write(keluaran)
    return keluaran.getvalue()


def png_uji() -> bytes:
    """A real 4×4 PNG (Pillow verifies uploaded images)."""
    import io

    from PIL import Image

    keluaran = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(keluaran, format="PNG")
    return keluaran.getvalue()
