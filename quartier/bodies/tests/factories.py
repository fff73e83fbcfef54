from __future__ import annotations

from datetime import date, datetime
from itertools import count

from django.utils import timezone

from quartier.bodies.models import Body, BodyKind, BodyLevel, Meeting
from quartier.bodies.services import body_create, meeting_create
from quartier.places.models import Area

_numbers = count(1)


def make_body(
    area: Area,
    name: str | None = None,
    *,
    founded_on: date = date(2010, 1, 1),
    kind: str = BodyKind.NETWORK,
    level: str = BodyLevel.DISTRICT,
    **fields,
) -> Body:
    return body_create(
        kind=kind,
        level=level,
        area=area,
        name=name or f"Netzwerk {next(_numbers)}",
        founded_on=founded_on,
        **fields,
    )


def aware(year: int, month: int, day: int, hour: int = 14, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime(year, month, day, hour, minute))


def make_meeting(*bodies: Body, when: datetime | None = None, **fields) -> Meeting:
    return meeting_create(bodies=list(bodies), starts_at=when or aware(2027, 3, 3), **fields)
