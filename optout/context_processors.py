"""The vocabulary in every template, so that templates compare with names, never bare strings."""

from optout.actions import ActionKind
from optout.vocabulary import CallOutcome, CaseStatus, Channel, Relation, RequestChannel, RequestKind, Route, Situation

VOCABULARY = {
    "ActionKind": ActionKind,
    "CallOutcome": CallOutcome,
    "CaseStatus": CaseStatus,
    "Channel": Channel,
    "Relation": Relation,
    "RequestChannel": RequestChannel,
    "RequestKind": RequestKind,
    "Route": Route,
    "Situation": Situation,
}


def vocabulary(request):
    return VOCABULARY
