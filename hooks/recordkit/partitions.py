"""A build in partitions: each year's meetings are built by a job of their own, the pages across
meetings by one more, and their outputs merged make the site a single build makes, byte for byte
(tests/test_partitions.py; tools/build_site.py runs the jobs).

A partition's first step, `summarize`, loads and checks its own meetings (and the shared
registries) only, and leaves in its folder what the other jobs need of them:

- `meetings.pickle`: its meetings whole, for its pages job (parsed and checked once);
- `outline.pickle`: its meetings without their paragraphs, for the other partitions' navigation
  (a page's nav lists the years, its own year's meetings, and links to its neighbours);
- `summary.pickle`: its meetings with each paragraph's text cut to what a listing or a feed shows
  of it (`listed_text`), for the pages across meetings: speakers, delegations, themes, documents,
  listings, feeds, the Data page;
- `search.pickle`: the search records of its paragraphs and votes, which the index merges;
- `<table>.csv.part`, `<table>.jsonl.part`: its rows of the corpus' tables, concatenated in the
  site's order (newest meeting first) by the merge.

The pages job of a partition builds its meetings' pages with every other page present as a stub
(a page MkDocs knows, for the nav and links, but does not build); the shared job builds every other
page the same way. Plain Python, no MkDocs.
"""

from __future__ import annotations

import json
import os
import pickle
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from . import corpus_data, search_records
from .model import Corpus, Meeting, Paragraph
from .pages import EXCERPT_WORDS, SPEAKER_INTRO
from .search_records import SearchRecord
from .urls import SiteUrls

FORMAT = 1  # of the files below: a job refuses a folder written in another format
MEETINGS = "meetings.pickle"
OUTLINE = "outline.pickle"
SUMMARY = "summary.pickle"
SEARCH = "search.pickle"
SHARED = "shared"  # the job that builds the pages across meetings
JOB_NOTES = ".recordkit"  # in a job's site_dir, what the merge reads and leaves out of the site
PAGE_CLASSES = "classes.json"  # the classes of the job's own pages (unused_css.page_classes)
# The pages that belong to a meeting: its partition builds them.
MEETING_PAGE_KINDS = frozenset(("meeting", "part", "notes", "downloads", "vote"))
# Set by tools/build_site.py for a job of a partitioned build.
ENV_JOB = "RECORDKIT_JOB"  # a partition's key, or SHARED
ENV_PARTS = "RECORDKIT_PARTS"  # the folder holding every partition's summary folder

_DATE_LINE = re.compile(r"^date:\s*['\"]?(\d{4})-\d\d-\d\d", re.M)


class PartitionError(Exception):
    """A partition's files are missing, of another format, or do not hold what was planned."""


@dataclass(frozen=True)
class Job:
    """What a job of a partitioned build makes: one partition's meeting pages, or the shared pages."""

    key: str
    parts: Path  # every partition's folder: parts/<key>/

    @property
    def shared(self) -> bool:
        return self.key == SHARED


def job_from_env(environ: Mapping[str, str] = os.environ) -> Job | None:
    """The job this build is, or None for a whole build (`mkdocs build`, `mkdocs serve`)."""
    key = environ.get(ENV_JOB)
    if not key:
        return None
    return Job(key=key, parts=Path(environ.get(ENV_PARTS, "")))


# -- planning -------------------------------------------------------------------------------------


def partition_of(meeting: Meeting) -> str:
    """A meeting's partition: its year (the nav groups meetings by year, so a year's pages are one job's)."""
    return str(meeting.date.year)


def planned_partition(meeting_file: Path) -> str:
    """The partition of a meeting from its meeting.yml's date line, without parsing the YAML (planning
    reads every meeting's file); the partition's job checks it against the date it parses."""
    match = _DATE_LINE.search(meeting_file.read_text(encoding="utf-8"))
    if match is None:
        raise PartitionError(f"{meeting_file}: no 'date: YYYY-MM-DD' line: its partition is unknown")
    return match.group(1)


def order(keys: Iterable[str]) -> list[str]:
    """Partitions in the site's order: newest year first, as the meetings are listed."""
    return sorted(set(keys), key=int, reverse=True)


# -- what a partition leaves for the others --------------------------------------------------------


def listed_text(paragraph: Paragraph) -> str:
    """The text cut to what the pages across meetings show of it: an excerpt of `EXCERPT_WORDS` words,
    after the speaker's introduction where a statement opens with one (pages.excerpt, pages.split_intro).
    One word more than shown, so that the excerpt still ends with its ellipsis."""
    intro = SPEAKER_INTRO.match(paragraph.text)
    start = intro.end() if intro else 0
    kept = paragraph.text[start:].split(" ", EXCERPT_WORDS + 1)[:EXCERPT_WORDS + 1]
    return paragraph.text[:start] + " ".join(kept)


def summarized(meeting: Meeting) -> Meeting:
    return replace(meeting, sections=tuple(
        replace(part, paragraphs=tuple(replace(p, text=listed_text(p)) for p in part.paragraphs))
        for part in meeting.sections))


def outlined(meeting: Meeting) -> Meeting:
    return replace(meeting, sections=tuple(replace(part, paragraphs=()) for part in meeting.sections))


def write_summary(corpus: Corpus, urls: SiteUrls, folder: Path, key: str) -> None:
    """Everything the other jobs need of partition `key`'s meetings (`corpus` holds them alone)."""
    meetings = list(corpus.meetings)
    check_partition(meetings, key)
    folder.mkdir(parents=True, exist_ok=True)
    _dump(folder / MEETINGS, meetings)
    _dump(folder / OUTLINE, [outlined(m) for m in meetings])
    _dump(folder / SUMMARY, [summarized(m) for m in meetings])
    _dump(folder / SEARCH, search_records.search_records(search_records.paragraph_views(corpus, urls)))
    for name, (csv_rows, jsonl_rows) in corpus_data.table_texts(corpus, urls).items():
        with (folder / f"{name}.csv.part").open("w", encoding="utf-8", newline="") as csv:
            csv.write(csv_rows)
        with (folder / f"{name}.jsonl.part").open("w", encoding="utf-8", newline="") as jsonl:
            jsonl.write(jsonl_rows)


def _dump(path: Path, value: Any) -> None:
    with path.open("wb") as out:
        pickle.dump((FORMAT, value), out, protocol=pickle.HIGHEST_PROTOCOL)


def _load(path: Path) -> Any:
    # Only the build's own files, written by the same code (their cache key holds its hash): never input.
    try:
        with path.open("rb") as source:
            version, value = pickle.load(source)
    except FileNotFoundError:
        raise PartitionError(f"{path} is missing: run the partition's summarize step first") from None
    if version != FORMAT:
        raise PartitionError(f"{path} is of format {version}, not {FORMAT}: summarize the partition again")
    return value


def partition_keys(parts: Path) -> list[str]:
    return order(path.name for path in parts.iterdir() if path.is_dir() and path.name != SHARED)


def meetings_of(parts: Path, key: str) -> list[Meeting]:
    meetings: list[Meeting] = _load(parts / key / MEETINGS)
    check_partition(meetings, key)
    return meetings


def check_partition(meetings: Iterable[Meeting], key: str) -> None:
    """Partition `key` holds its year's meetings only: checked when a summary is written (the plan reads
    a meeting's year from its date line) and when it is read (the summaries may come from other machines)."""
    wrong = [m.id for m in meetings if partition_of(m) != key]
    if wrong:
        raise PartitionError(f"partition {key} holds meetings of other years: {', '.join(wrong)}")


def outline_of(parts: Path, key: str) -> list[Meeting]:
    """A partition's meetings without their paragraphs, newest first."""
    outline: list[Meeting] = _load(parts / key / OUTLINE)
    return outline


def page_job_meetings(parts: Path, key: str) -> list[Meeting]:
    """A pages job's meetings: its own whole, the others' outlines (for the nav), newest first."""
    meetings = meetings_of(parts, key)
    for other in partition_keys(parts):
        if other != key:
            meetings += _load(parts / other / OUTLINE)
    return newest_first(meetings)


def shared_job_meetings(parts: Path) -> list[Meeting]:
    """The shared job's meetings: every partition's summary, newest first."""
    return newest_first([m for key in partition_keys(parts) for m in _load(parts / key / SUMMARY)])


def newest_first(meetings: list[Meeting]) -> list[Meeting]:
    return sorted(meetings, key=lambda m: (m.date, m.id), reverse=True)  # as loader.load_corpus


class MergedRecords(Sequence[SearchRecord]):
    """Every partition's search records in the site's order, read from disk at each pass: the index
    makes two passes, and never holds more than one partition's records."""

    def __init__(self, parts: Path) -> None:
        self.folders = [parts / key for key in partition_keys(parts)]
        self._length = sum(len(_load(folder / SEARCH)) for folder in self.folders)

    def __len__(self) -> int:
        return self._length

    def __iter__(self) -> Iterator[SearchRecord]:
        for folder in self.folders:
            yield from _load(folder / SEARCH)

    def __getitem__(self, index: Any) -> Any:
        raise TypeError("the merged search records are read in order only")


def merged_tables(parts: Path) -> dict[str, tuple[list[Path], list[Path]]]:
    """Each table's files of CSV rows and of JSON Lines, every partition's, in the site's order."""
    keys = partition_keys(parts)
    return {table.name: ([parts / key / f"{table.name}.csv.part" for key in keys],
                         [parts / key / f"{table.name}.jsonl.part" for key in keys])
            for table in corpus_data.TABLES}


def write_page_classes(site_dir: Path, classes: set[str]) -> None:
    folder = site_dir / JOB_NOTES
    folder.mkdir(exist_ok=True)
    (folder / PAGE_CLASSES).write_text(json.dumps(sorted(classes)), encoding="utf-8")


def read_page_classes(site_dir: Path) -> set[str]:
    return set(json.loads((site_dir / JOB_NOTES / PAGE_CLASSES).read_text(encoding="utf-8")))


def owned_by_partition(kind: str, subject: Any, meeting_ids: frozenset[str]) -> bool:
    """Whether a generated page (navigation.generated_pages) is one of these meetings' own."""
    if kind not in MEETING_PAGE_KINDS:
        return False
    meeting_id = subject.id if isinstance(subject, Meeting) else subject.meeting_id
    return meeting_id in meeting_ids
