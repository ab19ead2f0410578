"""A synthetic corpus of `meetings` meetings, in the same format as data/meetings/, made of real UN text.

The project is copied into `out` (mkdocs.yml, anchors.lock and data/'s shared
registries copied; hooks/, overrides/, docs/ and the rest symlinked, as they
are shared). Its data/meetings/ holds the real meetings, then synthetic ones up
to `meetings` in all, of two kinds:

- One synthetic meeting in four (COPY_EVERY) is a copy of a real meeting, in
  turn (so summaries, verbatim records, Security Council meetings and votes stay
  in the corpus), with its own id (its folder), path (records/<id>), date,
  symbol and short title. Everything else (parts, annotations, corrections,
  decisions, source.txt) is the real meeting's, hard links to the real files
  (copies where the file system refuses), so the fidelity check runs in full on it.
- The other three in four are verbatim records of the General Assembly made of
  real statements of its General Debate, from the UN General Debate Corpus
  (UNGDC, below): meeting n takes 3 to 8 statements (STATEMENTS) chosen by a
  pseudo-random generator seeded with n, so every meeting is a different mix and
  the corpus's vocabulary and search postings grow with it as an archive's do
  (until every statement has been used: with 765 statements, a few hundred
  meetings; past that, meetings are new mixes of statements already in, so the
  dictionary stops growing while the postings still do). Its parts are the
  agenda item "General debate" in runs of 1 to 3 statements; each paragraph of a
  statement is a paragraph of the record, spoken by the statement's speaker for
  its delegation, with the themes whose label or synonyms it names (at most 3);
  source.txt is the meeting's front, the parts' headings and the statements'
  paragraphs, line breaks as in the corpus's files, so the fidelity check runs
  in full on it too.

Dates are spread over 1990-2025 (every month, most days, never in date order
with n) so the nav's newest-first order and the year filter vary; a UNGDC
meeting's session is its date's. The speakers, themes and documents registries
are shared, as they are in a real corpus. A UNGDC statement's delegation is the
registry's where its ISO 3166 code or country name matches one (data/delegations.yml),
else one is added to the synthetic project's registry; its speaker is the person
Speakers_by_session.xlsx names for that delegation and session (one speaker
over the sessions they spoke in), added to the synthetic project's
speakers.yml. Only what the corpus uses is added, and never to data/.

10,000 meetings take a few minutes and about 2.5 GB (the UNGDC meetings' text is
their own; the copies of real meetings are hard links).

The UNGDC (https://doi.org/10.7910/DVN/0TJX8Y) is read from ../shared/corpora/UNGDC
beside the project, or from $SYNTH_UNGDC or --ungdc; its README asks users to cite:

    Slava Jankin, Alexander Baturo, and Niheer Dasandi. "Words to unite nations: The complete UN
    General Debate Corpus, 1946-present." Journal of Peace Research, forthcoming.

    Alexander Baturo, Niheer Dasandi, and Slava Mikhaylov, "Understanding State Preferences With
    Text As Data: Introducing the UN General Debate Corpus" Research & Politics, 2017.

`generate(..., ungdc=None)` makes the old corpus: every synthetic meeting a copy of a real one.

Usage: python bench/synth.py --meetings 100 --out .bench/synth-100 [--ungdc PATH | --copies-only]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import shutil
import statistics
import unicodedata
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
MEETINGS_DIR = Path("data") / "meetings"
MEETING_FILE = "meeting.yml"
OWN_COPIES = {"data", "site", "mkdocs.yml", "anchors.lock"}  # the rest of the project is symlinked
UNGDC = Path(os.environ.get("SYNTH_UNGDC") or ROOT.parent / "shared" / "corpora" / "UNGDC")
UNGDC_CITATION = (
    'Slava Jankin, Alexander Baturo and Niheer Dasandi, "Words to unite nations: The complete UN General Debate '
    'Corpus, 1946-present", Journal of Peace Research, forthcoming; Alexander Baturo, Niheer Dasandi and Slava '
    'Mikhaylov, "Understanding State Preferences With Text As Data: Introducing the UN General Debate Corpus", '
    "Research & Politics, 2017")
COPY_EVERY = 4  # one synthetic meeting in four is a copy of a real one, the others are UNGDC statements
# Statements in a UNGDC meeting (uniform, inclusive): a General Debate statement is some 40 paragraphs, so a
# meeting is about 200, the size of the real verbatim records (107 to 363); 10,000 meetings hold 2 million.
STATEMENTS = (3, 8)
STATEMENTS_PER_PART = (1, 3)
MAX_THEMES = 3
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@dataclass
class SynthCorpus:
    meetings: int
    folder: Path
    paragraphs: int
    parts: int  # part pages, over every meeting
    pages: int  # pages the build should write: each meeting's overview, parts, notes, downloads, plus the shared ones
    speakers: int  # in the registry (shared by every meeting)
    themes: int
    source_bytes: int  # every meeting's source text
    words: int = 0  # distinct words (runs of \w, lower-cased) in the published paragraphs
    ungdc_meetings: int = 0  # synthetic meetings made of UNGDC statements
    statements: int = 0  # distinct UNGDC statements in the corpus

    def line(self) -> str:
        return (f"{self.folder}: {self.meetings} meetings ({self.ungdc_meetings} of {self.statements} UNGDC "
                f"statements), {self.paragraphs} paragraphs, {self.parts} parts, ~{self.pages} pages, "
                f"{self.speakers} speakers, {self.themes} themes, {self.words} distinct words, "
                f"source {self.source_bytes / 1e6:.1f} MB")


@dataclass
class _Real:
    folder: Path
    meeting: dict[str, Any]
    paragraphs: int
    parts: int
    source_bytes: int
    words: set[str] = field(default_factory=set)


_WORD = re.compile(r"\w+")


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def _load_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def real_meetings(root: Path) -> list[_Real]:
    reals = []
    for folder in sorted(p for p in (root / MEETINGS_DIR).iterdir() if p.is_dir()):
        meeting = _load_yaml(folder / MEETING_FILE)
        paragraphs = 0
        words: set[str] = set()
        for part in meeting["parts"]:
            lines = (folder / f"{part}.md").read_text(encoding="utf-8").splitlines()
            for index, line in enumerate(lines):
                if line.startswith("{:"):
                    paragraphs += 1
                    if index + 1 < len(lines):
                        words |= _words(lines[index + 1])
        reals.append(_Real(folder, meeting, paragraphs, len(meeting["parts"]),
                           (folder / meeting["source"]).stat().st_size, words))
    return reals


def source_bytes(root: Path = ROOT) -> int:
    """The real meetings' source texts, in bytes."""
    return sum(real.source_bytes for real in real_meetings(root))


def synthetic_date(n: int) -> dt.date:
    """Meeting n's date: spread over 1990-2025, every month and most days, never in date order with n.
    Within a year (n mod 36), the meetings' turn there (n // 36) picks the month and day: taken from n
    itself, a year's meetings all fell in one month (36 and 12 share factors)."""
    year = 1990 + (n * 7) % 36
    turn = n // 36
    month = 1 + (turn * 5) % 12
    day = 1 + (turn * 11) % 28
    return dt.date(year, month, day)


def synthetic_meeting(real: dict[str, Any], n: int) -> dict[str, Any]:
    """meeting.yml of synthetic meeting n, copied from a real one: own id, path, date, symbol, titles."""
    date = synthetic_date(n)
    meeting_id = f"synth-{n:04d}-{real['id']}"[:80]
    when = f"{date.day} {date:%B %Y}"
    copy = {**real, "id": meeting_id, "path": f"records/{meeting_id}", "date": date}
    label = f"Synthetic {n:04d}"
    if real.get("symbol"):
        copy["symbol"] = f"{real['symbol']}/S{n:04d}"
        label = copy["symbol"]
    copy["short_title"] = f"{label}, {when}"
    copy["title"] = f"{real['title']} (synthetic copy {n:04d})"
    copy["citation_title"] = f"{real['citation_title']} (synthetic copy {n:04d}, {when})"
    return copy


# --- The UN General Debate Corpus -------------------------------------------------------------

def slug(text: str) -> str:
    """As hooks/recordkit/slug.py makes an id: "Côte d'Ivoire" -> "cote-d-ivoire"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


# ISO 3166 codes whose delegation the registry names otherwise than the spreadsheet's country name.
DELEGATION_IDS = {
    "BOL": "bolivia-plurinational-state-of", "BRN": "brunei-darussalam", "CIV": "cote-divoire",
    "COD": "democratic-republic-of-the-congo", "CPV": "cape-verde", "CZE": "czech-republic",
    "EU": "european-union", "FSM": "micronesia-federated-states-of", "GBR": "united-kingdom",
    "IRN": "islamic-republic-of-iran", "KOR": "republic-of-korea", "LAO": "lao-peoples-democratic-republic",
    "LBY": "libyan-arab-jamahiriya", "MDA": "republic-of-moldova", "MKD": "the-former-yugoslav-republic-of-macedonia",
    "PRK": "democratic-peoples-republic-of-korea", "PSE": "palestine", "RUS": "russian-federation",
    "SWZ": "swaziland", "SYR": "syrian-arab-republic", "TUR": "turkey", "TZA": "united-republic-of-tanzania",
    "USA": "united-states-of-america", "VAT": "holy-see", "VEN": "bolivarian-republic-of-venezuela",
    "VNM": "viet-nam",
}
# The line-end hyphen the fidelity check accepts kept or gone (hooks/recordkit/fidelity.py): kept here.
_LINE_END_HYPHEN = re.compile(r"(?<=[^\W\d_])-[ \t]*\n[ \t]*(?=[^\W\d_])")
_HONORIFIC = re.compile(r"(Mr\.|Mrs\.|Ms\.|Dr\.|H\.E\.)\s+")
_ENDS_SENTENCE = re.compile(r"[.!?:;\"”’)\]…]$")


@dataclass
class Statement:
    """One file of the UNGDC: a delegation's statement in one session's General Debate."""

    code: str  # ISO 3166-1 alpha-3 ("EU" for the European Union)
    session: int
    year: int
    blocks: list[str]  # its paragraphs as the file's lines (source.txt), in order
    texts: list[str]  # the same, as published (line breaks folded)
    themes: list[list[str]]  # each paragraph's themes
    words: set[str]


@dataclass
class Speaker:
    name: str
    post: str
    country: str


def statement_blocks(text: str) -> list[str]:
    """A statement's paragraphs, each as its lines in the file.

    The files come in three layouts: paragraphs separated by blank lines (most of 2024's), one
    paragraph a line (2017, 2023), or lines wrapped at a column's width with no blank line (2005's,
    from the PDFs): there a line that ends a sentence well short of the column ends a paragraph.
    In every layout a paragraph that stops mid-sentence goes on in the next one if that starts in
    lower case (a page break in the PDF)."""
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    filled = [len(line) for line in lines if line]
    if not filled:
        return []
    groups: list[list[str]] = [[]]
    blank_separated = (len(lines) - len(filled)) * 5 >= len(filled)
    if not blank_separated and statistics.median(filled) >= 200:
        groups = [[line] for line in lines if line]
    else:
        width = sorted(filled)[int(0.9 * (len(filled) - 1))]
        for line in lines:
            if not line:
                groups.append([])
                continue
            groups[-1].append(line)
            if not blank_separated and _ENDS_SENTENCE.search(line) and len(line) < 0.85 * width:
                groups.append([])
    merged: list[list[str]] = []
    for group in groups:
        if not any(ch.isalnum() for line in group for ch in line):  # empty, or "* * *"
            continue
        if merged and not _ENDS_SENTENCE.search(merged[-1][-1]) and group[0][:1].islower():
            merged[-1].extend(group)
        else:
            merged.append(group)
    return ["\n".join(group) for group in merged]


def published(block: str) -> str:
    """The paragraph's text as a part file holds it: on one line, a hyphen at a line end kept."""
    return " ".join((_LINE_END_HYPHEN.sub("-", block) if "-" in block else block).split())


def _theme_names(themes: list[dict[str, Any]]) -> dict[str, list[tuple[str, str]]]:
    """Each theme's label and synonyms, lower-cased, by their first word: (name, theme) pairs."""
    names: dict[str, list[tuple[str, str]]] = {}
    seen: set[str] = set()
    for theme in themes:
        for name in (theme["label"].lower(), *(synonym.lower() for synonym in theme.get("synonyms", []))):
            words = _WORD.findall(name)
            if words and name not in seen:
                seen.add(name)
                names.setdefault(words[0], []).append((name, theme["id"]))
    return names


def themes_named(text: str, names: dict[str, list[tuple[str, str]]]) -> list[str]:
    """The themes whose names the text holds as words, in the order it names them, at most MAX_THEMES.
    (A name is looked for only where its first word is one of the text's: a regex of all the names,
    or a search for each, would try every name at every character.)"""
    lowered = text.lower()
    found: dict[str, int] = {}
    for word in names.keys() & set(_WORD.findall(lowered)):
        for name, theme in names[word]:
            start = lowered.find(name)
            while start >= 0:
                end = start + len(name)
                if (start == 0 or not _is_word(lowered[start - 1])) \
                        and (end == len(lowered) or not _is_word(lowered[end])):
                    found[theme] = min(found.get(theme, start), start)
                    break
                start = lowered.find(name, start + 1)
    return sorted(found, key=found.__getitem__)[:MAX_THEMES]


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def read_speakers(ungdc: Path) -> tuple[dict[tuple[str, int], Speaker], dict[str, str]]:
    """Speakers_by_session.xlsx: (code, session) -> who spoke, and each code's country name.

    Read with the standard library: the workbook's first sheet, columns Year, Session, ISO Code,
    Country, Name of Person Speaking, Post."""
    path = ungdc / "Speakers_by_session.xlsx"
    if not path.is_file():
        return {}, {}
    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    with zipfile.ZipFile(path) as book:
        shared = ["".join(t.text or "" for t in item.iter(f"{main}t"))
                  for item in ET.fromstring(book.read("xl/sharedStrings.xml")).iter(f"{main}si")]
        sheet = ET.fromstring(book.read("xl/worksheets/sheet1.xml"))
    speakers: dict[tuple[str, int], Speaker] = {}
    countries: dict[str, str] = {}
    for row in sheet.iter(f"{main}row"):
        cells: dict[str, str] = {}
        for cell in row.iter(f"{main}c"):
            value = cell.find(f"{main}v")
            if value is not None and value.text is not None:
                text = shared[int(value.text)] if cell.get("t") == "s" else value.text
            else:
                inline = cell.find(f".//{main}t")
                text = inline.text or "" if inline is not None else ""
            cells[re.sub(r"\d", "", cell.get("r", ""))] = " ".join(text.split())
        code, session = cells.get("C", ""), cells.get("B", "")
        if not code or not session.isdigit():
            continue  # the header
        countries.setdefault(code, cells.get("D", ""))
        speakers[code, int(session)] = Speaker(cells.get("E", ""), cells.get("F", ""), cells.get("D", ""))
    return speakers, countries


def read_statements(ungdc: Path, themes: list[dict[str, Any]]) -> list[Statement]:
    """Every statement of ungdc/TXT/Session */, in the order of their paths."""
    names = _theme_names(themes)
    statements = []
    for path in sorted((ungdc / "TXT").glob("Session */*.txt")):
        code, session, year = path.stem.split("_")[:3]
        blocks = statement_blocks(path.read_text(encoding="utf-8", errors="replace"))
        if not blocks:
            continue
        texts = [published(block) for block in blocks]
        statements.append(Statement(code, int(session), int(year), blocks, texts,
                                    [themes_named(text, names) for text in texts],
                                    _words(" ".join(texts))))
    return statements


_ORDINALS = ("zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
             "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth",
             "nineteenth")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def ordinal_words(n: int) -> str:
    """79 -> "seventy-ninth" (1 to 99), as a record's front names its session."""
    if n < 20:
        return _ORDINALS[n]
    tens, unit = divmod(n, 10)
    if unit == 0:
        return _TENS[tens - 2][:-1] + "ieth"
    return f"{_TENS[tens - 2]}-{_ORDINALS[unit]}"


def ordinal(n: int) -> str:
    """102 -> "102nd"."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


class _Registry:
    """The synthetic project's delegations and speakers, added to as the UNGDC meetings need them."""

    def __init__(self, data: Path, speakers: dict[tuple[str, int], Speaker], countries: dict[str, str]) -> None:
        self.data = data
        self.delegations_file = _load_yaml(data / "delegations.yml")
        self.speakers_file = _load_yaml(data / "speakers.yml")
        self.spoke = speakers
        self.countries = countries
        self.delegation_ids = {d["id"] for d in self.delegations_file["delegations"]}
        self.speaker_ids = {s["id"] for s in self.speakers_file["speakers"]}
        self.by_name: dict[str, str] = {}
        for delegation in self.delegations_file["delegations"]:
            for name in (delegation["id"], delegation["name"], *delegation.get("names", [])):
                self.by_name.setdefault(slug(name), delegation["id"])
        self.names = {d["id"]: d["name"] for d in self.delegations_file["delegations"]}
        self.added_delegations: list[dict[str, Any]] = []
        self.added_speakers: list[dict[str, Any]] = []
        self._delegation_of: dict[str, str] = {}
        self._speaker_of: dict[tuple[str, int], str] = {}
        self._speaker_by_key: dict[tuple[str, str], str] = {}

    def country(self, code: str) -> str:
        return self.countries.get(code) or code

    def delegation(self, code: str) -> str:
        """The registry's delegation for an ISO code, added if the registry has none."""
        if code in self._delegation_of:
            return self._delegation_of[code]
        country = self.country(code)
        known = DELEGATION_IDS.get(code)
        delegation_id = known if known in self.delegation_ids else self.by_name.get(slug(country))
        if delegation_id is None:
            delegation_id = slug(country) or code.lower()
            while delegation_id in self.delegation_ids:
                delegation_id += "-ungdc"
            kind = "organization" if code == "EU" else "member-state"
            self.added_delegations.append({"id": delegation_id, "name": country, "kind": kind})
            self.delegation_ids.add(delegation_id)
            self.names[delegation_id] = country
        self._delegation_of[code] = delegation_id
        return delegation_id

    def speaker(self, statement: Statement) -> str:
        """The speaker of a statement: one id for a person over the sessions they spoke in."""
        key = (statement.code, statement.session)
        if key in self._speaker_of:
            return self._speaker_of[key]
        delegation = self.delegation(statement.code)
        who = self.spoke.get(key)
        honorific, name = "", f"Representative of {self.names[delegation]}"
        if who and who.name:
            found = _HONORIFIC.match(who.name)
            honorific, name = (found.group(1), who.name[found.end():]) if found else ("", who.name)
        person = (statement.code, name)
        if person not in self._speaker_by_key:
            speaker_id = slug(f"{name} {statement.code}")
            while speaker_id in self.speaker_ids:
                speaker_id += "-ungdc"
            entry: dict[str, Any] = {"id": speaker_id, "name": name, "delegation": delegation}
            if honorific:
                entry["honorific"] = honorific
            if who and who.post:
                entry["titles"] = [who.post]
            self.added_speakers.append(entry)
            self.speaker_ids.add(speaker_id)
            self._speaker_by_key[person] = speaker_id
        self._speaker_of[key] = self._speaker_by_key[person]
        return self._speaker_of[key]

    def write(self) -> None:
        if self.added_delegations:
            self.delegations_file["delegations"].extend(self.added_delegations)
            _dump(self.delegations_file, self.data / "delegations.yml")
        if self.added_speakers:
            self.speakers_file["speakers"].extend(self.added_speakers)
            _dump(self.speakers_file, self.data / "speakers.yml")


def _dump(data: Any, path: Path) -> None:
    path.write_text(yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=1000),
                    encoding="utf-8")


@dataclass
class _Made:
    paragraphs: int
    parts: int
    source_bytes: int
    used: list[int]  # the statements' indexes


def ungdc_meeting(n: int, statements: list[Statement], registry: _Registry, folder: Path) -> _Made:
    """Write synthetic meeting n, made of UNGDC statements, into `folder` (its id is the folder's name)."""
    rng = random.Random(n)
    chosen = rng.sample(range(len(statements)), rng.randint(*STATEMENTS))
    date = synthetic_date(n)
    session = date.year - 1945 if date.month >= 9 else date.year - 1946
    session_label = f"{ordinal_words(session)} session"
    meeting_id = folder.name
    symbol = f"A/{session}/PV.S{n:04d}"
    meeting_type = f"{ordinal(n)} plenary meeting"
    when = f"{date.day} {date:%B %Y}"
    front = ["United Nations", symbol, f"General Assembly\n{session_label.capitalize()}", "Official Records",
             f"{meeting_type}\n{date:%A}, {when}, 10 a.m.\nNew York"]
    source = list(front)
    participants: dict[str, str] = {}
    parts: list[str] = []
    countries: list[str] = []
    number = 0
    folder.mkdir()
    index = 0
    while index < len(chosen):
        run = chosen[index : index + rng.randint(*STATEMENTS_PER_PART)]
        index += len(run)
        part_id = f"general-debate-{len(parts) + 1}"
        heading = ["Agenda item 8" + (" (continued)" if parts else ""), "General debate"]
        source.extend(heading)
        names = []
        body = []
        for which in run:
            statement = statements[which]
            speaker = registry.speaker(statement)
            delegation = registry.delegation(statement.code)
            participants[speaker] = "representative"
            names.append(registry.names[delegation])
            for block, text, themes in zip(statement.blocks, statement.texts, statement.themes, strict=True):
                number += 1
                themed = f", themes: [{', '.join(themes)}]" if themes else ""
                body.append(f"{{: id: p{number}, speakers: [{speaker}], delegation: {delegation}{themed} }}\n{text}\n")
                source.append(block)
        countries.extend(names)
        title = "General debate: " + ", ".join(names)
        matter = {"id": part_id, "title": title, "number": "8", "agenda_item": 8, "heading": heading}
        front_matter = "\n".join(f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in matter.items())
        (folder / f"{part_id}.md").write_text(f"---\n{front_matter}\n---\n\n" + "\n".join(body), encoding="utf-8")
        parts.append(part_id)
    text = "\n\n".join(source) + "\n"
    (folder / "source.txt").write_text(text, encoding="utf-8")
    named = ", ".join(countries[:3]) + (" and others" if len(countries) > 3 else "")
    meeting = {
        "id": meeting_id, "kind": "verbatim", "path": f"records/{meeting_id}", "symbol": symbol,
        "source": "source.txt", "front": front,
        "title": f"General Assembly, {ordinal(session)} session, {meeting_type} (synthetic, {n:04d})",
        "short_title": f"{symbol}, {when}", "body": "general-assembly", "session": session,
        "session_label": session_label, "meeting_number": n, "meeting_type": meeting_type, "date": date,
        "time": "10 a.m.", "place": "New York", "participants": participants,
        "citation_title": f"General Assembly, {meeting_type}, {symbol} ({when})",
        "description": (f"Synthetic verbatim record of the {meeting_type} of the General Assembly ({session_label}), "
                        f"{when}: statements of the General Debate by {named}, from the UN General Debate Corpus."),
        "parts": parts,
    }
    _dump(meeting, folder / MEETING_FILE)
    return _Made(number, len(parts), len(text.encode("utf-8")), chosen)


# --- The project --------------------------------------------------------------------------------

def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _project_copy(out: Path, root: Path) -> None:
    if out.exists():
        shutil.rmtree(out)
    (out / "data").mkdir(parents=True)
    shutil.copy(root / "mkdocs.yml", out / "mkdocs.yml")
    if (root / "anchors.lock").is_file():  # the real meetings' published links: they keep them all
        shutil.copy(root / "anchors.lock", out / "anchors.lock")
    for entry in root.iterdir():  # hooks/, overrides/, docs/ and whatever else mkdocs.yml names, shared as they are
        if entry.name not in OWN_COPIES and not entry.name.startswith("."):
            (out / entry.name).symlink_to(entry, target_is_directory=entry.is_dir())
    for entry in (root / "data").iterdir():  # the registries: speakers, delegations, themes, documents
        if entry.is_file():
            shutil.copy(entry, out / "data" / entry.name)


def generate(meetings: int, out: Path, root: Path = ROOT, *, only: Iterable[str] | None = None,
             ungdc: Path | None = UNGDC) -> SynthCorpus:
    """A project in `out` whose corpus has `meetings` meetings: the real ones, then synthetic ones,
    three in four made of UNGDC statements read from `ungdc`, one in four copies of the real ones
    (every one a copy with `ungdc=None`); `only` some of the real ones (by id), for a corpus as
    varied at less cost (the tests')."""
    reals = [real for real in real_meetings(root) if only is None or real.folder.name in set(only)]
    if meetings < len(reals):
        raise SystemExit(f"at least {len(reals)} meetings: the real ones are always in")
    statements: list[Statement] = []
    if ungdc is not None:
        if not (ungdc / "TXT").is_dir():
            raise SystemExit(f"no UN General Debate Corpus in {ungdc} (TXT/Session */*.txt): give its folder "
                             "(--ungdc, $SYNTH_UNGDC) or make copies of the real meetings only (--copies-only)")
        statements = read_statements(ungdc, _load_yaml(root / "data" / "themes.yml")["themes"])
    _project_copy(out, root)
    registry = _Registry(out / "data", *(read_speakers(ungdc) if ungdc is not None else ({}, {})))
    target_dir = out / MEETINGS_DIR
    target_dir.mkdir(parents=True)
    paragraphs = parts = source_bytes = copies = made_of_ungdc = 0
    words: set[str] = set()
    used: set[int] = set()
    for real in reals:
        shutil.copytree(real.folder, target_dir / real.folder.name, copy_function=_link_or_copy)
        words |= real.words
    for n in range(meetings):
        if n >= len(reals) and statements and (n - len(reals)) % COPY_EVERY:
            made = ungdc_meeting(n, statements, registry, target_dir / f"synth-{n:04d}-ungdc")
            paragraphs += made.paragraphs
            parts += made.parts
            source_bytes += made.source_bytes
            for which in set(made.used) - used:
                words |= statements[which].words
            used.update(made.used)
            made_of_ungdc += 1
            continue
        real = reals[n if n < len(reals) else copies % len(reals)]
        paragraphs += real.paragraphs
        parts += real.parts
        source_bytes += real.source_bytes
        if n < len(reals):
            continue
        copies += 1
        meeting = synthetic_meeting(real.meeting, n)
        folder = target_dir / meeting["id"]
        shutil.copytree(real.folder, folder, copy_function=_link_or_copy,
                        ignore=shutil.ignore_patterns(MEETING_FILE))
        (folder / MEETING_FILE).write_text(
            yaml.safe_dump(meeting, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    registry.write()
    speakers = _load_yaml(out / "data" / "speakers.yml")["speakers"]
    themes = _load_yaml(out / "data" / "themes.yml")["themes"]
    delegations = _load_yaml(out / "data" / "delegations.yml").get("delegations", [])
    # Each meeting: overview, parts, editorial notes, downloads. Shared: home, 404, the indexes
    # (speakers, delegations, themes, documents), the Data page and a page per speaker, delegation and theme.
    pages = parts + 3 * meetings + 2 + 5 + len(speakers) + len(delegations) + len(themes)
    return SynthCorpus(meetings, out, paragraphs, parts, pages, len(speakers), len(themes), source_bytes,
                       len(words), made_of_ungdc, len(used))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--meetings", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--ungdc", type=Path, default=UNGDC, help=f"the UN General Debate Corpus (default {UNGDC})")
    parser.add_argument("--copies-only", action="store_true", help="every synthetic meeting a copy of a real one")
    args = parser.parse_args()
    print(generate(args.meetings, args.out.resolve(), ungdc=None if args.copies_only else args.ungdc).line())


if __name__ == "__main__":
    main()
