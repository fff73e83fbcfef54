"""Settings of the benchmark: the application's, plus a bare page at /bench/bare/.

Only `bench.run` and `bench.http` select this module (DJANGO_SETTINGS_MODULE); the bare
page never reaches the application's own URLconf.
"""

from quartier.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
