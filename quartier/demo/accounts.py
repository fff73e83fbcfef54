"""The demo logins: one per role, all with the same well-known password.

Only `load_demo` creates them. A README lists DEMO_ACCOUNTS; never use them in production.
"""

from __future__ import annotations

from dataclasses import dataclass

DEMO_PASSWORD = "quartier-demo"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    description: str


DEMO_ACCOUNTS: list[DemoAccount] = [
    DemoAccount("admin", "Administration", "Fachbereich Senioren: darf alles (Superuser)."),
    DemoAccount(
        "koordination",
        "Quartierskoordination",
        "Quartierskoordinatorin des Modellquartiers Südstadt.",
    ),
    DemoAccount(
        "geschaeftsfuehrung",
        "Geschäftsführung",
        "Stadtbezirkliche Sozialarbeit (KSH), führt das Netzwerk Südstadt-Bult.",
    ),
    DemoAccount(
        "mitglied",
        "Mitglied",
        "Vertretung eines Wohlfahrtsverbands mit Sitzen in vielen Gremien.",
    ),
    DemoAccount(
        "fachbereich",
        "Ansprechperson Fachbereich",
        "Ansprechperson im Fachbereich Tiefbau für weitergeleitete Anliegen.",
    ),
    DemoAccount("buerger", "Bürgerin oder Bürger", "Ein einfaches Konto ohne besondere Rechte."),
]
