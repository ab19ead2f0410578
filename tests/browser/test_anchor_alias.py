"""An old paragraph id kept as an alias still lands on, and highlights, the paragraph."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from typing import Any

import pytest

from browser.conftest import _SiteHandler
from browser.helpers import PART, paragraph_state
from project_copy import RECORD_DIR, Project

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """This module's pages: a site where p-closing-takasu was renamed, keeping its old id as an alias."""
    project = Project.copy_of_repo(tmp_path_factory.mktemp("alias") / "project")
    project.edit(f"{RECORD_DIR}/concluding-remarks.md", "{: id: p-closing-takasu,",
                 "{: id: p-closing-remarks, aliases: [p-closing-takasu],")
    site = project.root.parent / "site"
    result = project.build(site)
    assert result.returncode == 0, result.stderr
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_SiteHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def test_the_old_link_lands_on_the_renamed_paragraph(page: Any) -> None:
    page.goto(f"{PART}concluding-remarks/#p-closing-takasu")
    page.wait_for_load_state("load")
    page.wait_for_timeout(200)
    assert page.evaluate("document.getElementById('p-closing-takasu').matches(':target')")
    state = paragraph_state(page, "p-closing-remarks")
    assert state["found"] and not state["target"]
    assert state["topInView"], state
    assert state["background"] not in ("rgba(0, 0, 0, 0)", "transparent", state["pageBackground"]), state
