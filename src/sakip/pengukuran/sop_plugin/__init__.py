"""What measuring gives the SOP engine: the binders of its documents.

`monitoring`: the monitoring SOPs carry the month's control card, the evaluation SOP the
quarterly evaluation; `permintaan`: the data-request SOP carries the agency's answer.
"""

from . import monitoring, permintaan


def daftarkan_sop() -> None:
    """Called once by the SOP app at start-up (sop/apps.py)."""
    monitoring.daftarkan_sop()  # the monitoring SOPs carry the month's control card
    permintaan.daftarkan_sop()  # the data-request SOP carries the agency's answer
