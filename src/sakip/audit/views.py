from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from sakip.lib.akses import get_for_user_or_404

from .models import CatatanAudit


def model_riwayat(jenis: str):
    """Models that show a "Riwayat" declare `riwayat_jenis`, the name used in URLs."""
    for model in apps.get_models():
        if getattr(model, "riwayat_jenis", None) == jenis:
            return model
    raise Http404("Jenis data tidak dikenal.")


@login_required
def riwayat_objek(request: HttpRequest, jenis: str, objek_id: int) -> HttpResponse:
    model = model_riwayat(jenis)
    objek = get_for_user_or_404(model, request.user, pk=objek_id)
    catatan = CatatanAudit.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id=str(objek.pk)
    )
    halaman = Paginator(catatan, 50).get_page(request.GET.get("hal"))
    return render(request, "audit/riwayat_objek.html", {"objek": objek, "halaman": halaman})
