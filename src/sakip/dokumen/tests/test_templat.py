"""Agency templates: the Camat of Alpha replaces the built-in PK template with the office's own.

Every upload is checked before anything is stored: a real .docx, Jinja that parses (a
fault is placed at its paragraph or table cell), only variables the document kind
provides, and a trial render. Only the head, the secretary and the Pemda administrator
may upload.
"""

from __future__ import annotations

import base64
import datetime
import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document
from PIL import Image

from sakip.audit.models import CatatanAudit
from sakip.dokumen import cetak, services, templat
from sakip.dokumen.jenis import JENIS_DOKUMEN, daftar_variabel, jenis_dokumen
from sakip.dokumen.models import TemplatDokumen
from sakip.dokumen.services import TemplatDitolak
from sakip.organisasi.models import Instansi


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def docx(*paragraf: str, tabel: list[list[str]] | None = None) -> bytes:
    doc = Document()
    for teks in paragraf:
        doc.add_paragraph(teks)
    if tabel:
        t = doc.add_table(rows=len(tabel), cols=len(tabel[0]))
        for baris, isi in zip(t.rows, tabel, strict=True):
            for sel, teks in zip(baris.cells, isi, strict=True):
                sel.text = teks
    berkas = io.BytesIO()
    doc.save(berkas)
    return berkas.getvalue()


def unggahan(isi: bytes, nama: str = "templat.docx") -> SimpleUploadedFile:
    return SimpleUploadedFile(nama, isi)


def tolak(aktor, instansi, isi: bytes, nama: str = "templat.docx") -> list[str]:
    with pytest.raises(TemplatDitolak) as info:
        services.unggah_templat(
            aktor=aktor, instansi=instansi, jenis="pk", berkas=unggahan(isi, nama)
        )
    assert not TemplatDokumen.objects.exists()
    return info.value.messages


def png(warna=(200, 30, 30)) -> bytes:
    berkas = io.BytesIO()
    Image.new("RGB", (40, 48), warna).save(berkas, "PNG")
    return berkas.getvalue()


# ---------------------------------------------------------------- the built-in templates


@pytest.mark.parametrize("kode", sorted(JENIS_DOKUMEN))
def test_templat_bawaan_lolos_pemeriksaannya_sendiri(kode):
    jenis = jenis_dokumen(kode)
    assert jenis.bawaan.exists()
    assert templat.periksa_templat(jenis.bawaan.read_bytes(), jenis) == []


@pytest.mark.parametrize("kode", sorted(JENIS_DOKUMEN))
def test_contoh_jenis_memuat_setiap_variabel_yang_didokumentasikan(kode):
    jenis = jenis_dokumen(kode)

    def ada(jalur: str) -> bool:
        nilai = jenis.konteks_contoh()
        for bagian in jalur.split("."):
            nama, daftar = bagian.removesuffix("[]"), bagian.endswith("[]")
            if not isinstance(nilai, dict) or nama not in nilai:
                return False
            nilai = nilai[nama][0] if daftar else nilai[nama]
        return True

    assert [jalur for jalur, _ in daftar_variabel(jenis.variabel) if not ada(jalur)] == []


# ---------------------------------------------------------------- checks before accepting


def test_kesalahan_sintaks_ditolak_dengan_letak_paragrafnya(persona):
    isi = docx("Judul", "Tahun {{ pk.tahun }}", "Pihak {{ pihak_pertama.nama }", "Penutup")
    [pesan] = tolak(persona.a.camat, persona.a.instansi, isi)
    assert pesan.startswith("Kesalahan sintaks di paragraf 3, karakter 7")
    assert "{{ pihak_pertama.nama }" in pesan


def test_kesalahan_sintaks_di_sel_tabel_disebut_baris_dan_kolomnya(persona):
    isi = docx(
        "Pembuka",
        tabel=[["No", "Sasaran"], ["{%tr for s in sasaran %}", ""], ["{{ s.no }}", "{% if %}"]],
    )
    [pesan] = tolak(persona.a.camat, persona.a.instansi, isi)
    assert pesan.startswith("Kesalahan sintaks di tabel 1, baris 3, kolom 2")


def test_kesalahan_di_kepala_halaman_disebut_letaknya(persona):
    doc = Document()
    doc.add_paragraph("{{ pk.judul }}")
    kepala = doc.sections[0].header
    kepala.is_linked_to_previous = False
    kepala.paragraphs[0].text = "Kop {{ kop.pemda }"
    berkas = io.BytesIO()
    doc.save(berkas)
    [pesan] = tolak(persona.a.camat, persona.a.instansi, berkas.getvalue())
    assert pesan.startswith("Kesalahan sintaks di kepala halaman, paragraf 1, karakter 5")


def test_blok_yang_tidak_ditutup_ditolak_dalam_bahasa_indonesia(persona):
    isi = docx("{% for s in sasaran %}", "{{ s.uraian }}")
    [pesan] = tolak(persona.a.camat, persona.a.instansi, isi)
    assert "paragraf 1" in pesan and "blok 'for' dibuka tetapi tidak ditutup" in pesan


def test_variabel_tidak_dikenal_disebut_semuanya(persona):
    isi = docx(
        "{{ pk.tahunn }} {{ kop.logoo }} {{ pk.tahun }}",
        "{% for s in sasaran %}{{ s.uraiann }}{% for i in s.indikator %}{{ i.targett }}"
        "{{ i.target }}{% endfor %}{% endfor %}",
        "{{ pemda }}",
    )
    [pesan] = tolak(persona.a.camat, persona.a.instansi, isi)
    assert pesan == "Variabel tidak dikenal: pk.tahunn, kop.logoo, s.uraiann, i.targett, pemda"


def test_templat_tidak_dapat_menjangkau_python(persona):
    isi = docx("{{ pk.__class__.__mro__ }}", "{{ sasaran.__class__ }}")
    [pesan] = tolak(persona.a.camat, persona.a.instansi, isi)
    assert pesan == "Variabel tidak dikenal: pk.__class__"


@pytest.mark.parametrize(
    "tag, alasan",
    [
        ("{{ pk.judul * 100000 }}", "Angka 100000 terlalu besar"),
        ("{{ pk.judul|center(900000000) }}", "Angka 900000000 terlalu besar"),
        ("{% for i in range(9) %}{% endfor %}", "Variabel tidak dikenal: range"),
        ("{{ pk.judul * 9000 }}", "hasil perkalian teks terlalu panjang"),
        ("{{ 9 ** 9 }}", "operator ** tidak diizinkan"),
    ],
)
def test_templat_tidak_dapat_menghabiskan_memori_server(persona, tag, alasan):
    [pesan] = tolak(persona.a.camat, persona.a.instansi, docx(tag))
    assert alasan in pesan


def test_tag_baris_tabel_di_luar_tabel_ditolak(persona):
    isi = docx("{%tr for s in sasaran %}", "{{ s.uraian }}", "{%tr endfor %}")
    [pesan] = tolak(persona.a.camat, persona.a.instansi, isi)
    assert pesan.startswith("Susunan tag tidak dapat dipakai Word: tag 'tr' tidak dikenal")
    assert "{%tr %} berada di baris tabel" in pesan


@pytest.mark.parametrize(
    "isi, nama",
    [
        (b"Ini hanya teks biasa", "templat.docx"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "templat.docx"),
        (None, "templat.odt"),
    ],
)
def test_berkas_bukan_docx_ditolak(persona, isi, nama):
    pesan = tolak(persona.a.camat, persona.a.instansi, isi or docx("x"), nama)
    assert any("bukan dokumen Word .docx" in p or "berakhiran .docx" in p for p in pesan)


def test_docm_bermakro_ditolak(persona):
    isi = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx("x"))) as asal, zipfile.ZipFile(isi, "w") as tujuan:
        for item in asal.infolist():
            data = asal.read(item)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"document.macroEnabled.main+xml")
            tujuan.writestr(item, data)
    [pesan] = tolak(persona.a.camat, persona.a.instansi, isi.getvalue())
    assert ".docm" in pesan


# ---------------------------------------------------------------- who may upload


@pytest.mark.parametrize("siapa", ["staf", "kasubag"])
def test_staf_tanpa_jabatan_pimpinan_tidak_boleh_mengunggah(persona, siapa):
    with pytest.raises(PermissionDenied):
        services.unggah_templat(
            aktor=getattr(persona.a, siapa),
            instansi=persona.a.instansi,
            jenis="pk",
            berkas=unggahan(docx("{{ pk.judul }}")),
        )
    assert not TemplatDokumen.objects.exists()


@pytest.mark.parametrize("siapa", ["camat_lain", "evaluator", "admin_lain"])
def test_pimpinan_lain_evaluator_dan_admin_pemda_lain_ditolak(persona, siapa):
    aktor = {
        "camat_lain": persona.b.camat,
        "evaluator": persona.evaluator,
        "admin_lain": persona.admin_lain,
    }[siapa]
    with pytest.raises(PermissionDenied):
        services.unggah_templat(
            aktor=aktor,
            instansi=persona.a.instansi,
            jenis="pk",
            berkas=unggahan(docx("{{ pk.judul }}")),
        )


def test_sekcam_mengganti_templat_camat_yang_lama_tetap_tersimpan_nonaktif(persona):
    pertama = services.unggah_templat(
        aktor=persona.a.camat,
        instansi=persona.a.instansi,
        jenis="pk",
        berkas=unggahan(docx("Versi satu {{ pk.judul }}")),
    )
    kedua = services.unggah_templat(
        aktor=persona.a.sekcam,
        instansi=persona.a.instansi,
        jenis="pk",
        berkas=unggahan(docx("Versi dua {{ pk.judul }}")),
        nama="PK gaya baru",
    )
    pertama.refresh_from_db()
    assert not pertama.aktif and kedua.aktif and kedua.diunggah_oleh == persona.a.sekcam
    assert templat.templat_untuk(persona.a.instansi, "pk").name == kedua.berkas.name
    catatan = CatatanAudit.objects.filter(instansi_id=persona.a.instansi.pk)
    assert {(c.aktor, c.aksi) for c in catatan} == {
        (persona.a.camat, "tambah"),
        (persona.a.sekcam, "ubah"),
        (persona.a.sekcam, "tambah"),
    }


def test_templat_pemda_dipakai_instansi_yang_tidak_punya_templat_sendiri(persona):
    services.unggah_templat(
        aktor=persona.admin_pemda,
        instansi=None,
        pemda=persona.pemda,
        jenis="pk",
        berkas=unggahan(docx("Gaya Pemda {{ pk.judul }}")),
    )
    services.unggah_templat(
        aktor=persona.b.camat,
        instansi=persona.b.instansi,
        jenis="pk",
        berkas=unggahan(docx("Gaya Beta {{ pk.judul }}")),
    )

    def teks(instansi) -> str:
        isi = templat.render_docx(instansi, "pk", {"pk": {"judul": "PK 2026"}})
        return Document(io.BytesIO(isi)).paragraphs[0].text

    assert teks(persona.a.instansi) == "Gaya Pemda PK 2026"
    assert teks(persona.b.instansi) == "Gaya Beta PK 2026"


def test_camat_tidak_boleh_mengunggah_templat_seluruh_pemda(persona):
    with pytest.raises(PermissionDenied):
        services.unggah_templat(
            aktor=persona.a.camat,
            instansi=None,
            pemda=persona.pemda,
            jenis="pk",
            berkas=unggahan(docx("{{ pk.judul }}")),
        )


# ---------------------------------------------------------------- rendering and the kop


def test_kop_menulis_pemda_dan_instansi_huruf_besar_dan_logo_sebagai_data_uri(persona):
    i = persona.a.instansi
    i.alamat, i.telepon, i.email = "Jl. Raya Alpha No. 1", "(0764) 123", "alpha@uji.go.id"
    i.situs = "https://alpha.uji.go.id/"
    i.logo.save("alpha.png", ContentFile(png()), save=True)
    kop = cetak.kop(i)
    assert kop["pemda"] == "PEMERINTAH KABUPATEN UJI"
    assert kop["instansi"] == "KECAMATAN ALPHA"
    assert kop["kontak"].replace("\u00a0", " ") == (
        "Telp. (0764) 123, Email: alpha@uji.go.id, Laman: alpha.uji.go.id"
    )
    assert kop["logo"].startswith("data:image/png;base64,")
    assert base64.b64decode(kop["logo"].split(",", 1)[1]) == png()


def test_logo_pemda_dipakai_bila_instansi_tidak_punya_logo(persona):
    persona.pemda.logo.save("lambang.png", ContentFile(png((0, 90, 0))), save=True)
    assert cetak.logo(persona.a.instansi).isi == png((0, 90, 0))
    assert cetak.kop(Instansi(pemda=persona.pemda_lain, nama="Kecamatan Lain"))["logo"] == ""


def test_docx_memuat_logo_sebagai_gambar_dan_aman_untuk_tanda_ampersand(persona):
    i = persona.a.instansi
    i.nama = "Dinas Pekerjaan Umum & Penataan Ruang"
    i.logo.save("dinas.png", ContentFile(png()), save=True)
    services.unggah_templat(
        aktor=persona.a.camat,
        instansi=i,
        jenis="pk",
        berkas=unggahan(docx("{{ kop.logo }}", "{{ kop.instansi }} <{{ pk.judul }}>")),
    )
    doc = Document(io.BytesIO(templat.render_docx(i, "pk", {"pk": {"judul": "PK"}})))
    assert len(doc.inline_shapes) == 1
    assert doc.paragraphs[1].text == "DINAS PEKERJAAN UMUM & PENATAAN RUANG <PK>"


def test_kop_html_untuk_weasyprint(persona):
    from django.template.loader import render_to_string

    persona.a.instansi.logo.save("alpha.png", ContentFile(png()), save=True)
    html = render_to_string("dokumen/_kop.html", {"kop": cetak.kop(persona.a.instansi)})
    assert 'src="data:image/png;base64,' in html and "KECAMATAN ALPHA" in html
    pdf = cetak.pdf_dari_html(f"<html><body>{html}</body></html>")
    assert pdf.startswith(b"%PDF")


def test_pdf_tidak_mengambil_apa_pun_dari_jaringan(monkeypatch):
    import urllib.request

    def dilarang(*args, **kwargs):
        raise AssertionError("tidak boleh membuka jaringan")

    monkeypatch.setattr(urllib.request.OpenerDirector, "open", dilarang)
    html = '<img src="http://169.254.169.254/logo.png"><img src="file:///etc/passwd">teks'
    assert cetak.pdf_dari_html(html).startswith(b"%PDF")


def test_tanggal_panjang_bahasa_indonesia():
    assert cetak.tanggal_panjang(datetime.date(2026, 1, 2)) == "2 Januari 2026"
    assert cetak.tanggal_panjang(datetime.datetime(2026, 8, 17, 9, 0)) == "17 Agustus 2026"
    assert cetak.tanggal_panjang(None) == ""


# ---------------------------------------------------------------- admin


def test_admin_pemda_mengunggah_lewat_admin_dan_menghapus_teraudit(persona, masuk):
    c = masuk(persona.admin_pemda)
    assert c.get("/admin/dokumen/templatdokumen/add/").status_code == 200
    r = c.post(
        "/admin/dokumen/templatdokumen/add/",
        {
            "jenis": "pk",
            "pemda": persona.pemda.pk,
            "instansi": persona.a.instansi.pk,
            "nama": "PK Alpha",
            "berkas": unggahan(docx("{{ pk.judul }}"), "pk-alpha.docx"),
        },
    )
    assert r.status_code == 302, r.context["adminform"].form.errors if r.context else r
    t = TemplatDokumen.objects.get()
    assert t.nama == "PK Alpha" and t.diunggah_oleh == persona.admin_pemda and t.aktif
    r = c.post(f"/admin/dokumen/templatdokumen/{t.pk}/delete/", {"post": "yes"})
    assert r.status_code == 302 and not TemplatDokumen.objects.exists()
    aksi = CatatanAudit.objects.filter(object_id=str(t.pk)).values_list("aksi", flat=True)
    assert sorted(aksi) == ["hapus", "tambah"]


def test_admin_menampilkan_alasan_penolakan_di_formulir(persona, masuk):
    r = masuk(persona.admin_pemda).post(
        "/admin/dokumen/templatdokumen/add/",
        {
            "jenis": "pk",
            "pemda": persona.pemda.pk,
            "instansi": persona.a.instansi.pk,
            "nama": "Salah ketik",
            "berkas": unggahan(docx("{{ pk.tahunn }}"), "pk.docx"),
        },
    )
    assert r.status_code == 200
    assert "Variabel tidak dikenal: pk.tahunn" in r.content.decode()
    assert not TemplatDokumen.objects.exists()


def test_admin_pemda_lain_tidak_melihat_templat_alpha(persona, masuk):
    t = services.unggah_templat(
        aktor=persona.a.camat,
        instansi=persona.a.instansi,
        jenis="pk",
        berkas=unggahan(docx("{{ pk.judul }}")),
    )
    c = masuk(persona.admin_lain)
    assert "Kecamatan Alpha" not in c.get("/admin/dokumen/templatdokumen/").content.decode()
    assert c.get(f"/admin/dokumen/templatdokumen/{t.pk}/change/").status_code == 404


def test_admin_mengunduh_templat_bawaan_dengan_daftar_variabel(persona, masuk):
    c = masuk(persona.admin_pemda)
    halaman = c.get("/admin/dokumen/templatdokumen/add/").content.decode()
    assert (
        "<code>pk.tahun</code>" in halaman
        and "<code>sasaran[].indikator[].target</code>" in halaman
    )
    r = c.get("/admin/dokumen/templatdokumen/bawaan/pk/")
    assert r.status_code == 200 and r["Content-Disposition"].endswith('"templat-pk.docx"')
    assert b"".join(r.streaming_content) == jenis_dokumen("pk").bawaan.read_bytes()
    assert c.get("/admin/dokumen/templatdokumen/bawaan/lkjx/").status_code == 404
    assert masuk(persona.a.camat).get("/admin/dokumen/templatdokumen/bawaan/pk/").status_code == 302


def test_admin_menonaktifkan_templat_kembali_ke_bawaan(persona, masuk):
    t = services.unggah_templat(
        aktor=persona.a.camat,
        instansi=persona.a.instansi,
        jenis="pk",
        berkas=unggahan(docx("{{ pk.judul }}")),
    )
    r = masuk(persona.admin_pemda).post(
        f"/admin/dokumen/templatdokumen/{t.pk}/change/", {"nama": "PK lama", "aktif": ""}
    )
    assert r.status_code == 302, r.context["adminform"].form.errors if r.context else r
    t.refresh_from_db()
    assert not t.aktif and t.nama == "PK lama"
    assert templat.templat_untuk(persona.a.instansi, "pk") == jenis_dokumen("pk").bawaan
    assert CatatanAudit.objects.filter(object_id=str(t.pk), aksi="ubah").exists()
