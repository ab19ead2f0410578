"""Import a meeting record into data/: `make import SRC=path [ID=meeting-id]`.

A `.pdf` is a UN verbatim record (recordkit.importers.verbatim), a `.txt` a plain-text
summary (recordkit.importers.summary). Prints what the editor should review and the counts.
Bad input: one line naming the file (and the page or line where known), exit code 2,
nothing written.
"""

from __future__ import annotations

import argparse
import sys
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
    parser.add_argument("source", type=Path, help="a verbatim record (.pdf) or a plain-text summary (.txt)")
    parser.add_argument("--id", default="", help="the meeting id (default: from the symbol, or date + title)")
    parser.add_argument("--data", type=Path, default=ROOT / "data", help="the data folder (default: data/)")
    parser.add_argument("--dry-run", action="store_true", help="report only; write nothing")
    args = parser.parse_args(argv)
    try:
        meeting = read_source(args.source, load_registry(args.data), args.id)
        result = write_meeting(meeting, args.data, dry_run=args.dry_run,
                               original=args.source if args.source.suffix.lower() == ".pdf" else None)
    except (SourceError, InputError) as error:  # the record, or a registry it is matched against
        print(f"error: {error}", file=sys.stderr)
        return 2
    for line in result.review:
        print(f"review: {line}")
    print(("would write" if args.dry_run else "wrote") + f" {result.meeting_dir} ({meeting.kind}, {meeting.id})")
    print(", ".join(f"{name}: {value}" for name, value in result.counts.items()))
    return 0


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
