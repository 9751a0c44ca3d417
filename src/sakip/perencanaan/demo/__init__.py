"""Demo planning data for the demo Pemda (organisasi/demo.py), docs/domain.md §6.

Kecamatan Bungaraya runs the whole cycle for 2025 and 2026: Renstra 2021–2026, Renja,
RKA and DPA, IKU, the Camat's PK cascaded down the position tree, and the Camat's
Rencana Aksi. Mempura, Dayun and the Bagian Administrasi Pembangunan get a smaller set:
Renstra, a closed 2025 (Renja, RKA and DPA, the head's signed PK and its Rencana Aksi, so
their LKjIP 2025 has a year to report) and 2026 under way (DPA with two programs, the
head's signed PK), so that pages comparing agencies have data. Loading is idempotent: rows
are found by their natural keys and only
missing ones are written, through `services` (validated and audited like any user edit).

The data tables (`bentuk`, `data_*`) are apart from the code that writes them
(`hitungan`, `pemuat`).
"""

from .bentuk import PEMDA
from .pemuat import muat

__all__ = ["PEMDA", "muat"]
