"""Word templates (docxtpl): checking an upload before it is accepted, and rendering.

Templates are written by agency staff, so they run in Jinja's sandbox with autoescape
(a name with "&" must not break the document's XML, and `{{ pk.__class__ }}` must not
reach Python), and they see only display-ready text, never model objects.

A rejected template is explained where Word users can find the fault: "paragraf 12",
"tabel 1, baris 2, kolom 3", "kepala halaman". For that the check reads the document as
plain text, one paragraph per line, so that Jinja's line number is the paragraph.
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import TemplateError, TemplateSyntaxError, nodes
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from sakip.organisasi.models import Instansi

from . import cetak
from .jenis import JenisDokumen, Skema, jenis_dokumen

log = logging.getLogger(__name__)

MAKS_BYTE = 5 * 1024 * 1024
# A .docx is a zip: refuse archives that inflate beyond this (zip bombs).
MAKS_BYTE_TERURAI = 60 * 1024 * 1024
TIPE_DOKUMEN_WORD = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
)
TINGGI_LOGO = Mm(22)
# Names Jinja itself provides (true/none are constants); `loop` is added inside a for.
NAMA_JINJA = {"caller"}  # inside {% call %} blocks
SEMBARANG = object()  # a value whose attributes are not described (loop, set, macro args)


class TemplatDitolak(ValidationError):
    """An uploaded template that cannot be used; `messages` says every reason, in Indonesian."""


# Templates format text; they never need big numbers or long repeated sequences, which
# would let one upload exhaust the server's memory during the trial render.
ANGKA_MAKS = 10_000


class Sandbox(SandboxedEnvironment):
    """Jinja's sandbox without `range` & co. and with `*`/`**` bounded."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context, operator, left, right):
        if operator == "**":
            raise SecurityError("operator ** tidak diizinkan dalam templat")
        for urutan, kali in ((left, right), (right, left)):
            if isinstance(urutan, str | list | tuple) and isinstance(kali, int):
                if len(urutan) * kali > ANGKA_MAKS:
                    raise SecurityError("hasil perkalian teks terlalu panjang")
        return super().call_binop(context, operator, left, right)


def lingkungan() -> Sandbox:
    env = Sandbox(autoescape=True)
    env.globals.clear()  # range, lipsum, cycler …: nothing a document needs
    return env


# ---------------------------------------------------------------- reading the .docx


def buka_docx(isi: bytes):
    """The python-docx Document of `isi`, or TemplatDitolak saying why it is not a .docx."""
    if len(isi) > MAKS_BYTE:
        raise TemplatDitolak(f"Berkas lebih dari {MAKS_BYTE // (1024 * 1024)} MB.")
    try:
        with zipfile.ZipFile(io.BytesIO(isi)) as arsip:
            if sum(i.file_size for i in arsip.infolist()) > MAKS_BYTE_TERURAI:
                raise TemplatDitolak("Isi berkas .docx terlalu besar setelah diurai.")
            jenis_isi = arsip.read("[Content_Types].xml").decode("utf-8", "replace")
    except (zipfile.BadZipFile, KeyError) as exc:
        raise TemplatDitolak(
            "Berkas bukan dokumen Word .docx. Simpan templat dari Word sebagai "
            "“Dokumen Word (*.docx)”."
        ) from exc
    if TIPE_DOKUMEN_WORD not in jenis_isi:
        # .docm (macros) and .dotx (Word template) are zips too, but not plain documents.
        raise TemplatDitolak(
            "Berkas bukan dokumen Word .docx biasa (mis. .docm bermakro atau .dotx). "
            "Simpan sebagai “Dokumen Word (*.docx)”."
        )
    try:
        return Document(io.BytesIO(isi))
    except Exception as exc:  # python-docx raises many kinds on a damaged package
        raise TemplatDitolak(f"Berkas .docx rusak dan tidak dapat dibuka: {exc}") from exc


@dataclass(frozen=True)
class Paragraf:
    lokasi: str  # where a Word user finds it: "paragraf 3", "tabel 1, baris 2, kolom 3"
    teks: str


def _teks_paragraf(p) -> str:
    # Line breaks inside a paragraph would shift Jinja's line numbers: keep one line.
    return "".join(t.text or "" for t in p.iter(qn("w:t"))).replace("\n", " ")


def _isi_blok(induk, awalan: str, nomor_tabel: list[int]) -> Iterator[Paragraf]:
    """Paragraphs of a body, cell, header or footer in reading order, named by place."""
    nomor_paragraf = 0
    for anak in induk.iterchildren():
        if anak.tag == qn("w:p"):
            nomor_paragraf += 1
            yield Paragraf(f"{awalan}paragraf {nomor_paragraf}", _teks_paragraf(anak))
        elif anak.tag == qn("w:tbl"):
            nomor_tabel[0] += 1
            yield from _isi_tabel(anak, awalan, nomor_tabel)
        elif anak.tag == qn("w:sdt"):  # content controls wrap ordinary paragraphs
            konten = anak.find(qn("w:sdtContent"))
            if konten is not None:
                yield from _isi_blok(konten, awalan, nomor_tabel)


def _isi_tabel(tabel, awalan: str, nomor_tabel: list[int]) -> Iterator[Paragraf]:
    nama = f"{awalan}tabel {nomor_tabel[0]}"
    for b, baris in enumerate(tabel.iterchildren(qn("w:tr")), start=1):
        for k, sel in enumerate(baris.iterchildren(qn("w:tc")), start=1):
            isi = list(_isi_blok(sel, "", nomor_tabel))
            for p in isi:
                lokasi = f"{nama}, baris {b}, kolom {k}"
                if len(isi) > 1:
                    lokasi += f", {p.lokasi}"
                yield Paragraf(lokasi, p.teks)


def paragraf_dokumen(doc) -> list[Paragraf]:
    """Every paragraph a template can hold tags in: body, tables, headers and footers."""
    nomor_tabel = [0]
    hasil = list(_isi_blok(doc.element.body, "", nomor_tabel))
    for s, bagian in enumerate(doc.sections, start=1):
        for nama, kepala in (
            ("kepala halaman", bagian.header),
            ("kaki halaman", bagian.footer),
        ):
            if kepala.is_linked_to_previous:
                continue
            awalan = f"{nama}{f' bagian {s}' if len(doc.sections) > 1 else ''}, "
            hasil += _isi_blok(kepala._element, awalan, nomor_tabel)
    return hasil


# ---------------------------------------------------------------- syntax


# docxtpl's own tags ({%tr …%}, {% vm %} …) become plain Jinja for the check.
_AWALAN_DOCXTPL = re.compile(r"([{][{%#])(?:tr|tc|p|r)\s")
_TAG_SEL = re.compile(r"\{%\s*(?:vm|hm)\s*%\}")
_TAG_SEL_ISI = re.compile(r"\{%\s*(?:colspan|cellbg)\s+(.*?)\s*%\}")
_KUTIP = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})  # Word's smart quotes
_PENUTUP = {"{{": "}}", "{%": "%}", "{#": "#}"}


def _jinja_polos(teks: str) -> str:
    teks = _AWALAN_DOCXTPL.sub(r"\1 ", teks.translate(_KUTIP))
    teks = _TAG_SEL.sub("", teks)
    return _TAG_SEL_ISI.sub(r"{{ \1 }}", teks)


_TERJEMAHAN = [
    (r"^unexpected end of template, expected '(.+?)'\.?$", r"tag belum ditutup (kurang '\1')"),
    (r"^unexpected 'end of print statement'$", r"isi tag belum lengkap sebelum '}}'"),
    (r"^unexpected 'end of statement block'$", r"isi tag belum lengkap sebelum '%}'"),
    (r"^unexpected '(.+?)'$", r"tanda '\1' tidak pada tempatnya"),
    (r"^Unexpected end of template\..*innermost block that needs to be closed is '(\w+)'.*$",
     r"blok '\1' dibuka tetapi tidak ditutup (end\1)"),
    (r"^Encountered unknown tag '(\w+)'\..*innermost block that needs to be closed is '(\w+)'.*$",
     r"tag '\1' tidak dikenal di sini; blok '\2' belum ditutup"),
    (r"^Encountered unknown tag '(\w+)'.*$", r"tag '\1' tidak dikenal"),
    (r"^expected token '(.+?)', got '(.+?)'$", r"seharusnya '\1', tertulis '\2'"),
    (r"^No filter named '(.+?)'.*$", r"filter '\1' tidak ada"),
    (r"^No test named '(.+?)'.*$", r"uji '\1' tidak ada"),
]  # fmt: skip


def terjemahkan(pesan: str) -> str:
    """Jinja's message in Indonesian where we know it; the original otherwise."""
    pesan = " ".join(pesan.split())
    for pola, ganti in _TERJEMAHAN:
        if re.match(pola, pesan, flags=re.DOTALL):
            return re.sub(pola, ganti, pesan, flags=re.DOTALL)
    return pesan


def _potong(teks: str, panjang: int) -> str:
    teks = " ".join(teks.split())
    return teks if len(teks) <= panjang else teks[: panjang - 1] + "…"


def _tag_salah(teks: str) -> tuple[int, str] | None:
    """(1-based character, tag) of the first tag in a paragraph that is wrong on its own."""
    env = lingkungan()
    for m in re.finditer(r"\{[{%#]", teks):
        buka = m.group()
        tutup = teks.find(_PENUTUP[buka], m.end())
        if tutup < 0:
            return m.start() + 1, _potong(teks[m.start() :], 40)
        tag = teks[m.start() : tutup + 2]
        if buka == "{{":
            try:
                env.parse(_jinja_polos(tag))
            except TemplateSyntaxError:
                return m.start() + 1, tag
    return None


def _pesan_sintaks(paragraf: Paragraf, exc: TemplateSyntaxError) -> str:
    tempat = paragraf.lokasi
    salah = _tag_salah(paragraf.teks)
    if salah:
        tempat += f", karakter {salah[0]} (“{salah[1]}”)"
    elif paragraf.teks.strip():
        # Word shows no paragraph numbers: the paragraph's opening words help find it.
        tempat += f" (“{_potong(paragraf.teks, 60)}”)"
    return f"Kesalahan sintaks di {tempat}: {terjemahkan(exc.message or str(exc))}"


_BLOK = {"for", "if", "macro", "call", "filter", "with", "block", "raw", "autoescape"}


def _pembuka_terbuka(paragraf: list[Paragraf], nama: str) -> Paragraf | None:
    """The paragraph that opens the innermost unclosed block `nama` ({% for %} …)."""
    tumpukan: list[tuple[str, Paragraf]] = []
    for p in paragraf:
        for m in re.finditer(r"\{%-?\s*(\w+)([^%]*)-?%\}", _jinja_polos(p.teks)):
            tag, sisa = m.groups()
            if tag in _BLOK or (tag == "set" and "=" not in sisa):
                tumpukan.append((tag, p))
            elif tag.startswith("end") and tumpukan and tumpukan[-1][0] == tag[3:]:
                tumpukan.pop()
    return next((p for tag, p in reversed(tumpukan) if tag == nama), None)


def periksa_sintaks(paragraf: list[Paragraf]) -> list[str]:
    """The first syntax error, placed at its paragraph (Jinja stops at the first)."""
    teks = "\n".join(_jinja_polos(p.teks) for p in paragraf)
    try:
        lingkungan().from_string(teks)  # compiles too: an unknown filter is caught here
    except TemplateSyntaxError as exc:
        tempat = paragraf[min(max(exc.lineno or 1, 1), len(paragraf)) - 1]
        # Jinja reports an unclosed block at the end of the document; point at its opening.
        terbuka = re.match(
            r"Unexpected end of template.*closed is '(\w+)'", exc.message or "", re.DOTALL
        )
        if terbuka:
            tempat = _pembuka_terbuka(paragraf, terbuka.group(1)) or tempat
        return [_pesan_sintaks(tempat, exc)]
    return []


def xml_templat(isi: bytes) -> str:
    """Body, headers and footers as docxtpl hands them to Jinja (one paragraph a line)."""
    tpl = DocxTemplate(io.BytesIO(isi))
    doc = tpl.get_docx()
    bagian = [tpl.xml_to_string(doc.element.body)]
    for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
        bagian += [tpl.get_part_xml(part) for _, part in tpl.get_headers_footers(uri)]
    xml = "".join(tpl.patch_xml(b) for b in bagian)
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)


def _teks_sekitar(xml: str, nomor_baris: int | None) -> str:
    if not nomor_baris:
        return ""
    baris = xml.splitlines()[max(nomor_baris - 2, 0) : nomor_baris + 1]
    teks = " ".join(re.sub(r"<[^>]+>", "", b) for b in baris)
    return " ".join(teks.split())[:120]


def periksa_susunan(xml: str) -> list[str]:
    """Errors that appear only once docxtpl has moved {%tr %}/{%p %} out of rows/paragraphs,
    e.g. a {%tr %} tag outside a table, or a block that opens in one row and closes in a
    paragraph."""
    try:
        lingkungan().from_string(xml)
    except TemplateError as exc:
        sekitar = _teks_sekitar(xml, getattr(exc, "lineno", None))
        dekat = f" (dekat teks “{sekitar}”)" if sekitar else ""
        return [
            "Susunan tag tidak dapat dipakai Word: "
            f"{terjemahkan(getattr(exc, 'message', None) or str(exc))}{dekat}. Periksa bahwa "
            "tag {%tr %} berada di baris tabel dan setiap blok dibuka dan ditutup di tempat "
            "yang setara."
        ]
    return []


# ---------------------------------------------------------------- variables


def _jalur(node: nodes.Node) -> tuple[str, list] | None:
    """('sasaran', ['indikator', 0, 'nama']) for a chain of attributes over a name."""
    bagian: list = []
    while True:
        if isinstance(node, nodes.Getattr):
            bagian.insert(0, node.attr)
        elif isinstance(node, nodes.Getitem):
            if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str | int):
                bagian.insert(0, node.arg.value)
            else:
                bagian = []  # a computed key: only the part before it can be checked
        elif isinstance(node, nodes.Name):
            return node.name, bagian
        else:
            return None
        node = node.node


class _PemeriksaVariabel:
    """Walks a template's syntax tree and lists the variables the schema does not describe."""

    def __init__(self, skema: Skema, ast: nodes.Template):
        self.skema = skema
        self.tak_dikenal: dict[str, None] = {}  # ordered set
        # Names the template sets itself ({% set %}, macro arguments, with): not checked.
        self.lokal = {n.name for n in ast.find_all(nodes.Name) if n.ctx in ("store", "param")}
        self.lokal -= {
            n.name for f in ast.find_all(nodes.For) for n in f.target.find_all(nodes.Name)
        }
        self.lokal |= {m.name for m in ast.find_all(nodes.Macro)}

    def skema_dari(self, jalur: tuple[str, list], cakupan: dict):
        """The schema a chain reaches (SEMBARANG when not described); records unknowns."""
        akar, bagian = jalur
        if akar in cakupan:
            skema = cakupan[akar]
        elif akar in self.skema:
            skema = self.skema[akar]
        elif akar in self.lokal or akar in NAMA_JINJA:
            return SEMBARANG
        else:
            self.tak_dikenal[akar] = None
            return SEMBARANG
        dilalui = [akar]
        for b in bagian:
            if skema is SEMBARANG or isinstance(skema, str):
                return SEMBARANG  # text values have methods (upper, …): not ours to police
            if isinstance(skema, list):
                if isinstance(b, int):
                    skema = skema[0]
                    dilalui.append(f"[{b}]")
                    continue
                return SEMBARANG
            if b not in skema:
                self.tak_dikenal[".".join([*dilalui, str(b)]).replace(".[", "[")] = None
                return SEMBARANG
            skema = skema[b]
            dilalui.append(str(b))
        return skema

    def periksa(self, node: nodes.Node, cakupan: dict) -> None:
        if isinstance(node, nodes.For):
            self._periksa_for(node, cakupan)
            return
        if isinstance(node, nodes.Name | nodes.Getattr | nodes.Getitem):
            jalur = _jalur(node)
            if jalur is not None and node.ctx == "load":
                self.skema_dari(jalur, cakupan)
                self._periksa_kunci(node, cakupan)
                return
        for anak in node.iter_child_nodes():
            self.periksa(anak, cakupan)

    def _periksa_kunci(self, node: nodes.Node, cakupan: dict) -> None:
        # Computed keys (`x[s.no]`) are expressions of their own.
        while isinstance(node, nodes.Getattr | nodes.Getitem):
            if isinstance(node, nodes.Getitem) and not isinstance(node.arg, nodes.Const):
                self.periksa(node.arg, cakupan)
            node = node.node

    def _periksa_for(self, node: nodes.For, cakupan: dict) -> None:
        self.periksa(node.iter, cakupan)
        jalur = _jalur(node.iter)
        isi = self.skema_dari(jalur, cakupan) if jalur else SEMBARANG
        elemen = isi[0] if isinstance(isi, list) else SEMBARANG
        dalam = dict(cakupan, loop=SEMBARANG)
        target = node.target
        if isinstance(target, nodes.Name):
            dalam[target.name] = elemen
        else:  # `for a, b in …`: nothing known about the parts
            dalam.update({n.name: SEMBARANG for n in target.find_all(nodes.Name)})
        for anak in [*node.body, *([node.test] if node.test else [])]:
            self.periksa(anak, dalam)
        for anak in node.else_:
            self.periksa(anak, cakupan)


def angka_terlalu_besar(xml: str) -> list[str]:
    ast = lingkungan().parse(xml)
    besar = [
        n.value
        for n in ast.find_all(nodes.Const)
        if isinstance(n.value, int | float) and abs(n.value) > ANGKA_MAKS
    ]
    if besar:
        return [f"Angka {besar[0]} terlalu besar untuk templat (paling besar {ANGKA_MAKS})."]
    return []


def variabel_tak_dikenal(xml: str, skema: Skema) -> list[str]:
    """Variables the template uses that its document kind does not provide.

    docxtpl's `get_undeclared_template_variables()` names only the top level (`pk`); this
    follows attributes and loop variables too, so a typo like `pk.tahunn` is caught.
    """
    ast = lingkungan().parse(xml)
    pemeriksa = _PemeriksaVariabel(skema, ast)
    pemeriksa.periksa(ast, {})
    return list(pemeriksa.tak_dikenal)


# ---------------------------------------------------------------- the whole check


def _coba_render(isi: bytes, jenis: JenisDokumen) -> list[str]:
    """Render with the kind's sample context and reopen the result, as Word would."""
    try:
        hasil = _render(isi, jenis.konteks_contoh(), logo=None)
        Document(io.BytesIO(hasil))
    except Exception as exc:  # any failure here would fail for the agency later
        pesan = terjemahkan(getattr(exc, "message", None) or str(exc) or type(exc).__name__)
        return [f"Templat gagal dicoba dengan data contoh: {pesan}"]
    return []


def periksa_templat(isi: bytes, jenis: JenisDokumen) -> list[str]:
    """Every reason `isi` cannot serve as a template of `jenis` ([] when it can)."""
    try:
        doc = buka_docx(isi)
    except TemplatDitolak as exc:
        return exc.messages
    pesan = periksa_sintaks(paragraf_dokumen(doc))
    if pesan:
        return pesan
    xml = xml_templat(isi)
    pesan = periksa_susunan(xml)
    if pesan:
        return pesan
    tak_dikenal = variabel_tak_dikenal(xml, jenis.variabel)
    if tak_dikenal:
        return [f"Variabel tidak dikenal: {', '.join(tak_dikenal)}"]
    return angka_terlalu_besar(xml) or _coba_render(isi, jenis)


# ---------------------------------------------------------------- rendering


def templat_untuk(instansi: Instansi, jenis: str) -> Path | FieldFile:
    """The agency's active template, else its Pemda's, else the built-in one."""
    from .models import TemplatDokumen

    aktif = TemplatDokumen.objects.filter(jenis=jenis, aktif=True, pemda_id=instansi.pemda_id)
    milik = aktif.filter(instansi=instansi).first() or aktif.filter(instansi=None).first()
    return milik.berkas if milik is not None else jenis_dokumen(jenis).bawaan


def _baca(sumber: Path | FieldFile) -> bytes:
    if isinstance(sumber, Path):
        return sumber.read_bytes()
    with sumber.open("rb") as f:
        return f.read()


def _render(isi: bytes, konteks: dict, *, logo: cetak.Logo | None) -> bytes:
    tpl = DocxTemplate(io.BytesIO(isi))
    konteks = dict(konteks)
    if "kop" in konteks:
        gambar = ""
        if logo is not None and logo.raster:
            gambar = InlineImage(tpl, io.BytesIO(logo.isi), height=TINGGI_LOGO)
        konteks["kop"] = {**konteks["kop"], "logo": gambar}
    tpl.render(konteks, jinja_env=lingkungan(), autoescape=True)
    keluaran = io.BytesIO()
    tpl.save(keluaran)
    return keluaran.getvalue()


# Control characters XML cannot hold (tab and newline stay; \a is docxtpl's own marker).
_KENDALI = re.compile(r"[\x00-\x08\x0b-\x1f]")


def untuk_word(nilai):
    """Text values made safe for a Word template, through dicts and lists: characters XML
    cannot hold are dropped, and a newline becomes \a, which docxtpl turns into a new
    paragraph with the same style (multi-line narrative stays paragraphs in Word)."""
    if isinstance(nilai, str):
        return _KENDALI.sub("", nilai).replace("\n", "\a")
    if isinstance(nilai, dict):
        return {k: untuk_word(v) for k, v in nilai.items()}
    if isinstance(nilai, list):
        return [untuk_word(v) for v in nilai]
    return nilai


def render_docx(instansi: Instansi, jenis: str, konteks: dict) -> bytes:
    """The document of kind `jenis` for `instansi` as .docx bytes.

    `kop` is added (with the logo as an image) unless the caller gave one. An agency
    template that no longer renders (the kind's variables changed since it was checked)
    falls back to the built-in template so the document can still be printed.
    """
    if "kop" not in konteks:
        konteks = {"kop": cetak.kop(instansi), **konteks}
    logo = cetak.logo(instansi)
    sumber = templat_untuk(instansi, jenis)
    try:
        return _render(_baca(sumber), konteks, logo=logo)
    except Exception:
        if isinstance(sumber, Path):
            raise
        log.exception("Templat %s instansi %s gagal; memakai templat bawaan", sumber, instansi.pk)
    return _render(jenis_dokumen(jenis).bawaan.read_bytes(), konteks, logo=logo)
