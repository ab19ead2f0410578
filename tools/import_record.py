"""Import meeting records into data/: `make import SRC=path [ID=meeting-id]`.

A `.pdf` is a UN verbatim record of the General Assembly or the Security Council
(recordkit.importers.verbatim), a `.txt` a plain-text summary (recordkit.importers.summary).
Prints what the editor should review and the counts. Bad input: one line naming the file (and
the page or line where known), exit code 2, nothing written for that file.

SRC may be a folder: every .pdf and .txt in it is imported in name order, one bad file does not
stop the others, and one report at the end says what was written, what needs review and what
failed (exit code 2 if any failed).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from recordkit.importers.errors import SourceError  # noqa: E402
from recordkit.importers.imported import ImportedMeeting  # noqa: E402
from recordkit.importers.registry import Registry, load_registry  # noqa: E402
from recordkit.importers.writer import write_meeting  # noqa: E402
from recordkit.problems import InputError  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="a record (.pdf verbatim, .txt summary) or a folder of them")
    parser.add_argument("--id", default="", help="the meeting id (default: from the symbol, or date + title)")
    parser.add_argument("--data", type=Path, default=ROOT / "data", help="the data folder (default: data/)")
    parser.add_argument("--dry-run", action="store_true", help="report only; write nothing")
    args = parser.parse_args(argv)
    if args.source.is_dir():
        if args.id:
            parser.error("--id names one meeting: give a file, not a folder")
        return import_folder(args.source, args.data, dry_run=args.dry_run)
    outcome = import_one(args.source, args.data, meeting_id=args.id, dry_run=args.dry_run)
    if outcome.error:
        print(f"error: {outcome.error}", file=sys.stderr)
        return 2
    for line in outcome.review:
        print(f"review: {line}")
    print(outcome.summary)
    return 0


@dataclass
class Outcome:
    source: Path
    summary: str = ""  # "wrote data/meetings/<id> (verbatim, <id>)" and the counts
    review: list[str] = field(default_factory=list)
    error: str = ""


def import_one(source: Path, data_dir: Path, *, meeting_id: str = "", dry_run: bool = False) -> Outcome:
    """One record; every problem with it (or a registry it is matched against) is the outcome's error."""
    try:
        meeting = read_source(source, load_registry(data_dir), meeting_id)
        result = write_meeting(meeting, data_dir, dry_run=dry_run,
                               original=source if source.suffix.lower() == ".pdf" else None)
    except (SourceError, InputError) as error:
        return Outcome(source, error=str(error))
    counts = ", ".join(f"{name}: {value}" for name, value in result.counts.items())
    verb = "would write" if dry_run else "wrote"
    return Outcome(source, f"{verb} {result.meeting_dir} ({meeting.kind}, {meeting.id})\n  {counts}", result.review)


def import_folder(folder: Path, data_dir: Path, *, dry_run: bool = False) -> int:
    """Every record in `folder`, each against the registries as the ones before it left them."""
    sources = sorted(p for p in folder.iterdir() if p.suffix.lower() in (".pdf", ".txt") and p.is_file())
    if not sources:
        print(f"error: {folder}: no .pdf or .txt record in this folder", file=sys.stderr)
        return 2
    outcomes = []
    for source in sources:
        print(f"importing {source.name} ...", file=sys.stderr, flush=True)
        outcomes.append(import_one(source, data_dir, dry_run=dry_run))
    print(report(outcomes))
    return 2 if any(o.error for o in outcomes) else 0


def report(outcomes: list[Outcome]) -> str:
    written = [o for o in outcomes if not o.error]
    failed = [o for o in outcomes if o.error]
    lines = [f"# Import report: {len(written)} written, {len(failed)} failed, of {len(outcomes)} records", ""]
    lines += ["## Written", *(f"- {o.source.name}: {o.summary}" for o in written), ""]
    lines += ["## Needs review (check each against the PDF)"]
    for o in written:
        lines += [f"### {o.source.name} ({len(o.review)})", *(f"- {line}" for line in o.review)]
    lines += ["", "## Failed (nothing written for these)", *(f"- {o.source.name}: {o.error}" for o in failed)]
    return "\n".join(lines)


def read_source(path: Path, registry: Registry, meeting_id: str = "") -> ImportedMeeting:
    """Dispatch on the file type; every problem with the input is a SourceError."""
    if not path.is_file():
        raise SourceError(path.name, "no such file")
    if path.stat().st_size == 0:
        raise SourceError(path.name, "empty file")
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        from recordkit.importers.verbatim import import_verbatim

        return import_verbatim(path, registry=registry, meeting_id=meeting_id)
    if suffix == ".txt":
        from recordkit.importers.summary import import_summary_file

        meeting = import_summary_file(path, registry=registry)
        if meeting_id:
            meeting.id = meeting_id
        return meeting
    raise SourceError(path.name, f"unknown file type '{suffix}': expected .pdf (verbatim) or .txt (summary)")


if __name__ == "__main__":
    sys.exit(main())
