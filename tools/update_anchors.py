"""`make anchors`: add every link the site publishes now to anchors.lock.

Loads the site's configuration and the records exactly as `mkdocs build` does
(so bad input fails the same way) and asks `recordkit.anchors` what the site
publishes. Links already in the lock are kept; one that no longer resolves
stops the command.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from markdown import Markdown  # noqa: E402 - after the path to recordkit
from mkdocs.config import load_config  # noqa: E402

from recordkit import anchors, pages, urls  # noqa: E402
from recordkit.loader import load_corpus  # noqa: E402
from recordkit.problems import InputError  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--config-file", type=Path, default=ROOT / "mkdocs.yml")
    args = parser.parse_args(argv)
    config = load_config(str(args.config_file))
    root = args.config_file.resolve().parent
    try:
        corpus = load_corpus(root=root, data_dir=root / "data").corpus
    except InputError as error:
        print(f"Error: {error}", file=sys.stderr)
        return 1
    site = pages.Site(corpus, urls.SiteUrls(corpus, directory_urls=config.use_directory_urls,
                                            site_url=config.site_url or ""))
    converter = Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    redirects = config.plugins.get("redirects")
    try:
        check = anchors.lock_check(
            site, root=root, docs_dir=Path(config.docs_dir),
            to_html=lambda markdown: converter.reset().convert(markdown),
            redirect_maps=redirects.config.get("redirect_maps", {}) if redirects is not None else {},
            directory_urls=config.use_directory_urls,
        )
    except InputError as error:
        print(f"Error: {error}", file=sys.stderr)
        return 1
    try:
        anchors.write_lock(root / anchors.LOCK_FILE, check)
    except ValueError as error:
        print(f"Error: {error}", file=sys.stderr)
        return 1
    print(f"updated {root / anchors.LOCK_FILE}: {len(check.new)} new link(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
