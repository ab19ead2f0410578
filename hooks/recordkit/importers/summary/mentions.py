"""What a paragraph names: its speakers and the people it mentions (from the registry's names and
the verbs that report speech), its themes and documents."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..words import fold
from .entries import field_of
from .patterns import (
    GENERIC_SUBJECT,
    POSSESSIVE_AFTER,
    PRONOUN_SUBJECT,
    REPORT_OF_BEFORE,
    REPORTING_VERBS,
    ROLE_BY_BEFORE,
    ROLE_VERBS,
    SUBJECT_GAP,
    VERB,
)

# ---------------------------------------------------------------------------
# Speakers and mentions


@dataclass(frozen=True)
class Reference:
    speaker: str
    start: int
    end: int


@dataclass
class Speakers:
    """Who a paragraph reports (speakers) and who it only names (mentions), with doubts for the review."""

    speakers: list[str] = field(default_factory=list)
    mentions: list[str] = field(default_factory=list)
    doubts: list[str] = field(default_factory=list)
    roles: dict[str, str] = field(default_factory=dict)  # role cues: "convened" -> chair, "moderated by" -> ...


class SpeakerFinder:
    """References to registry speakers in a text: names, honorific + name, titles, search terms.

    One regex of every form, longest first, so that "Special Adviser to the Secretary-General on
    Human Security" is Mr. Takasu and not the Secretary-General. A form several speakers share
    ("President of the General Assembly": one per session) names the one of them that `context`
    (the whole summary) names by a form of their own ("H.E. Mr. Dennis Francis"); otherwise none.
    """

    def __init__(self, speakers: Sequence[Any], context: str = "") -> None:
        owners: dict[str, set[str]] = {}
        for speaker in speakers:
            for form in speaker_forms(speaker):
                owners.setdefault(_form_key(form), set()).add(str(field_of(speaker, "id")))
        self.owner = {form: next(iter(ids)) for form, ids in owners.items() if len(ids) == 1}
        self.regex = _forms_regex(self.owner)
        named_here = {self.owner[_form_key(m.group(0))] for m in self.regex.finditer(context)}
        for form, ids in owners.items():
            if len(ids) > 1 and len(ids & named_here) == 1:
                self.owner[form] = next(iter(ids & named_here))
        self.regex = _forms_regex(self.owner)
        self.collective = {str(field_of(s, "id")) for s in speakers if field_of(s, "collective", False)}

    def references(self, text: str) -> list[Reference]:
        """Each person the text names, in order; "the Secretary-General's report" names a document."""
        found = []
        for match in self.regex.finditer(text):
            if POSSESSIVE_AFTER.match(text, match.end()) or REPORT_OF_BEFORE.search(text, 0, match.start()):
                continue
            found.append(Reference(self.owner[_form_key(match.group(0))], match.start(), match.end()))
        return found


def _forms_regex(forms: Iterable[str]) -> re.Pattern[str]:
    """Any of `forms` as a whole phrase, the longest first."""
    pattern = "|".join(_form_pattern(form) for form in sorted(forms, key=len, reverse=True)) or r"(?!x)x"
    return re.compile(r"(?<![\w-])(?:" + pattern + r")(?![\w-])")


def speaker_forms(speaker: Any) -> list[str]:
    name, honorific = str(field_of(speaker, "name")), str(field_of(speaker, "honorific"))
    forms = [name, f"{honorific} {name}" if honorific else ""]
    forms += [str(t) for t in field_of(speaker, "titles", [])] + [str(t) for t in field_of(speaker, "search_terms", [])]
    return [form.strip() for form in forms if form and len(form.strip()) > 1]


def _form_key(form: str) -> str:
    """Forms in lower case match capitalised at a sentence's start too ("Interventions from the floor")."""
    return form[:1].lower() + form[1:] if form[1:2].islower() or len(form) == 1 else form


def _form_pattern(form: str) -> str:
    first = form[:1]
    if first.islower():
        return f"[{first}{first.upper()}]" + re.escape(form[1:])
    return re.escape(form)


def find_speakers(text: str, finder: SpeakerFinder, *, part_collective: str, previous: str) -> Speakers:
    """Speakers are the subjects of reporting verbs; everyone else the paragraph names is mentioned.

    The subject of "noted", "underscored"... is the person named just before it ("Dr. Mohamed Ibn
    Chambas, underscored"), a pronoun for the last subject ("He closed by...", the previous
    paragraph's speaker when the paragraph starts so), or an unnamed group ("Many underscored")
    for the collective speaker the part's heading names ("interventions by Member States").
    """
    references = finder.references(text)
    found = Speakers()
    current = ""
    for verb in VERB.finditer(text):
        if verb["verb"] not in REPORTING_VERBS and verb["verb"] not in ROLE_VERBS:
            continue
        subject = _subject(text, verb.start(), references)
        if subject is None and PRONOUN_SUBJECT.search(text, 0, verb.start()):
            subject = current or previous
            if subject and not current:
                found.doubts.append(
                    f"'{_snippet(text, verb.start())}' taken as {subject}, the previous paragraph's speaker"
                )
        elif subject is None and GENERIC_SUBJECT.search(text, 0, verb.start()):
            subject = part_collective or None
            if not subject:
                found.doubts.append(f"'{_snippet(text, verb.start())}': a statement with no named speaker")
        if not subject:
            continue
        if verb["verb"] in ROLE_VERBS:
            found.roles.setdefault(subject, ROLE_VERBS[verb["verb"]])
            continue
        current = subject
        if subject not in found.speakers:
            found.speakers.append(subject)
    _passive_roles(text, references, found)
    found.mentions = unique(r.speaker for r in references if r.speaker not in found.speakers)
    if len(found.speakers) > 1:
        found.doubts.append(f"{len(found.speakers)} speakers: {', '.join(found.speakers)}")
    return found


def _subject(text: str, verb_start: int, references: list[Reference]) -> str | None:
    """The speaker named right before the verb, a title's tail, commas or an adverb between them."""
    before = [r for r in references if r.end <= verb_start]
    if not before:
        return None
    last = before[-1]
    if verb_start - last.end > 200 or not SUBJECT_GAP.fullmatch(text, last.end, verb_start):
        return None
    return last.speaker


def _passive_roles(text: str, references: list[Reference], found: Speakers) -> None:
    """ "moderated by Mr. Yukio Takasu": a role cue for whoever follows."""
    for reference in references:
        cue = ROLE_BY_BEFORE.search(text, max(0, reference.start - 40), reference.start)
        if cue:
            found.roles.setdefault(reference.speaker, ROLE_VERBS[cue.group(1).split()[0]])


def _snippet(text: str, offset: int) -> str:
    return fold(text[max(0, offset - 40) : offset + 30])


def unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


# ---------------------------------------------------------------------------
# Themes and documents


def theme_forms(themes: Iterable[Any]) -> list[tuple[str, re.Pattern[str]]]:
    """A regex per theme of its label and synonyms (case aside, plurals too: "pandemic" finds "pandemics")."""
    out = []
    for theme in themes:
        words = [str(field_of(theme, "label"))] + [str(s) for s in field_of(theme, "synonyms", [])]
        alternatives = "|".join(re.escape(w) for w in sorted(filter(None, words), key=len, reverse=True))
        out.append((str(field_of(theme, "id")), re.compile(rf"(?<![\w-])(?:{alternatives})(?:e?s)?(?![\w-])", re.I)))
    return out


def document_forms(documents: Iterable[Any]) -> list[tuple[str, re.Pattern[str], bool]]:
    """(id, regex of its `cited_as` phrases, cited by symbol?) for each document."""
    out = []
    for document in documents:
        phrases = [str(p) for p in field_of(document, "cited_as", [])]
        if not phrases:
            continue
        alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
        by_symbol = any("/" in p for p in phrases)
        out.append((str(field_of(document, "id")), re.compile(rf"(?<![\w/-])(?:{alternatives})(?![\w/-])"), by_symbol))
    return out
