"""The built site is whole: every internal link and fragment resolves, external
links go only to UN hosts, and no page loads anything from another origin."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import Site

# Where the record may send a reader: the UN's document system and its website.
ALLOWED_HOSTS = {"undocs.org", "www.un.org", "un.org"}
HERE = "https://site.invalid/"  # stands for the site's own address once a link is resolved
RESOURCES = (
    "//script/@src", "//link[not(@rel='canonical') and not(@rel='alternate')]/@href", "//img/@src",
    "//iframe/@src", "//source/@src", "//video/@src", "//audio/@src", "//object/@data", "//embed/@src",
)


def absolute(page_url: str, link: str, site_url: str) -> str:
    """`link` resolved from the page where it is published (`site_url` + its URL), and, when it points into
    the site, restated from HERE. Root-relative links (404.html's) count as the site's only under its path."""
    resolved = urljoin(site_url + page_url, link)
    if resolved.startswith(site_url):
        resolved = HERE + resolved[len(site_url):]
    return resolved


def internal_target(resolved: str) -> tuple[str, str] | None:
    """(site-relative path, fragment) for a link into the site, None for another host."""
    if not resolved.startswith(HERE):
        return None
    parts = urlsplit(resolved)
    return parts.path.lstrip("/"), parts.fragment


def pages(site: Site) -> list[str]:
    return site.html_pages()


def test_every_internal_link_and_fragment_resolves(site: Site, site_url: str) -> None:
    broken = []
    checked = 0
    for url in pages(site):
        for link in site.page(url).xpath("//a/@href | //link/@href"):
            target = internal_target(absolute(url, link, site_url))
            if target is None:
                continue
            path, fragment = target
            checked += 1
            if not site.file_for(path).is_file():
                broken.append(f"{url}: {link} (no such file)")
            elif fragment and site.file_for(path).suffix == ".html" and not site.page(path).xpath(
                f'//*[@id="{fragment}"]'
            ):
                broken.append(f"{url}: {link} (no id '{fragment}')")
    assert checked > 500
    assert broken == []


def test_external_links_go_only_to_the_allowed_un_hosts(site: Site, site_url: str) -> None:
    hosts: dict[str | None, str] = {}
    for url in pages(site):
        for link in site.page(url).xpath("//a/@href"):
            if link == "javascript:void(0)":  # Material's own buttons drawn as links; they go nowhere
                continue
            resolved = absolute(url, link, site_url)
            if internal_target(resolved) is None:
                hosts.setdefault(urlsplit(resolved).hostname, f"{url}: {link}")
                assert urlsplit(resolved).scheme == "https", f"{url}: {link}"
    assert "undocs.org" in hosts  # the documents the record cites
    assert set(hosts) <= ALLOWED_HOSTS, {host: where for host, where in hosts.items() if host not in ALLOWED_HOSTS}


def test_no_page_loads_a_resource_from_another_origin(site: Site, site_url: str) -> None:
    foreign = []
    for url in pages(site):
        for link in site.page(url).xpath(" | ".join(RESOURCES)):
            if not link.startswith("data:") and internal_target(absolute(url, link, site_url)) is None:
                foreign.append(f"{url}: {link}")
    assert foreign == []


@pytest.mark.parametrize("suffix", [".css", ".js"])
def test_no_stylesheet_or_script_of_the_site_imports_from_another_origin(site: Site, suffix: str) -> None:
    """Fonts and imports in CSS, and fetched modules in the site's own scripts."""
    pattern = re.compile(r"""(?:@import\s+|url\(\s*|import\(\s*|fetch\(\s*)["']?(https?:)?//""")
    offenders = [
        path.relative_to(site.root).as_posix()
        for path in site.root.rglob(f"*{suffix}")
        if pattern.search(path.read_text(encoding="utf-8", errors="replace"))
    ]
    assert offenders == []


def test_the_sitemap_lists_only_pages_that_exist(site: Site, site_url: str) -> None:
    sitemap = (site.root / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert locations
    for location in locations:
        target = internal_target(absolute("", location, site_url))
        assert target is not None, location
        assert site.file_for(target[0]).is_file(), location
