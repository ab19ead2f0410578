"""The anchors lock: the published links that must keep working.

`anchors.lock` (at the repository root) lists one link per line, sorted:
`/speakers/francis/` for a page, `/records/<meeting>/<part>/#p-id` for an
anchor in it. It holds every page's URL and every anchor of the pages written
in `docs/` (the record's parts, the home page): those are what people cite.
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

from collections.abc import Iterable, Mapping
from html.parser import HTMLParser

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
