"""A plain-Material baseline of the same Markdown: the pages the hooks produce, built without hooks.

We build the real site once with one more `on_page_markdown` handler, run
after every other one, that saves each page's final Markdown (the record's
parts rendered from the model, and the generated speaker, theme, document and
notes pages) with its title and description as front matter. The baseline is
those files under a mkdocs.yml without `hooks:`, extra CSS/JS, custom_dir or
plugins other than search: plain Material building the very same Markdown.
So the build ratio is the hooks' cost (loading, checking, rendering, search
entries), and the pages weigh what plain Material makes of this record.
Baseline from the raw section files would be a different site: their
annotation lines would show as text and the speaker and theme pages would
not exist.

Usage: python bench/baseline.py OUT   (writes OUT/mkdocs.yml and OUT/docs/)
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.utils.yaml import get_yaml_loader

ROOT = Path(__file__).resolve().parent.parent
THEME_KEYS = ("name", "language", "font", "icon", "features")


def capture_markdown(out_docs: Path) -> None:
    """Build the real site (into a throwaway folder), saving every page's final Markdown under `out_docs`."""

    def capture(markdown: str, page: Any, config: Any, files: Any) -> None:
        # Only a title set on purpose (by a hook or front matter); MkDocs finds the others in the H1 again.
        title = page.meta.get("title") or vars(page).get("title")
        front = {"title": title, "description": page.meta.get("description")}
        front = {key: value for key, value in front.items() if value}
        target = out_docs / page.file.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"---\n{yaml.safe_dump(front, allow_unicode=True, width=1000)}---\n\n{markdown}",
                          encoding="utf-8")

    os.chdir(ROOT)
    with tempfile.TemporaryDirectory() as site_dir:
        config = load_config(config_file=str(ROOT / "mkdocs.yml"), strict=True, site_dir=site_dir)
        config.plugins.events["page_markdown"].append(capture)  # last: after the hooks
        build(config)


def plain_config(out: Path) -> None:
    """mkdocs.yml of the baseline: the real one without anything of ours."""
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as file:
        real = yaml.load(file, Loader=get_yaml_loader())  # MkDocs' own loader (!ENV tags)
    theme = {key: real["theme"][key] for key in THEME_KEYS if key in real["theme"]}
    config = {
        "site_name": real["site_name"],
        "site_url": real.get("site_url"),
        "site_description": real.get("site_description"),
        "docs_dir": "docs",
        "use_directory_urls": real.get("use_directory_urls", True),
        "theme": theme,  # Material's own palette: the custom colours live in our CSS
        "plugins": ["search"],
        "markdown_extensions": real.get("markdown_extensions", []),
        "nav": real.get("nav"),
    }
    (out / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


def make_baseline(out: Path) -> Path:
    if out.exists():
        shutil.rmtree(out)
    (out / "docs").mkdir(parents=True)
    capture_markdown(out / "docs")
    plain_config(out)
    return out / "mkdocs.yml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    print(make_baseline(args.out.resolve()))


if __name__ == "__main__":
    main()
