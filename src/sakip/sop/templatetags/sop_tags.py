from django import template
from django.utils import timezone
from django.utils.translation import gettext as _

register = template.Library()

LABEL_KONDISI = {
    "tepat": _("tepat waktu"),
    "segera": _("segera jatuh tempo"),
    "terlambat": _("terlambat"),
}


@register.filter
def label_kondisi(kondisi: str) -> str:
    return LABEL_KONDISI.get(kondisi, "")


@register.filter
def durasi(menit) -> str:
    """Working minutes as people say them: 90 → '1 jam 30 menit'."""
    if menit is None or menit == "":
        return "—"
    menit = int(menit)
    jam, sisa = divmod(menit, 60)
    if jam and sisa:
        return f"{jam} jam {sisa} menit"
    return f"{jam} jam" if jam else f"{sisa} menit"


@register.inclusion_tag("sop/_ringkasan_beranda.html", takes_context=True)
def ringkasan_tugas(context):
    """The home page's task counts: open, due soon, late."""
    from sakip.sop.engine import kondisi_tenggat, kotak_tugas

    user = context["request"].user
    sekarang = timezone.now()
    tugas = list(kotak_tugas(user).select_related("pelaksanaan").order_by("tenggat", "id")[:100])
    kondisi = [kondisi_tenggat(t, sekarang) for t in tugas]
    return {
        "jumlah": len(tugas),
        "terlambat": kondisi.count("terlambat"),
        "segera": kondisi.count("segera"),
        "teratas": list(zip(tugas[:5], kondisi[:5], strict=True)),
    }
