"""`manage.py load_demo [--today YYYY-MM-DD] [--if-empty] [--with-accounts]`."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from quartier.core.database import refresh_planner_statistics
from quartier.core.models import User
from quartier.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from quartier.demo.city import demo_load
from quartier.places.models import Area


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"Kein Datum im Format JJJJ-MM-TT: {value}") from error


class Command(BaseCommand):
    help = "Lädt die Demo-Stadt Hannover (Oktober 2013 bis ein halbes Jahr nach heute)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--today",
            type=_day,
            default=None,
            help="Stichtag der Demo (Standard: heute). Gleicher Stichtag, gleiche Daten.",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Nur laden, wenn die Datenbank noch kein Gebiet enthält (für make run).",
        )
        parser.add_argument(
            "--with-accounts",
            action="store_true",
            help="Demo-Konten auch bei DEBUG=false anlegen (niemals in Produktion).",
        )

    def handle(self, *args, **options) -> None:
        today = options["today"] or timezone.localdate()
        if options["if_empty"] and Area.objects.exists():
            self.stdout.write("Die Datenbank enthält schon Gebiete; die Demo wird nicht geladen.")
            self._print_accounts(only_existing=True)
            return
        # Accounts with a published password must never reach production by accident.
        accounts = settings.DEBUG or options["with_accounts"]
        try:
            summary = demo_load(
                today=today, accounts=accounts, progress=lambda m: self.stdout.write(m)
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        if summary.loaded:
            refresh_planner_statistics()
        self.stdout.write(self.style.SUCCESS(summary.message))
        for label, count in summary.counts.items():
            self.stdout.write(f"  {label}: {count}")
        if not summary.loaded:
            return
        if not accounts:
            self.stdout.write(
                self.style.WARNING(
                    "DEBUG ist aus: keine Demo-Konten angelegt (mit --with-accounts erzwingen)."
                )
            )
            return
        self._print_accounts(only_existing=False)

    def _print_accounts(self, *, only_existing: bool) -> None:
        """The demo logins, so that `make run` shows how to get in every time."""
        accounts = DEMO_ACCOUNTS
        if only_existing:
            names = set(
                User.objects.filter(username__in=[a.username for a in DEMO_ACCOUNTS]).values_list(
                    "username", flat=True
                )
            )
            accounts = [account for account in DEMO_ACCOUNTS if account.username in names]
            if not accounts:
                return
        self.stdout.write("")
        self.stdout.write(f"Demo-Konten (Passwort für alle: {DEMO_PASSWORD}):")
        for account in accounts:
            self.stdout.write(
                f"  {account.username:<20} {account.role:<28} {DEMO_PASSWORD}  "
                f"– {account.description}"
            )
