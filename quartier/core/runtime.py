"""What a server process does once, before it serves its first request."""

from __future__ import annotations

import gc


def prepare_server_process() -> None:
    """Load the URLconf (and with it every view module), then move all that is loaded out
    of the garbage collector's way (`gc.freeze`). A full collection otherwise walks every
    object of Django and the application: 30–40 ms, once every few hundred requests, in
    the middle of whichever request happens to allocate at that moment. Called by
    quartier.wsgi (each gunicorn worker) and by the benchmark, which times pages as such a
    process serves them."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - imports the views
    gc.collect()
    gc.freeze()
