"""A synthetic record `scale` times the real one, in the same format as docs/ and data/.

Replica c (0 <= c < scale) of the real record gets its own speakers, themes,
paragraph ids and corrections (ids suffixed `-r<c>`; replica 0 keeps the real
ids, so scale 1 is the real record). The record keeps its five parts, whose
Markdown files hold every replica's paragraphs in turn: the nav stays as it is
and the parts, speakers and themes grow in proportion to the paragraphs.

The source text is made the same way, replica by replica, so the build's
fidelity check runs in full. A correction's original must occur once in the
whole source, so each replica's tag (" [r<c>]") follows it in the source and
in the corrected text (for scale 1 there is no tag).

Usage: python bench/synth.py --scale 10 --out .bench/synth-10
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from recordkit import fidelity  # noqa: E402
from recordkit.problems import Problems  # noqa: E402
from recordkit.sections import RawSection, parse_section, split_front_matter  # noqa: E402

BLANK_LINE = re.compile(r"\n\s*\n")
OWN_COPIES = {"data", "docs", "site", "mkdocs.yml", "anchors.lock"}


@dataclass
class SynthRecord:
    scale: int
    folder: Path
    paragraphs: int
    speakers: int
    themes: int
    corrections: int
    source_bytes: int


def source_name(root: Path) -> str:
    """The source text's path under data/, as data/meeting.yml names it."""
    return _load_yaml(root / "data" / "meeting.yml")["source"]


def _suffix(identifier: str, replica: int) -> str:
    return identifier if replica == 0 else f"{identifier}-r{replica}"


def _tag(replica: int, scale: int) -> str:
    return "" if scale == 1 else f" [r{replica}]"


def _load_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _dump_yaml(path: Path, data: Any) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")


def _source_parts(source: str) -> tuple[list[str], list[tuple[str, str]]]:
    """(front blocks, [(heading, raw text of the part's paragraphs)]), split as fidelity.source_blocks does."""
    blocks = [block.strip() for block in BLANK_LINE.split(source.replace("\r\n", "\n")) if block.strip()]
    front, parts = blocks[:2], list[tuple[str, list[str]]]()
    for block in blocks[2:]:
        if fidelity.HEADING.match(fidelity.normalise(block)):
            parts.append((block, []))
        else:
            parts[-1][1].append(block)
    return front, [(heading, "\n\n".join(body)) for heading, body in parts]


def _read_sections(folder: Path) -> list[tuple[str, str, RawSection]]:
    """(file name, front matter text, parsed section) of the real record, in order."""
    problems = Problems()
    sections = []
    for path in sorted(folder.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        front, _, _ = split_front_matter(text, path.name, problems) or ("", "", 0)
        section = parse_section(text, file=path.name, src_uri=path.name, problems=problems)
        if section is not None:
            sections.append((path.name, front, section))
    problems.raise_if_any()
    return sorted(sections, key=lambda item: item[2].order)


def _annotation(paragraph: Any, replica: int) -> str:
    fields = [f"id: {_suffix(paragraph.id, replica)}"]
    for key in ("aliases", "speakers", "mentions", "themes"):  # aliases are former paragraph ids
        values = getattr(paragraph, key, ())
        if values:
            fields.append(f"{key}: [{', '.join(_suffix(v, replica) for v in values)}]")
    if paragraph.documents:  # documents are not replicated: every replica cites the same ones
        fields.append(f"documents: [{', '.join(paragraph.documents)}]")
    return "{: " + ", ".join(fields) + " }"


def generate(scale: int, out: Path, root: Path = ROOT) -> SynthRecord:
    data, docs = root / "data", root / "docs"
    meeting = _load_yaml(data / "meeting.yml")
    corrections = _load_yaml(data / "corrections.yml")["corrections"]
    speakers_data = _load_yaml(data / "speakers.yml")
    themes = _load_yaml(data / "themes.yml")["themes"]
    record_path = meeting["path"].strip("/")
    source = (data / meeting["source"]).read_text(encoding="utf-8")
    front_blocks, parts = _source_parts(source)
    sections = _read_sections(docs / record_path)
    if len(parts) != len(sections):
        raise SystemExit(f"the source has {len(parts)} parts, docs/ has {len(sections)}")

    if out.exists():
        shutil.rmtree(out)
    (out / "data").mkdir(parents=True)
    shutil.copy(root / "mkdocs.yml", out / "mkdocs.yml")
    if (root / "anchors.lock").is_file():  # the real record's published links: replica 0 keeps them all
        shutil.copy(root / "anchors.lock", out / "anchors.lock")
    for entry in root.iterdir():  # hooks/, overrides/ and whatever else mkdocs.yml names, shared as they are
        if entry.name not in OWN_COPIES and not entry.name.startswith("."):
            (out / entry.name).symlink_to(entry, target_is_directory=entry.is_dir())
    shutil.copytree(docs, out / "docs", ignore=shutil.ignore_patterns(Path(record_path).name))
    for name in ("meeting.yml", "documents.yml"):
        shutil.copy(data / name, out / "data" / name)

    source_parts, paragraph_count = [], 0
    for (heading, raw_text), (file_name, front, section) in zip(parts, sections, strict=True):
        source_text, paragraphs = _replicate_part(raw_text, section, corrections, scale)
        paragraph_count += len(paragraphs)
        source_parts.append(heading + "\n\n" + source_text)
        target = out / "docs" / record_path / file_name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"---\n{front}\n---\n\n" + "\n".join(paragraphs), encoding="utf-8")

    synthetic_source = "\n\n".join(front_blocks + source_parts) + "\n"
    source_file = out / "data" / meeting["source"]
    source_file.parent.mkdir(parents=True, exist_ok=True)
    source_file.write_text(synthetic_source, encoding="utf-8")

    speakers = [_replicate(s, r, name_keys=("name",)) for r in range(scale) for s in speakers_data["speakers"]]
    _dump_yaml(out / "data" / "speakers.yml", {"roles": speakers_data["roles"], "speakers": speakers})
    _dump_yaml(out / "data" / "themes.yml",
               {"themes": [_replicate(t, r, name_keys=("label",)) for r in range(scale) for t in themes]})
    _dump_yaml(out / "data" / "corrections.yml", {"corrections": [
        {**c, "id": _suffix(c["id"], r), "paragraph": _suffix(c["paragraph"], r),
         "original": c["original"] + _tag(r, scale), "corrected": c["corrected"] + _tag(r, scale)}
        for r in range(scale) for c in corrections
    ]})
    return SynthRecord(scale, out, paragraph_count, len(speakers), scale * len(themes), scale * len(corrections),
                       len(synthetic_source.encode("utf-8")))


def _replicate_part(raw_text: str, section: RawSection, corrections: list[dict[str, Any]],
                    scale: int) -> tuple[str, list[str]]:
    """(the part's source text, its annotated paragraphs), every replica in turn."""
    own = [c for c in corrections if c["original"] in raw_text]
    sources, paragraphs = [], []
    for replica in range(scale):
        tag = _tag(replica, scale)
        raw = raw_text
        for correction in own:
            raw = raw.replace(correction["original"], correction["original"] + tag, 1)
        corrected = raw
        for correction in own:
            corrected = corrected.replace(correction["original"] + tag, correction["corrected"] + tag, 1)
        texts = [fidelity.normalise(block) for block in BLANK_LINE.split(corrected) if block.strip()]
        if len(texts) != len(section.paragraphs):
            raise SystemExit(f"{section.file}: {len(texts)} paragraphs in the corrected source, "
                             f"{len(section.paragraphs)} in docs/")
        sources.append(raw)
        paragraphs += [f"{_annotation(p, replica)}\n{text}\n"
                       for p, text in zip(section.paragraphs, texts, strict=True)]
    return "\n\n".join(sources), paragraphs


def _replicate(entry: dict[str, Any], replica: int, *, name_keys: tuple[str, ...]) -> dict[str, Any]:
    copy = {**entry, "id": _suffix(entry["id"], replica)}
    for key in name_keys:
        if replica and key in copy:
            copy[key] = f"{copy[key]} {replica}"
    return copy


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    made = generate(args.scale, args.out.resolve())
    print(f"{made.folder}: {made.paragraphs} paragraphs, {made.speakers} speakers, {made.themes} themes, "
          f"{made.corrections} corrections, source {made.source_bytes} bytes")


if __name__ == "__main__":
    main()
