"""Performance planning (docs/domain.md §6): Renstra → Renja → RKA/DPA → IKU → PK → Rencana Aksi.

Targets are either numbers with a unit or a value on a named scale (e.g. the BPK
opinion WTP/WDP/TW/TMP); `NilaiTarget` holds both, and a range [target, target_atas]
for indicators whose polarity is `rentang`. One module per plan level:
`dasar` (targets, scales), `renstra`, `anggaran` (Renja/RKA/DPA), `pk` (IKU, PK, Rencana Aksi).
"""

from .anggaran import (
    AnggaranKas,
    DokumenAnggaran,
    IndikatorItem,
    ItemAnggaran,
)
from .dasar import (
    ANGKA,
    UANG,
    USER,
    Agregasi,
    NilaiTarget,
    Polaritas,
    Skala,
    validasi_target,
)
from .pk import (
    IKU,
    AnggaranPK,
    IndikatorPK,
    PerjanjianKinerja,
    RencanaAksi,
    SasaranPK,
)
from .renstra import (
    BagianRenstra,
    Indikator,
    Kebijakan,
    Misi,
    ProgramRenstra,
    Renstra,
    Sasaran,
    Strategi,
    TargetTahunan,
    Tujuan,
)

__all__ = [
    "USER",
    "ANGKA",
    "UANG",
    "Polaritas",
    "Agregasi",
    "Skala",
    "NilaiTarget",
    "validasi_target",
    "Renstra",
    "BagianRenstra",
    "Misi",
    "Tujuan",
    "Sasaran",
    "Strategi",
    "Kebijakan",
    "ProgramRenstra",
    "Indikator",
    "TargetTahunan",
    "DokumenAnggaran",
    "ItemAnggaran",
    "IndikatorItem",
    "AnggaranKas",
    "IKU",
    "PerjanjianKinerja",
    "SasaranPK",
    "IndikatorPK",
    "AnggaranPK",
    "RencanaAksi",
]
