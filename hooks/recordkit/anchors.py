"""The anchors lock: the published links that must keep working.

`anchors.lock` (at the repository root) lists one link per line, sorted:
`/speakers/francis/` for a page, `/records/<meeting>/<part>/#p-id` for an
anchor in it. It holds every page's URL and every anchor of the record's parts and of
the home page: those are what people cite.
Anchors of the generated index pages (speakers, themes, documents, notes) are
not locked: they follow the annotations (a theme gains or loses a part) and
are not citations of the record.

The build computes the links it is about to publish, before writing anything,
and fails when a locked link is gone, unless it is still reachable: a former
paragraph id kept as an alias (annotation `aliases:`), or a redirect of the
page (mkdocs-redirects), whose anchors must then exist on the new page.
`make anchors` adds newly published links; removing a link from the lock is a
deliberate edit of the file, never a side effect of a command.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from .model import Part
from .pages import Site, home_page
from .problems import Problems
from .sections import split_front_matter
from .urls import HOME, page_url
from .yamlio import parse_yaml, read_text

LOCK_FILE = "anchors.lock"
HEADER = (
    "# Every published URL and anchor of the site, one per line, sorted.\n"
    "# The build fails when one stops resolving (keep the old id as an alias, or redirect the page).\n"
    "# `make anchors` adds new ones; never remove a line unless the link is meant to break.\n"
)
EXTERNAL = ("http://", "https://")


class _IdCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)


def ids_in_html(html: str) -> set[str]:
    """Every `id` attribute in an HTML fragment."""
    collector = _IdCollector()
    collector.feed(html)
    collector.close()
    return collector.ids


def links(published: Mapping[str, Iterable[str]]) -> set[str]:
    """Lock entries for pages (URL -> locked anchors)."""
    entries: set[str] = set()
    for url, anchors in published.items():
        entries.add(url)
        entries.update(f"{url}#{anchor}" for anchor in anchors)
    return entries


def parse_lock(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def format_lock(entries: Iterable[str]) -> str:
    return HEADER + "".join(f"{entry}\n" for entry in sorted(set(entries)))


def unresolved(
    locked: Iterable[str],
    published: Mapping[str, set[str]],
    redirects: Mapping[str, str],
) -> list[str]:
    """Locked links that the site would no longer serve.

    `published` maps each page URL to the ids present in it (locked or not, so
    an alias anywhere in the page counts); `redirects` maps an old page URL to
    its new URL or to an external address.
    """
    missing = []
    for entry in locked:
        url, _, anchor = entry.partition("#")
        target = url if url in published else redirects.get(url, "")
        if target.startswith(EXTERNAL):
            continue  # redirected off the site: nothing here to check
        target = target.partition("#")[0]
        if target not in published or (anchor and anchor not in published[target]):
            missing.append(entry)
    return missing


def updated_lock(locked: Iterable[str], current: Iterable[str]) -> list[str]:
    """The lock after `make anchors`: what it held plus every link published now."""
    return sorted(set(locked) | set(current))


def part_anchors(part: Part) -> set[str]:
    """Every id a part's page holds: its heading, each paragraph and each former id."""
    ids = {part.id}
    for paragraph in part.paragraphs:
        ids.add(paragraph.id)
        ids.update(paragraph.aliases)
    return ids


def site_anchors(site: Site, written: Mapping[str, str]) -> dict[str, set[str]]:
    """Page URL -> the ids to lock, for every page the site publishes: the ids of the pages written
    in docs/ (URL -> HTML), each part's heading and paragraphs; other generated pages by URL only."""
    published = {url: ids_in_html(html) for url, html in written.items()}
    for src_uri in site.generated:
        part = site.corpus.part_by_src.get(src_uri)
        published["/" + site.urls.page(src_uri)] = part_anchors(part) if part else set()
    return published


@dataclass(frozen=True)
class LockCheck:
    locked: list[str]  # the links in the lock file
    publishing: set[str]  # the links to lock now
    missing: list[str]  # locked links that would break

    @property
    def new(self) -> set[str]:
        return self.publishing - set(self.locked)


def check_lock(lock: Path, published: Mapping[str, set[str]], redirects: Mapping[str, str]) -> LockCheck:
    """Compare the lock file with what the build is about to publish (page URL -> ids)."""
    locked = parse_lock(lock.read_text(encoding="utf-8")) if lock.is_file() else []
    return LockCheck(locked, links(published), unresolved(locked, published, redirects))


def broken_links_message(missing: list[str]) -> str:
    listed = "\n".join(f"  - {link}" for link in missing)
    return (f"{LOCK_FILE}: {len(missing)} published link{'s' if len(missing) != 1 else ''} would break:\n"
            f"{listed}\nKeep a paragraph's former id in its annotation (aliases: [old-id]), redirect a moved page "
            "in mkdocs.yml (redirects: redirect_maps), or restore the id.")


def write_lock(lock: Path, check: LockCheck) -> None:
    """`make anchors`: add the links published now (refused while a locked one would break)."""
    if check.missing:
        raise ValueError(f"{LOCK_FILE}: these locked links no longer resolve: {', '.join(check.missing)}")
    lock.write_text(format_lock(updated_lock(check.locked, check.publishing)), encoding="utf-8")


def redirect_urls(redirect_maps: Mapping[str, str], *, directory_urls: bool) -> dict[str, str]:
    """mkdocs-redirects' `redirect_maps` (old page -> new page) as old page URL -> new page URL or address."""
    return {
        "/" + page_url(old, directory_urls=directory_urls):
            new if new.startswith(EXTERNAL) else "/" + page_url(new.partition("#")[0], directory_urls=directory_urls)
        for old, new in redirect_maps.items()
    }


def written_pages(site: Site, docs_dir: Path, to_html: Callable[[str], str], *,
                  root: Path | None = None) -> dict[str, str]:
    """Page URL -> HTML of each Markdown page of docs/ (the home page with its generated listing).

    Read as every input is: a file that is not UTF-8, or whose front matter is not closed, not
    YAML or not a mapping, is a problem naming the file (relative to `root`) and its line, all of
    them raised at once as an `InputError`."""
    problems = Problems()
    pages = {}
    for path in sorted(docs_dir.rglob("*.md")):
        src_uri = path.relative_to(docs_dir).as_posix()
        display = _display(path, root)
        text = read_text(path, display, problems)
        if text is None:
            continue
        read = _front_matter(text, display, problems)
        if read is None:
            continue
        meta, markdown = read
        if src_uri == HOME:
            markdown = home_page(site, title=str(meta.get("title", "")), intro=markdown)
        pages["/" + site.urls.page(src_uri)] = to_html(markdown)
    problems.raise_if_any()
    return pages


def _display(path: Path, root: Path | None) -> str:
    """The file as an editor finds it: relative to the project's root ("docs/index.md")."""
    if root is not None and path.resolve().is_relative_to(root.resolve()):
        return path.resolve().relative_to(root.resolve()).as_posix()
    return path.as_posix()


def _front_matter(text: str, display: str, problems: Problems) -> tuple[dict[str, Any], str] | None:
    """(the front matter, the Markdown after it) of a page of docs/, or None with a problem. A page
    not starting with a '---' line has no front matter: it is all Markdown."""
    if [line.strip() for line in text.splitlines()[:1]] != ["---"]:
        return {}, text
    parts = split_front_matter(text, display, problems)
    if parts is None:
        return None
    front_text, markdown, _ = parts
    errors = len(problems.errors)
    front = parse_yaml(front_text, display, problems, first_line=2)
    if len(problems.errors) > errors:
        return None
    if front is None:  # empty, or only comments
        return {}, markdown
    if not isinstance(front, dict):
        problems.error(display, "the front matter must be 'key: value' lines (a mapping), "
                       f"not a {type(front).__name__}", line=2)
        return None
    return front, markdown


def lock_check(site: Site, *, root: Path, docs_dir: Path, to_html: Callable[[str], str],
               redirect_maps: Mapping[str, str], directory_urls: bool) -> LockCheck:
    """What the build is about to publish against anchors.lock (the build and `make anchors` both ask).
    Raises `InputError` for a page of docs/ that cannot be read (`written_pages`)."""
    published = site_anchors(site, written_pages(site, docs_dir, to_html, root=root))
    return check_lock(root / LOCK_FILE, published, redirect_urls(redirect_maps, directory_urls=directory_urls))
