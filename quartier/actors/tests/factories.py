from __future__ import annotations

from datetime import date
from itertools import count

from quartier.actors.models import Organisation, OrganisationKind, Person
from quartier.actors.services import consent_give, organisation_save, person_save

_numbers = count(1)


def make_organisation(
    name: str | None = None, kind: str = OrganisationKind.WELFARE_ORGANISATION, **fields
) -> Organisation:
    return organisation_save(
        organisation=Organisation(name=name or f"Träger {next(_numbers)}", kind=kind, **fields)
    )


def make_person(
    given_name: str = "Erika",
    family_name: str | None = None,
    *,
    consent: tuple[str, ...] | None = None,
    **fields,
) -> Person:
    person = person_save(
        person=Person(
            given_name=given_name, family_name=family_name or f"Muster{next(_numbers)}", **fields
        )
    )
    if consent is not None:
        consent_give(person=person, given_on=date(2013, 1, 1), allow=consent)
    return person
