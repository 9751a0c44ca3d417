from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
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


@register.filter
def satu_baris(teks, panjang: int = 90) -> str:
    """A note as one line for a card: whitespace folded, cut at a word with an ellipsis."""
    return Truncator(" ".join(str(teks or "").split())).chars(int(panjang))


# Inline SVG (24×24, stroke in the text colour) instead of emoji, which some phones'
# fonts draw as an empty box. Decorative: the text beside the icon says what it is.
_IKON = {
    "lampiran": (
        '<path d="M21.4 11.1l-9.2 9.2a6 6 0 0 1-8.5-8.5l9.2-9.2a4 4 0 0 1 5.7 5.7'
        'l-9.2 9.2a2 2 0 0 1-2.8-2.8l8.5-8.5"/>'
    ),
    "kembali": '<path d="M9 14L4 9l5-5"/><path d="M4 9h10.5a5.5 5.5 0 0 1 0 11H11"/>',
    "dokumen": (
        '<path d="M14 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8z"/>'
        '<path d="M14 2v6h6"/><path d="M8 13h8M8 17h8"/>'
    ),
}


@register.simple_tag
def ikon(nama: str) -> str:
    """<svg> of a named icon, hidden from screen readers (the caller writes the text)."""
    return format_html(
        '<svg class="ikon" width="1em" height="1em" viewBox="0 0 24 24" fill="none" '
        'stroke="currentColor" stroke-width="2" stroke-linecap="round" '
        'stroke-linejoin="round" aria-hidden="true" focusable="false">{}</svg>',
        mark_safe(_IKON[nama]),  # noqa: S308 — constant markup above, no user input
    )


@register.inclusion_tag("sop/_ringkasan_beranda.html", takes_context=True)
def ringkasan_tugas(context):
    """The home page's task counts: open, due soon, late."""
    from sakip.sop.engine import kotak_tugas

    user = context["request"].user
    sekarang = timezone.now()
    tugas = list(
        kotak_tugas(user)
        .select_related("pelaksanaan", "dikembalikan_dari__selesai_oleh")
        .order_by("tenggat", "id")[:100]
    )
    kondisi = [t.kondisi_tenggat(sekarang) for t in tugas]
    return {
        "jumlah": len(tugas),
        "terlambat": kondisi.count("terlambat"),
        "segera": kondisi.count("segera"),
        "teratas": list(zip(tugas[:5], kondisi[:5], strict=True)),
    }
