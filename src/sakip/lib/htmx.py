def is_htmx(request) -> bool:
    """True when htmx asked for a fragment (one view serves page and fragment)."""
    return request.headers.get("HX-Request") == "true" and not request.headers.get(
        "HX-History-Restore-Request"
    )
