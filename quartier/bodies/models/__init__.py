from quartier.bodies.models.body import Body, BodyKind, BodyLevel, BodyVersion
from quartier.bodies.models.meeting import (
    AgendaItem,
    AgendaProposal,
    Attendance,
    AttendanceKind,
    Document,
    DocumentKind,
    Meeting,
    MeetingState,
    MinutesApproval,
    MinutesState,
    ProposalState,
)
from quartier.bodies.models.seat import Seat, SeatDeputy, SeatHolding, SeatRole

__all__ = [
    "AgendaItem",
    "AgendaProposal",
    "Attendance",
    "AttendanceKind",
    "Body",
    "BodyKind",
    "BodyLevel",
    "BodyVersion",
    "Document",
    "DocumentKind",
    "Meeting",
    "MeetingState",
    "MinutesApproval",
    "MinutesState",
    "ProposalState",
    "Seat",
    "SeatDeputy",
    "SeatHolding",
    "SeatRole",
]
