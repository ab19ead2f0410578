"""Decisions and votes: what a meeting decided, how, and how each delegation voted.

Read from the paragraphs the walk made, in record order:
- "A recorded vote was taken." (the Assembly) or "A vote was taken by show of hands." (the
  Council) opens a vote; the lists after it ("In favour: Afghanistan, Albania, ...",
  "Against: Israel.", "Abstaining: ...", 1993's "Abstentions:") are its columns;
- the Assembly prints the outcome in a stage note: "Draft resolution I was adopted by 123 votes
  to 1, with 55 abstentions (resolution 65/195)."; the Council's President says it: "The draft
  resolution received 13 votes in favour, none against and two abstentions. The draft resolution
  has been adopted as resolution 2448 (2018)." or "... has not been adopted, owing to the
  negative vote of a permanent member of the Council.";
- any other adoption or rejection ("Draft resolution II was adopted (resolution 65/196).",
  "It was so decided.", "The agenda was adopted.") is a decision taken without a vote.
The counts printed must equal the lists' lengths: where they differ the import stops, naming the
vote (a list misread would publish a wrong vote).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .errors import SourceError
from .imported import ImportedDecision, ImportedParagraph, ImportedPart

POSITIONS = ("in_favour", "against", "abstaining")
LIST = re.compile(r"^(?P<label>In favour|Against|Abstaining|Abstentions|Abstention):\s*(?P<names>.*)$", re.S)
LABELS = {"In favour": "in_favour", "Against": "against", "Abstaining": "abstaining", "Abstentions": "abstaining",
          "Abstention": "abstaining"}
VOTE_TAKEN = re.compile(r"^A (?P<recorded>recorded )?vote was taken(?P<hands> by show of hands)?\.?$")
NUMBER = r"(\d+|none|no|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen)"
_NUMBER_WORDS = "none one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen"
WORD_NUMBERS = {word: value for value, word in enumerate(_NUMBER_WORDS.split())}
WORD_NUMBERS["no"] = 0
ASSEMBLY_TALLY = re.compile(
    rf"^(?P<subject>.+?),? (?:as a whole, )?(?:was|were) (?P<result>adopted|retained|rejected|not adopted) by "
    rf"{NUMBER} votes? to {NUMBER}(?:, with {NUMBER} abstentions?)?"
)
COUNCIL_TALLY = re.compile(
    rf"\b{NUMBER} votes? in favour, {NUMBER} against,? and {NUMBER} (?:abstentions?|abstaining)", re.I
)
COUNCIL_RESULT = re.compile(
    r"\b(?P<subject>(?:The )?draft resolution|draft decision|amendment)\b[^.]{0,40}? has (?P<not>not )?been "
    r"adopted(?: as resolution (?P<resolution>\d+) \((?P<year>\d{4})\))?(?:,? (?P<reason>owing to [^.]+))?",
    re.I,
)
WITHOUT_VOTE = re.compile(
    r"^(?P<subject>.+?) (?:was|were) (?P<result>adopted|approved|rejected|not adopted)\b"
    r"(?:[^()]*\((?P<kind>resolution|decision)s? (?P<number>[^()]+?)\))?"
)
OUTCOME_SYMBOL = re.compile(r"^(\d{2,3}/\d+(?: ?[A-Z])?)$")
EXPLAINS = re.compile(r"\b(?:vote[sd]?|voting|abstain(?:ed|ing)?|abstention|in favour|explanation)\b", re.I)
# States whose names hold "and" (the Council's lists join their last two names with "and").
AND_NAMES = ("Antigua and Barbuda", "Bosnia and Herzegovina", "Saint Kitts and Nevis", "Trinidad and Tobago",
             "Saint Vincent and the Grenadines", "Sao Tome and Principe", "Heard Island and McDonald Islands",
             "United Kingdom of Great Britain and Northern Ireland", "Serbia and Montenegro",
             "Turks and Caicos Islands", "Wallis and Futuna")


@dataclass
class _OpenVote:
    start: int  # index of "A recorded vote was taken."
    method: str
    lists: dict[str, list[str]] = field(default_factory=dict)  # position -> printed names
    list_indexes: list[int] = field(default_factory=list)


def read_decisions(parts: list[ImportedPart], *, council: bool, delegation: Callable[[str], str],
                   chair: set[str], file: str, known: set[str]) -> list[ImportedDecision]:
    """Every decision of the meeting; `delegation` resolves a printed State name to its id, `known`
    are the States' names the registry holds."""
    names = known | _listed_names(parts)
    decisions: list[ImportedDecision] = []
    index = 0
    for part in parts:
        open_vote: _OpenVote | None = None
        first = index
        for paragraph in part.paragraphs:
            open_vote = _step(paragraph, index, part, open_vote, decisions, council, delegation, file, names)
            index += 1
        _explanations([d for d in decisions if d.part == part.id], part, first, chair)
        for decision in (d for d in decisions if d.part == part.id):
            decision.title = _title(decision, part, first)
    _unique_ids(decisions)
    return decisions


def _title(decision: ImportedDecision, part: ImportedPart, first: int) -> str:
    """What was decided, as the record names it: "Draft resolution I is entitled “Report of the Human
    Rights Council”" before the vote; else the agenda item's title (the Council's one draft)."""
    if not decision.subject or decision.subject == "The agenda":
        return ""
    name = re.escape(re.sub(r",? as (?:amended|orally corrected|orally revised)$", "", decision.subject))
    entitled = re.compile(rf"\b{name}\b,? (?:is )?entitled “([^”]+)”", re.I)
    for paragraph in reversed(part.paragraphs[: decision.paragraph_index - first]):
        match = entitled.search(paragraph.text)
        if match:
            return match.group(1).rstrip(".,")
    return part.title if decision.method != "without-vote" else ""


def _listed_names(parts: list[ImportedPart]) -> set[str]:
    """Every name the meeting's lists print between commas: a record's own spelling of its States."""
    return {name for part in parts for p in part.paragraphs if p.kind != "statement" and LIST.match(p.text)
            for name in split_names(LIST.match(p.text).group("names"))}  # type: ignore[union-attr]


def _step(paragraph: ImportedParagraph, index: int, part: ImportedPart, open_vote: _OpenVote | None,
          decisions: list[ImportedDecision], council: bool, delegation: Callable[[str], str],
          file: str, names: set[str]) -> _OpenVote | None:
    text = paragraph.text
    taken = VOTE_TAKEN.match(text) if paragraph.kind != "statement" else None
    if taken:
        method = "council-vote" if council or taken.group("hands") else "recorded-vote"
        return _OpenVote(index, method)
    listed = LIST.match(text) if paragraph.kind != "statement" else None
    if listed and open_vote is not None:
        open_vote.lists[LABELS[listed.group("label")]] = split_names(listed.group("names"), names)
        open_vote.list_indexes.append(index)
        return open_vote
    if open_vote is not None and open_vote.lists:
        outcome = _vote_outcome(text, council)
        if outcome is not None:
            decisions.append(_vote(outcome, open_vote, index, part, paragraph, delegation, file))
            return None
    if paragraph.kind == "decision" and not listed:
        simple = _without_vote(text, index, part.id)
        if simple is not None:
            decisions.append(simple)
    return open_vote


def split_names(printed: str, known: set[str] | None = None) -> list[str]:
    """ "Chile, China, ... Sweden, United Kingdom of Great Britain and Northern Ireland" -> the
    names; "China and Russian Federation" -> two; "None" / "None." -> none. A comma the record
    left out at a line end ("Zambia\nZimbabwe.") is put back where both halves are `known` names."""
    text = " ".join(printed.split()).rstrip(".;").strip()
    if not text or text.lower() == "none":
        return []
    names: list[str] = []
    for item in (i.strip() for i in text.split(",")):
        for name in _split_and(item):
            names.extend(_split_known(name, known or set()))
    return [n for n in names if n]


def _split_known(name: str, known: set[str]) -> list[str]:
    # Halves first: the run-together item itself is among the names the record's lists print.
    words = name.split(" ")
    for cut in range(1, len(words)):
        left, right = " ".join(words[:cut]), " ".join(words[cut:])
        if left in known and right in known:
            return [left, right]
    return [name]


def _split_and(item: str) -> list[str]:
    item = re.sub(r"^and ", "", item)
    if " and " not in item or any(item.lower() == n.lower() for n in AND_NAMES):
        return [item]
    for name in AND_NAMES:  # "... and Trinidad and Tobago", "Trinidad and Tobago and Tunisia"
        if item.lower().endswith(" and " + name.lower()):
            return [*_split_and(item[: -len(name) - 5]), item[-len(name):]]
        if item.lower().startswith(name.lower() + " and "):
            return [item[: len(name)], *_split_and(item[len(name) + 5:])]
    head, _, tail = item.rpartition(" and ")
    return [*_split_and(head), tail]


@dataclass
class _Outcome:
    subject: str
    result: str
    tally: dict[str, int]
    outcome: str  # "65/195", "2448 (2018)"
    outcome_kind: str  # resolution | decision
    reason: str


def _vote_outcome(text: str, council: bool) -> _Outcome | None:
    if council:
        tally, result = COUNCIL_TALLY.search(text), COUNCIL_RESULT.search(text)
        if not tally or not result:
            return None
        number = f"{result.group('resolution')} ({result.group('year')})" if result.group("resolution") else ""
        return _Outcome(result.group("subject"), "not-adopted" if result.group("not") else "adopted",
                        _counts(tally.groups()), number, "resolution", (result.group("reason") or "").strip())
    match = ASSEMBLY_TALLY.match(text)
    if not match:
        return None
    outcome = WITHOUT_VOTE.match(text)
    kind, number = (outcome.group("kind") or "", outcome.group("number") or "") if outcome else ("", "")
    adopted = match.group("result") not in ("rejected", "not adopted")
    return _Outcome(match.group("subject"), "adopted" if adopted else "not-adopted", _counts(match.groups()[2:5]),
                    number, kind, "")


def _counts(values: tuple[str | None, ...]) -> dict[str, int]:
    return {position: _number(value) for position, value in zip(POSITIONS, values, strict=True)}


def _number(value: str | None) -> int:
    if value is None:
        return 0
    return int(value) if value.isdigit() else WORD_NUMBERS[value.lower()]


def _vote(outcome: _Outcome, open_vote: _OpenVote, index: int, part: ImportedPart, paragraph: ImportedParagraph,
          delegation: Callable[[str], str], file: str) -> ImportedDecision:
    votes = {p: [delegation(name) for name in open_vote.lists.get(p, [])] for p in POSITIONS}
    label = f"the vote on {outcome.subject[:1].lower()}{outcome.subject[1:]} (page {paragraph.page})"
    for position in POSITIONS:
        if len(votes[position]) != outcome.tally[position]:
            raise SourceError(file, f"{label}: the record prints {outcome.tally[position]} "
                                    f"{position.replace('_', ' ')} but its list names {len(votes[position])} "
                                    f"({', '.join(open_vote.lists.get(position, [])) or 'none'})",
                              page=paragraph.page)
    twice = _twice(votes)
    if twice:
        raise SourceError(file, f"{label}: {', '.join(sorted(twice))} listed in two columns", page=paragraph.page)
    return ImportedDecision(
        id="", paragraph_index=index, part=part.id, subject=outcome.subject, method=open_vote.method,
        result=outcome.result, reason=outcome.reason, outcome=outcome.outcome, outcome_kind=outcome.outcome_kind,
        tally=outcome.tally, votes=votes, list_indexes=[open_vote.start, *open_vote.list_indexes],
    )


def _twice(votes: dict[str, list[str]]) -> set[str]:
    seen: set[str] = set()
    twice: set[str] = set()
    for position in POSITIONS:
        for delegation_id in votes[position]:
            (twice if delegation_id in seen else seen).add(delegation_id)
    return twice


def _without_vote(text: str, index: int, part_id: str) -> ImportedDecision | None:
    if text.startswith("It was so decided"):
        return ImportedDecision(id="", paragraph_index=index, part=part_id, subject="", method="without-vote",
                                result="adopted")
    match = WITHOUT_VOTE.match(text)
    if not match or re.search(r"\bby \S+ votes?\b", text):
        return None  # a vote's outcome printed where no lists were read: not taken as without a vote
    result = "not-adopted" if match.group("result") in ("rejected", "not adopted") else "adopted"
    return ImportedDecision(id="", paragraph_index=index, part=part_id, subject=match.group("subject"),
                            method="without-vote", result=result, outcome=(match.group("number") or "").strip(),
                            outcome_kind=match.group("kind") or "")


def _explanations(decisions: list[ImportedDecision], part: ImportedPart, first: int, chair: set[str]) -> None:
    """Statements that explain a vote: delegations' turns between the previous decision of the part
    and the vote, and after it up to the next decision, that speak of voting."""
    votes = [d for d in decisions if d.method != "without-vote"]
    bounds = [first - 1, *(d.paragraph_index for d in decisions), first + len(part.paragraphs)]
    for decision in votes:
        at = bounds.index(decision.paragraph_index)
        start = decision.list_indexes[0] if decision.list_indexes else decision.paragraph_index
        before = range(bounds[at - 1] + 1, start)
        after = range(decision.paragraph_index + 1, bounds[at + 1])
        decision.explanations = [i for i in (*before, *after) if _explains(part, first, i, chair)]


def _explains(part: ImportedPart, first: int, index: int, chair: set[str]) -> bool:
    """Is paragraph `index` the first of a delegation's turn that speaks of the vote?"""
    paragraphs = part.paragraphs
    local = index - first
    paragraph = paragraphs[local]
    if not paragraph.speakers or paragraph.speakers[0] in chair or paragraph.kind != "statement":
        return False
    previous = paragraphs[local - 1] if local > 0 else None
    if previous is not None and previous.speakers == paragraph.speakers and previous.kind == "statement":
        return False  # not the turn's first paragraph
    turn = [paragraph]
    for following in paragraphs[local + 1:]:
        if following.speakers != paragraph.speakers or following.kind != "statement":
            break
        turn.append(following)
    return any(EXPLAINS.search(p.text) for p in turn)


def _unique_ids(decisions: list[ImportedDecision]) -> None:
    """Ids from what was decided ("resolution-65-195"), else from the order ("decision-3")."""
    taken: set[str] = set()
    for number, decision in enumerate(decisions, start=1):
        base = (f"{decision.outcome_kind or 'resolution'}-" + re.sub(r"[^0-9a-z]+", "-", decision.outcome.lower())
                ).strip("-") if decision.outcome else f"decision-{number}"
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}-{n}", n + 1
        taken.add(candidate)
        decision.id = candidate
