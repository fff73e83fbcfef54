"""Throwaway databases for one benchmark run: a temporary SQLite directory or a fresh
PostgreSQL database on 127.0.0.1, migrated and filled by `manage.py` in child processes
(so that loading a city never counts towards the benchmark's own peak memory)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "var" / "bench"
PG_HOST = "127.0.0.1"
PG_PORT = "5432"
PG_USER = "postgres"
SETTINGS = "bench.settings"


@dataclass(frozen=True)
class Dataset:
    name: str  # "demo" or "scale1"
    scale: float = 1.0
    seed: int = 1

    @property
    def label(self) -> str:
        if self.name == "demo":
            return "demo"
        return "scale1" if self.scale == 1 else f"scale{self.scale:g}"


def _psql(*args: str, database: str = "postgres") -> str:
    command = ["psql", "-h", PG_HOST, "-p", PG_PORT, "-U", PG_USER, "-d", database]
    command += ["-v", "ON_ERROR_STOP=1", "-tAq", *args]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip()


def postgres_ready() -> None:
    """Start the local cluster when it is down (as the brief of `make bench` allows)."""
    probe = ["pg_isready", "-q", "-h", PG_HOST, "-p", PG_PORT]
    if subprocess.run(probe, check=False).returncode == 0:
        return
    versions = sorted(os.listdir("/etc/postgresql"))
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", versions[-1], "main", "start"],
        check=True,
    )
    for _ in range(30):
        if subprocess.run(probe, check=False).returncode == 0:
            return
        time.sleep(1)
    raise RuntimeError("PostgreSQL on 127.0.0.1:5432 did not start")


def postgres_version() -> str:
    try:
        postgres_ready()
        return _psql("-c", "SHOW server_version")
    except (OSError, subprocess.CalledProcessError, RuntimeError):
        return "unavailable"


@contextmanager
def throwaway_database(db: str) -> Iterator[dict[str, str]]:
    """The environment variables of a fresh, empty database; it is removed afterwards."""
    env = {"DJANGO_SETTINGS_MODULE": SETTINGS, "DEBUG": "false", "LOG_LEVEL": "WARNING"}
    var_dir = tempfile.mkdtemp(prefix="quartier-bench-")
    env["QUARTIER_VAR_DIR"] = var_dir
    name = f"quartier_bench_{os.getpid()}"
    try:
        if db == "postgres":
            postgres_ready()
            _psql("-c", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            _psql("-c", f'CREATE DATABASE "{name}"')
            env["DATABASE_URL"] = f"postgres://{PG_USER}@{PG_HOST}:{PG_PORT}/{name}"
        elif db != "sqlite":
            raise ValueError(f"unknown database {db!r}")
        yield env
    finally:
        if db == "postgres":
            _psql("-c", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        shutil.rmtree(var_dir, ignore_errors=True)


def manage(env: dict[str, str], *args: str) -> None:
    """Run `manage.py` with the benchmark's database; its output only shows on failure."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise RuntimeError(f"manage.py {' '.join(args)} failed ({done.returncode})")


def fill(env: dict[str, str], dataset: Dataset, today: str) -> float:
    """Migrate and load the dataset; returns the seconds it took."""
    started = time.perf_counter()
    manage(env, "migrate", "--noinput")
    if dataset.name == "demo":
        manage(env, "load_demo", "--today", today, "--with-accounts")
    else:
        manage(env, "generate_city", "--scale", f"{dataset.scale:g}", "--seed", str(dataset.seed))
    return time.perf_counter() - started
