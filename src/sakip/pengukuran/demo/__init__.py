"""Demo measurement data for the demo Pemda (perencanaan/demo), docs/domain.md §7.

Every agency has 2025 fully measured: realisations entered by the holder of each
indicator's responsible position and approved by the Kasubag Perencanaan, budget
realisation per sub-kegiatan per month, the twelve months closed, a signed control card
per month, four quarterly evaluations with their recommendations and the signed year-end
archive, so each agency's LKjIP 2025 has a year to report. Kecamatan Bungaraya has 2026 up
to October (today is November 2026) with its monitoring; Mempura, Dayun and the Bagian
have 2026 partly filled (no monitoring yet) so that the Pemda view has agencies to compare.
Loading is idempotent: rows are found by their natural keys and
only missing ones are written, through `services` (validated and audited).

The data tables (`bentuk`, `data_*`) are apart from the code that writes them
(`hitungan`, `pemuat`, `pemantauan`).
"""

from .pemuat import muat

__all__ = ["muat"]
