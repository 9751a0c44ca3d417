from django import template

from sakip.lib import formatting

register = template.Library()


@register.filter
def angka(value, desimal=0):
    """{{ 1234.5|angka:2 }} → 1.234,50"""
    return formatting.angka(value, int(desimal))


@register.filter
def rupiah(value, desimal=0):
    """{{ 1500000|rupiah }} → Rp 1.500.000"""
    return formatting.rupiah(value, int(desimal))
