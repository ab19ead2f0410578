"""A synthetic corpus of `meetings` meetings, in the same format as data/meetings/.

The project is copied into `out` (mkdocs.yml, anchors.lock and data/'s shared
registries copied; hooks/, overrides/, docs/ and the rest symlinked, as they
are shared). Its data/meetings/ holds the real meetings, then synthetic ones up
to `meetings` in all: synthetic meeting n is a copy of real meeting n mod 3 (so
the corpus is shaped like the real one: summaries and verbatim records in the
real proportion), with its own id (its folder), path (records/<id>), date
(spread over the years, so the nav's newest-first order and the year filter
vary), symbol and short title. Everything else (parts, annotations,
corrections, source.txt) is the real meeting's, so the build's fidelity check
runs in full on every meeting. The speakers, themes and documents registries
are shared, as they are in a real corpus: the same speakers come back.

The parts, corrections and source of a copy are hard links to the real files
(copies where the file system refuses): 1,000 meetings take seconds.

Usage: python bench/synth.py --meetings 100 --out .bench/synth-100
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
MEETINGS_DIR = Path("data") / "meetings"
MEETING_FILE = "meeting.yml"
OWN_COPIES = {"data", "site", "mkdocs.yml", "anchors.lock"}  # the rest of the project is symlinked


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

    def line(self) -> str:
        return (f"{self.folder}: {self.meetings} meetings, {self.paragraphs} paragraphs, {self.parts} parts, "
                f"~{self.pages} pages, {self.speakers} speakers, {self.themes} themes, "
                f"source {self.source_bytes / 1e6:.1f} MB")


@dataclass
class _Real:
    folder: Path
    meeting: dict[str, Any]
    paragraphs: int
    parts: int
    source_bytes: int


def _load_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def real_meetings(root: Path) -> list[_Real]:
    reals = []
    for folder in sorted(p for p in (root / MEETINGS_DIR).iterdir() if p.is_dir()):
        meeting = _load_yaml(folder / MEETING_FILE)
        paragraphs = sum(
            sum(1 for line in (folder / f"{part}.md").read_text(encoding="utf-8").splitlines()
                if line.startswith("{:"))
            for part in meeting["parts"])
        reals.append(_Real(folder, meeting, paragraphs, len(meeting["parts"]),
                           (folder / meeting["source"]).stat().st_size))
    return reals


def source_bytes(root: Path = ROOT) -> int:
    """The real meetings' source texts, in bytes."""
    return sum(real.source_bytes for real in real_meetings(root))


def synthetic_date(n: int) -> dt.date:
    """Meeting n's date: spread over 1990-2025, every month and most days, never in date order with n."""
    year = 1990 + (n * 7) % 36
    month = 1 + (n * 5) % 12
    day = 1 + (n * 11) % 28
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


def generate(meetings: int, out: Path, root: Path = ROOT, *, only: Iterable[str] | None = None) -> SynthCorpus:
    """A project in `out` whose corpus has `meetings` meetings: the real ones, then copies of them;
    `only` some of the real ones (by id), for a corpus as varied at less cost (the tests')."""
    reals = [real for real in real_meetings(root) if only is None or real.folder.name in set(only)]
    if meetings < len(reals):
        raise SystemExit(f"at least {len(reals)} meetings: the real ones are always in")
    _project_copy(out, root)
    target_dir = out / MEETINGS_DIR
    target_dir.mkdir(parents=True)
    paragraphs = parts = source_bytes = 0
    for real in reals:
        shutil.copytree(real.folder, target_dir / real.folder.name, copy_function=_link_or_copy)
    for n in range(meetings):
        real = reals[n % len(reals)]
        paragraphs += real.paragraphs
        parts += real.parts
        source_bytes += real.source_bytes
        if n < len(reals):
            continue
        meeting = synthetic_meeting(real.meeting, n)
        folder = target_dir / meeting["id"]
        shutil.copytree(real.folder, folder, copy_function=_link_or_copy,
                        ignore=shutil.ignore_patterns(MEETING_FILE))
        (folder / MEETING_FILE).write_text(
            yaml.safe_dump(meeting, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    speakers = _load_yaml(out / "data" / "speakers.yml")["speakers"]
    themes = _load_yaml(out / "data" / "themes.yml")["themes"]
    delegations = _load_yaml(out / "data" / "delegations.yml").get("delegations", [])
    # Each meeting: overview, parts, editorial notes, downloads. Shared: home, 404, the indexes
    # (speakers, delegations, themes, documents), the Data page and a page per speaker, delegation and theme.
    pages = parts + 3 * meetings + 2 + 5 + len(speakers) + len(delegations) + len(themes)
    return SynthCorpus(meetings, out, paragraphs, parts, pages, len(speakers), len(themes), source_bytes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--meetings", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    print(generate(args.meetings, args.out.resolve()).line())


if __name__ == "__main__":
    main()
