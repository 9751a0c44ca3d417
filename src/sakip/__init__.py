"""sakip — SAKIP yang dijalankan oleh SOP instansi."""

__version__ = "0.1.0"
