"""Checking a meeting's decisions (decisions.yml) against its record and the registries.

A decision names the paragraph stating its outcome and the part it is taken in; a vote
carries the tally the record prints and how each delegation voted. The printed counts
must equal the lists: a vote whose counts and lists differ is not published.
"""

from __future__ import annotations

from .meetings import RawMeeting
from .model import DECISION_METHODS, DECISION_RESULTS, VOTE_POSITIONS, WITHOUT_VOTE, Decision
from .problems import Problems, did_you_mean
from .registries import Registries


def check_decisions(raw: RawMeeting, registries: Registries, problems: Problems) -> None:
    part_of = {p.paragraph.id: s.part.id for s in raw.sections for p in s.paragraphs}
    for index, (decision, line) in enumerate(raw.decisions):
        check = _Check(raw.decisions_file, line, f"decisions[{index}]", f"decision '{decision.id}': ", problems)
        _check_kind(check, decision)
        _check_paragraphs(check, decision, part_of)
        if decision.outcome_document and decision.outcome_document not in registries.documents:
            check.error("outcome_document", f"unknown document '{decision.outcome_document}'"
                        f"{did_you_mean(decision.outcome_document, registries.documents)}")
        _check_vote(check, decision, registries)


class _Check:
    """Where a decision's problems are reported: decisions.yml, the entry's line, "decisions[3].field"."""

    def __init__(self, file: str, line: int | None, where: str, prefix: str, problems: Problems) -> None:
        self.file, self.line, self.where, self.prefix, self.problems = file, line, where, prefix, problems

    def error(self, field: str, message: str) -> None:
        self.problems.error(self.file, self.prefix + message, line=self.line, field=f"{self.where}.{field}")


def _check_kind(check: _Check, decision: Decision) -> None:
    for field, value, allowed in (("method", decision.method, DECISION_METHODS),
                                  ("result", decision.result, DECISION_RESULTS)):
        if value and value not in allowed:
            check.error(field, f"{field} must be one of {', '.join(allowed)}, not '{value}'")


def _check_paragraphs(check: _Check, decision: Decision, part_of: dict[str, str]) -> None:
    if decision.paragraph not in part_of:
        check.error("paragraph", f"unknown paragraph '{decision.paragraph}'{did_you_mean(decision.paragraph, part_of)}")
    elif part_of[decision.paragraph] != decision.part:
        check.error("part", f"the paragraph '{decision.paragraph}' is in the part '{part_of[decision.paragraph]}', "
                    f"not '{decision.part}'")
    for field in ("lists", "explanations"):
        for paragraph_id in getattr(decision, field):
            if paragraph_id not in part_of:
                check.error(field, f"unknown paragraph '{paragraph_id}'{did_you_mean(paragraph_id, part_of)}")


def _check_vote(check: _Check, decision: Decision, registries: Registries) -> None:
    if decision.method == WITHOUT_VOTE:
        for field in ("tally", "votes"):
            if getattr(decision, field) is not None:
                check.error(field, f"a decision taken without a vote has no {field}")
        return
    if decision.tally is None:
        check.error("tally", "a vote needs its tally as the record prints it (in_favour, against, abstaining)")
        return
    if decision.votes is None:
        return  # a vote whose lists the record does not print (a Council vote by show of hands may not)
    voted: dict[str, str] = {}
    for position, delegation_ids in decision.positions():
        for delegation_id in delegation_ids:
            if delegation_id not in registries.delegations:
                check.error(f"votes.{position}", f"unknown delegation '{delegation_id}'"
                            f"{did_you_mean(delegation_id, registries.delegations)}")
            if delegation_id in voted:
                first, second = VOTE_POSITIONS[voted[delegation_id]], VOTE_POSITIONS[position]
                check.error(f"votes.{position}", f"'{delegation_id}' is listed both {first} and {second}")
            voted.setdefault(delegation_id, position)
        printed = getattr(decision.tally, position)
        if printed != len(delegation_ids):
            check.error(f"votes.{position}", f"the record counts {printed} {VOTE_POSITIONS[position].lower()} but "
                        f"its list names {len(delegation_ids)} delegations: check the list against the PDF")
