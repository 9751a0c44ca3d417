"""The agency's template page: download what is used, replace it, see why a file is refused."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document

from sakip.dokumen.jenis import jenis_dokumen
from sakip.dokumen.models import TemplatDokumen

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _bawaan_dengan(teks_tambahan: str) -> bytes:
    doc = Document(str(jenis_dokumen("pk").bawaan))
    doc.add_paragraph(teks_tambahan)
    keluaran = io.BytesIO()
    doc.save(keluaran)
    return keluaran.getvalue()


def test_kepala_mengganti_templat_pk(persona, masuk):
    c = masuk(persona.a.camat)
    url = f"/dokumen/instansi/{persona.a.instansi.pk}/"
    isi = c.get(url).content.decode()
    assert "Perjanjian Kinerja" in isi and "templat bawaan" in isi
    unduh = c.get(f"{url}unduh/pk/")
    assert unduh["Content-Type"] == DOCX and unduh.content[:2] == b"PK"
    berkas = SimpleUploadedFile("pk-alpha.docx", _bawaan_dengan("Kecamatan Alpha Bersinar"), DOCX)
    r = c.post(f"{url}unggah/", {"jenis": "pk", "berkas": berkas}, follow=True)
    assert "sekarang dipakai" in r.content.decode()
    assert TemplatDokumen.objects.get(instansi=persona.a.instansi).aktif
    assert "templat unggahan" in c.get(url).content.decode()


def test_templat_rusak_ditolak_dengan_alasannya(persona, masuk):
    c = masuk(persona.a.camat)
    url = f"/dokumen/instansi/{persona.a.instansi.pk}/"
    berkas = SimpleUploadedFile(
        "pk.docx", _bawaan_dengan("{{ pk.tahunn }} {{ pihak_pertama.nama }"), DOCX
    )
    r = c.post(f"{url}unggah/", {"jenis": "pk", "berkas": berkas}, follow=True)
    isi = r.content.decode()
    assert "Templat ditolak" in isi and "Kesalahan sintaks" in isi
    assert not TemplatDokumen.objects.exists()


def test_staf_membaca_tetapi_tidak_mengunggah(persona, masuk):
    c = masuk(persona.a.staf)
    url = f"/dokumen/instansi/{persona.a.instansi.pk}/"
    isi = c.get(url).content.decode()
    assert "Unggah templat" not in isi
    berkas = SimpleUploadedFile("pk.docx", _bawaan_dengan("x"), DOCX)
    assert c.post(f"{url}unggah/", {"jenis": "pk", "berkas": berkas}).status_code == 403
