"""A throwaway copy of the project, to build or load with one input changed."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

from conftest import ROOT, build_site

RECORD_DIR = "data/meetings/2024-04-02-human-security"
# Everything a build reads; not the venv, the tests, outputs or caches.
SKIPPED = {".git", ".venv", "site", "tests", ".pytest_cache", ".bench", "node_modules"}


class Project:
    def __init__(self, root: Path) -> None:
        self.root = root

    @classmethod
    def copy_of_repo(cls, target: Path) -> Project:
        target.mkdir(parents=True, exist_ok=True)
        for source in ROOT.iterdir():
            name = source.name
            if name in SKIPPED or name.endswith(".egg-info"):
                continue
            if source.is_dir():
                shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
            elif source.exists():
                shutil.copy2(source, target / name)
        return cls(target)

    def path(self, relative: str) -> Path:
        return self.root / relative

    def read(self, relative: str) -> str:
        return self.path(relative).read_text(encoding="utf-8")

    def edit(self, relative: str, old: str, new: str, *, count: int = 1) -> None:
        """Replace `old` (which must be there) by `new` in one file."""
        text = self.read(relative)
        assert old in text, f"{old!r} not in {relative}"
        self.path(relative).write_text(text.replace(old, new, count), encoding="utf-8")

    def line_of(self, relative: str, fragment: str) -> int:
        """The 1-based line of the first line containing `fragment`."""
        for number, line in enumerate(self.read(relative).splitlines(), start=1):
            if fragment in line:
                return number
        raise AssertionError(f"{fragment!r} not in {relative}")

    def load(self):
        from recordkit.loader import load_corpus

        return load_corpus(root=self.root, data_dir=self.root / "data")

    def problems(self) -> list:
        """The problems load_corpus reports; fails if it loads cleanly."""
        from recordkit.problems import InputError

        try:
            self.load()
        except InputError as error:
            return error.problems
        raise AssertionError("the record loaded without any problem")

    def build(self, site_dir: Path, *, strict: bool = True,
              env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        return build_site(site_dir, config=self.root / "mkdocs.yml", strict=strict, env=env)


def snapshot(folder: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file under `folder`."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
