"""A server process loads its views and freezes what it loaded before it serves."""

import gc
import sys

from quartier.core.runtime import prepare_server_process


def test_the_views_are_loaded_and_frozen_out_of_collections():
    gc.unfreeze()
    try:
        prepare_server_process()
        assert "quartier.bodies.views.public" in sys.modules
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()  # the rest of the test run collects as usual
