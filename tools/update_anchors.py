"""`make anchors`: add every link the site publishes now to anchors.lock.

Loads the site's configuration and the record exactly as `mkdocs build` does
(so bad input fails the same way), then lets the hooks write the lock. Links
already in the lock are kept; one that no longer resolves stops the command.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config-file", type=Path, default=ROOT / "mkdocs.yml")
    args = parser.parse_args(argv)
    try:
        config = load_config(str(args.config_file))
        config.plugins.on_startup(command="build", dirty=False)
        config = config.plugins.on_config(config)
        # MkDocs wraps the hooks module as a plugin whose attributes are the module's functions.
        lock = config.plugins["hooks/events.py"].update_anchors_lock(config)  # type: ignore[attr-defined]
    except MkDocsException as error:
        print(f"Error: {error}", file=sys.stderr)
        return 1
    print(f"updated {lock}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
