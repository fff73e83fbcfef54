"""Send what is due: invitations, updates, cancellations, reminders, minutes. Run by cron."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from quartier.cycle.jobs import run_due_jobs


class Command(BaseCommand):
    help = "Versendet, was fällig ist (Einladungen, Erinnerungen, Protokolle). Idempotent."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--today",
            help="So tun, als wäre heute dieser Tag (JJJJ-MM-TT); zum Nachholen und Testen.",
        )

    def handle(self, *args, today: str | None = None, **options) -> None:
        day = None
        if today:
            try:
                day = date.fromisoformat(today)
            except ValueError as error:
                raise CommandError(
                    f"„{today}“ ist kein Datum. Bitte so angeben: 2026-11-25."
                ) from error
        report = run_due_jobs(today=day)
        self.stdout.write(f"Fällige Aufgaben für den {report.today:%d.%m.%Y}:")
        for line in report.lines:
            self.stdout.write(f"- {line}")
        if report.failed:
            # A non-zero exit makes cron mail the administrator.
            raise CommandError("Mindestens eine Aufgabe ist fehlgeschlagen (siehe oben).")
