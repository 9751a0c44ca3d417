"""Inline rows of every editor: one row's form (GET), saving it through its service (POST),
deleting it — the same three views for every kind of row, listed in `BAGIAN`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import ProtectedError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sakip.lib.akses import get_for_user_or_404
from sakip.lib.htmx import is_htmx

from . import services
from .forms import pasang_galat
from .forms_anggaran import IndikatorItemForm, ItemAnggaranForm, KasForm, PengesahanForm
from .forms_pk import AnggaranPKForm, IndikatorPKForm, PKForm, SasaranPKForm
from .forms_renstra import (
    IKUForm,
    IndikatorForm,
    KebijakanForm,
    MisiForm,
    ProgramRenstraForm,
    RenstraForm,
    SasaranForm,
    StrategiForm,
    TujuanForm,
)
from .models import (
    IKU,
    AnggaranPK,
    DokumenAnggaran,
    Indikator,
    IndikatorItem,
    IndikatorPK,
    ItemAnggaran,
    Kebijakan,
    Misi,
    PerjanjianKinerja,
    ProgramRenstra,
    Renstra,
    Sasaran,
    SasaranPK,
    Strategi,
    Tujuan,
)
from .views import pesan
from .views_anggaran import tampil_anggaran
from .views_pk import muat_pk, tampil_pk
from .views_renstra import tampil_iku, tampil_renstra

# ---------------------------------------------------------------- inline rows


@dataclass(frozen=True)
class Editor:
    """A page that holds editable rows: its container model and how it is drawn."""

    model: type[models.Model]
    url_name: str
    tampil: Callable[[HttpRequest, models.Model], HttpResponse]


EDITOR = {
    "renstra": Editor(Renstra, "perencanaan:renstra", tampil_renstra),
    "iku": Editor(Renstra, "perencanaan:iku", tampil_iku),
    "anggaran": Editor(DokumenAnggaran, "perencanaan:anggaran", tampil_anggaran),
    "pk": Editor(
        PerjanjianKinerja, "perencanaan:pk", lambda r, pk: tampil_pk(r, muat_pk(r.user, pk.pk))
    ),
}


@dataclass(frozen=True)
class Bagian:
    """One kind of editable row: model, form, the editor it lives in, the path from a row
    to that editor's document, and the element its form replaces (table row, list item,
    block)."""

    model: type[models.Model]
    form: type
    editor: str
    judul: str
    jalan: str = ""  # "" when the row is the document itself; "item.dokumen", …
    tag: str = "div"
    baru: bool = True  # rows of this kind are added one at a time
    hapus: bool = True

    def wadah_dari(self, objek: models.Model) -> models.Model:
        return attrgetter(self.jalan)(objek) if self.jalan else objek

    def buat(self, wadah: models.Model) -> models.Model:
        """A new row in `wadah`; one held by a parent row gets its parent from the form."""
        if "." in self.jalan:
            return self.model()
        return self.model(**{self.jalan: wadah})


_l = gettext_lazy
BAGIAN = {
    "renstra": Bagian(Renstra, RenstraForm, "renstra", _l("Renstra"), baru=False, hapus=False),
    "misi": Bagian(Misi, MisiForm, "renstra", _l("Misi"), "renstra", "li"),
    "tujuan": Bagian(Tujuan, TujuanForm, "renstra", _l("Tujuan"), "renstra"),
    "sasaran": Bagian(Sasaran, SasaranForm, "renstra", _l("Sasaran"), "renstra"),
    "strategi": Bagian(Strategi, StrategiForm, "renstra", _l("Strategi"), "renstra", "li"),
    "kebijakan": Bagian(
        Kebijakan, KebijakanForm, "renstra", _l("Arah kebijakan"), "renstra", "li"
    ),
    "program": Bagian(
        ProgramRenstra, ProgramRenstraForm, "renstra", _l("Program"), "renstra", "li"
    ),
    "indikator": Bagian(Indikator, IndikatorForm, "renstra", _l("Indikator"), "renstra", "tr"),
    "iku": Bagian(IKU, IKUForm, "iku", _l("IKU"), "renstra", "tr"),
    "dokumen": Bagian(
        DokumenAnggaran, PengesahanForm, "anggaran", _l("Pengesahan"), baru=False, hapus=False
    ),
    "item": Bagian(
        ItemAnggaran, ItemAnggaranForm, "anggaran", _l("Program/kegiatan/sub kegiatan"),
        "dokumen", "tr",
    ),
    "indikator-item": Bagian(
        IndikatorItem, IndikatorItemForm, "anggaran", _l("Indikator"), "item.dokumen", "li"
    ),
    "kas": Bagian(
        ItemAnggaran, KasForm, "anggaran", _l("Anggaran kas"), "dokumen", "tr",
        baru=False, hapus=False,
    ),
    "pk": Bagian(PerjanjianKinerja, PKForm, "pk", _l("Para pihak"), baru=False, hapus=False),
    "sasaran-pk": Bagian(SasaranPK, SasaranPKForm, "pk", _l("Sasaran"), "pk_dokumen"),
    "indikator-pk": Bagian(
        IndikatorPK, IndikatorPKForm, "pk", _l("Indikator kinerja"), "sasaran.pk_dokumen", "tr"
    ),
    "anggaran-pk": Bagian(
        AnggaranPK, AnggaranPKForm, "pk", _l("Program/kegiatan dan anggaran"), "pk_dokumen",
        "tr",
    ),
}  # fmt: skip


def _bagian(nama: str) -> Bagian:
    if nama not in BAGIAN:
        raise Http404("Bagian tidak dikenal.")
    return BAGIAN[nama]


def _kembali(request: HttpRequest, jenis: Bagian, wadah: models.Model) -> HttpResponse:
    """After a write: htmx gets the whole editor drawn again, a plain form a redirect."""
    editor = EDITOR[jenis.editor]
    if not is_htmx(request):
        return redirect(editor.url_name, wadah.pk)
    wadah = editor.model.objects.get(pk=wadah.pk)  # fresh: a refused form may have touched it
    respons = editor.tampil(request, wadah)
    respons["HX-Retarget"] = "#isi-editor"
    respons["HX-Reswap"] = "outerHTML"
    return respons


@login_required
def butir(request: HttpRequest, bagian: str, butir_id: int) -> HttpResponse:
    jenis = _bagian(bagian)
    objek = get_for_user_or_404(jenis.model, request.user, pk=butir_id)
    return _sunting(request, bagian, jenis, objek, jenis.wadah_dari(objek))


@login_required
def butir_baru(request: HttpRequest, bagian: str, wadah_id: int) -> HttpResponse:
    jenis = _bagian(bagian)
    if not jenis.baru:
        raise Http404("Baris jenis ini tidak ditambahkan satu per satu.")
    wadah = get_for_user_or_404(EDITOR[jenis.editor].model, request.user, pk=wadah_id)
    return _sunting(request, bagian, jenis, jenis.buat(wadah), wadah)


def _sunting(request, bagian: str, jenis: Bagian, objek, wadah) -> HttpResponse:
    """GET: the row's form; POST: save through the service, then the editor again."""
    try:
        # Evaluators get 403 here (PermissionDenied); a signed PK gets its message.
        services.pastikan_boleh_ubah(request.user, objek if objek.pk else wadah)
    except services.AturanPerencanaan as exc:
        messages.error(request, pesan(exc))
        return _kembali(request, jenis, wadah)
    data = request.POST if request.method == "POST" else None
    # Several rows may be open at once: ids unique per row, names unchanged.
    auto_id = f"id_{bagian}_{objek.pk or 'baru'}_%s"
    form = jenis.form(data, instance=objek, wadah=wadah, auto_id=auto_id)
    if data is None:
        form.initial.update({k: v for k, v in request.GET.items() if k in form.fields})
        if hasattr(form, "isi_dari_pilihan"):
            form.isi_dari_pilihan()
    elif form.is_valid():
        try:
            form.simpan(request.user)
        except services.AturanPerencanaan as exc:
            messages.error(request, pesan(exc))
            return _kembali(request, jenis, wadah)
        except ValidationError as exc:
            pasang_galat(form, exc)
        else:
            messages.success(request, _("%(j)s tersimpan.") % {"j": jenis.judul})
            return _kembali(request, jenis, wadah)
    editor_url = reverse(EDITOR[jenis.editor].url_name, args=[wadah.pk])
    konteks = {
        "form": form,
        "objek": objek,
        "wadah": wadah,
        "instansi_id": wadah.instansi_id,
        "judul": (_("Ubah %(j)s") if objek.pk else _("Tambah %(j)s")) % {"j": jenis.judul},
        "aksi": request.path,
        "kembali": editor_url,
        "tag": jenis.tag,
    }
    if is_htmx(request):
        return render(request, "perencanaan/_sunting.html", konteks)
    return render(request, "perencanaan/sunting.html", {**konteks, "tag": "div", "penuh": True})


@login_required
def butir_hapus(request: HttpRequest, bagian: str, butir_id: int) -> HttpResponse:
    """GET asks for confirmation (without JavaScript); POST deletes through the service."""
    jenis = _bagian(bagian)
    if not jenis.hapus:
        raise Http404("Baris jenis ini tidak dihapus dari sini.")
    objek = get_for_user_or_404(jenis.model, request.user, pk=butir_id)
    wadah = jenis.wadah_dari(objek)
    try:
        services.pastikan_boleh_ubah(request.user, objek)
        if request.method != "POST":
            kembali = reverse(EDITOR[jenis.editor].url_name, args=[wadah.pk])
            return render(
                request,
                "perencanaan/hapus.html",
                {"objek": objek, "judul": jenis.judul, "kembali": kembali, "wadah": wadah},
            )
        services.hapus(aktor=request.user, objek=objek)
    except ValidationError as exc:
        messages.error(request, pesan(exc))
    except ProtectedError:
        messages.error(request, _("“%(o)s” masih dirujuk data lain.") % {"o": objek})
    else:
        messages.success(request, _("%(j)s “%(o)s” dihapus.") % {"j": jenis.judul, "o": objek})
    return _kembali(request, jenis, wadah)
