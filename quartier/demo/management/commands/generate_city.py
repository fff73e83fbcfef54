"""`manage.py generate_city --scale N [--seed S] [--today YYYY-MM-DD]`: a synthetic city."""

from __future__ import annotations

import math
from datetime import date

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from quartier.core.database import refresh_planner_statistics
from quartier.demo.generate import CityNotEmpty, city_generate


def _scale(value: str) -> float:
    try:
        scale = float(value)
    except ValueError:
        scale = math.nan
    if not (math.isfinite(scale) and scale > 0):
        raise CommandError(f"Der Maßstab muss eine Zahl größer als 0 sein, nicht „{value}“.")
    return scale


def _seed(value: str) -> int:
    try:
        return int(value)
    except ValueError as error:
        raise CommandError(f"Der Startwert muss eine ganze Zahl sein, nicht „{value}“.") from error


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"Kein Datum im Format JJJJ-MM-TT: „{value}“.") from error


class Command(BaseCommand):
    help = (
        "Erzeugt eine erfundene Stadt für Messungen: Maßstab 1 ist eine Großstadt über zehn "
        "Jahre (20.000 Sitzungen, 200.000 Tagesordnungspunkte). Nur in eine leere Datenbank."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        # Strings, checked in handle(): argparse's own messages would be English.
        parser.add_argument("--scale", required=True, help="Maßstab, größer als 0 (1 = Großstadt)")
        parser.add_argument("--seed", default="1", help="Startwert des Zufalls (Standard: 1)")
        parser.add_argument(
            "--today", default=None, help="Stichtag JJJJ-MM-TT (Standard: heute); gleiche Daten"
        )

    def handle(self, *args, **options) -> None:
        scale = _scale(str(options["scale"]))
        seed = _seed(str(options["seed"]))
        today = _day(options["today"]) if options["today"] else timezone.localdate()
        try:
            summary = city_generate(
                scale=scale, seed=seed, today=today, progress=lambda m: self.stdout.write(m)
            )
        except CityNotEmpty as error:
            raise CommandError(str(error)) from error
        refresh_planner_statistics()
        self.stdout.write(
            self.style.SUCCESS(
                f"Stadt erzeugt: Maßstab {summary.scale:g}, Startwert {summary.seed}, "
                f"{summary.starts_on:%d.%m.%Y} bis {summary.ends_on:%d.%m.%Y}."
            )
        )
        for label, count in summary.counts.items():
            self.stdout.write(f"  {label}: {count}")
